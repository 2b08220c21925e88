"""@@auswertung-formulare: processing times and open items, with a chart."""

from DateTime import DateTime
from plone import api
from Products.Five.browser import BrowserView

from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate
from mittelangeln.policy.onlineforms.statistics import AGE_BANDS
from mittelangeln.policy.onlineforms.statistics import collect


BAR_WIDTH = 420  # pixels of the longest bar in the chart
ROW_HEIGHT = 26


def days(value):
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


class FormStatisticsView(BrowserView):
    def update(self):
        self.durations, self.open_by_age = collect(DateTime())

    def __call__(self):
        self.update()
        return self.index()

    def form_title(self, portal_type):
        return translate(api.portal.get_tool("portal_types").getTypeInfo(portal_type).Title())

    def category_label(self, durations):
        """The category, or "alle Kategorien" for the form's total row."""
        return durations.category if durations.category is not None else translate(_("all categories"))

    def rows(self):
        """Table rows: form, category ("all" for the form's total), count, median, p90."""
        return [
            {
                "form": self.form_title(item.form),
                "category": self.category_label(item),
                "total": item.category is None,
                "count": item.count,
                "median": days(item.median),
                "p90": days(item.p90),
            }
            for item in self.durations
        ]

    def age_labels(self):
        return [label for label, _, _ in AGE_BANDS]

    def open_rows(self):
        return [
            {
                "form": self.form_title(form),
                "bands": [bands[label] for label in self.age_labels()],
                "total": sum(bands.values()),
            }
            for form, bands in sorted(self.open_by_age.items())
        ]

    def chart(self):
        """Bars of median and 90th percentile per form and category (SVG)."""
        longest = max((item.p90 for item in self.durations), default=0) or 1
        bars = []
        for row, item in enumerate(self.durations):
            label = f"{self.form_title(item.form)}: {self.category_label(item)}"
            bars.append(
                {
                    "y": row * ROW_HEIGHT,
                    "label": label,
                    "median_width": round(BAR_WIDTH * (item.median or 0) / longest),
                    "p90_width": round(BAR_WIDTH * (item.p90 or 0) / longest),
                    "text": f"{days(item.median)} / {days(item.p90)}",
                }
            )
        return {"bars": bars, "height": max(1, len(bars)) * ROW_HEIGHT + 10, "label_width": 300, "bar_width": BAR_WIDTH}
