"""@@xdomea-import on an Aktenplan position: upload a 0503 hand-over, see
what was created, or the refusal by object."""

import logging

from plone import api
from plone.protect.authenticator import check as check_authenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from ZODB.POSException import ConflictError

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate

from ..importer import import_handover
from ..xdomea.errors import MessageRefused


logger = logging.getLogger(__name__)


class XdomeaImportView(BrowserView):
    index = ViewPageTemplateFile("templates/importing.pt")
    result = None
    refusal = None
    problems = ()

    def __call__(self):
        if self.request.method == "POST" and "form.buttons.import" in self.request.form:
            check_authenticator(self.request)  # Forbidden without a valid token
            self.handle_upload()
        return self.index()

    def fachdienste(self):
        return settings.fachdienste()

    def chosen_fachdienst(self):
        chosen = self.request.form.get("fachdienst") or ""
        return chosen if chosen in settings.fachdienste() else ""

    def handle_upload(self):
        upload = self.request.form.get("handover")
        if not getattr(upload, "filename", None):
            self.refusal = translate(_("Please choose the 0503 ZIP file."), self.request)
            return
        try:
            self.result = import_handover(self.context, upload.file, self.chosen_fachdienst() or None)
        except MessageRefused as error:
            self.refusal = str(error)
            self.problems = error.problems
        except ConflictError:
            raise
        except Exception:  # noqa: BLE001 - a file we could not read is a refusal, never a 500
            logger.exception("xdomea import of %s failed", upload.filename)
            self.refusal = translate(
                _(
                    "The file “${filename}” cannot be read as an xdomea hand-over.",
                    mapping={"filename": upload.filename},
                ),
                self.request,
            )

    def created_rows(self):
        """The Akten created, with their counts of Vorgänge and Dokumente."""
        rows = []
        for akte in self.result.akten:
            vorgaenge = [obj for obj in akte.objectValues() if obj.portal_type == "Vorgang"]
            dokumente = api.content.find(context=akte, portal_type="Dokument", unrestricted=True)
            rows.append(
                {
                    "url": akte.absolute_url(),
                    "title": akte.Title(),
                    "aktenzeichen": akte.aktenzeichen,
                    "vorgaenge": [(vorgang.absolute_url(), vorgang.Title()) for vorgang in vorgaenge],
                    "dokumente": len(dokumente),
                }
            )
        return rows

    def already_rows(self):
        return [
            {"url": akte.absolute_url(), "title": akte.Title(), "aktenzeichen": getattr(akte, "aktenzeichen", "")}
            for akte in self.result.already
        ]
