"""The public pages of the online forms: introduction, form, confirmation.

z3c.form forms built from the submission types' schemas, so that the form
and the stored item validate the same way; the choices editors maintain
(categories, schools) come from the form item. Anonymous visitors use them
while the form is open (``OnlineForm.is_open``); editors see a preview.
"""

from plone.i18n.normalizer import idnormalizer
from plone.namedfile.interfaces import INamedField
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import button
from z3c.form import field
from z3c.form import form
from z3c.form.browser.checkbox import SingleCheckBoxFieldWidget
from z3c.form.interfaces import IErrorViewSnippet
from zope.component import getMultiAdapter
from zope import schema
from zope.interface import Invalid
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary
from ZPublisher.HTTPRequest import FileUpload

from mittelangeln.policy.content.submissions import IMaengelmeldung
from mittelangeln.policy.content.submissions import ISchuelerbefoerderungsantrag
from mittelangeln.policy.forms.intake import receive
from mittelangeln.policy.forms.numbers import as_text
from mittelangeln.policy.forms.numbers import read_numbers
from mittelangeln.policy.forms.rate_limit import SubmissionLimit
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate

HONEYPOT = "website"

TRANSPORT_OPTIONS = (
    "Schulbus oder Linienbus",
    "Bahn",
    "Schülerspezialverkehr (Kleinbus)",
    "Privatfahrzeug (Kostenerstattung)",
)


def choice(name, title, values, description=None):
    """A required choice among ``values`` (tokens ASCII for the HTML form)."""
    terms = []
    for value in values:
        token = idnormalizer.normalize(value, max_length=200)
        terms.append(SimpleTerm(value=value, token=token, title=value))
    return schema.Choice(__name__=name, title=title, description=description, vocabulary=SimpleVocabulary(terms))


class SubmissionFormView(form.Form):
    """Base: the form of one kind of submission on its form item."""

    template = ViewPageTemplateFile("templates/online_form.pt")
    ignoreContext = True
    enableCSRFProtection = True
    submission = None
    refused = None  # (status code, message) of a refused sending

    # Fields of the stored type that the form takes as text (numbers.py).
    number_fields = ()

    def public_fields(self):
        raise NotImplementedError

    def update(self):
        self.fields = self.public_fields()
        self.strip_input()
        super().update()

    def strip_input(self):
        """Leading and trailing blanks go, so a required field holding only
        blanks counts as empty; an upload sent for a text field counts as
        nothing sent (z3c.form's converters expect text there)."""
        file_widgets = {
            f"{self.prefix}widgets.{name}" for name, spec in self.fields.items() if INamedField.providedBy(spec.field)
        }
        for key, value in list(self.request.form.items()):
            if not key.startswith(f"{self.prefix}widgets.") or key in file_widgets:
                continue
            if isinstance(value, str):
                self.request.form[key] = value.strip()
            elif isinstance(value, FileUpload):
                self.request.form[key] = ""

    def render(self):
        # Text sent in place of a file: the file widget cannot show it again.
        for widget in self.widgets.values():
            if INamedField.providedBy(widget.field) and isinstance(widget.value, str):
                widget.value = None
        return super().render()

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        for widget in self.widgets.values():
            if getattr(widget, "prompt", None) is False and hasattr(widget, "promptMessage"):
                widget.prompt = True
                widget.promptMessage = translate(_("Please choose"))

    @property
    def is_open(self):
        return self.context.is_open()

    def error_summary(self):
        """[(field label, message)] of the last sending, in form order."""
        errors = []
        for error in self.widgets.errors:
            # A checkbox carries its text on the box, not as the label.
            label = error.widget.label or error.widget.field.title if error.widget is not None else ""
            errors.append((translate(label) if label else "", error.render().strip()))
        return errors

    def honeypot_filled(self):
        return bool(self.request.form.get(HONEYPOT, "").strip())

    def client_address(self):
        return self.request.getClientAddr() or "unknown"

    def refuse(self, status, message):
        self.refused = translate(message)
        self.request.response.setStatus(status)

    def stored_values(self, data):
        return read_numbers(data, self.number_fields)

    @button.buttonAndHandler(_("Send"), name="send")
    def handle_send(self, action):
        if not self.is_open:
            return self.refuse(403, _("This form does not take submissions at the moment."))
        if self.honeypot_filled():
            return self.refuse(400, _("Your submission could not be accepted."))
        data, errors = self.extractData()
        if errors:
            self.status = translate(_("Please correct the marked fields; your other input is kept."))
            self.request.response.setStatus(400)
            return
        limit = SubmissionLimit()
        if limit.exceeded(self.client_address()):
            return self.refuse(
                429, _("Too many submissions came from your connection in the last hour. Please try again later.")
            )
        self.submission = receive(self.context, self.stored_values(data))
        limit.record(self.client_address())


class MaengelmelderFormView(SubmissionFormView):
    number_fields = (IMaengelmeldung["latitude"], IMaengelmeldung["longitude"])

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
