"""The table of Wiedervorlagen that Meine Wiedervorlagen and the box on
Mein Arbeitsplatz share."""

from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class WiedervorlagenTable:
    table_template = ViewPageTemplateFile("templates/rows.pt")

    def table(self, rows, caption, back):
        """``back``: the view "Erledigt" returns to (form.RETURN_VIEWS)."""
        return self.table_template(rows=rows, caption=caption, back=back)
