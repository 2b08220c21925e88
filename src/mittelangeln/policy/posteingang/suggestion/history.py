"""A generated history of routed and filed Eingänge, for the accuracy
benchmark and the tests (no portal needed): German administrative
letters of the four Fachdienste of the Amt, organised in cases (a
Vorgang each) with several letters per case; topics that overlap between
Fachdienste (Widerspruch, Rechnung, Antrag), senders shared by several,
letters that name their case only sometimes, and some misrouted ones.
The same seed gives the same history."""

import datetime
import random
from dataclasses import dataclass

from mittelangeln.policy.posteingang.rules import Rule
from mittelangeln.policy.posteingang.suggestion.core import Sample


FD_I = "Fachdienst I – Zentrale Dienste"
FD_II = "Fachdienst II – Finanzen"
FD_III = "Fachdienst III – Ordnung und Soziales"
FD_IV = "Fachdienst IV – Bauen und Umwelt"

STREETS = (
    "Mühlenweg",
    "Hauptstraße",
    "Dorfstraße",
    "Kirchenweg",
    "Schulstraße",
    "Am Markt",
    "Birkenweg",
    "Lindenallee",
    "Süderstraße",
    "Norderfeld",
    "Koppelweg",
    "Flensburger Straße",
    "Bahnhofstraße",
    "Eichenweg",
    "Am Sportplatz",
    "Westerfeld",
    "Osterstraße",
    "Rosenstraße",
    "Ahornweg",
    "Stapelholmer Weg",
)
PLACES = ("Sörup", "Mittelangeln", "Havetoft", "Satrup", "Rüde", "Schwensby", "Obdrup", "Winderatt")
SURNAMES = (
    "Hansen",
    "Jensen",
    "Petersen",
    "Nielsen",
    "Thomsen",
    "Christiansen",
    "Carstensen",
    "Schmidt",
    "Clausen",
    "Lorenzen",
    "Jessen",
    "Paulsen",
    "Asmussen",
    "Andresen",
    "Brodersen",
    "Möller",
    "Sönnichsen",
    "Ketelsen",
    "Feddersen",
    "Martensen",
)
FIRST_NAMES = ("Anke", "Jan", "Kerstin", "Sönke", "Maren", "Hauke", "Birte", "Lars", "Inken", "Uwe", "Frauke", "Jörg")
CITIZEN_DOMAINS = ("gmx.de", "web.de", "t-online.de", "outlook.de", "posteo.de", "gmail.com")


@dataclass
class Topic:
    fachdienst: str
    key: str  # Aktenplan key of its Vorgänge
    case: str  # title of a case: {street}, {name}, {place}
    subjects: tuple  # of its letters
    phrases: tuple  # of the letter texts
    senders: tuple = ()  # (organisation, domain) that write about it besides citizens
    citizen_share: float = 0.7


