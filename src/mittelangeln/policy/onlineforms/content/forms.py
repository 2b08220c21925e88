"""The online forms that editors publish: the Mängelmelder and the
Schülerbeförderung form.

A form is a page with an introduction (rich text behaviour) and the settings
editors maintain (categories and their Fachdienst, schools, school year). It
follows the area workflow (Entwurf → eingereicht → Öffentlich) and its
publication dates: anonymous visitors fill in a form only while it is
published and between its start and end date. A new version of a form is a
copy that the Redaktion edits and publishes while the old one stays online.
"""

import logging

from DateTime import DateTime
from plone import api
from plone.dexterity.content import Item
from plone.i18n.normalizer import idnormalizer
from plone.supermodel import model
from zope import schema
from zope.interface import Invalid
from zope.interface import implementer

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate


logger = logging.getLogger(__name__)

SCHOOL_YEAR_SHAPE = "2026/27"


class CategoriesInvalid(Invalid):
    __doc__ = _("A category line is invalid.")


def token_of(value):
    """The ASCII form value of a choice (category, school) in the public form."""
    return idnormalizer.normalize(value, max_length=200)


def parse_categories(text, strict=True):
    """[(category, Fachdienst or None)] from lines "Kategorie | Fachdienst";
    a line without a Fachdienst goes to the default one for defect reports.
    The Fachdienst may be given in full or by its part before " – ".
    ``strict``: a bad line is an error (editing); otherwise it is skipped or,
    naming an unknown Fachdienst (renamed in the registry since), goes to the
    default one, so the public form keeps working."""
    names = settings.fachdienste()
    by_short_name = {name.split(" – ")[0].strip().lower(): name for name in names}
    by_name = {name.lower(): name for name in names}
    categories, tokens = [], set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        category, _separator, fachdienst = (part.strip() for part in line.partition("|"))
        problem = None
        routed = by_name.get(fachdienst.lower()) or by_short_name.get(fachdienst.lower()) if fachdienst else None
        duplicate = token_of(category) in tokens
        if not category:
            problem = _("Line ${number}: the category is missing.", mapping={"number": number})
        elif duplicate:
            problem = _(
                "Line ${number}: the category “${category}” is listed twice.",
                mapping={"number": number, "category": category},
            )
        elif fachdienst and routed is None:
            problem = _(
                "Line ${number}: “${fachdienst}” is not a Fachdienst of the portal. Known are: ${names}.",
                mapping={"number": number, "fachdienst": fachdienst, "names": "; ".join(names)},
            )
        if problem is not None:
            if strict:
                raise CategoriesInvalid(problem)
            logger.warning("Categories of a Mängelmelder form: %s", translate(problem))
            if not category or duplicate:
                continue
        categories.append((category, routed))
        tokens.add(token_of(category))
    return categories


def check_categories(text):
    if not parse_categories(text):
        raise CategoriesInvalid(_("Please give at least one category."))
    return True


def check_schools(values):
    """No school twice (also not as "Grundschule Satrup" and "grundschule satrup")."""
    seen = {}
    for school in values:
        token = token_of(school)
        if token in seen:
            raise Invalid(
                _("“${school}” is listed twice (as “${first}”).", mapping={"school": school, "first": seen[token]})
            )
        seen[token] = school
    return True


def check_school_year(value):
    """A school year like 2026/27: the second year follows the first."""
    first, _separator, second = (value or "").partition("/")
    well_formed = first.isdigit() and len(first) == 4 and second.isdigit() and len(second) == 2
    if not well_formed or (int(first) + 1) % 100 != int(second):
        raise Invalid(_("Please give the school year as ${example}.", mapping={"example": SCHOOL_YEAR_SHAPE}))
    return True


class IOnlineForm(model.Schema):
    """What every online form has besides its introduction."""

    confirmation_text = schema.Text(
        title=_("Text on the confirmation page"),
        description=_("Shown with the reference number after sending, e.g. when to expect an answer."),
        required=False,
        max_length=2000,
    )


class IMaengelmelderFormular(IOnlineForm):
    categories = schema.Text(
        title=_("Categories"),
        description=_(
            "One category per line. Behind a vertical bar the Fachdienst that handles it, "
            "e.g. “Straßenbeleuchtung | Fachdienst IV”; without it the Fachdienst set for defect reports."
        ),
        required=True,
        constraint=check_categories,
    )


class ISchuelerbefoerderungFormular(IOnlineForm):
    schools = schema.List(
        title=_("Schools"),
        description=_("One school per line, as applicants choose it."),
        value_type=schema.TextLine(max_length=200),
        required=True,
        min_length=1,
        constraint=check_schools,
    )
    school_year = schema.TextLine(
        title=_("School year"), description=_("e.g. 2026/27"), required=True, constraint=check_school_year
    )


class OnlineForm(Item):
    """Base of the form types: whether it takes submissions now."""

    def is_open(self, now=None):
        """Published and between the start and end date (publication dates)."""
        if api.content.get_state(self, default=None) != "published":
            return False
        now = DateTime() if now is None else now
        effective = self.effective()
        expires = self.expires()
        return effective <= now < expires


@implementer(IMaengelmelderFormular)
class MaengelmelderFormular(OnlineForm):
    submission_type = "Maengelmeldung"

    def routing(self):
        """{category: Fachdienst} with the default Fachdienst filled in. A
        line that no longer fits (a Fachdienst renamed in the registry) goes
        to the default Fachdienst instead of breaking the public form."""
        default = settings.routed_fachdienst("maengelmelder_fachdienst")
        categories = parse_categories(self.categories, strict=False)
        return {category: fachdienst or default for category, fachdienst in categories}


@implementer(ISchuelerbefoerderungFormular)
class SchuelerbefoerderungFormular(OnlineForm):
    submission_type = "Schuelerbefoerderungsantrag"
