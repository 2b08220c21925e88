"""The boxes of Mein Arbeitsplatz. Each is a named adapter of (site root,
request) providing IArbeitsplatzBox (browser/configure.zcml) with its own
template; ``available`` says whether the box concerns the user at all."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.interface import implementer

from mittelangeln.policy.arbeitsplatz import links
from mittelangeln.policy.arbeitsplatz import news
from mittelangeln.policy.arbeitsplatz import recent
from mittelangeln.policy.arbeitsplatz import submissions
from mittelangeln.policy.formatting import german_date
from mittelangeln.policy.formatting import german_datetime
from mittelangeln.policy.formatting import state_title
from mittelangeln.policy.i18n import _
from mittelangeln.policy.interfaces import IArbeitsplatzBox


MAX_SUBMISSIONS = 20


@implementer(IArbeitsplatzBox)
class Box(BrowserView):
    order = 100
    title = None
    wide = False  # spans the whole width of the page
    template = None

    def available(self):
        return True

    def render(self):
        return self.template()

    def works_with_akten(self):
        """Staff and Leitung: the user may open an Aktenplan."""
        return bool(links.plan_links())


class QuickSearchBox(Box):
    order = 10
    title = _("Quick search")
    wide = True
    template = ViewPageTemplateFile("templates/box_search.pt")

    def available(self):
        return self.works_with_akten()


class RecentWorkBox(Box):
    order = 40
    title = _("Recently worked on by me")
    template = ViewPageTemplateFile("templates/box_recent.pt")

    def available(self):
        return self.works_with_akten()

    def items(self):
        user_id = api.user.get_current().getId()
        return [
            {"brain": brain, "when": german_datetime(when), "state": state_title(brain.portal_type, brain.review_state)}
            for brain, when in recent.recent_records(user_id)
        ]


class SubmissionsBox(Box):
    order = 20
    title = _("Open online submissions")
    wide = True
    template = ViewPageTemplateFile("templates/box_submissions.pt")

    def available(self):
        return submissions.handles_submissions()

    def listing(self):
        """(shown rows oldest first, how many more are open)."""
        brains = submissions.open_submissions()
        return [self.row(brain) for brain in brains[:MAX_SUBMISSIONS]], max(len(brains) - MAX_SUBMISSIONS, 0)

    def row(self, brain):
        return {
            "brain": brain,
            "state": state_title(brain.portal_type, brain.review_state),
            "received": german_date(submissions.received_on(brain)),
            "age": age_text(submissions.age_in_days(brain)),
        }

    def areas(self):
        return submissions.submission_areas()


def age_text(days):
    """ "seit heute", "seit 1 Tag", "seit 3 Tagen"."""
    if days <= 0:
        return _("since today")
    return _("for ${count} day", msgid_plural="for ${count} days", number=days, mapping={"count": german_number(days)})


def german_number(number):
    """1.234: thousands separated by points."""
    return f"{number:,}".replace(",", ".")


class NewsBox(Box):
    order = 60
    title = _("News")
    template = ViewPageTemplateFile("templates/box_news.pt")

    def available(self):
        return bool(news.news_areas())

    def items(self):
        return [{"brain": brain, "date": german_date(brain.created)} for brain in news.latest_news()]

    def areas(self):
        return news.news_areas()


class LinksBox(Box):
    order = 80
    title = _("My areas")
    template = ViewPageTemplateFile("templates/box_links.pt")

    def available(self):
        return bool(self.plans() or self.areas() or self.tools())

    def plans(self):
        return links.plan_links()

    def areas(self):
        return links.area_links()

    def tools(self):
        return links.tool_links()
