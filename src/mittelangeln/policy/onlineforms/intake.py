"""Receiving a submission: store it where the responsible Fachdienst works,
never where the sender or anyone else outside could read it.

The anonymous sender has no right to add anything; the portal adds the item
on their behalf with the roles of a Manager, for this one step only.
"""

from plone import api

from mittelangeln.policy.onlineforms.mails import send_confirmation
from mittelangeln.policy.onlineforms.submissions import take_reference


# Folder below the site that takes each kind of submission (security/areas.py).
AREAS = {
    "Maengelmeldung": "eingaenge/maengelmeldungen",
    "Schuelerbefoerderungsantrag": "eingaenge/schuelerbefoerderung",
}
# The settings field naming the Fachdienst that handles each kind.
ROUTING_FIELDS = {
    "Maengelmeldung": "maengelmelder_fachdienst",
    "Schuelerbefoerderungsantrag": "schuelerbefoerderung_fachdienst",
}


def receive(form, data):
    """Store ``data`` (the validated fields of ``form``) as a new submission;
    returns it, with its reference number, and mails the confirmation."""
    portal = api.portal.get()
    area = portal.unrestrictedTraverse(AREAS[form.submission_type])
    fields = {name: value for name, value in data.items() if value is not None}
    reference = take_reference(form.submission_type)
    if form.submission_type == "Maengelmeldung":
        fields["fachdienst"] = form.routing().get(fields["category"])
    with api.env.adopt_roles(["Manager"]):
        submission = api.content.create(
            container=area,
            type=form.submission_type,
            id=reference.lower(),
            reference=reference,
            form_uid=api.content.get_uuid(form),
            **fields,
        )
    send_confirmation(submission, form)
    return submission
