"""Site Setup → "Posteingang-Regeln": the routing rules (posteingang/rules.py)
in a table in their order, with a z3c.form form to add or edit one rule;
moving and deleting are POSTs with plone.protect's token."""

from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.protect import CheckAuthenticator
from plone.z3cform import layout
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import button
from z3c.form import field
from z3c.form import form
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.form.browser.textlines import TextLinesFieldWidget
from z3c.form.interfaces import IErrorViewSnippet
from zExceptions import Forbidden
from zope import schema
from zope.component import getMultiAdapter
from zope.interface import Interface
from zope.interface import Invalid

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang import rules as routing_rules
from mittelangeln.policy.vocabularies import EINGANG_CHANNELS


PANEL = "@@posteingang-regeln"


class IRuleForm(Interface):
    name = schema.TextLine(title=_("Name"), required=True)
    senders = schema.List(
        title=_("Sender addresses or domains"),
        description=_(
            "One per line. A full address matches exactly, a domain (“@kreis-sl.de” or “kreis-sl.de”) "
            "also its subdomains. Empty: every sender."
        ),
        value_type=schema.TextLine(),
        required=False,
    )
    keywords = schema.List(
        title=_("Keywords in subject or text"),
        description=_(
            "One per line; the rule holds if any of them occurs as a whole word, regardless of case and "
            "umlauts (“Muehlenweg” finds “Mühlenweg”). Empty: every text."
        ),
        value_type=schema.TextLine(),
        required=False,
    )
    channels = schema.List(
        title=_("Intake channels"),
        description=_("None chosen: every channel."),
        value_type=schema.Choice(vocabulary="mittelangeln.policy.eingang_channels"),
        required=False,
    )
    fachdienst = schema.Choice(
        title=_("Fachdienst"),
        vocabulary="mittelangeln.policy.fachdienste",
        required=False,
    )
    responsible = schema.Choice(
        title=_("Person it routes to"),
        vocabulary="mittelangeln.policy.staff_members",
        required=False,
    )


def panel_url():
    return f"{api.portal.get().absolute_url()}/{PANEL}"


