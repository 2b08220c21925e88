"""Fixtures of the Posteingang tests: PDFs and a delivery factory."""

import pytest

from mittelangeln.policy.posteingang.intake import Delivery
from mittelangeln.policy.posteingang.intake import IncomingFile
from mittelangeln.policy.textpdf import text_pdf


@pytest.fixture(scope="session")
def letter_pdf():
    return text_pdf([["Bauantrag Mühlenweg 3 Sörup", "Sehr geehrte Damen und Herren"], ["Anlage Lageplan"]])


@pytest.fixture
def delivery(letter_pdf):
    def make(subject="Bauantrag Mühlenweg 3", files=None, **fields):
        files = files if files is not None else [IncomingFile("brief.pdf", letter_pdf)]
        return Delivery(channel=fields.pop("channel", "post"), subject=subject, files=files, **fields)

    return make
