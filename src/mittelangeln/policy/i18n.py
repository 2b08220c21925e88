"""Messages of the add-on: English msgids, German texts in locales/.

``_`` marks a text for translation. Where plain text is needed at once (a
status message, the str() of an exception), ``translate`` renders a message
in the request's language, or in German, the portal's language, where there
is no request (console scripts, plain unit tests).
"""

from pathlib import Path

from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.i18n.compile import compile_mo_file
from zope.i18n.gettextmessagecatalog import GettextMessageCatalog
from zope.i18n.interfaces import ITranslationDomain
from zope.i18n.translationdomain import TranslationDomain
from zope.i18nmessageid import MessageFactory


DOMAIN = "mittelangeln.policy"
DEFAULT_LANGUAGE = "de"
LOCALES = Path(__file__).resolve().parent / "locales"

_ = MessageFactory(DOMAIN)

_package_domain = None


def translate(message, request=None):
    """``message`` as text in the request's language (set by Plone while
    traversing), else in German."""
    request = getRequest() if request is None else request
    language = request.get("LANGUAGE") if request is not None else None
    domain = queryUtility(ITranslationDomain, DOMAIN) or package_domain()
    return domain.translate(message, target_language=language or DEFAULT_LANGUAGE)


def package_domain():
    """The translations of locales/ without ZCML (which registers them as the
    utility): for code that runs before or without the configuration."""
    global _package_domain
    if _package_domain is None:
        domain = TranslationDomain(DOMAIN)
        for lc_messages in sorted(LOCALES.glob("*/LC_MESSAGES")):
            compile_mo_file(DOMAIN, str(lc_messages))  # only when the .po is newer
            mo_file = lc_messages / f"{DOMAIN}.mo"
            if mo_file.exists():
                domain.addCatalog(GettextMessageCatalog(lc_messages.parent.name, DOMAIN, str(mo_file)))
        _package_domain = domain
    return _package_domain


class TranslatedError:
    """Mixin for exceptions raised with a message: str() is its translation."""

    def __str__(self):
        return translate(self.args[0]) if self.args else ""