class RuleForm(form.Form):
    """Add (no ``rule`` in the request) or edit one rule."""

    fields = field.Fields(IRuleForm)
    fields["senders"].widgetFactory = TextLinesFieldWidget
    fields["keywords"].widgetFactory = TextLinesFieldWidget
    fields["channels"].widgetFactory = CheckBoxFieldWidget
    enableCSRFProtection = True
    rule = None

    def update(self):
        rule_id = self.request.form.get("rule", "")
        if rule_id:
            self.rule = next((rule for rule in routing_rules.stored_rules() if rule.id == rule_id), None)
        if rule_id and self.rule is None:
            api.portal.show_message(_("This rule no longer exists."), self.request, type="error")
            self.request.response.redirect(panel_url())
            return
        super().update()
        if self.rule is not None and not self.request.form.get("form.buttons.save"):
            for _field, message in routing_rules.rule_problems(self.rule, ()):
                api.portal.show_message(message, self.request, type="warning")

    def updateWidgets(self):
        super().updateWidgets()
        for name in ("senders", "keywords"):
            # Bootstrap's look, as Plone's own text areas have it.
            self.widgets[name].addClass("form-control")
            self.widgets[name].rows = 4

    @property
    def label(self):
        return _("Edit routing rule") if self.rule is not None else _("Add routing rule")

    @property
    def action(self):
        suffix = f"?rule={self.rule.id}" if self.rule is not None else ""
        return f"{self.request.getURL()}{suffix}"

    @property
    def ignoreContext(self):
        return self.rule is None

    def getContent(self):
        rule = self.rule
        if rule is None:
            return {}
        return {
            "name": rule.name,
            "senders": list(rule.senders),
            "keywords": list(rule.keywords),
            "channels": [channel for channel in rule.channels if channel in EINGANG_CHANNELS],
            "fachdienst": rule.fachdienst or None,
            "responsible": rule.responsible or None,
        }

    def show_error(self, name, message):
        widget = self.widgets[name]
        snippet = getMultiAdapter(
            (Invalid(message), self.request, widget, widget.field, self, self.context), IErrorViewSnippet
        )
        snippet.update()
        widget.error = snippet
        self.widgets.errors = (*self.widgets.errors, snippet)

    def unknown_choice(self, name):
        """A posted value the select did not offer (z3c.form drops it)."""
        widget = self.widgets[name]
        posted = self.request.form.get(widget.name) or ()
        for token in (posted,) if isinstance(posted, str) else posted:
            if token and token != widget.noValueToken:
                try:
                    widget.terms.getTermByToken(token)
                except LookupError:
                    return token
        return None

    @button.buttonAndHandler(_("Save rule"), name="save")
    def handle_save(self, action):
        data, errors = self.extractData()
        fachdienst, person = self.unknown_choice("fachdienst"), self.unknown_choice("responsible")
        if fachdienst is not None:
            self.show_error("fachdienst", _("There is no Fachdienst “${name}”.", mapping={"name": fachdienst}))
        if person is not None:
            self.show_error("responsible", _("There is no user “${name}”.", mapping={"name": person}))
        errors = errors or fachdienst is not None or person is not None
        if errors:
            self.status = self.formErrorsMessage
            return
        stored = routing_rules.stored_rules()
        rule = routing_rules.cleaned(
            routing_rules.Rule(
                name=data["name"] or "",
                senders=tuple(data["senders"] or ()),
                keywords=tuple(data["keywords"] or ()),
                channels=tuple(data["channels"] or ()),
                fachdienst=data["fachdienst"] or "",
                responsible=data["responsible"] or "",
                **({"id": self.rule.id} if self.rule is not None else {}),
            )
        )
        problems = routing_rules.rule_problems(rule, [other for other in stored if other.id != rule.id])
        if problems:
            for name, message in problems:
                self.show_error(name, message)
            self.status = self.formErrorsMessage
            return
        if self.rule is None:
            stored.append(rule)
        else:
            stored = [rule if other.id == rule.id else other for other in stored]
        routing_rules.store_rules(stored)
        api.portal.show_message(_("The rule “${name}” was saved.", mapping={"name": rule.name}), self.request)
        self.request.response.redirect(panel_url())

    @button.buttonAndHandler(_("Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(panel_url())


RuleFormView = layout.wrap_form(RuleForm, ControlPanelFormWrapper)


class RulesPanel(BrowserView):
    """The table of rules; POSTs move or delete one."""

    template = ViewPageTemplateFile("templates/rules_panel.pt")

    def __call__(self):
        if self.request.method == "POST":
            return self.change()
        return self.template()

    def change(self):
        try:
            CheckAuthenticator(self.request)
        except Forbidden:
            api.portal.show_message(_("The form was out of date; please try again."), self.request, type="error")
            return self.request.response.redirect(panel_url())
        stored = routing_rules.stored_rules()
        ids = [rule.id for rule in stored]
        rule_id = self.request.form.get("rule", "")
        if rule_id not in ids:
            api.portal.show_message(_("This rule no longer exists."), self.request, type="error")
            return self.request.response.redirect(panel_url())
        position = ids.index(rule_id)
        if "delete" in self.request.form:
            removed = stored.pop(position)
            message = _("The rule “${name}” was deleted.", mapping={"name": removed.name})
        else:
            target = position - 1 if "up" in self.request.form else position + 1
            if 0 <= target < len(stored):
                stored[position], stored[target] = stored[target], stored[position]
            message = _("The order of the rules was changed.")
        routing_rules.store_rules(stored)
        api.portal.show_message(message, self.request)
        return self.request.response.redirect(panel_url())

    def rows(self):
        channels = EINGANG_CHANNELS
        portal_url = api.portal.get().absolute_url()
        stored = routing_rules.stored_rules()
        users = {}
        for position, rule in enumerate(stored):
            if rule.responsible and rule.responsible not in users:
                user = api.user.get(userid=rule.responsible)
                users[rule.responsible] = (
                    (user.getProperty("fullname") or rule.responsible) if user else rule.responsible
                )
            yield {
                "rule": rule,
                "number": position + 1,
                "first": position == 0,
                "last": position == len(stored) - 1,
                "senders": ", ".join(rule.senders),
                "keywords": ", ".join(rule.keywords),
                "channels": ", ".join(translate(channels.getTerm(c).title) for c in rule.channels if c in channels),
                "person": users.get(rule.responsible, ""),
                "problems": [message for _name, message in routing_rules.rule_problems(rule, ())],
                "edit_url": f"{portal_url}/@@posteingang-regel?rule={rule.id}",
            }
