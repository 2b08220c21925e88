"""An Aussonderung process on screen: its steps, objects and messages
(ProcessView, the type's default view), the records manager's steps
(ProcessStepView: the archive's answers, the 0503, the destruction,
cancelling) and the messages as downloads for the records manager only
(MessageDownload: a 0503 holds every file, Personalakten too)."""

import transaction
from AccessControl import Unauthorized
from plone import api
from plone.namedfile.utils import set_headers
from plone.namedfile.utils import stream_data
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

from mittelangeln.policy.aussonderung import process
from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.formatting import german_datetime
from mittelangeln.policy.formatting import state_title
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.principals import principal_title


MANAGE = process.MANAGE
MAX_UPLOAD = 50 * 1024 * 1024  # an archive's answer is a few kB of XML

STEPS = (
    ("0501", _("Offer")),
    ("0502", _("Appraisal")),
    ("0503", _("Hand-over")),
    ("0506", _("Import confirmation")),
)
# Process state -> how many steps are done.
DONE = {"angeboten": 1, "bewertet": 2, "uebergeben": 3, "abgeschlossen": 4}
DECISIONS = {"A": _("archive (A)"), "V": _("destroy (V)"), "B": _("appraise (B)")}
DIRECTIONS = {"out": _("sent"), "in": _("received")}
TYPE_TITLES = {"Akte": "Akte", "Bauakte": "Bauakte", "Personalakte": "Personalakte", "Vorgang": "Vorgang"}


class ProcessView(BrowserView):
    error = None
    problems = ()
    report = None  # the AppraisalReport after a 0502

    def state(self):
        return api.content.get_state(self.context)

    def state_title(self):
        return state_title(self.context.portal_type, self.state())

    def heading(self):
        return translate(_("Aussonderung ${process}", mapping={"process": self.context.process_id}))

    def can_manage(self):
        return api.user.has_permission(MANAGE, obj=self.context)

    def step_url(self):
        return f"{self.context.absolute_url()}/@@aussonderung-schritt"

    def steps(self):
        """(title, status) with status done | current | todo | skipped."""
        state = self.state()
        done = DONE.get(state, 0)
        # Destroyed without a hand-over (process.destroy): no 0503, no 0506.
        nothing_handed_over = not any(m["code"] == "0503" for m in self.context.messages or ()) and (
            state == "abgeschlossen" or process.destroy_only(self.context)
        )
        steps = []
        for index, (code, title) in enumerate(STEPS):
            text = None
            if self.context.two_stage and code in ("0501", "0502"):
                status = "skipped"
            elif nothing_handed_over and code in ("0503", "0506"):
                status, text = "skipped", _("not needed (nothing to hand over)")
            elif index < done:
                status = "done"
            elif index == done and state != "abgebrochen":
                status = "current"
            else:
                status = "todo"
            text = translate(text) if text else self.step_status_text(status)
            steps.append({"code": code, "title": translate(title), "status": status, "text": text})
        return steps

    def step_status_text(self, status):
        return translate(
            {
                "done": _("done"),
                "current": _("next step"),
                "todo": _("open"),
                "skipped": _("not needed (two-stage)"),
            }[status]
        )

    # Objects

    def objects(self):
        state = self.state()
        rows = []
        objects = self.context.objects or {}
        for xdomea_id, row in objects.items():
            # A Vorgang without a decision of its own follows its Akte.
            parent = objects.get(row.get("parent")) or {}
            decision = row.get("decision") or parent.get("decision") or ""
            rows.append(
                {
                    "uuid": xdomea_id,
                    "aktenzeichen": row.get("aktenzeichen", ""),
                    "title": row.get("title", ""),
                    "type": TYPE_TITLES.get(row.get("type"), row.get("type", "")),
                    "is_child": bool(row.get("parent")),
                    "until": german_date(row.get("retention_until")) or "",
                    "proposal": self.decision_title(row.get("proposal")),
                    "decision": self.decision_title(decision),
                    "status": self.object_status(row, state, decision),
                }
            )
        return sorted(rows, key=lambda row: (row["aktenzeichen"], row["is_child"]))

    def decision_title(self, value):
        return translate(DECISIONS[value]) if value in DECISIONS else (value or "–")

    def object_status(self, row, state, decision):
        if row.get("archive_error") and not row.get("removed"):
            return translate(_("not taken over by the archive: ${error}", mapping={"error": row["archive_error"]}))
        if row.get("removed"):
            if row.get("archive_id"):
                return translate(
                    _("handed over and deleted (${archive_id})", mapping={"archive_id": row["archive_id"]})
                )
            return translate(_("deleted"))
        if decision == "A":
            return translate(_("handed over") if state in ("uebergeben", "abgeschlossen") else _("to hand over"))
        if decision == "V":
            return translate(_("to destroy"))
        if state in ("angeboten", "abgebrochen"):
            return translate(_("offered"))
        return translate(_("not appraised"))

    def title_of(self, xdomea_id):
        row = (self.context.objects or {}).get(xdomea_id)
        if row is None:
            return xdomea_id
        return f"{row.get('aktenzeichen', '')} {row.get('title', '')}".strip()

    # Messages

    def messages(self):
        """The messages; download links for the records manager only."""
        may_download = self.can_manage()
        rows = []
        for index, message in enumerate(self.context.messages or ()):
            blob = message.get("blob")
            size = blob.getSize() if blob is not None else message.get("size")
            rows.append(
                {
                    "code": message.get("code", ""),
                    "direction": translate(DIRECTIONS.get(message.get("direction"), message.get("direction", ""))),
                    "filename": message.get("filename") or (blob.filename if blob is not None else ""),
                    "at": german_datetime(message["at"]) if message.get("at") else "",
                    "by": principal_title(message["by"]) if message.get("by") else "",
                    "note": message.get("note", ""),
                    "url": (
                        f"{self.context.absolute_url()}/@@aussonderung-nachricht/{index}"
                        if blob is not None and may_download
                        else ""
                    ),
                    "size": size_text(size) if size is not None else "",
                    "sha256": message.get("sha256", "") if blob is None else "",
                }
            )
        return rows

    def protocols(self):
        """Links to the process's Löschprotokolle the user may see."""
        area = self.context.aq_parent
        found = []
        for protocol_id in getattr(self.context, "protocols", None) or ():
            protocol = area.get(protocol_id)
            if protocol is not None and api.user.has_permission("View", obj=protocol):
                found.append({"title": protocol.Title(), "url": protocol.absolute_url()})
        return found

    # What the records manager may do now

    def may(self, action):
        if not self.can_manage():
            return False
        state = self.state()
        return {
            "appraisal": state == "angeboten" and not self.context.two_stage,
            "receipt": state in ("angeboten", "bewertet", "uebergeben"),
            "handover": (state == "bewertet" and not process.destroy_only(self.context))
            or (state == "uebergeben" and bool(self.context.error)),
            "destroy": process.destroy_only(self.context),
            "confirmation": state == "uebergeben",
            "cancel": state in ("angeboten", "bewertet"),
        }[action]


