"""@@ablegen: the clerk names the Akte or Vorgang a finished submission goes to."""

import transaction
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.onlineforms.filing import FilingError
from mittelangeln.policy.onlineforms.filing import file_submission
from mittelangeln.policy.onlineforms.filing import filed_in
from mittelangeln.policy.onlineforms.filing import find_target
from mittelangeln.policy.onlineforms.filing import may_be_filed


class FileSubmissionView(BrowserView):
    error = None

    def __call__(self):
        form = self.request.form
        if "form.buttons.file" in form:
            CheckAuthenticator(self.request)
            aktenzeichen = form.get("aktenzeichen")
            try:
                vorgang = file_submission(
                    self.context, find_target(aktenzeichen if isinstance(aktenzeichen, str) else "")
                )
            except FilingError as error:
                transaction.doom()  # nothing of a refused filing is kept
                self.error = str(error)
                self.request.response.setStatus(400)
                return self.index()
            api.portal.show_message(
                translate(_("Filed in ${aktenzeichen}.", mapping={"aktenzeichen": vorgang.aktenzeichen})), self.request
            )
            return self.request.response.redirect(vorgang.absolute_url())
        return self.index()

    def may_be_filed(self):
        return may_be_filed(self.context)

    def filed_in(self):
        return filed_in(self.context)
