"""@@aktenplan-import: upload form for the Aktenplan CSV import."""

from plone import api
from plone.protect.authenticator import check as check_authenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

from mittelangeln.policy.eakte.aktenplan_csv import import_aktenplan
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate


MAX_BYTES = 5 * 1024 * 1024


class AktenplanImportView(BrowserView):
    index = ViewPageTemplateFile("templates/aktenplan_import.pt")
    problems = ()

    def __call__(self):
        if self.request.method == "POST" and "form.buttons.import" in self.request.form:
            check_authenticator(self.request)  # Forbidden without a valid token
            count = self.handle_upload()
            if count is not None:
                message = _(
                    "${count} position imported",
                    msgid_plural="${count} positions imported",
                    number=count,
                    mapping={"count": count},
                )
                api.portal.show_message(message, self.request, type="info")
                self.request.response.redirect(self.context.absolute_url())
                return ""
        return self.index()

    def handle_upload(self):
        """Number of positions created, or None (self.problems says why)."""
        upload = self.request.form.get("csv_file")
        if not getattr(upload, "filename", None):
            self.problems = [translate(_("Please choose a CSV file."), self.request)]
            return None
        data = upload.read(MAX_BYTES + 1)
        if not data:
            message = _("The file “${filename}” is empty.", mapping={"filename": upload.filename})
            self.problems = [translate(message, self.request)]
            return None
        if len(data) > MAX_BYTES:
            message = _("The file “${filename}” is too large (at most 5 MB).", mapping={"filename": upload.filename})
            self.problems = [translate(message, self.request)]
            return None
        report = import_aktenplan(self.context, data)
        if not report.ok:
            self.problems = report.problems
            return None
        return report.count