def size_text(size):
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} kB".replace(".", ",")
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


class ProcessStepView(ProcessView):
    """The records manager's steps, each a POST with the authenticator; a
    refusal renders the process with the German reason, changing nothing."""

    ACTIONS = ("appraisal", "receipt", "confirmation", "handover", "destroy", "cancel")

    def __call__(self):
        action = next((name for name in self.ACTIONS if f"form.buttons.{name}" in self.request.form), None)
        if action is None or self.request.method != "POST":
            return self.request.response.redirect(self.context.absolute_url())
        CheckAuthenticator(self.request)
        try:
            if not self.may(action):
                raise StepRefused(translate(_("This step is not possible in the process's current state.")))
            message = getattr(self, action)()
        except ValueError as refused:  # MessageRefused (a TranslatedError): German text, problems by object
            transaction.doom()
            self.error = str(refused)
            self.problems = list(getattr(refused, "problems", None) or ())
            self.request.response.setStatus(400)
            return self.index()
        if self.report is not None:
            api.portal.show_message(translate(message), self.request)
            return self.index()  # the report is shown once, with the process
        api.portal.show_message(translate(message), self.request)
        return self.request.response.redirect(self.context.absolute_url())

    def upload(self):
        """(filename, bytes) of the uploaded file."""
        upload = self.request.form.get("datei")
        filename = getattr(upload, "filename", "") or ""
        if not filename:
            raise StepRefused(translate(_("Choose the archive's message file.")))
        data = upload.read(MAX_UPLOAD + 1)
        if not data:
            raise StepRefused(translate(_("The file is empty.")))
        if len(data) > MAX_UPLOAD:
            raise StepRefused(translate(_("The file is too large for a message of the archive.")))
        return filename.replace("\\", "/").rsplit("/", 1)[-1], data

    def appraisal(self):
        self.report = process.take_appraisal(self.context, *self.upload())
        return _("The archive's appraisal (0502) was taken; the receipt (0505) is ready for download.")

    def receipt(self):
        process.take_receipt(self.context, *self.upload())
        return _("The archive's receipt was taken.")

    def confirmation(self):
        confirmation = process.take_confirmation(self.context, *self.upload())
        if getattr(confirmation, "success", True):
            return _("The archive confirmed the import: the handed-over Akten were deleted, see the Löschprotokoll.")
        return _("The archive reported an error: nothing was deleted.")

    def handover(self):
        process.build_handover(self.context)
        return _("The hand-over (0503) was built. Send the ZIP file to the archive.")

    def destroy(self):
        if not self.request.form.get("vernichtung_bestaetigt"):
            raise StepRefused(translate(_("Confirm that the objects decided V shall be destroyed.")))
        process.destroy(self.context)
        return _("The objects decided V were destroyed, see the Löschprotokoll.")

    def cancel(self):
        if not self.request.form.get("abbruch_bestaetigt"):
            raise StepRefused(translate(_("Confirm that the process shall be cancelled.")))
        process.cancel(self.context)
        return _("The process was cancelled: the Akten are unlocked as before.")

    def not_offered(self):
        return list(getattr(self.report, "not_offered", None) or ())

    def left_out(self):
        rows = getattr(self.report, "left_out", None) or ()
        return [f"{row.get('aktenzeichen', '')} {row.get('title', '')}".strip() for row in rows]


class StepRefused(ValueError):
    """A step refused before the process was asked (already German)."""


@implementer(IPublishTraverse)
class MessageDownload(BrowserView):
    """@@aussonderung-nachricht/<n>: the process's n-th message, streamed
    from its blob (the 0503 ZIP may be large)."""

    index = None

    def publishTraverse(self, request, name):
        if self.index is None and name.isdigit():
            self.index = int(name)
            return self
        raise NotFound(name)

    def __call__(self):
        if not api.user.has_permission(MANAGE, obj=self.context):
            raise Unauthorized("Manage Aussonderung")
        messages = self.context.messages or ()
        if self.index is None or self.index >= len(messages) or messages[self.index].get("blob") is None:
            raise NotFound("message")
        message = messages[self.index]
        blob = message["blob"]
        set_headers(blob, self.request.response, filename=message.get("filename") or blob.filename)
        return stream_data(blob)
