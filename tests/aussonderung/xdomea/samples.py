"""Model objects for the xdomea tests: Akten with Vorgänge, Dokumente in
several versions, a Bauakte and a Personalakte with their extra fields,
umlauts and ß everywhere."""

import datetime
import io
import uuid

from mittelangeln.policy.aussonderung.xdomea import model


PROCESS_ID = "0f4c2a9e-5b1d-4c3e-9a7f-2d6b8e1c3a50"
CREATED = datetime.datetime(2027, 3, 1, 9, 30, 15, 250000, tzinfo=datetime.UTC)
AMT = model.Party(
    kennung="psw:01058092", name="Amt Mittelangeln", address="Amt Mittelangeln\nHauptstraße 1\n24986 Satrup"
)
ARCHIV = model.Party(
    kennung="", name="Kreisarchiv Schleswig-Flensburg", address="Kreisarchiv\nSuadicanistraße 1\n24837 Schleswig"
)


def uid(n):
    return str(uuid.UUID(int=n))


def header(code, process_id=PROCESS_ID, message_uuid=None):
    outgoing = code in ("0501", "0503", "0505")
    return model.Header(
        process_id=process_id,
        message_uuid=message_uuid or str(uuid.uuid4()),
        code=code,
        created=CREATED,
        sender=AMT if outgoing else ARCHIV,
        receiver=ARCHIV if outgoing else AMT,
    )


def content(text):
    data = text.encode("utf-8")
    return lambda: io.BytesIO(data)


def version(n, number, name, text, extension="txt", mime="text/plain", code="045"):
    return model.Version(
        number=number,
        file_uuid=uid(0xF000 + n),
        filename=name,
        extension=extension,
        mime_type=mime,
        format_code=code,
        created=datetime.datetime(2019, 5, number, 10, 0, tzinfo=datetime.UTC),
        open=content(text),
    )


def document(n, title, versions, kind="Schreiben", correspondent="Jürgen Müßig"):
    return model.Document(
        uuid=uid(0xD000 + n),
        title=title,
        date=datetime.date(2019, 5, n % 28 + 1),
        kind=kind,
        correspondent=correspondent,
        versions=versions,
    )


def bauakte():
    """2 Vorgänge, 5 Dokumente (one directly in the Akte), 8 versions."""
    return model.Akte(
        uuid=uid(0xA001),
        title="Bauantrag Neubau Einfamilienhaus, Größstraße 7",
        aktenzeichen="632.10-2014-017",
        kind="Bauakte",
        plan_key="632.10",
        plan_title="Baugenehmigungen für Wohngebäude",
        fachdienst="Bauen und Planen",
        opened=datetime.date(2014, 3, 3),
        closed=datetime.date(2015, 6, 30),
        retention="10",
        retention_until=datetime.date(2025, 12, 31),
        proposal="B",
        vorgaenge=[
            model.Vorgang(
                uuid=uid(0xB001),
                title="Baugenehmigungsverfahren",
                aktenzeichen="632.10-2014-017/1",
                opened=datetime.date(2014, 3, 3),
                closed=datetime.date(2015, 6, 30),
                documents=[
                    document(
                        1,
                        "Bauantrag",
                        [
                            version(1, 1, "Bauantrag.txt", "Antrag"),
                            version(2, 2, "Bauantrag (2).txt", "Antrag, ergänzt"),
                        ],
                    ),
                    document(
                        2,
                        "Baugenehmigung",
                        [
                            version(3, 1, "Genehmigung.pdf", "%PDF-1.4 Genehmigung", "pdf", "application/pdf", "044"),
                            version(
                                4, 2, "Genehmigung geändert.pdf", "%PDF-1.4 Änderung", "pdf", "application/pdf", "044"
                            ),
                            version(5, 3, "Genehmigung final.pdf", "%PDF-1.4 final", "pdf", "application/pdf", "044"),
                        ],
                        kind="Bescheid",
                        correspondent="",
                    ),
                ],
            ),
            model.Vorgang(
                uuid=uid(0xB002),
                title="Widerspruch der Nachbarin",
                aktenzeichen="632.10-2014-017/2",
                opened=datetime.date(2014, 9, 1),
                closed=None,
                proposal="A",
                documents=[
                    document(
                        3,
                        "Widerspruch",
                        [
                            version(
                                6, 1, "Widerspruch.odt", "odt", "odt", "application/vnd.oasis.opendocument.text", "015"
                            )
                        ],
                    ),
                    document(
                        4,
                        "Stellungnahme",
                        [version(7, 1, "Stellungnahme.txt", "Stellungnahme")],
                        kind="",
                        correspondent="Anwältin Öztürk",
                    ),
                ],
            ),
        ],
        documents=[
            document(5, "Lageplan", [version(8, 1, "Lageplan.png", "PNG", "png", "image/png", "019")], kind="Plan")
        ],
        extra={
            "gemarkung": "Satrup",
            "flur": "3",
            "flurstuecke": "12/4, 12/5",
            "site_address": "Größstraße 7, 24986 Satrup",
            "bauherr": "Familie Jürgensen",
            "project": "Einfamilienhaus",
            "permit_number": "B-2015-0042",
            "permit_date": "2015-06-30",
        },
    )


def personalakte():
    return model.Akte(
        uuid=uid(0xA002),
        title="Personalakte Müller, Änne",
        aktenzeichen="110.21-P-0815",
        kind="Personalakte",
        plan_key="110.21",
        plan_title="Personalakten",
        fachdienst="Personal",
        opened=datetime.date(1990, 8, 1),
        closed=datetime.date(2016, 12, 31),
        retention="dauernd",
        retention_until=None,
        proposal="A",
        vorgaenge=[],
        documents=[
            document(6, "Arbeitsvertrag", [version(9, 1, "Vertrag.txt", "Vertrag")], kind="Vertrag", correspondent="")
        ],
        extra={
            "employee_name": "Änne Müller",
            "personnel_number": "0815",
            "employed_from": "1990-08-01",
            "employed_until": "2016-12-31",
        },
    )


def akte_plain():
    """An Akte without Vorgänge, Dokumente, extras or dates."""
    return model.Akte(
        uuid=uid(0xA003),
        title="Straßenreinigung",
        aktenzeichen="661.3-2001-1",
        kind="Akte",
        plan_key="661.3",
        plan_title="Straßenreinigung",
        fachdienst="",
        opened=None,
        closed=None,
        retention="5",
        retention_until=datetime.date(2007, 12, 31),
        proposal="V",
        vorgaenge=[],
        documents=[],
    )


def akten():
    return [bauakte(), personalakte(), akte_plain()]


def without_files(akten_list):
    """The same Akten as a reader gives them back from a 0501 (no versions)."""
    for akte in akten_list:
        for doc in akte.documents + [d for v in akte.vorgaenge for d in v.documents]:
            doc.versions = []
    return akten_list
