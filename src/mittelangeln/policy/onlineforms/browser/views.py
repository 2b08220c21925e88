"""The public pages of the online forms: introduction, form, confirmation.

z3c.form forms built from the submission types' schemas, so that the form
and the stored item validate the same way; the choices editors maintain
(categories, schools) come from the form item. Anonymous visitors use them
while the form is open (``OnlineForm.is_open``); editors see a preview.
"""

import transaction
from plone import api
from plone.namedfile.interfaces import INamedField
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import button
from z3c.form import field
from z3c.form import form
from z3c.form.browser.checkbox import SingleCheckBoxFieldWidget
from z3c.form.interfaces import IErrorViewSnippet
from zope import schema
from zope.component import getMultiAdapter
from zope.i18n import translate as zope_translate
from zope.interface import Invalid
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary
from ZPublisher.HTTPRequest import FileUpload

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.onlineforms.content.forms import token_of
from mittelangeln.policy.onlineforms.content.submissions import IMaengelmeldung
from mittelangeln.policy.onlineforms.content.submissions import ISchuelerbefoerderungsantrag
from mittelangeln.policy.onlineforms.intake import receive
from mittelangeln.policy.onlineforms.mails import recipient
from mittelangeln.policy.onlineforms.numbers import as_text
from mittelangeln.policy.onlineforms.numbers import read_numbers
from mittelangeln.policy.onlineforms.rate_limit import SubmissionLimit


HONEYPOT = "website"

TRANSPORT_OPTIONS = (
    "Schulbus oder Linienbus",
    "Bahn",
    "Schülerspezialverkehr (Kleinbus)",
    "Privatfahrzeug (Kostenerstattung)",
)


def choice(name, title, values, description=None):
    """A required choice among ``values`` (tokens ASCII for the HTML form)."""
    terms = [SimpleTerm(value=value, token=token_of(value), title=value) for value in values]
    return schema.Choice(__name__=name, title=title, description=description, vocabulary=SimpleVocabulary(terms))


class SubmissionFormView(form.Form):
    """Base: the form of one kind of submission on its form item."""

    template = ViewPageTemplateFile("templates/online_form.pt")
    ignoreContext = True
    enableCSRFProtection = True
    submission = None
    refused = None  # the message of a refused sending

    # Fields of the stored type that the form takes as text (numbers.py).
    number_fields = ()
    # Offers to fill in the coordinates from the device's location.
    takes_location = False

    def public_fields(self):
        raise NotImplementedError

    def update(self):
        self.fields = self.public_fields()
        self.strip_input()
        super().update()

    def strip_input(self):
        """Bring what was posted into the shapes the widgets expect, so no
        input can break them: text stripped (a required field holding only
        blanks counts as empty), one value per text field, a file field
        either an upload or text (which its check then refuses), nothing of
        the file widgets' own bookkeeping (a public form has no stored file
        to keep)."""
        prefix = f"{self.prefix}widgets."
        file_widgets = {prefix + name for name, spec in self.fields.items() if INamedField.providedBy(spec.field)}
        form = self.request.form
        for key, value in list(form.items()):
            if not key.startswith(prefix):
                continue
            if key in file_widgets:
                value = value[0] if isinstance(value, list) and value else value
                if isinstance(value, (FileUpload, str)):
                    form[key] = value
                else:
                    del form[key]
            elif any(key.startswith(name + ".") for name in file_widgets):
                del form[key]
            elif isinstance(value, str):
                form[key] = value.strip()
            elif isinstance(value, list) and all(isinstance(item, str) for item in value):
                form[key] = [item.strip() for item in value]
            else:  # uploads, records, numbers where text belongs
                form[key] = ""

    def render(self):
        # Never keep an upload for showing the form again: the widget would
        # park its data in the site's annotations (ZODB) on every refusal.
        for widget in self.widgets.values():
            if INamedField.providedBy(widget.field):
                widget.value = None
            elif widget.error is not None:
                # The field refers to its message (the error template of
                # site/accessibility.zcml gives it the id); file widgets
                # do so in their template. z3c.form keeps the attributes'
                # dict for the rendering (Plone's widgets have no setter).
                widget.attributes.update({"aria-invalid": "true", "aria-describedby": f"{widget.id}-error"})
        return super().render()

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        for widget in self.widgets.values():
            if getattr(widget, "prompt", None) is False and hasattr(widget, "promptMessage"):
                widget.prompt = True
                widget.promptMessage = translate(_("Please choose"))

    @property
    def static_url(self):
        return f"{api.portal.get().absolute_url()}/++resource++mittelangeln.forms"

    @property
    def is_open(self):
        return self.context.is_open()

    def error_summary(self):
        """[(field label, message)] of the last sending, in form order."""
        errors = []
        for error in self.widgets.errors:
            # A checkbox carries its text on the box, not as the label.
            label = error.widget.label or error.widget.field.title if error.widget is not None else ""
            errors.append(
                (zope_translate(label, context=self.request), zope_translate(error.message, context=self.request))
            )
        return errors

    def honeypot_filled(self):
        value = self.request.form.get(HONEYPOT, "")
        return not isinstance(value, str) or bool(value.strip())

    def mail_sent(self):
        return self.submission is not None and bool(recipient(self.submission))

    def client_address(self):
        return self.request.getClientAddr() or "unknown"

    def refuse(self, status, message):
        """Answer with ``message``; nothing of this request is stored."""
        self.refused = translate(message)
        self.request.response.setStatus(status)
        transaction.doom()

    def stored_values(self, data):
        return read_numbers(data, self.number_fields)

    @button.buttonAndHandler(_("Send"), name="send")
    def handle_send(self, action):
        if self.request.method != "POST":
            return  # a link with the button in it sends nothing
        if not self.is_open:
            return self.refuse(403, _("This form does not take submissions at the moment."))
        if self.honeypot_filled():
            return self.refuse(400, _("Your submission could not be accepted."))
        data, errors = self.extractData()
        if errors:
            self.status = translate(_("Please correct the marked fields; your other input is kept."))
            self.request.response.setStatus(400)
            transaction.doom()
            return
        limit = SubmissionLimit()
        if limit.exceeded(self.client_address()):
            return self.refuse(
                429, _("Too many submissions came from your connection in the last hour. Please try again later.")
            )
        self.submission = receive(self.context, self.stored_values(data))
        limit.record_after_commit(self.client_address())


