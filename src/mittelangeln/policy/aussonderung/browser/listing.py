"""@@aussonderung: the records manager's list of Akten whose retention
period has run out, filtered by plan position, Fachdienst and closing year,
from which an Aussonderung process starts (process.start)."""

import datetime

import transaction
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.annotation.interfaces import IAnnotations

from mittelangeln.policy import settings
from mittelangeln.policy.aussonderung import process
from mittelangeln.policy.eakte.content import AKTE_TYPES
from mittelangeln.policy.eakte.indexers import effective_retention
from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.formatting import state_title
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.vocabularies import ARCHIVAL_VALUES


# Closed Akten may be offered; those in a process are listed, not selectable.
OFFERABLE_STATES = process.OFFERABLE_STATES
LOCKED_STATE = process.LOCKED


def process_info(akte):
    """The annotation process.py keeps on an Akte in a process, or None."""
    info = IAnnotations(akte).get(process.ANNOTATION)
    return info if info and info.get("process_id") else None


class ExpiredRetentionView(BrowserView):
    """Akten closed (zdA) or marked for Aussonderung whose "Aufbewahrung bis"
    lies in the past, and those of them already in a process."""

    error = None
    problems = ()

    def __call__(self):
        form = self.request.form
        two_stage = "form.buttons.handover" in form
        if two_stage or "form.buttons.offer" in form:
            if self.request.method != "POST":
                return self.request.response.redirect(self.filter_url())
            CheckAuthenticator(self.request)
            return self.start(two_stage)
        return self.index()

    # Filters

    def value(self, name):
        value = self.request.form.get(name, "")
        return value.strip() if isinstance(value, str) else ""

    def plan_key(self):
        return self.value("kennzeichen")

    def year(self):
        value = self.value("jahr")
        return int(value) if value.isdigit() and len(value) == 4 else None

    def year_invalid(self):
        return bool(self.value("jahr")) and self.year() is None

    def fachdienste(self):
        return settings.fachdienste()

    def filter_url(self):
        return f"{self.context.absolute_url()}/@@aussonderung"

    def query(self):
        query = {
            "portal_type": list(AKTE_TYPES),
            "retention_until": {"query": datetime.date.today(), "range": "max"},
            "review_state": [*OFFERABLE_STATES, LOCKED_STATE],
            "sort_on": "retention_until",
        }
        key = self.plan_key()
        if key:
            query["plan_key"] = {"query": (key, key + "\uffff"), "range": "min:max"}
        if self.value("fachdienst"):
            query["fachdienst"] = self.value("fachdienst")
        return query

    def akten(self):
        """Rows of the expired Akten matching the filters."""
        year = self.year()
        proposals = self.proposals()
        selected = set(self.selected_uids())
        rows = []
        for brain in api.content.find(**self.query()):
            akte = brain.getObject()
            if year and (akte.closed is None or akte.closed.year != year):
                continue
            info = process_info(akte) if brain.review_state == LOCKED_STATE else None
            rows.append(
                {
                    "uid": brain.UID,
                    "url": brain.getURL(),
                    "aktenzeichen": brain.aktenzeichen,
                    "title": brain.Title,
                    "fachdienst": brain.fachdienst or "",
                    "closed": german_date(akte.closed),
                    "until": german_date(brain.retention_until),
                    "retention": effective_retention(akte),
                    "state": state_title(brain.portal_type, brain.review_state),
                    "proposal": proposals.get(brain.plan_key, ""),
                    "locked": brain.review_state == LOCKED_STATE,
                    "process_id": info["process_id"] if info else "",
                    "process_url": self.process_url(info["process_id"]) if info else "",
                    "checked": brain.UID in selected,
                }
            )
        return rows

    def proposals(self):
        """Plan key → "archivwürdig (A)" … (the position's archival value)."""
        proposals = {}
        for brain in api.content.find(portal_type="AktenplanPosition"):
            position = brain.getObject()
            value = getattr(position, "archival_value", None)
            if value in ARCHIVAL_VALUES:
                proposals[position.key] = translate(ARCHIVAL_VALUES.getTerm(value).title)
        return proposals

    def process_url(self, process_id):
        brains = api.content.find(portal_type="Aussonderung", getId=process_id)
        return brains[0].getURL() if brains else ""

    date = staticmethod(german_date)

    # Start

    def selected_uids(self):
        uids = self.request.form.get("akten", [])
        if isinstance(uids, str):
            uids = [uids]
        return [uid for uid in uids if isinstance(uid, str)]

    def start(self, two_stage):
        problem, akten = self.chosen_akten(two_stage)
        if problem is None:
            try:
                created = process.start(akten, two_stage=two_stage)
            except ValueError as refused:  # MessageRefused: German text, problems by Akte
                problem = str(refused)
                self.problems = [str(item) for item in getattr(refused, "problems", None) or ()]
        if problem is not None:
            transaction.doom()
            self.error = problem
            self.request.response.setStatus(400)
            return self.index()
        if two_stage:
            message = _("The hand-over was prepared: build the 0503 now.")
        else:
            message = _("The Anbietung (0501) was created. Send it to the archive.")
        api.portal.show_message(translate(message), self.request)
        return self.request.response.redirect(created.absolute_url())

    def chosen_akten(self, two_stage):
        """(problem or None, the chosen Akten the user may see); whether
        they may be offered, process.start checks."""
        uids = list(dict.fromkeys(self.selected_uids()))
        if not uids:
            return translate(_("Choose at least one Akte.")), []
        if two_stage and not self.request.form.get("archiv_zugestimmt"):
            return translate(_("Confirm that the archive agreed to the two-stage procedure.")), []
        brains = {brain.UID: brain for brain in api.content.find(UID=uids, portal_type=list(AKTE_TYPES))}
        if any(uid not in brains for uid in uids):
            return translate(_("The selection names Akten that do not exist or that you may not see.")), []
        return None, [brains[uid].getObject() for uid in uids]
