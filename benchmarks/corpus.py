"""Generated German administrative text for benchmarks/search.py and benchmarks/api_site.py.

A seeded generator of Aktenplan positions, Akten, Vorgänge and letters of
about 1-2 KB (addresses, names, dates, Flurstücke, laws and domain compounds
such as "Baugenehmigung", "Abwassergebühr", also inflected: "zu den
Bauanträgen"). Words are drawn with Zipf-like
weights, so some terms occur in most documents of a topic and many only in a
few: full-text queries then have a realistic spread of result counts.
Pure Python, no Plone imports: it is also what fills the SQLite reference.
"""

import datetime
import random
import re


# -- the filing plan ---------------------------------------------------------
# (key, title, retention, archival value, weight for Akten, topic, Fachdienst)
# Keys follow the usual municipal Einheitsaktenplan; Bau has most Akten.
FD_ZENTRAL = "Fachdienst I – Zentrale Dienste"
FD_FINANZEN = "Fachdienst II – Finanzen"
FD_ORDNUNG = "Fachdienst III – Ordnung und Soziales"
FD_BAU = "Fachdienst IV – Bauen und Umwelt"

PLAN_GROUPS = (
    ("0", "Allgemeine Verwaltung"),
    ("1", "Öffentliche Sicherheit und Ordnung"),
    ("2", "Schulen"),
    ("3", "Kultur und Heimatpflege"),
    ("4", "Soziales und Jugend"),
    ("5", "Gesundheit und Sport"),
    ("6", "Bauwesen"),
    ("7", "Öffentliche Einrichtungen"),
    ("8", "Wirtschaft und Verkehr"),
    ("9", "Finanzen"),
)

PLAN_POSITIONS = (
    ("002.1", "Gemeindevertretung, Sitzungen", "dauernd", "A", 2, "verwaltung", FD_ZENTRAL),
    ("010.2", "Organisation der Verwaltung", "10", "B", 1, "verwaltung", FD_ZENTRAL),
    ("022.1", "Aus- und Fortbildung", "10", "V", 1, "personal", FD_ZENTRAL),
    ("023.4", "Stellenausschreibungen", "6", "V", 1, "personal", FD_ZENTRAL),
    ("052.0", "Öffentlichkeitsarbeit", "10", "B", 1, "verwaltung", FD_ZENTRAL),
    ("060.3", "Informationstechnik, Beschaffung", "10", "V", 1, "verwaltung", FD_ZENTRAL),
    ("102.2", "Ordnungswidrigkeiten", "5", "V", 3, "ordnung", FD_ORDNUNG),
    ("105.1", "Sondernutzungen, Veranstaltungen", "5", "V", 2, "ordnung", FD_ORDNUNG),
    ("122.0", "Meldewesen", "10", "V", 2, "ordnung", FD_ORDNUNG),
    ("131.2", "Feuerwehrgerätehäuser", "30", "B", 1, "feuerwehr", FD_ORDNUNG),
    ("132.1", "Freiwillige Feuerwehren", "10", "B", 2, "feuerwehr", FD_ORDNUNG),
    ("211.1", "Grundschulen, Schulgebäude", "30", "B", 2, "schule", FD_ORDNUNG),
    ("231.0", "Schülerbeförderung", "6", "V", 1, "schule", FD_ORDNUNG),
    ("352.0", "Büchereien", "10", "B", 1, "kultur", FD_ZENTRAL),
    ("361.2", "Heimatpflege, Denkmalpflege", "dauernd", "A", 1, "kultur", FD_BAU),
    ("411.0", "Wohngeld", "6", "V", 2, "sozial", FD_ORDNUNG),
    ("464.1", "Kindertagesstätten, Betrieb", "10", "B", 3, "kita", FD_ORDNUNG),
    ("464.3", "Kindertagesstätten, Gebühren", "10", "V", 2, "kita", FD_FINANZEN),
    ("470.0", "Obdachlosenunterbringung", "10", "V", 1, "sozial", FD_ORDNUNG),
    ("551.0", "Sportstätten", "30", "B", 1, "sport", FD_BAU),
    ("610.1", "Flächennutzungsplan", "dauernd", "A", 2, "planung", FD_BAU),
    ("610.2", "Bebauungspläne", "dauernd", "A", 4, "planung", FD_BAU),
    ("621.3", "Vermessung, Grenzfeststellungen", "30", "B", 2, "bau", FD_BAU),
    ("632.1", "Baugenehmigungen", "30", "A", 12, "bau", FD_BAU),
    ("632.2", "Bauvoranfragen", "10", "B", 5, "bau", FD_BAU),
    ("632.4", "Abbruchanzeigen", "10", "V", 2, "bau", FD_BAU),
    ("634.0", "Bauaufsicht, Baukontrollen", "10", "B", 3, "bau", FD_BAU),
    ("651.2", "Straßenbeleuchtung", "10", "V", 2, "strasse", FD_BAU),
    ("652.0", "Gemeindestraßen, Unterhaltung", "30", "B", 4, "strasse", FD_BAU),
    ("670.1", "Grünanlagen, Spielplätze", "10", "V", 2, "gruen", FD_BAU),
    ("690.2", "Gewässer, Vorfluter", "30", "B", 2, "umwelt", FD_BAU),
    ("700.1", "Abwasserbeseitigung", "30", "B", 4, "abwasser", FD_BAU),
    ("720.0", "Abfallbeseitigung", "10", "V", 1, "umwelt", FD_BAU),
    ("750.1", "Friedhöfe, Grabstätten", "30", "B", 2, "friedhof", FD_ORDNUNG),
    ("811.0", "Gewerbeanmeldungen", "5", "V", 3, "gewerbe", FD_ORDNUNG),
    ("860.2", "Verkehrsbehördliche Anordnungen", "10", "V", 2, "strasse", FD_ORDNUNG),
    ("902.1", "Haushaltsplanung", "dauernd", "A", 2, "finanzen", FD_FINANZEN),
    ("921.0", "Grundsteuer", "10", "V", 3, "steuer", FD_FINANZEN),
    ("925.0", "Hundesteuer", "6", "V", 2, "steuer", FD_FINANZEN),
    ("933.2", "Straßenausbaubeiträge", "30", "B", 2, "strasse", FD_FINANZEN),
    ("940.1", "Liegenschaften, Grundstücksverkehr", "dauernd", "A", 2, "liegenschaft", FD_FINANZEN),
)