TOPICS = (
    Topic(
        FD_IV,
        "632.1",
        "Bauantrag {street} {number}, {place}",
        (
            "Bauantrag {street} {number}",
            "Nachreichung Unterlagen Bauvorhaben {street}",
            "Bauvoranfrage {place}",
            "Stellungnahme Bauantrag {street} {number}",
            "Baugenehmigung {street}",
            "Antrag auf Befreiung Bebauungsplan",
        ),
        (
            "Neubau eines Einfamilienhauses",
            "Lageplan und Bauzeichnungen anbei",
            "Statik folgt",
            "Grundstück Flurstück {number}/3",
            "Abstandsflächen zum Nachbargrundstück",
            "Baubeschreibung",
            "Stellplatznachweis",
            "Bebauungsplan Nr. 12",
        ),
        (
            ("Kreis Schleswig-Flensburg, Bauaufsicht", "kreis-sl.de"),
            ("Architekturbüro Möller", "moeller-architekten.de"),
            ("Ingenieurbüro Nord", "ib-nord.de"),
        ),
        0.5,
    ),
    Topic(
        FD_IV,
        "663",
        "Straßenbeleuchtung {street}, {place}",
        (
            "Straßenlaterne defekt {street}",
            "Straßenbeleuchtung {street}",
            "Lampe ausgefallen {place}",
            "Rechnung Wartung Straßenbeleuchtung",
            "Umrüstung LED Straßenbeleuchtung {place}",
        ),
        (
            "die Laterne vor Haus Nr. {number} ist seit Tagen dunkel",
            "Leuchtmittel tauschen",
            "Mast beschädigt",
            "Wartungsvertrag Beleuchtung",
            "Störung gemeldet",
            "Schleswig-Holstein Netz",
        ),
        (("Schleswig-Holstein Netz AG", "sh-netz.com"), ("Elektro Carstensen GmbH", "elektro-carstensen.de")),
        0.5,
    ),
    Topic(
        FD_IV,
        "661",
        "Straßenunterhaltung {street}, {place}",
        (
            "Schlagloch {street}",
            "Gehweg beschädigt {street}",
            "Winterdienst {place}",
            "Straßenschaden {street} {number}",
            "Rechnung Straßenbau {street}",
        ),
        (
            "tiefes Schlagloch in der Fahrbahn",
            "Gehwegplatten gebrochen",
            "Stolpergefahr",
            "Räumpflicht",
            "Asphaltarbeiten",
        ),
        (("Tiefbau Asmussen GmbH", "tiefbau-asmussen.de"),),
        0.6,
    ),
    Topic(
        FD_IV,
        "671",
        "Baumfällung {street}, {place}",
        (
            "Antrag Baumfällung {street} {number}",
            "Knick {place}",
            "Baumschutz {street}",
            "Widerspruch Ablehnung Baumfällung",
        ),
        ("Eiche auf dem Grundstück", "Knickpflege", "Baumgutachten", "Naturschutzbehörde", "Ersatzpflanzung"),
        (("Kreis Schleswig-Flensburg, Untere Naturschutzbehörde", "kreis-sl.de"),),
        0.7,
    ),
    Topic(
        FD_II,
        "941",
        "Hundesteuer {name}",
        (
            "Anmeldung Hund",
            "Hundesteuer {name}",
            "Abmeldung Hund {name}",
            "Widerspruch Hundesteuerbescheid",
            "Hundesteuermarke verloren",
        ),
        (
            "Hund angeschafft",
            "Rasse Labrador",
            "Steuermarke",
            "Hundesteuerbescheid vom",
            "Hund verstorben",
            "Befreiung Hundesteuer",
        ),
        (),
        0.95,
    ),
    Topic(
        FD_II,
        "942",
        "Grundsteuer {street} {number}, {place}",
        (
            "Grundsteuerbescheid {street} {number}",
            "Widerspruch Grundsteuer",
            "Grundsteuer Messbescheid",
            "Änderung Eigentümer {street}",
            "Ratenzahlung Grundsteuer",
        ),
        (
            "Finanzamt Flensburg Messbescheid",
            "Hebesatz",
            "Grundstück {street} {number}",
            "Eigentümerwechsel",
            "Grundsteuerwert",
        ),
        (("Finanzamt Flensburg", "finanzamt.landsh.de"), ("Notariat Jessen", "notar-jessen.de")),
        0.6,
    ),
    Topic(
        FD_II,
        "921",
        "Kita-Gebühren {name}",
        (
            "Kita-Gebühren {name}",
            "Antrag Ermäßigung Kita-Beitrag",
            "Sozialstaffel Kita",
            "Widerspruch Kita-Gebührenbescheid",
            "Geschwisterermäßigung",
        ),
        ("Elternbeitrag", "Kindertagesstätte Sonnenschein", "Einkommensnachweis", "Krippenplatz", "Beitragsbescheid"),
        (("Kita Sonnenschein", "kita-sonnenschein-soerup.de"), ("Kreis Schleswig-Flensburg, Jugendamt", "kreis-sl.de")),
        0.8,
    ),
    Topic(
        FD_II,
        "910",
        "Rechnungen {supplier}",
        (
            "Rechnung {number}",
            "Rechnung Nr. {number}/2026",
            "Zahlungserinnerung Rechnung {number}",
            "Gutschrift {number}",
            "Mahnung",
        ),
        ("Rechnungsbetrag", "zahlbar innerhalb von 14 Tagen", "Bankverbindung", "Umsatzsteuer", "Leistungszeitraum"),
        (
            ("Stadtwerke Flensburg", "stadtwerke-flensburg.de"),
            ("Büro Jensen GmbH", "buero-jensen.de"),
            ("Telekom Deutschland", "telekom.de"),
            ("Elektro Carstensen GmbH", "elektro-carstensen.de"),
        ),
        0.0,
    ),
    Topic(
        FD_III,
        "322",
        "Gewerbe {name}",
        ("Gewerbeanmeldung {name}", "Gewerbeabmeldung", "Gewerbeummeldung {place}", "Gewerbeanzeige Reisegewerbe"),
        (
            "Tätigkeit: Handel mit Waren aller Art",
            "Betriebsstätte {street} {number}",
            "Gewerbeschein",
            "Handelsregister",
            "Beginn der Tätigkeit",
        ),
        (("IHK Flensburg", "ihk-flensburg.de"), ("Handwerkskammer Flensburg", "hwk-flensburg.de")),
        0.7,
    ),
    Topic(
        FD_III,
        "332",
        "Ordnungswidrigkeit {name}",
        (
            "Anhörung Ordnungswidrigkeit",
            "Widerspruch Bußgeldbescheid",
            "Falschparker {street}",
            "Lärmbelästigung {street}",
            "Beschwerde Nachbar {street}",
        ),
        ("Bußgeld", "Verwarngeld", "Ruhestörung nachts", "parkt regelmäßig auf dem Gehweg", "Anhörungsbogen"),
        (("Polizeistation Sörup", "polizei.landsh.de"),),
        0.8,
    ),
    Topic(
        FD_III,
        "331",
        "Fundsache {number}",
        ("Fundsache", "Fundanzeige {place}", "Verlust Geldbörse", "Fahrrad gefunden {street}"),
        ("Fundbüro", "Schlüsselbund", "Geldbörse mit Ausweis", "Fahrrad"),
        (),
        0.9,
    ),
    Topic(
        FD_III,
        "341",
        "Unterbringung {name}",
        (
            "Antrag Wohngeld",
            "Obdachlosenunterbringung",
            "Unterkunft Flüchtlinge {place}",
            "Wohnberechtigungsschein {name}",
        ),
        ("Unterkunft", "Mietvertrag", "Einkommen", "Haushaltsgröße", "Zuweisung Kreis"),
        (("Kreis Schleswig-Flensburg, Sozialamt", "kreis-sl.de"), ("Diakonie Angeln", "diakonie-angeln.de")),
        0.6,
    ),
    Topic(
        FD_III,
        "343",
        "Schülerbeförderung {name}",
        ("Antrag Schülerbeförderung {name}", "Schülerfahrkarte", "Schulweg {place}", "Widerspruch Schülerbeförderung"),
        ("Grundschule Satrup", "Fahrkarte Schulbus", "Entfernung zur Schule", "Klasse 3"),
        (("Autokraft GmbH", "autokraft.de"),),
        0.8,
    ),
    Topic(
        FD_I,
        "023",
        "Personalakte {name}",
        (
            "Bewerbung {name}",
            "Bewerbung Verwaltungsfachangestellte",
            "Krankmeldung {name}",
            "Antrag Urlaub {name}",
            "Arbeitsunfähigkeitsbescheinigung",
            "Fortbildung {name}",
        ),
        (
            "Lebenslauf",
            "Zeugnisse anbei",
            "Stellenausschreibung",
            "arbeitsunfähig",
            "Personalrat",
            "Dienstvereinbarung",
        ),
        (("AOK Nordwest", "aok.de"), ("Verwaltungsakademie Bordesholm", "vab-sh.de")),
        0.6,
    ),
    Topic(
        FD_I,
        "011",
        "Gremien {place}",
        (
            "Einladung Gemeindevertretung {place}",
            "Sitzung Amtsausschuss",
            "Antrag Fraktion",
            "Niederschrift Bauausschuss",
        ),
        ("Tagesordnung", "Sitzungsgeld", "Beschlussvorlage", "Bürgermeister"),
        (("Gemeinde Sörup", "soerup.de"), ("Gemeinde Havetoft", "havetoft.de")),
        0.3,
    ),
    Topic(
        FD_I,
        "052",
        "IT und Beschaffung {supplier}",
        ("Angebot Büromaterial", "Rechnung IT-Service {number}", "Wartungsvertrag Kopierer", "Lieferschein {number}"),
        ("Toner", "Lizenzen", "Wartung", "Lieferung", "Angebot gültig bis"),
        (("Büro Jensen GmbH", "buero-jensen.de"), ("Dataport", "dataport.de"), ("Telekom Deutschland", "telekom.de")),
        0.0,
    ),
)
SUPPLIERS = ("Stadtwerke Flensburg", "Büro Jensen GmbH", "Telekom Deutschland", "Dataport", "Elektro Carstensen GmbH")


