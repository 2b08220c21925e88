"""The Eingang's default view: number, state, sender, who works on it, its
documents, where it was filed and its history."""

from plone import api
from Products.Five.browser import BrowserView

from mittelangeln.policy.dokumente.content import IDokument
from mittelangeln.policy.dokumente.queue import STATE_LABELS
from mittelangeln.policy.dokumente.queue import job_for
from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.formatting import german_datetime
from mittelangeln.policy.formatting import state_title
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang import filing
from mittelangeln.policy.posteingang.items import EINGANG_WORKFLOW
from mittelangeln.policy.posteingang.items import OPEN_STATES
from mittelangeln.policy.posteingang.items import is_overdue
from mittelangeln.policy.principals import principal_title
from mittelangeln.policy.vocabularies import EINGANG_CHANNELS


def file_size(size):
    """1,2 MB / 34 KB / 12 Bytes, German decimal comma."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} Bytes"


def person(user_id):
    return principal_title(user_id) if user_id else None


def channel_title(channel):
    """The channel's German name; the hot folder's protocol entries say "scan"."""
    term = EINGANG_CHANNELS.by_value.get(channel)
    return translate(term.title) if term is not None else channel.capitalize()


class EingangView(BrowserView):
    def state(self):
        return api.content.get_state(self.context, default=None)

    def state_title(self):
        return state_title(self.context.portal_type, self.state())

    def channel(self):
        return channel_title(self.context.channel)

    def received(self):
        received = self.context.eingangsdatum
        return german_datetime(received) if received else None

    def deadline(self):
        return german_date(self.context.deadline)

    def overdue(self):
        return is_overdue(self.context.deadline, self.state())

    def sender(self):
        """(label, value) rows of the sender block, empty ones left out."""
        context = self.context
        rows = [
            (_("Name"), context.sender_name),
            (_("Organisation"), context.sender_organisation),
            (_("Address"), context.sender_address),
            (_("E-mail"), context.sender_email),
        ]
        return [(label, value) for label, value in rows if value]

    def responsible(self):
        return person(self.context.responsible)

    def documents(self):
        """The Dokumente still in the Eingang, the main document first."""
        dokumente = [item for item in self.context.objectValues() if IDokument.providedBy(item)]
        dokumente.sort(key=lambda dokument: dokument.kind != "eingang")
        return [self.document_info(dokument) for dokument in dokumente]

    def document_info(self, dokument):
        job = job_for(dokument)
        size = dokument.file.getSize() if dokument.file is not None else 0
        return {
            "title": dokument.Title(),
            "url": dokument.absolute_url(),
            "main": dokument.kind == "eingang",
            "conversion": translate(STATE_LABELS[job["state"]]) if job is not None else None,
            "size": file_size(size),
            "content_type": dokument.file.contentType if dokument.file is not None else "",
        }

    # Filing trace

    def filed(self):
        return bool(self.context.filed_in)

    def filed_target(self):
        """The Vorgang the documents went to, if the user may see it."""
        brains = api.content.find(UID=self.context.filed_in) if self.context.filed_in else []
        return brains[0] if brains else None

    def hidden_target(self):
        return translate(_("a Vorgang you may not see"))

    def filed_by(self):
        return person(self.context.filed_by)

    def filed_at(self):
        return german_datetime(self.context.filed_at) if self.context.filed_at else None

    def filed_documents(self):
        """The moved Dokumente where they are now (those the user may see)."""
        uids = list(self.context.filed_documents or ())
        if not uids:
            return []
        found = {brain.UID: brain for brain in api.content.find(UID=uids)}
        return [found[uid] for uid in uids if uid in found]

    def hidden_documents(self):
        return len(self.context.filed_documents or ()) - len(self.filed_documents())

    # History

    def history(self):
        """Workflow history, newest first: date, action, who, comment."""
        entries = self.context.workflow_history.get(EINGANG_WORKFLOW, ())
        workflow = api.portal.get_tool("portal_workflow")[EINGANG_WORKFLOW]
        rows = []
        for entry in reversed(entries):
            action = entry.get("action")
            transition = workflow.transitions.get(action) if action else None
            if transition is not None:
                title = transition.title.rstrip(" …")
            else:
                title = translate(_("Registered"))
            time = entry.get("time")
            rows.append(
                {
                    "time": german_datetime(time) if time is not None else "",
                    "action": title,
                    "actor": person(entry.get("actor")) or "",
                    "state": state_title(self.context.portal_type, entry.get("review_state")),
                    "comment": entry.get("comments") or "",
                }
            )
        return rows

    # What the user may do

    def can_forward(self):
        workflow = api.portal.get_tool("portal_workflow")
        return any(t["id"] == "weiterleiten" for t in workflow.getTransitionsFor(self.context))

    def can_file(self):
        return filing.refusal(self.context) is None and self.state() in OPEN_STATES
