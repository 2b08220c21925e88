"""Demo Posteingang: a handful of Eingänge in different states and
channels (an e-mail with attachment, scanned letters, one forwarded, one
filed into a demo Vorgang), registered through the one intake function."""

import datetime

from plone import api

from mittelangeln.policy.posteingang.filing import file_eingang
from mittelangeln.policy.posteingang.forwarding import forward
from mittelangeln.policy.posteingang.intake import Delivery
from mittelangeln.policy.posteingang.intake import IncomingFile
from mittelangeln.policy.posteingang.intake import register
from mittelangeln.policy.site.demo_akten import BAUEN
from mittelangeln.policy.site.demo_akten import ORDNUNG
from mittelangeln.policy.textpdf import text_pdf


AREA = "posteingang"


def _pdf(name, lines):
    return IncomingFile(name, text_pdf([lines]), "application/pdf")


def _days_ago(days, hour=9):
    moment = datetime.datetime.now() - datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=15, second=0, microsecond=0)


def deliveries():
    """(key, Delivery) of the demo Eingänge, oldest first."""
    today = datetime.date.today()
    return [
        (
            "email",
            Delivery(
                channel="email",
                subject="Antrag auf Sondernutzung: Dorffest Satrup",
                files=[
                    IncomingFile(
                        "Nachricht.txt",
                        "Sehr geehrte Damen und Herren,\n\nanbei unser Antrag auf Sondernutzung des "
                        "Marktplatzes für das Dorffest Satrup.\n\nMit freundlichen Grüßen\nAnke Hansen\n".encode(),
                        "text/plain",
                    ),
                    _pdf("Lageplan-Dorffest.pdf", ["Lageplan Dorffest Satrup", "Buehne und Staende am Marktplatz"]),
                ],
                received=_days_ago(6),
                sender_name="Anke Hansen",
                sender_organisation="Dorffestverein Satrup e. V.",
                sender_email="anke.hansen@example.org",
                message_id="<demo-dorffest-2026@example.org>",
                fachdienst=ORDNUNG,
                deadline=today + datetime.timedelta(days=14),
            ),
        ),
        (
            "bauantrag",
            Delivery(
                channel="post",
                subject="Bauantrag Mühlenweg 3, Sörup",
                files=[_pdf("Scan-Bauantrag.pdf", ["Bauantrag Muehlenweg 3 Soerup", "Bauherr: Peter Lorenzen"])],
                received=_days_ago(12),
                sender_name="Peter Lorenzen",
                sender_address="Mühlenweg 3\n24966 Sörup",
                scan_id="DEMO-SCAN-0001",
                fachdienst=BAUEN,
                deadline=today - datetime.timedelta(days=2),
            ),
        ),
        (
            "widerspruch",
            Delivery(
                channel="post",
                subject="Widerspruch gegen den Hundesteuerbescheid",
                files=[
                    _pdf(
                        "Scan-Widerspruch.pdf",
                        ["Widerspruch gegen den Hundesteuerbescheid 2026", "Kassenzeichen 93-0815"],
                    )
                ],
                received=_days_ago(1),
                sender_name="Karin Thomsen",
                sender_address="Dorfstraße 7\n24986 Mittelangeln",
                scan_id="DEMO-SCAN-0002",
            ),
        ),
        (
            "weitergeleitet",
            Delivery(
                channel="upload",
                subject="Beschwerde über Lärm an der Festwiese",
                files=[_pdf("Beschwerde-Laerm.pdf", ["Beschwerde ueber Laerm an der Festwiese", "Nachtruhe"])],
                received=_days_ago(3),
                sender_name="Hauke Jessen",
                fachdienst=BAUEN,
            ),
        ),
        (
            "abgelegt",
            Delivery(
                channel="post",
                subject="Nachreichung Statik Dorfstraße 12",
                files=[_pdf("Scan-Statik.pdf", ["Statische Berechnung Einfamilienhaus Dorfstrasse 12"])],
                received=_days_ago(9),
                sender_name="Jens Petersen",
                scan_id="DEMO-SCAN-0003",
                fachdienst=BAUEN,
            ),
        ),
    ]


def demo_vorgang():
    """The Vorgang "Bauantrag" of the demo Bauakte Dorfstraße 12."""
    akten = api.content.find(portal_type="Bauakte", Title="Dorfstraße", unrestricted=True)
    for akte in akten:
        found = api.content.find(path=akte.getPath(), portal_type="Vorgang", Title="Bauantrag", unrestricted=True)
        if found:
            return found[0]._unrestrictedGetObject()
    return None


def create_demo_posteingang(portal):
    """Create the demo Eingänge unless the Posteingang has Eingänge already;
    returns the new ones."""
    area = portal.get(AREA)
    if area is None or area.objectIds():
        return []
    created = {key: register(delivery, container=area) for key, delivery in deliveries()}
    forward(
        created["weitergeleitet"],
        fachdienst=ORDNUNG,
        note="Lärm an der Festwiese ist Sache der Ordnungsbehörde.",
    )
    vorgang = demo_vorgang()
    if vorgang is not None:
        file_eingang(created["abgelegt"], vorgang)
    return list(created.values())
