"""@@posteingang-statistik: days from receipt to erledigt, median and 90th
percentile per Fachdienst and per channel, as tables and a chart (SVG drawn
on the server; the tables are its text alternative)."""

from functools import cached_property

from Products.Five.browser import BrowserView
from zExceptions import Unauthorized

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.posteingang import listing
from mittelangeln.policy.posteingang import statistics
from mittelangeln.policy.posteingang.browser.lists import channel_titles


BAR_WIDTH = 400  # pixels of the longest bar
ROW_HEIGHT = 28
LABEL_WIDTH = 300


def days(value):
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


class StatisticsView(BrowserView):
    def __call__(self):
        if not listing.may_use_lists():
            raise Unauthorized("Posteingang-Statistik: nur für Mitarbeitende, die Eingänge bearbeiten")
        return self.index()

    @cached_property
    def summaries(self):
        return statistics.collect()

    def rows(self, summaries, label):
        return [
            {
                "label": label(item.group),
                "count": item.count,
                "median": days(item.median),
                "p90": days(item.p90),
                "summary": item,
            }
            for item in summaries
        ]

    def fachdienst_rows(self):
        unknown = translate(_("no Fachdienst"))
        return self.rows(self.summaries[0], lambda group: group or unknown)

    def channel_rows(self):
        titles = channel_titles()
        return self.rows(self.summaries[1], lambda group: titles.get(group, group or "–"))

    def total(self):
        found = self.rows(self.summaries[2], lambda group: translate(_("all items")))
        return found[0] if found else None

    def chart(self):
        """Bars of median and 90th percentile, Fachdienste then channels."""
        rows = [*self.fachdienst_rows(), *self.channel_rows()]
        longest = max((row["summary"].p90 for row in rows), default=0) or 1
        bars = [
            {
                "y": index * ROW_HEIGHT,
                "label": row["label"],
                "median_width": max(1, round(BAR_WIDTH * row["summary"].median / longest)),
                "p90_width": max(1, round(BAR_WIDTH * row["summary"].p90 / longest)),
                "text": f"{row['median']} / {row['p90']}",
            }
            for index, row in enumerate(rows)
        ]
        return {
            "bars": bars,
            "height": max(1, len(bars)) * ROW_HEIGHT + 8,
            "width": LABEL_WIDTH + BAR_WIDTH + 90,
            "label_width": LABEL_WIDTH,
        }
