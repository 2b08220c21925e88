"""Public documents for the Amt's homepage: Bekanntmachung, Satzung
(Ortsrecht), Formular (a PDF or a link to an online form) and
Pressemitteilung. Each names its Gemeinde and Fachdienst.

They follow ``mittelangeln_oeffentlich_workflow`` (Entwurf → zur Prüfung →
veröffentlicht → archiviert); when a published item is current comes from
its publication and removal dates (Dublin Core effective/expires), which the
catalog already honours for anonymous visitors.
"""

from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import Invalid
from zope.interface import implementer
from zope.interface import invariant

from mittelangeln.policy.i18n import _


PUBLIC_TYPES = ("Bekanntmachung", "Satzung", "OeffentlichesFormular", "Pressemitteilung")


class IPublicDocument(model.Schema):
    gemeinde = schema.Choice(title=_("Gemeinde"), vocabulary="mittelangeln.policy.gemeinden", required=True)
    fachdienst = schema.Choice(title=_("Fachdienst"), vocabulary="mittelangeln.policy.fachdienste", required=True)
    file = NamedBlobFile(title=_("File"), required=False)


class IBekanntmachung(IPublicDocument):
    """Shown from its publication date until its removal date (the dates
    tab: "Veröffentlichungsdatum", "Ablaufdatum")."""


class ISatzung(IPublicDocument):
    valid_from = schema.Date(title=_("Valid from"), required=True)
    version = schema.TextLine(
        title=_("Version"), description=_("e.g. 2. Nachtragssatzung"), required=False, max_length=200
    )
    file = NamedBlobFile(title=_("File"), required=True)


class IOeffentlichesFormular(IPublicDocument):
    link = schema.URI(title=_("Link to the online form"), required=False)

    @invariant
    def file_or_link(data):
        if not data.file and not data.link:
            raise Invalid(_("Please upload the form as PDF or give the link to the online form."))


class IPressemitteilung(IPublicDocument):
    pass


@implementer(IBekanntmachung)
class Bekanntmachung(Item):
    pass


@implementer(ISatzung)
class Satzung(Item):
    pass


@implementer(IOeffentlichesFormular)
class OeffentlichesFormular(Item):
    pass


@implementer(IPressemitteilung)
class Pressemitteilung(Item):
    pass
