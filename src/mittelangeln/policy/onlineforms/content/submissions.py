"""What citizens send through the online forms: a Mängelmeldung (defect
report) and a Schülerbeförderungsantrag (school transport application).

Kept as types of their own, apart from the forms that editors publish, so
that the digital Posteingang can take them in later as incoming items.
Each gets a reference number (``MM-2026-00042``) when added.
"""

import datetime
import re

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from plone import api
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from zope import schema
from zope.interface import Invalid
from zope.interface import implementer
from zope.interface import invariant

from mittelangeln.policy.i18n import _
from mittelangeln.policy.interfaces import IAccessLogged
from mittelangeln.policy.onlineforms.iban import check_iban
from mittelangeln.policy.onlineforms.uploads import check_document
from mittelangeln.policy.onlineforms.uploads import check_photo


SCHUELERBEFOERDERUNG_WORKFLOW = "mittelangeln_schuelerbefoerderung_workflow"


def must_agree(value):
    if not value:
        raise Invalid(_("Without your consent the application cannot be processed."))
    return True


# A deliverable address: no display names, no blanks or line breaks (which
# would end up in mail headers), no empty labels ("a..b", ".a").
EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def check_email(value):
    if not EMAIL.fullmatch(value):
        raise Invalid(_("Please give an e-mail address like name@example.org."))
    return True


def not_in_future(value):
    if value > datetime.date.today():
        raise Invalid(_("The date lies in the future."))
    return True


class ISubmission(model.Schema):
    reference = schema.TextLine(title=_("Reference number"), required=False, readonly=True)


class IMaengelmeldung(ISubmission):
    category = schema.TextLine(title=_("Category"), required=True, max_length=200)
    fachdienst = schema.TextLine(title=_("Responsible Fachdienst"), required=False, readonly=True)
    latitude = schema.Float(title=_("Latitude (WGS84)"), required=False, min=-90.0, max=90.0)
    longitude = schema.Float(title=_("Longitude (WGS84)"), required=False, min=-180.0, max=180.0)
    address = schema.TextLine(title=_("Address or place"), required=False, max_length=300)
    defect = schema.Text(title=_("Description of the defect"), required=True, max_length=4000)
    photo_1 = NamedBlobImage(title=_("Photo 1"), required=False, constraint=check_photo)
    photo_2 = NamedBlobImage(title=_("Photo 2"), required=False, constraint=check_photo)
    photo_3 = NamedBlobImage(title=_("Photo 3"), required=False, constraint=check_photo)
    contact_name = schema.TextLine(title=_("Name"), required=False, max_length=200)
    contact_email = schema.TextLine(title=_("E-mail"), required=False, max_length=200, constraint=check_email)
    contact_phone = schema.TextLine(title=_("Phone"), required=False, max_length=50)

    @invariant
    def location_given(data):
        """A place to go to: coordinates from the map or an address."""
        has_point = data.latitude is not None and data.longitude is not None
        if not has_point and not (data.address or "").strip():
            raise Invalid(_("Please mark the place on the map or give an address."))


class ISchuelerbefoerderungsantrag(ISubmission):
    applicant_name = schema.TextLine(title=_("Name of the applicant"), required=True, max_length=200)
    applicant_address = schema.TextLine(title=_("Address of the applicant"), required=True, max_length=300)
    applicant_phone = schema.TextLine(title=_("Phone"), required=False, max_length=50)
    applicant_email = schema.TextLine(title=_("E-mail"), required=False, max_length=200, constraint=check_email)
    pupil_name = schema.TextLine(title=_("Name of the pupil"), required=True, max_length=200)
    pupil_birthday = schema.Date(
        title=_("Date of birth of the pupil"), required=True, min=datetime.date(1990, 1, 1), constraint=not_in_future
    )
    pupil_address = schema.TextLine(title=_("Address of the pupil"), required=True, max_length=300)
    school = schema.TextLine(title=_("School"), required=True, max_length=200)
    school_class = schema.Int(title=_("Class"), required=True, min=1, max=13)
    school_year = schema.TextLine(title=_("School year"), required=True, max_length=20)
    siblings = schema.Int(title=_("Siblings in the household"), required=False, min=0, max=20)
    transport = schema.TextLine(title=_("Means of transport"), required=True, max_length=200)
    transport_reason = schema.Text(title=_("Reason"), required=False, max_length=4000)
    iban = schema.TextLine(title=_("IBAN"), required=True, max_length=50, constraint=check_iban)
    account_holder = schema.TextLine(title=_("Account holder"), required=True, max_length=200)
    consent = schema.Bool(title=_("Consent to data processing"), required=True, constraint=must_agree)
    certificate = NamedBlobFile(title=_("School certificate"), required=False, constraint=check_document)
    bescheid = NamedBlobFile(title=_("Decision letter (Bescheid)"), required=False, readonly=True)


@implementer(IMaengelmeldung)
class Maengelmeldung(Item):
    reference_prefix = "MM"


def checked_by(antrag):
    """Who last sent the application for approval (the one who checked it)."""
    history = antrag.workflow_history.get(SCHUELERBEFOERDERUNG_WORKFLOW, ())
    for entry in reversed(history):
        if entry.get("action") == "submit_for_approval":
            return entry.get("actor")
    return None


@implementer(ISchuelerbefoerderungsantrag, IAccessLogged)
class Schuelerbefoerderungsantrag(Item):
    reference_prefix = "SB"
    security = ClassSecurityInfo()

    @security.public
    def may_decide(self):
        """Vier-Augen-Prinzip, for the workflow's guard: whoever sent the
        application for approval (and so checked it) may not decide it."""
        return api.user.get_current().getId() != checked_by(self)


InitializeClass(Schuelerbefoerderungsantrag)