# -- words ------------------------------------------------------------------
SURNAMES = """Petersen Hansen Jensen Nissen Thomsen Christiansen Carstensen Lorenzen
Jacobsen Paulsen Andresen Clausen Johannsen Sönnichsen Ketelsen Asmussen Brodersen
Hinrichsen Iwersen Matthiesen Nielsen Lassen Jessen Jürgensen Feddersen Boysen
Schmidt Müller Meyer Schulz Schröder Schneider Fischer Weber Wagner Becker Hoffmann
Koch Richter Klein Wolf Neumann Schwarz Zimmermann Braun Krüger Hartmann Lange
Werner Krause Lehmann Köhler Maier Kaiser Fuchs Peters Lang Scholz Möller Voß
Lüthje Sievers Rathje Mommsen Wulff Harder Stamer Bruhn Göttsche Ramm Thode Kock
Reimers Frahm Steffen Martens Behrens Dohrn Kühl Wittorf Bahnsen Heesch Ohlsen""".split()

FIRSTNAMES = """Anna Maria Kerstin Birte Sabine Heike Silke Anke Wiebke Frauke Inken Telse
Jana Lena Svenja Katrin Ute Petra Claudia Gesa Hauke Jens Uwe Dirk Sönke Nils Lars
Holger Thorsten Bernd Klaus Jürgen Peter Michael Stefan Thomas Andreas Matthias Jan
Kai Björn Hendrik Ole Finn Malte Arne Rainer Volker Wolfgang Detlef""".split()

STREETS = """Dorfstraße Hauptstraße Schulweg Kirchenweg Mühlenweg Bahnhofstraße Gartenweg
Birkenweg Lindenallee Eichenweg Buchenweg Tannenweg Ahornweg Wiesengrund Feldweg
Koppelweg Moorweg Auweg Holmweg Hofweg Höhenweg Sandweg Kastanienallee Rosenweg
Fliederweg Immenstedter_Straße Flensburger_Straße Schleswiger_Straße Kappelner_Straße
Satruper_Straße Söruper_Straße Süderstraße Norderstraße Osterstraße Westerstraße
Ringstraße Am_Markt Am_Sportplatz Am_Schulzentrum Am_Mühlenteich Zum_Wasserwerk
Industriestraße Gewerbestraße Handwerkerstraße Glücksburger_Straße Angelner_Straße
Bondenwald Rüder_Weg Thumbyer_Straße Havetofter_Weg Esmarker_Straße Obdruper_Weg"""
STREETS = [street.replace("_", " ") for street in STREETS.split()]