@dataclass
class Entry:
    """One Eingang of the history: what came in, and where it went."""

    sample: Sample
    received: datetime.datetime
    fachdienst: str
    vorgang: str = None  # label of the Vorgang it was filed into (None: not filed)
    vorgang_title: str = ""


def rules():
    """The rules an administrator of the Amt would write first."""
    return [
        Rule("Bauaufsicht Kreis", FD_IV, senders=("@kreis-sl.de",), keywords=("Bauantrag", "Baugenehmigung")),
        Rule("Bauanträge", FD_IV, keywords=("Bauantrag", "Bauvoranfrage", "Bauvorhaben")),
        Rule("Straßenbeleuchtung", FD_IV, keywords=("Straßenbeleuchtung", "Straßenlaterne")),
        Rule("Hundesteuer", FD_II, keywords=("Hundesteuer", "Hund")),
        Rule("Grundsteuer", FD_II, keywords=("Grundsteuer", "Grundsteuerbescheid")),
        Rule("Rechnungen", FD_II, keywords=("Rechnung",)),
        Rule("Gewerbe", FD_III, keywords=("Gewerbeanmeldung", "Gewerbeabmeldung", "Gewerbeummeldung")),
        Rule("Bewerbungen", FD_I, keywords=("Bewerbung",)),
        Rule("Finanzamt", FD_II, senders=("finanzamt.landsh.de",)),
    ]


