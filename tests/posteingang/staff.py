"""The people of the Posteingang's functional tests (password PASSWORD):
``post`` (Poststelle), ``bauamt`` (Fachdienst IV), ``ordnungsamt``
(Fachdienst III)."""

from mittelangeln.policy.testing.helpers import add_member


BAUEN = "Fachdienst IV – Bauen und Umwelt"
ORDNUNG = "Fachdienst III – Ordnung und Soziales"
PEOPLE = {
    "post": "poststelle",
    "bauamt": "fachdienst-iv-bauen-und-umwelt",
    "ordnungsamt": "fachdienst-iii-ordnung-und-soziales",
}


def add_posteingang_staff():
    for username, group in PEOPLE.items():
        add_member(username, group)