PLACES = """Satrup Rüde Schnarup-Thumby Havetoft Havetoftloit Obdrup Esmark Winderatt
Sörup Hürup Großsolt Kleinsolt Tarp Freienwill Husby Ausacker Wees Glücksburg
Mittelangeln Schwensby Bistoft Kattrott Rüderfeld Gammellund Stenderupfeld""".split()

GEMARKUNGEN = """Satrup Rüde Schnarup-Thumby Havetoft Obdrup Esmark Winderatt Rüderfeld
Gammellund Kattrott""".split()

LAWS = (
    "§ 64 LBO",
    "§ 67 LBO",
    "§ 69 LBO",
    "§ 73 LBO",
    "§ 6 LBO",
    "§ 50 LBO",
    "§ 34 BauGB",
    "§ 35 BauGB",
    "§ 30 BauGB",
    "§ 31 BauGB",
    "§ 36 BauGB",
    "§ 28 LVwG",
    "§ 87 LVwG",
    "§ 106 LVwG",
    "§ 8 KAG",
    "§ 6 KAG",
    "§ 4 GO",
    "§ 28 GO",
    "§ 47 GO",
    "§ 9 WHG",
    "§ 3 BauNVO",
    "§ 4 BauNVO",
    "§ 8 BauNVO",
    "§ 14 GewO",
    "§ 35 GewO",
    "§ 15 StVO",
    "§ 45 StVO",
    "§ 17 BestattG",
)

# Compounds: prefix + suffix, the way German administration writes them.
PREFIXES = {
    "bau": (
        "Bau Neubau Umbau Anbau Abbruch Wohnhaus Einfamilienhaus Doppelhaus Carport Garagen Dachgauben Wintergarten "
        "Stall Scheunen Nebengebäude"
    ).split(),
    "planung": (
        "Bebauungsplan Flächennutzungsplan Bauleitplan Planungs Erschließungs Änderungs Aufstellungs Umlegungs"
    ).split(),
    "strasse": "Straßen Gehweg Radweg Fahrbahn Beleuchtungs Ausbau Verkehrs Parkplatz Wirtschaftsweg Sperrungs".split(),
    "abwasser": (
        "Abwasser Schmutzwasser Regenwasser Kanal Kläranlagen Hausanschluss Grundstücksentwässerungs "
        "Niederschlagswasser"
    ).split(),
    "umwelt": "Umwelt Naturschutz Baumschutz Gewässer Lärmschutz Abfall Altlasten Knick Biotop".split(),
    "gruen": "Spielplatz Grünflächen Baum Pflege Knick Mäh".split(),
    "steuer": "Grundsteuer Hundesteuer Gewerbesteuer Zweitwohnungsteuer Steuer Vollstreckungs Mahn".split(),
    "finanzen": "Haushalts Finanz Kassen Rechnungs Investitions Kredit Zuwendungs Förder".split(),
    "gewerbe": "Gewerbe Gaststätten Schankerlaubnis Markt Reisegewerbe Handwerks".split(),
    "ordnung": "Ordnungs Bußgeld Verwarnungs Sondernutzungs Veranstaltungs Lärmbeschwerde Fundsachen".split(),
    "feuerwehr": "Feuerwehr Brandschutz Einsatz Löschwasser Atemschutz Gerätehaus Fahrzeug".split(),
    "schule": "Schul Schülerbeförderungs Schulträger Ganztags Mensa Sporthallen".split(),
    "kita": "Kita Kindertagesstätten Krippen Betreuungs Elternbeitrags Platzvergabe".split(),
    "sozial": "Wohngeld Unterkunfts Obdachlosen Sozial Hilfe Unterbringungs".split(),
    "friedhof": "Friedhofs Grabstätten Bestattungs Urnen Nutzungsrecht".split(),
    "personal": "Personal Stellen Fortbildungs Besoldungs Dienst Arbeits".split(),
    "verwaltung": "Sitzungs Beschluss Ausschuss Verwaltungs Organisations Datenschutz Vergabe".split(),
    "kultur": "Denkmal Heimat Bücherei Kultur Veranstaltungs Chronik".split(),
    "sport": "Sportplatz Sportstätten Vereins Hallen Kunstrasen".split(),
    "liegenschaft": "Grundstücks Kaufvertrags Pacht Erbbau Vermessungs Liegenschafts Grundbuch".split(),
}
SUFFIXES = """antrag anträge genehmigung genehmigungsverfahren bescheid bescheide gebühr gebühren
satzung plan planung vertrag verträge unterlagen prüfung verfahren kosten beitrag beiträge
anzeige stellungnahme vorhaben maßnahme maßnahmen konzept gutachten zeichnung zeichnungen
abnahme verordnung richtlinie bericht beschwerde vermerk auflagen änderung erlaubnis
festsetzung verzeichnis kataster protokoll ausschreibung angebot rechnung""".split()