def generate(count=2000, seed=17, misrouted=0.04, unfiled=0.25):
    """``count`` Eingänge in order of arrival over two years."""
    rng = random.Random(seed)
    start = datetime.datetime(2024, 1, 2, 8, 0)
    cases = []
    entries = []
    for position in range(count):
        received = start + datetime.timedelta(minutes=int(position * 525_600 * 2 / count))
        # An open case gets another letter, or a new case begins.
        if cases and rng.random() < 0.7:
            case = rng.choice(cases[-150:])
        else:
            case = new_case(rng, len(cases) + 1)
            cases.append(case)
        entries.append(letter(rng, case, received, misrouted, unfiled))
    return entries


def new_case(rng, number):
    topic = rng.choice(TOPICS)
    values = {
        "street": rng.choice(STREETS),
        "number": rng.randint(1, 120),
        "place": rng.choice(PLACES),
        "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
        "supplier": rng.choice(SUPPLIERS),
    }
    aktenzeichen = f"{topic.key}/{number:04d}-{rng.randint(1, 9)}"
    return {
        "topic": topic,
        "values": values,
        "label": f"v{number:05d}",
        "aktenzeichen": aktenzeichen,
        "title": topic.case.format(**values),
    }


def letter(rng, case, received, misrouted, unfiled):
    topic, values = case["topic"], dict(case["values"])
    values["number"] = values["number"] if rng.random() < 0.7 else rng.randint(1, 999)
    subject = rng.choice(topic.subjects).format(**values)
    if rng.random() < 0.15:
        subject = rng.choice(("Ihr Schreiben", "Anfrage", "Antrag", "Widerspruch", "Unterlagen", "Nachfrage", "")) + (
            f" {values['name']}" if rng.random() < 0.5 else ""
        )
    phrases = rng.sample(topic.phrases, k=min(len(topic.phrases), rng.randint(1, 3)))
    body = [p.format(**values) for p in phrases]
    if rng.random() < 0.5:
        body.append(f"Ihr Zeichen: {case['aktenzeichen']}")
    if rng.random() < 0.5:
        body.append(f"Betreff: {case['title']}")
    # Noise every letter has: greetings, a phrase of another topic.
    body.append(rng.choice(("Mit freundlichen Grüßen", "Sehr geehrte Damen und Herren", "Vielen Dank im Voraus")))
    if rng.random() < 0.3:
        body.append(rng.choice(rng.choice(TOPICS).phrases).format(**values))
    if topic.senders and rng.random() >= topic.citizen_share:
        organisation, domain = rng.choice(topic.senders)
        email = f"{rng.choice(('info', 'poststelle', 'service', 'kontakt'))}@{domain}"
    else:
        organisation = ""
        first, last = values["name"].split(" ", 1)
        email = (
            f"{normal_ascii(first)}.{normal_ascii(last)}@{rng.choice(CITIZEN_DOMAINS)}" if rng.random() < 0.6 else ""
        )
    channel = "email" if email and rng.random() < 0.7 else rng.choice(("post", "post", "upload", "online"))
    fachdienst = topic.fachdienst
    if rng.random() < misrouted:
        fachdienst = rng.choice([t.fachdienst for t in TOPICS if t.fachdienst != fachdienst])
    filed = rng.random() >= unfiled and fachdienst == topic.fachdienst
    sample = Sample(
        subject=subject, sender_email=email, sender_organisation=organisation, channel=channel, text="\n".join(body)
    )
    return Entry(
        sample,
        received,
        fachdienst,
        case["label"] if filed else None,
        f"{case['aktenzeichen']} {case['title']}" if filed else "",
    )


def normal_ascii(text):
    return text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
