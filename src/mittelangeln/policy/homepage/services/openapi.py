"""The OpenAPI description of @oeffentliche-dokumente, as this portal
answers it: openapi.json beside this module with the portal's address and
the Gemeinden and Fachdienste currently set up (the values the endpoint
accepts) filled in."""

import json
from pathlib import Path

from plone import api
from Products.Five import BrowserView

from mittelangeln.policy import settings


DESCRIPTION = Path(__file__).with_name("openapi.json")
LISTING = "/@oeffentliche-dokumente"
# Parameters whose allowed values are maintained in the settings.
CONFIGURED_VALUES = {"gemeinde": settings.gemeinden, "fachdienst": settings.fachdienste}


def description():
    spec = json.loads(DESCRIPTION.read_text(encoding="utf-8"))
    spec["servers"] = [{"url": api.portal.get().absolute_url(), "description": "dieses Portal"}]
    for parameter in spec["paths"][LISTING]["get"]["parameters"]:
        values = CONFIGURED_VALUES.get(parameter["name"])
        if values and values():
            parameter["schema"]["enum"] = list(values())
    return spec


class OpenAPIDescription(BrowserView):
    def __call__(self):
        self.request.response.setHeader("Content-Type", "application/json; charset=utf-8")
        self.request.response.setHeader("Cache-Control", "public, max-age=60")
        return json.dumps(description(), ensure_ascii=False, indent=1)