GENERAL_NOUNS = """Antrag Anträge Bescheid Genehmigung Bauantrag Bauvorlage Bauvorlagen Lageplan
Baubeschreibung Bauzeichnung Statik Standsicherheit Brandschutz Abstandsfläche
Abstandsflächen Grenzabstand Grundstück Flurstück Gemarkung Flur Eigentümer Eigentümerin
Bauherr Bauherrin Entwurfsverfasser Architekt Architektin Nachbar Nachbarin Nachbarn
Beteiligung Anhörung Widerspruch Widerspruchsbescheid Klage Frist Fristverlängerung
Gebührenbescheid Kostenfestsetzung Vollstreckung Mahnung Zahlungserinnerung Ratenzahlung
Stundung Erlass Niederschrift Protokoll Beschlussvorlage Gemeindevertretung Bauausschuss
Finanzausschuss Amtsausschuss Bürgermeister Bürgermeisterin Amtsdirektor Amtsvorsteher
Kreis Kreisverwaltung Bauaufsichtsbehörde Naturschutzbehörde Denkmalschutzbehörde
Straßenverkehrsbehörde Wasserbehörde Landesamt Ministerium Innenministerium Zweckverband
Wasserverband Bodenverband Feuerwehr Ortswehr Wehrführer Kindertagesstätte Grundschule
Sporthalle Dorfgemeinschaftshaus Gerätehaus Friedhof Kläranlage Pumpwerk Regenrückhaltebecken
Knick Knickschutz Ausgleichsfläche Ausgleichsmaßnahme Ersatzpflanzung Baumfällung
Einvernehmen Befreiung Ausnahme Abweichung Nutzungsänderung Teilungsgenehmigung
Vorkaufsrecht Erschließung Erschließungsbeitrag Anschlussbeitrag Ausbaubeitrag Zuschuss
Fördermittel Zuwendungsbescheid Verwendungsnachweis Ausschreibung Vergabe Auftrag
Angebot Submission Schlussrechnung Abschlagsrechnung Haushaltsmittel Haushaltsplan
Nachtragshaushalt Jahresabschluss Prüfbericht Stellungnahme Gutachten Ortsbesichtigung
Ortstermin Baukontrolle Schlussabnahme Rohbauabnahme Baubeginn Fertigstellung
Nutzungsaufnahme Baulast Baulastenverzeichnis Grundbuch Katasteramt Vermessungsbüro
Lärmschutz Immissionsschutz Geruchsimmissionen Tierhaltung Biogasanlage Windenergieanlage
Photovoltaikanlage Wärmepumpe Heizungsanlage Schornsteinfeger Löschwasserversorgung
Zufahrt Stellplatz Stellplätze Garage Carport Terrasse Wintergarten Dachgaube Anbau
Umbau Neubau Abriss Rückbau Sanierung Instandsetzung Unterhaltung Gehweg Straßenbeleuchtung
Straßensperrung Verkehrszeichen Sondernutzung Hundesteuer Grundsteuer Gewerbesteuer
Gewerbeanmeldung Gewerbeabmeldung Gaststättenerlaubnis Meldebescheinigung Personalausweis
Reisepass Fundsache Ordnungswidrigkeit Bußgeldbescheid Verwarnungsgeld Anordnung
Wohngeld Unterkunft Obdachlosenunterkunft Elternbeitrag Betreuungsvertrag Krippenplatz
Schülerbeförderung Schulbus Grabstätte Nutzungsrecht Urnengrab Bestattung Datenschutz
Akteneinsicht Informationsfreiheit Vollmacht Zustellung Empfangsbekenntnis Rechtsbehelf
Rechtsbehelfsbelehrung Anlage Anlagen Kopie Abschrift Original Unterschrift Schreiben
Telefonat Rücksprache Besprechung Termin Sprechzeiten Rückfragen Nachweis Nachweise""".split()

