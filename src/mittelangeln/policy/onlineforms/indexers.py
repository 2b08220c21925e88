"""Catalog indexers of the submissions: full text, category, when processing ended."""

from plone.indexer import indexer

from mittelangeln.policy.indexing import joined
from mittelangeln.policy.onlineforms.content.submissions import IMaengelmeldung
from mittelangeln.policy.onlineforms.content.submissions import ISchuelerbefoerderungsantrag
from mittelangeln.policy.onlineforms.content.submissions import ISubmission
from mittelangeln.policy.onlineforms.submissions import finished_at


@indexer(IMaengelmeldung)
def maengelmeldung_searchable_text(obj):
    """Staff find a report by its number, place, text or reporter."""
    return joined(obj.reference, obj.title, obj.category, obj.address, obj.defect, obj.contact_name)


@indexer(ISchuelerbefoerderungsantrag)
def schuelerbefoerderung_searchable_text(obj):
    """By number, names and school; never by bank details."""
    return joined(obj.reference, obj.title, obj.applicant_name, obj.pupil_name, obj.school, obj.school_year)


@indexer(IMaengelmeldung)
def maengelmeldung_category(obj):
    return obj.category


@indexer(ISchuelerbefoerderungsantrag)
def antrag_category(obj):
    """Applications are compared by school."""
    return obj.school


@indexer(ISubmission)
def submission_finished(obj):
    """When the submission reached its final state (statistics)."""
    return finished_at(obj)
