"""@@trennblatt on the Posteingang area: the separator sheet as a PDF to
print, for any letter or (``?fachdienst=…``) for one Fachdienst's."""

from plone.base.utils import safe_text
from Products.Five.browser import BrowserView
from zExceptions import NotFound

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang.intake import AREA
from mittelangeln.policy.posteingang.scans.codes import fachdienst_by_key
from mittelangeln.policy.posteingang.scans.sheet import separator_sheet


class SeparatorSheet(BrowserView):
    def __call__(self):
        if self.context.getId() != AREA:
            raise NotFound(self.__name__)
        fachdienst = safe_text(self.request.form.get("fachdienst") or "").strip()
        if fachdienst:
            fachdienst = fachdienst_by_key(fachdienst)
            if fachdienst not in settings.fachdienste():
                return self.bad_request(_("There is no Fachdienst “${name}”.", mapping={"name": fachdienst}))
        data = separator_sheet(fachdienst or None)
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader("Content-Disposition", 'inline; filename="trennblatt.pdf"')
        response.setHeader("Content-Length", str(len(data)))
        response.setHeader("Cache-Control", "private, max-age=0")
        return data

    def bad_request(self, message):
        response = self.request.response
        response.setStatus(400)
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return translate(message, self.request)