class MaengelmelderFormView(SubmissionFormView):
    number_fields = (IMaengelmeldung["latitude"], IMaengelmeldung["longitude"])
    takes_location = True

    def public_fields(self):
        categories = list(self.context.routing())
        fields = field.Fields(choice("category", _("Category"), categories))
        fields += field.Fields(IMaengelmeldung).select("address")
        fields += field.Fields(*(as_text(number_field) for number_field in self.number_fields))
        fields += field.Fields(IMaengelmeldung).select(
            "defect", "photo_1", "photo_2", "photo_3", "contact_name", "contact_email", "contact_phone"
        )
        return fields

    def extractData(self, setErrors=True):
        """The schema's invariant (a place is needed) for the form's values,
        reported at the address field."""
        data, errors = super().extractData(setErrors)
        if not errors:
            try:
                IMaengelmeldung.validateInvariants(_Values(self.stored_values(data)))
            except Invalid as error:
                widget = self.widgets["address"]
                snippet = getMultiAdapter(
                    (error, self.request, widget, widget.field, self, self.context), IErrorViewSnippet
                )
                snippet.update()
                widget.error = snippet
                errors = self.widgets.errors = (*self.widgets.errors, snippet)
        return data, errors


class _Values:
    """Attribute access to form data, for the schema's invariant."""

    def __init__(self, values):
        self.__dict__.update(values)

    def __getattr__(self, name):
        return None


class SchuelerbefoerderungFormView(SubmissionFormView):
    number_fields = (ISchuelerbefoerderungsantrag["school_class"], ISchuelerbefoerderungsantrag["siblings"])

    def public_fields(self):
        fields = field.Fields(ISchuelerbefoerderungsantrag).select(
            "applicant_name",
            "applicant_address",
            "applicant_phone",
            "applicant_email",
            "pupil_name",
            "pupil_birthday",
            "pupil_address",
        )
        fields += field.Fields(choice("school", _("School"), self.context.schools))
        fields += field.Fields(*(as_text(number_field) for number_field in self.number_fields))
        fields += field.Fields(choice("transport", _("Means of transport"), TRANSPORT_OPTIONS))
        fields += field.Fields(ISchuelerbefoerderungsantrag).select(
            "transport_reason", "iban", "account_holder", "certificate", "consent"
        )
        fields["consent"].widgetFactory = SingleCheckBoxFieldWidget
        return fields

    def stored_values(self, data):
        return {**super().stored_values(data), "school_year": self.context.school_year}