ADJECTIVES = """vollständig unvollständig fristgerecht verspätet zulässig unzulässig
genehmigungsfähig genehmigungspflichtig verfahrensfrei erforderlich notwendig geprüft
ungeprüft beigefügt nachgereicht öffentlich nichtöffentlich vorläufig endgültig
gebührenpflichtig beitragspflichtig befristet unbefristet widerruflich""".split()

BUILDINGS = [
    "Einfamilienhaus",
    "Doppelhaus",
    "Carport",
    "Stallgebäude",
    "Wohn- und Geschäftshaus",
    "Lagerhalle",
    "Mehrfamilienhaus",
]

SALUTATIONS = (("Frau", "Sehr geehrte Frau"), ("Herrn", "Sehr geehrter Herr"))

COMPANIES = """Bau GmbH|Tiefbau GmbH & Co. KG|Architekturbüro|Ingenieurbüro|Vermessungsbüro
|Elektro GmbH|Landschaftsbau|Dachdeckerei|Zimmerei|Haustechnik GmbH""".replace("\n", "").split("|")

UNITS = (
    "Bauaufsichtsbehörde des Kreises Schleswig-Flensburg",
    "Unteren Naturschutzbehörde",
    "Unteren Wasserbehörde",
    "Unteren Denkmalschutzbehörde",
    "Straßenverkehrsbehörde",
    "Gemeindewehrführung",
    "Kämmerei",
    "Ordnungsamt",
    "Bauamt",
    "Zweckverband Mittelangeln",
    "Landesamt für Landwirtschaft und nachhaltige Landentwicklung",
)

VORGANG_TITLES = {
    "default": (
        "Antrag prüfen",
        "Stellungnahmen einholen",
        "Bescheid erteilen",
        "Widerspruch",
        "Gebührenfestsetzung",
        "Nachforderung von Unterlagen",
        "Ortsbesichtigung",
        "Anhörung",
        "Beschlussfassung",
        "Schriftverkehr",
        "Abschluss und Abrechnung",
    ),
    "bau": (
        "Bauantrag prüfen",
        "Beteiligung der Fachbehörden",
        "Gemeindliches Einvernehmen",
        "Nachbarbeteiligung",
        "Baugenehmigung erteilen",
        "Baubeginnsanzeige",
        "Rohbauabnahme",
        "Schlussabnahme",
        "Widerspruch",
        "Gebührenbescheid",
    ),
}

DOKUMENT_KINDS = ("eingang", "ausgang", "vermerk", "bescheid", "plan", "antrag", "stellungnahme", "sonstiges")
KIND_TITLES = {
    "eingang": ("Eingang", "Schreiben", "E-Mail", "Nachreichung"),
    "ausgang": ("Anschreiben", "Schreiben", "Anforderung", "Mitteilung"),
    "vermerk": ("Vermerk", "Aktenvermerk", "Telefonvermerk", "Gesprächsvermerk"),
    "bescheid": ("Bescheid", "Gebührenbescheid", "Änderungsbescheid"),
    "plan": ("Lageplan", "Bauzeichnung", "Übersichtsplan"),
    "antrag": ("Antrag", "Antragsformular", "Ergänzung zum Antrag"),
    "stellungnahme": ("Stellungnahme", "Fachstellungnahme", "Beteiligung"),
    "sonstiges": ("Unterlage", "Anlage", "Kopie", "Nachweis"),
}
KIND_WEIGHTS = (30, 25, 12, 8, 6, 8, 8, 3)

# Compound heads whose plural takes an umlaut (Antrag, Anträge, den Anträgen).
UMLAUT_PLURALS = {"antrag": "anträg", "plan": "plän", "vertrag": "verträg", "beitrag": "beiträg"}

