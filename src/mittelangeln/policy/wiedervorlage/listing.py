"""One Wiedervorlage as the screens and the digest show it."""

from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.formatting import portal_zone
from mittelangeln.policy.i18n import _
from mittelangeln.policy.principals import principal_title


def reference(obj):
    """Aktenzeichen of an Akte or Vorgang, Eingangsnummer of an Eingang."""
    return getattr(obj, "aktenzeichen", None) or getattr(obj, "eingangsnummer", None) or ""


def due_text(date, today):
    """Overdue and due are said in words, not only by colour."""
    days = (today - date).days
    if days > 0:
        return _(
            "overdue by ${count} day",
            msgid_plural="overdue by ${count} days",
            number=days,
            mapping={"count": days},
        )
    if days == 0:
        return _("due today")
    if days == -1:
        return _("due tomorrow")
    return _(
        "due in ${count} day",
        msgid_plural="due in ${count} days",
        number=-days,
        mapping={"count": -days},
    )


def status(date, today):
    """overdue, today or upcoming (a CSS class and a test's handle)."""
    if date < today:
        return "overdue"
    return "today" if date == today else "upcoming"


def row(obj, entry, today):
    return {
        "id": entry["id"],
        "obj": obj,
        "url": obj.absolute_url(),
        "title": obj.Title(),
        "reference": reference(obj),
        "type": obj.Type(),
        "date": german_date(entry["date"]),
        "status": status(entry["date"], today),
        "due": due_text(entry["date"], today),
        "note": entry["note"],
        "for": principal_title(entry["principal"]),
        "by": principal_title(entry["created_by"]),
        "done": bool(entry.get("done_at")),
        "done_by": principal_title(entry["done_by"]) if entry.get("done_by") else None,
        "done_on": german_date(entry["done_at"].astimezone(portal_zone()).date()) if entry.get("done_at") else None,
    }
