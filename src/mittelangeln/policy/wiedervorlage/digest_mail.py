"""The text of the daily digest: what is due for one person, in German,
with the address of each object."""

from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.wiedervorlage.links import link
from mittelangeln.policy.wiedervorlage.listing import row


def subject(rows, today):
    return translate(
        _(
            "Wiedervorlagen on ${date}: ${count} due",
            mapping={"date": german_date(today), "count": len(rows)},
        )
    )


def body(name, pairs, today):
    """The mail for ``name`` about ``pairs`` [(object, entry)] due by ``today``."""
    lines = [
        translate(_("Good day ${name},", mapping={"name": name})),
        "",
        translate(_("these Wiedervorlagen are due today (${date}):", mapping={"date": german_date(today)})),
    ]
    for obj, entry in pairs:
        shown = row(obj, entry, today)
        heading = " ".join(part for part in (shown["reference"], shown["title"]) if part)
        lines += ["", f"- {heading} ({translate(shown['due'])})"]
        lines.append("  " + translate(_("for ${name}", mapping={"name": shown["for"]})))
        if shown["note"]:
            lines.append("  " + translate(_("Note: ${note}", mapping={"note": shown["note"].replace("\n", "\n  ")})))
        lines.append("  " + link(obj))
    lines += [
        "",
        translate(_("All your Wiedervorlagen: ${url}", mapping={"url": link(None, "meine-wiedervorlagen")})),
        "",
        translate(_("Amt Mittelangeln")),
    ]
    return "\n".join(lines)
