"""A real two-page text PDF, written by ghostscript."""

import pytest

from mittelangeln.policy.textpdf import text_pdf


@pytest.fixture(scope="session")
def two_page_pdf():
    return text_pdf([["Bauantrag Dorfstrasse 12 Mittelangeln"], ["Seite zwei Lageplan"]])