_WORD = re.compile(r"^\w+$")


def dative_plural(word):
    """The dative plural of a compound ("zu den Bauanträgen",
    "Hundesteuerbescheiden"): inflected forms the search must find from the
    word as a clerk types it."""
    for head, umlauted in UMLAUT_PLURALS.items():
        if word.endswith(head):
            return word[: -len(head)] + umlauted + "en"
    if word.endswith("n"):
        return word
    if word.endswith(("e", "er")):
        return word + "n"
    if word.endswith("nis"):
        return word + "sen"
    return word + "en"


def _zipf_weights(n, s=1.0):
    return [1.0 / (rank + 1) ** s for rank in range(n)]


class TextGenerator:
    """Everything random about the benchmark content comes from one seed."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        rng = random.Random(seed + 1)  # vocabulary order, independent of use
        self.topic_words = {}
        for topic, prefixes in PREFIXES.items():
            words = [p + s for p in prefixes for s in SUFFIXES]
            words = [w[0].upper() + w[1:] for w in words]
            rng.shuffle(words)
            self.topic_words[topic] = (words, _zipf_weights(len(words), 1.05))
        nouns = list(GENERAL_NOUNS)
        rng.shuffle(nouns)
        self.nouns = (nouns, _zipf_weights(len(nouns), 0.9))
        surnames = list(SURNAMES)
        rng.shuffle(surnames)
        self.surnames = (surnames, _zipf_weights(len(surnames), 0.8))
        streets = list(STREETS)
        rng.shuffle(streets)
        self.streets = (streets, _zipf_weights(len(streets), 0.8))
        self.topics = sorted(PREFIXES)

    # -- primitives
    def pick(self, pair):
        words, weights = pair
        return self.rng.choices(words, weights)[0]

    def topic(self, topic):
        return self.pick(self.topic_words[topic])

    def noun(self):
        return self.pick(self.nouns)

    def surname(self):
        return self.pick(self.surnames)

    def person(self):
        return f"{self.rng.choice(FIRSTNAMES)} {self.surname()}"

    def street_address(self):
        return f"{self.pick(self.streets)} {self.rng.randint(1, 120)}{self.rng.choice(['', '', '', 'a', 'b'])}"

    def place(self):
        return self.rng.choice(PLACES)

    def date(self, start=2012, end=2025):
        first = datetime.date(start, 1, 1).toordinal()
        last = datetime.date(end, 12, 31).toordinal()
        return datetime.date.fromordinal(self.rng.randint(first, last))

    def flurstueck(self):
        return f"{self.rng.randint(1, 250)}/{self.rng.randint(1, 30)}"

    # -- content
    def akte_fields(self, position):
        key, _title, _retention, _archival, _weight, topic, fachdienst = position
        rng = self.rng
        if topic in ("bau", "planung"):
            title = (
                f"{rng.choice(['Neubau', 'Umbau', 'Anbau', 'Nutzungsänderung', 'Abbruch', 'Neubau'])} "
                f"{rng.choice(BUILDINGS)} "
                f"{self.street_address()}, {self.place()}"
            )
        elif topic in ("gewerbe", "steuer", "sozial", "friedhof", "kita"):
            title = f"{self.topic(topic)} {self.person()}"
        else:
            title = f"{self.topic(topic)} {self.place()} {rng.randint(2012, 2025)}"
        return {
            "title": title,
            "description": f"{self.noun()} {self.noun()} – {self.place()}",
            "fachdienst": fachdienst,
            "responsible": self.person(),
            "opened": self.date(),
        }

    def vorgang_title(self, topic, number):
        titles = VORGANG_TITLES["bau" if topic in ("bau", "planung") else "default"]
        return titles[(number - 1) % len(titles)]

    def dokument(self, topic, akte_title, aktenzeichen):
        """Fields and body text of one Dokument: (fields, text)."""
        rng = self.rng
        kind = rng.choices(DOKUMENT_KINDS, KIND_WEIGHTS)[0]
        when = self.date()
        subject = self.topic(topic)
        title = f"{rng.choice(KIND_TITLES[kind])} {subject} {when:%d.%m.%Y}"
        correspondent = self.person() if rng.random() < 0.8 else f"{self.surname()} {rng.choice(COMPANIES)}"
        text = self.letter(topic, kind, when, subject, akte_title, aktenzeichen, correspondent)
        fields = {
            "title": title,
            "description": "",
            "kind": kind,
            "document_date": when,
            "correspondent": correspondent,
        }
        return fields, text

    def letter(self, topic, kind, when, subject, akte_title, aktenzeichen, correspondent):
        rng = self.rng
        salutation, greeting = rng.choice(SALUTATIONS)
        surname = correspondent.split()[-1] if " " in correspondent else correspondent
        lines = [
            "Amt Mittelangeln – Der Amtsdirektor",
            f"{salutation} {correspondent}",
            self.street_address(),
            f"24986 {self.place()}",
            "",
            f"Aktenzeichen: {aktenzeichen}    Datum: {when:%d.%m.%Y}",
            f"Betreff: {subject} – {akte_title}",
            f"Gemarkung {rng.choice(GEMARKUNGEN)}, Flur {rng.randint(1, 12)}, Flurstück {self.flurstueck()}",
            "",
            f"{greeting} {surname},",
            "",
        ]
        body = []
        size = 0
        target = rng.randint(700, 1450)
        while size < target:
            sentence = self.sentence(topic, when)
            body.append(sentence)
            size += len(sentence) + 1
        lines.append(" ".join(body))
        lines += [
            "",
            "Mit freundlichen Grüßen",
            "Im Auftrag",
            self.person(),
        ]
        return "\n".join(lines)

    def sentence(self, topic, when):
        rng = self.rng
        t1, t2, t3 = self.topic(topic), self.topic(topic), self.topic(rng.choice(self.topics))
        n1, n2, n3 = self.noun(), self.noun(), self.noun()
        later = when + datetime.timedelta(days=rng.randint(7, 60))
        adj = rng.choice(ADJECTIVES)
        templates = (
            f"Wir bestätigen den Eingang Ihrer Unterlagen zum {t1} vom {when:%d.%m.%Y}.",
            f"Für die weitere Prüfung benötigen wir noch {n1}, {n2} sowie die {t2}.",
            f"Die {t1} ist nach {rng.choice(LAWS)} {adj}.",
            f"Bitte reichen Sie die fehlenden Unterlagen ({n1}, {n3}) bis zum {later:%d.%m.%Y} ein.",
            f"Nach Rücksprache mit {self.person()} von der {rng.choice(UNITS)} bestehen gegen die {t2} keine Bedenken.",
            f"Die {n1} für das Grundstück {self.street_address()} in {self.place()} liegt vor.",
            f"Im Rahmen der {n2} wurde festgestellt, dass die {t1} {adj} ist.",
            "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch beim Amt Mittelangeln "
            "erhoben werden.",
            f"Die Kosten für {t3} werden auf {rng.randint(50, 25000):,} Euro festgesetzt.".replace(",", "."),
            f"Der Bauausschuss der Gemeinde {self.place()} hat in seiner Sitzung am {later:%d.%m.%Y} "
            f"über die {t1} beraten.",
            f"Hinsichtlich {n1} und {n2} verweisen wir auf {rng.choice(LAWS)}.",
            f"Eine Ortsbesichtigung ist für den {later:%d.%m.%Y} um {rng.randint(8, 15)}.00 Uhr vorgesehen.",
            f"Die {t2} wird unter Auflagen erteilt; die {n3} ist Bestandteil dieses Schreibens.",
            f"Für Rückfragen zu {n1} steht Ihnen {self.person()} telefonisch unter 04633 {rng.randint(1000, 9999)} "
            "zur Verfügung.",
            f"Mit der {t1} wurde das {rng.choice(COMPANIES)} {self.surname()} beauftragt.",
            f"Die Unterlagen zu {t3} sind {adj}; {n2} folgt gesondert.",
            f"Zu den {dative_plural(t2)} liegen {adj}e Stellungnahmen vor.",
        )
        return rng.choice(templates)

    # -- queries
    def query_vocabulary(self):
        """Words a clerk would type: domain compounds, nouns, names, streets, places."""
        words = set(GENERAL_NOUNS) | set(SURNAMES) | set(PLACES)
        for ws, _weights in self.topic_words.values():
            words.update(ws)
        words.update(s for s in STREETS if " " not in s)
        return sorted(w for w in words if _WORD.match(w))
