"""Plone's folder listings give every link the content type's id as its
tooltip ("Maengelmeldung", "OeffentlichesFormular"): an identifier, not a
word a person reads. On themed pages (after plone.app.theming's transform,
so the page is already a parsed tree) such a tooltip becomes the type's
German title ("Mängelmeldung")."""

from plone import api
from plone.transformchain.interfaces import ITransform
from repoze.xmliter.serializer import XMLSerializer
from zope.component import adapter
from zope.interface import Interface
from zope.interface import implementer

from mittelangeln.policy.i18n import translate
from mittelangeln.policy.interfaces import IMittelangelnPolicyLayer


LISTED_LINKS = "//a[contains(@class, 'contenttype-')][@title]"


@implementer(ITransform)
@adapter(Interface, IMittelangelnPolicyLayer)
class TypeTitleTooltips:
    order = 8900  # after the theme (8850), before plone.protect (9000)

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def transformBytes(self, result, encoding):
        return result

    def transformUnicode(self, result, encoding):
        return result

    def transformIterable(self, result, encoding):
        if not isinstance(result, XMLSerializer):
            return result  # not a themed page: nothing parsed to work on
        types_tool = api.portal.get_tool("portal_types")
        for link in result.tree.xpath(LISTED_LINKS):
            type_info = types_tool.getTypeInfo(link.get("title"))
            if type_info is not None:
                link.set("title", translate(type_info.Title()))
        return result
