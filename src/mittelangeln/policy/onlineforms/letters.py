"""Letters and records of submissions as PDF: the Bescheid on a
Schülerbeförderungsantrag and the record of what a citizen sent.

The wording lives in the page templates ``templates/bescheid.pt`` and
``templates/eingang.pt``: an Amt adapts them like any letter template.
"""

import datetime
from pathlib import Path

from plone import api
from plone.namedfile.file import NamedBlobFile
from z3c.pt.pagetemplate import PageTemplateFile
from zope.schema import getFieldsInOrder

from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.formatting import german_datetime
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.principals import principal_title
from mittelangeln.policy.textpdf import html_pdf


TEMPLATES = Path(__file__).parent / "templates"


# Rendered with ``render(**names)``: no request, no view, values escaped.
BESCHEID = PageTemplateFile(str(TEMPLATES / "bescheid.pt"))
RECORD = PageTemplateFile(str(TEMPLATES / "eingang.pt"))


def masked_iban(iban):
    """Only the last four characters, as on a bank statement."""
    compact = "".join((iban or "").split())
    return "•••• " + compact[-4:] if len(compact) > 4 else ""


def bescheid_pdf(antrag, approved, reason, decided_by, today=None):
    html = BESCHEID.render(
        antrag=antrag,
        approved=approved,
        reason=reason,
        signer=principal_title(decided_by) if decided_by else "",
        today=german_date(today or datetime.date.today()),
        received=german_date(antrag.created().asdatetime().date()),
        birthday=german_date(antrag.pupil_birthday) or "",
        iban=masked_iban(antrag.iban),
    )
    return NamedBlobFile(html_pdf(html), contentType="application/pdf", filename=f"Bescheid-{antrag.reference}.pdf")


def record_pdf(submission):
    """Everything the citizen entered, as a PDF for the Akte."""
    schema = api.portal.get_tool("portal_types").getTypeInfo(submission.portal_type).lookupSchema()
    rows = []
    for name, field in getFieldsInOrder(schema):
        value = getattr(submission, name, None)
        if value in (None, "") or name == "reference":
            continue
        if hasattr(value, "filename"):
            value = value.filename
        elif isinstance(value, bool):
            value = "ja" if value else "nein"
        elif isinstance(value, datetime.date):
            value = german_date(value)
        rows.append((translate(field.title), str(value)))
    html = RECORD.render(
        submission=submission,
        kind=submission.Type(),
        received=german_datetime(submission.created().asdatetime()),
        rows=rows,
    )
    return NamedBlobFile(html_pdf(html), contentType="application/pdf", filename=f"{submission.reference}.pdf")
