"""A Löschprotokoll: printable table, and as PDF (@@loeschprotokoll.pdf)."""

from pathlib import Path

from plone import api
from Products.Five.browser import BrowserView
from z3c.pt.pagetemplate import PageTemplateFile

from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.formatting import german_datetime
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.principals import principal_title
from mittelangeln.policy.textpdf import html_pdf


# Rendered without request or view for LibreOffice; values escaped.
PDF_TEMPLATE = PageTemplateFile(str(Path(__file__).parent / "templates" / "deletion_record_pdf.pt"))

DECISIONS = {"A": _("handed over and deleted"), "V": _("destroyed")}


def entry_rows(record):
    rows = []
    for entry in record.entries:
        decision = entry.get("decision", "")
        rows.append(
            {
                "what": entry.get("what", ""),
                "aktenzeichen": entry.get("aktenzeichen", ""),
                "title": entry.get("title", ""),
                "retention": retention_text(entry.get("retention")),
                "retention_until": german_date(entry.get("retention_until")) or "",
                "decision": translate(DECISIONS[decision]) if decision in DECISIONS else decision,
                "process_id": entry.get("process_id", ""),
                "by": principal_title(entry["by"]) if entry.get("by") else "",
                "at": german_datetime(entry["at"]) if entry.get("at") else "",
            }
        )
    return rows


def retention_text(retention):
    if not retention:
        return ""
    if str(retention).isdigit():
        return translate(_("${years} years", mapping={"years": retention}))
    return str(retention)


def heading(record):
    return translate(_("Löschprotokoll of the process ${process}", mapping={"process": record.process_id}))


def created(record):
    return german_datetime(record.created())


class DeletionRecordView(BrowserView):
    def rows(self):
        return entry_rows(self.context)

    def heading(self):
        return heading(self.context)

    def created(self):
        return created(self.context)

    def pdf_url(self):
        return f"{self.context.absolute_url()}/@@loeschprotokoll.pdf"


class DeletionRecordPdf(BrowserView):
    def __call__(self):
        html = PDF_TEMPLATE.render(
            heading=heading(self.context),
            created=created(self.context),
            rows=entry_rows(self.context),
            amt=api.portal.get().Title(),
            labels={key: translate(label) for key, label in PDF_LABELS.items()},
        )
        data = html_pdf(html)
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader("Content-Length", str(len(data)))
        response.setHeader("Content-Disposition", f'attachment; filename="Loeschprotokoll-{self.context.getId()}.pdf"')
        return data


PDF_LABELS = {
    "created": _("Written on"),
    "what": _("Object"),
    "aktenzeichen": _("Aktenzeichen"),
    "title": _("Title"),
    "retention": _("Retention period"),
    "retention_until": _("Retained until"),
    "decision": _("Decision of the archive"),
    "by": _("By"),
    "at": _("At"),
}
