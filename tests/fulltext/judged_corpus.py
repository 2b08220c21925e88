"""A judged query set for the full-text search: short German documents of
the Amt's daily work and the queries a clerk would type, each with the
documents the clerk wants to see (``relevant``) and, for the negative cases,
documents that must not come back (``must_not``).

Some documents are written as scans come out of OCR or old files: umlauts
spelled out (ae/oe/ue), ss for ß, a word divided at a line end. The judgement
is a clerk's, not the pipeline's: a query that fails stays in the set.
"""

from typing import NamedTuple


class Document(NamedTuple):
    id: str
    title: str
    text: str


class Judged(NamedTuple):
    query: str
    kind: str
    relevant: frozenset
    must_not: frozenset = frozenset()


INFLECTION = "inflection"
PLURAL = "plural"
UMLAUT = "umlaut spelling"
SHARP_S = "ß/ss"
COMPOUND_HEAD = "compound head"
COMPOUND_PART = "compound part"
OCR = "OCR text"
AKTENZEICHEN = "Aktenzeichen"
MULTI_WORD = "multi-word"
NEGATIVE = "negative"
KINDS = (INFLECTION, PLURAL, UMLAUT, SHARP_S, COMPOUND_HEAD, COMPOUND_PART, OCR, AKTENZEICHEN, MULTI_WORD, NEGATIVE)


DOCUMENTS = (
    # Bauen
    Document(
        "bauantrag-muehlenweg",
        "Bauantrag Einfamilienhaus Mühlenweg 3, Sörup",
        "Der Bauantrag für den Neubau eines Einfamilienhauses auf dem Flurstück 45/2 in Sörup ist am 3. März "
        "eingegangen. Aktenzeichen 632.1/0042. Die Bauvorlagen sind vollständig. Die Gemeinde Sörup wird um "
        "die Erteilung ihres Einvernehmens gebeten.",
    ),
    Document(
        "bauantrag-carport",
        "Bauantrag Carport Dorfstraße 12, Satrup",
        "Der Bauantrag zur Errichtung eines Carports an der Dorfstraße 12 in Satrup ist unvollständig. Es fehlen "
        "der Lageplan und die Bauzeichnungen. Bitte reichen Sie die Unterlagen innerhalb von vier Wochen nach. "
        "Az. 632.1/0043.",
    ),
    Document(
        "bauantrag-scheune",
        "Umnutzung einer Scheune in Rüde",
        "Aktenzeichen 632.1/00421. Die Umnutzung der Scheune zu Wohnzwecken bedarf einer Baugenehmigung. Der "
        "Bauantrag ist mit den Unterlagen zum Brandschutz beim Bauamt einzureichen.",
    ),
    Document(
        "bauantraege-eingangsliste",
        "Eingangsliste Bauantraege Maerz",
        "Im Maerz sind sieben Bau-\nantraege eingegangen, davon drei aus Havetoft. Die Pruefung der Bauvorlagen "
        "dauert derzeit etwa sechs Wochen. Die Vorgaenge Az.: 632.1/0042 und 632.1/0044 sind bereits beschieden.",
    ),
    Document(
        "baugenehmigung-wintergarten",
        "Baugenehmigung Wintergarten Obdrup",
        "Die Baugenehmigung für den Anbau eines Wintergartens in Obdrup wird unter Auflagen erteilt. Der Bauherr "
        "hat den Baubeginn eine Woche vorher anzuzeigen.",
    ),
    Document(
        "bebauungsplan-12",
        "Bebauungsplan Nr. 12 „Am Sportplatz“, Satrup",
        "Die Gemeindevertretung Mittelangeln hat den Entwurf des Bebauungsplanes Nr. 12 gebilligt. Der Entwurf "
        "liegt vom 2. bis 30. Mai im Amt öffentlich aus. Stellungnahmen können während der Auslegung abgegeben "
        "werden.",
    ),
    Document(
        "bebauungsplaene-havetoft",
        "Übersicht der Bebauungspläne Havetoft",
        "In der Gemeinde Havetoft gelten fünf Bebauungspläne. Die Pläne können im Bauamt eingesehen werden. "
        "Änderungen werden im Amtsblatt bekannt gemacht.",
    ),
    Document(
        "flaechennutzungsplan",
        "Änderung des Flächennutzungsplans Sörup",
        "Die 7. Änderung des Flächennutzungsplans der Gemeinde Sörup betrifft eine Fläche für Photovoltaik an "
        "der Bundesstraße. Die frühzeitige Beteiligung der Öffentlichkeit beginnt im Juni.",
    ),
    Document(
        "bauausschuss-einladung",
        "Einladung zur Sitzung des Bauausschusses Sörup",
        "Der Bauausschuss der Gemeinde Sörup tritt am Dienstag um 19 Uhr zusammen. Auf der Tagesordnung stehen "
        "zwei Bauanträge und die Beratung über den Bebauungsplan Nr. 8.",
    ),
    Document(
        "schulstrasse-ausbau",
        "Ausbau der Schulstraße in Havetoft",
        "Die Schulstraße in Havetoft wird grundhaft ausgebaut. Die Anlieger werden zu Straßenausbaubeiträgen "
        "nicht herangezogen. Die Straße ist während der Bauzeit voll gesperrt.",
    ),
    # Steuern und Abgaben
    Document(
        "hundesteuer-satzung",
        "Hundesteuersatzung der Gemeinde Mittelangeln",
        "Die Hundesteuer beträgt jährlich 120 Euro für den ersten Hund und 180 Euro für jeden weiteren Hund. "
        "Für gefährliche Hunde gilt ein erhöhter Steuersatz. Die Satzung tritt am 1. Januar in Kraft.",
    ),
    Document(
        "hundesteuer-anmeldung",
        "Anmeldung eines Hundes",
        "Wer einen Hund hält, muss ihn innerhalb von zwei Wochen beim Amt anmelden. Nach der Anmeldung erhalten "
        "Sie eine Hundesteuermarke. Die Abmeldung des Hundes ist ebenfalls schriftlich mitzuteilen.",
    ),
    Document(
        "hundekot-spielplatz",
        "Mängelmeldung: Hundekot auf dem Spielplatz Obdrup",
        "Auf dem Spielplatz in Obdrup liegt regelmäßig Hundekot. Die Hundehalter werden an ihre Pflichten "
        "erinnert; am Eingang wird ein Beutelspender aufgestellt.",
    ),
    Document(
        "feuerwehr-jubilaeum",
        "Festschrift 100 Jahre Freiwillige Feuerwehr Havetoft",
        "Vor hundert Jahren gründeten Havetofter Bürger die Freiwillige Feuerwehr. Heute zählt die Wehr über "
        "hundert Mitglieder. Zur Jubiläumsfeier am Feuerwehrgerätehaus kamen Hunderte Besucher.",
    ),
    Document(
        "grundsteuer-bescheid",
        "Grundsteuerbescheid 2026",
        "Mit diesem Bescheid wird die Grundsteuer B für das Grundstück Schulstraße 4 in Satrup festgesetzt. Der "
        "Hebesatz der Gemeinde Mittelangeln beträgt 425 Prozent. Die Grundsteuer ist vierteljährlich fällig.",
    ),
    Document(
        "grundsteuer-reform",
        "Grundsteuerreform: Hinweise fuer Eigentuemer",
        "Durch die Grundsteuerreform werden alle Grundstuecke neu bewertet. Die Eigentuemer erhalten vom "
        "Finanzamt einen Grundsteuerwertbescheid. Die Gemeinde setzt danach den Hebesatz neu fest.",
    ),
    Document(
        "gewerbesteuer-vorauszahlung",
        "Gewerbesteuer-Vorauszahlungen",
        "Die Vorauszahlungen zur Gewerbesteuer werden auf Grundlage des letzten Messbescheids festgesetzt. Sie "
        "sind am 15. Februar, 15. Mai, 15. August und 15. November fällig.",
    ),
    Document(
        "haushaltssatzung-havetoft",
        "Haushaltssatzung 2026 der Gemeinde Havetoft",
        "Die Gemeindevertretung Havetoft hat die Haushaltssatzung für 2026 beschlossen. Die Hebesätze der "
        "Grundsteuer A und B sowie der Gewerbesteuer bleiben unverändert.",
    ),
    # Kita und Schule
    Document(
        "kita-gebuehren",
        "Satzung über die Kita-Gebühren",
        "Die Gebühren für die Betreuung in der Kita Satrup richten sich nach der Betreuungszeit. "
        "Geschwisterkinder erhalten eine Ermäßigung. Die Gebühr wird monatlich im Voraus erhoben.",
    ),
    Document(
        "kita-anmeldung",
        "Anmeldung zur Kindertagesstätte Sörup",
        "Die Anmeldung für einen Platz in der Kindertagesstätte Sörup ist ab sofort möglich. Bitte geben Sie das "
        "gewünschte Aufnahmedatum an. Über die Vergabe der Kitaplätze entscheidet die Leitung.",
    ),
    Document(
        "kitagebuehren-ermaessigung",
        "Ermaessigung der Kitagebuehren",
        "Familien mit geringem Einkommen koennen eine Ermaessigung der Kitagebuehren beantragen. Der Antrag ist "
        "beim Amt Mittelangeln zu stellen. Massgeblich ist das Einkommen des Vorjahres.",
    ),
    Document(
        "schuelerbefoerderung-antrag",
        "Antrag auf Schülerbeförderung",
        "Schülerinnen und Schüler, deren Schulweg länger als vier Kilometer ist, haben Anspruch auf Beförderung. "
        "Der Antrag auf Übernahme der Schülerbeförderungskosten ist bis zum 31. Juli zu stellen. Die Fahrkarten "
        "werden über die Schule ausgegeben.",
    ),
    Document(
        "schulbus-fahrplan",
        "Schulbus-Fahrplan Havetoft – Satrup",
        "Der Schulbus fährt ab dem neuen Schuljahr um 7:05 Uhr ab Havetoftloit. Die Haltestelle an der "
        "Schulstraße wird verlegt.",
    ),
    Document(
        "schuelerbefoerderung-abrechnung",
        "Schuelerbefoerderung Sammelabrechnung",
        "Die Kosten der Schuelerbefoerderung fuer das Schuljahr werden vom Kreis Schleswig-Flensburg erstattet. "
        "Die Abrechnung erfolgt ueber das Amt.",
    ),
    Document(
        "grundschule-erweiterung",
        "Erweiterung der Grundschule Satrup",
        "Die Grundschule Satrup erhält zwei zusätzliche Klassenräume. Die Schülerzahlen steigen seit Jahren. Der "
        "Schulverband trägt die Kosten.",
    ),
    Document(
        "ehemalige-schule",
        "Verkauf der ehemaligen Schule Schwensby",
        "Die Gemeinde Sörup verkauft das Gebäude der ehemaligen Schule in Schwensby. Gebote sind bis zum 30. "
        "September beim Amt einzureichen. Das Gebäude steht unter Denkmalschutz.",
    ),
    # Straßen, Beleuchtung, Mängel, Winterdienst
    Document(
        "strassenbeleuchtung-led",
        "Umrüstung der Straßenbeleuchtung auf LED",
        "Die Gemeinde Sörup rüstet die Straßenbeleuchtung in allen Ortsteilen auf LED um. Die Kosten der "
        "Umrüstung werden zu 40 Prozent gefördert. Die Arbeiten beginnen im Herbst.",
    ),
    Document(
        "maengel-laterne",
        "Mängelmeldung: Straßenlaterne defekt",
        "Die Straßenlaterne vor dem Haus Mühlenstraße 7 in Satrup leuchtet seit Tagen nicht. Der Bürger bittet "
        "um schnelle Reparatur.",
    ),
    Document(
        "maengel-laternen-scan",
        "Maengelmeldung Strassenlaternen Soerup",
        "In der Strasse Am Markt in Soerup sind zwei Strassenlaternen ausgefallen. Die Meldung wurde an den "
        "Bauhof weitergegeben.",
    ),
    Document(
        "maengel-schlagloch",
        "Mängelmeldung: Schlagloch zwischen Rüde und Obdrup",
        "Auf der Gemeindestraße zwischen Rüde und Obdrup ist ein tiefes Schlagloch entstanden. Radfahrer müssen "
        "auf die Gegenfahrbahn ausweichen.",
    ),
    Document(
        "schlagloecher-sanierung",
        "Sanierung der Schlaglöcher nach dem Winter",
        "Nach dem Frost sind auf vielen Straßen Schlaglöcher entstanden. Der Bauhof beseitigt die Schäden bis "
        "Ende April. Größere Straßenschäden werden an eine Fachfirma vergeben.",
    ),
    Document(
        "laternenumzug",
        "Laternenumzug der Kita Havetoft",
        "Am 11. November findet der Laternenumzug der Kita Havetoft statt. Die Freiwillige Feuerwehr begleitet "
        "den Umzug.",
    ),
    Document(
        "winterdienst-plan",
        "Winterdienstplan 2025/26",
        "Der Winterdienst räumt zuerst die Hauptstraßen und die Schulbuslinien. Gehwege müssen die Anlieger bis "
        "8 Uhr von Schnee und Eis befreien. Streusalz darf nur an gefährlichen Stellen verwendet werden.",
    ),
    Document(
        "streupflicht",
        "Hinweis zur Streupflicht der Anlieger",
        "Bei Glätte sind die Gehwege vor den Grundstücken zu streuen. Der Winterdienst der Gemeinde räumt nur "
        "die Fahrbahnen. Wer seiner Räumpflicht nicht nachkommt, haftet für Unfälle. Die "
        "Straßenreinigungssatzung regelt die Einzelheiten.",
    ),
    # Friedhof, Standesamt
    Document(
        "friedhofsgebuehren",
        "Friedhofsgebührensatzung Satrup",
        "Die Gebühren für Reihengräber und Wahlgräber auf dem Friedhof Satrup werden neu festgesetzt. Die "
        "Nutzungszeit eines Wahlgrabes beträgt 25 Jahre. Die Grabpflege obliegt den Angehörigen.",
    ),
    Document(
        "friedhof-hecken",
        "Pflege der Hecken an den Friedhöfen",
        "Die Hecken an den Friedhöfen in Sörup und Schwensby werden im Oktober geschnitten. Die "
        "Friedhofsverwaltung bittet, Grabschmuck bis dahin zu entfernen.",
    ),
    Document(
        "sterbefall",
        "Beurkundung eines Sterbefalls",
        "Ein Sterbefall muss spaetestens am dritten Werktag dem Standesamt angezeigt werden. Die Bestattung auf "
        "dem Friedhof Satrup ist erst nach der Beurkundung moeglich. Die Sterbe-\nurkunde wird gegen Gebuehr "
        "ausgestellt.",
    ),
    Document(
        "standesamt-eheschliessung",
        "Eheschließungen im Standesamt Mittelangeln",
        "Das Standesamt Mittelangeln bietet Trauungen im Amtsgebäude in Satrup und im Herrenhaus Havetoft an. "
        "Für die Anmeldung der Eheschließung benötigen Sie eine beglaubigte Abschrift aus dem Geburtenregister.",
    ),
    Document(
        "geburtsurkunde",
        "Beantragung einer Geburtsurkunde",
        "Geburtsurkunden werden vom Standesamt des Geburtsortes ausgestellt. Die Gebühr für eine Urkunde "
        "beträgt 12 Euro. Der Antrag kann auch schriftlich gestellt werden.",
    ),
    # Feuerwehr
    Document(
        "feuerwehrgeraetehaus",
        "Neubau Feuerwehrgerätehaus Satrup",
        "Die Gemeindevertretung beschließt den Neubau des Feuerwehrgerätehauses in Satrup. Das neue Gerätehaus "
        "erhält zwei Stellplätze für Löschfahrzeuge. Die Baukosten werden auf 1,8 Millionen Euro geschätzt.",
    ),
    Document(
        "feuerwehr-einsatz",
        "Einsatzbericht der Freiwilligen Feuerwehr Sörup",
        "Die Freiwillige Feuerwehr Sörup wurde zu einem Brand in einer Scheune gerufen. 32 Einsatzkräfte waren "
        "vor Ort. Verletzt wurde niemand.",
    ),
    Document(
        "loeschwasser",
        "Löschwasserversorgung im Ortsteil Obdrup",
        "Der Löschwasserbrunnen in Obdrup ist nicht mehr betriebsbereit. Für die Löschwasserversorgung wird ein "
        "Löschwasserteich am Dorfplatz geprüft.",
    ),
    # Gemeindevertretung und Beteiligung
    Document(
        "gemeindevertretung-niederschrift",
        "Niederschrift der Sitzung der Gemeindevertretung Mittelangeln",
        "In der Sitzung der Gemeindevertretung am 12. Juni wurde der Haushalt beraten. Der Bürgermeister "
        "berichtete über den Stand der Kita-Erweiterung. Die nächste Sitzung findet im September statt.",
    ),
    Document(
        "jugendrat",
        "Kinder- und Jugendrat Sörup gewählt",
        "Der neue Jugendrat der Gemeinde Sörup wurde gewählt. Er vertritt die Interessen junger Menschen "
        "gegenüber der Gemeindevertretung.",
    ),
    Document(
        "energieberatung",
        "Kostenlose Energieberatung im Amt",
        "Die Verbraucherzentrale bietet jeden ersten Montag im Monat eine kostenlose Energieberatung im "
        "Amtsgebäude Satrup an. Die Beratung richtet sich an Hauseigentümer und Mieter. Termine vergibt das "
        "Bürgerbüro.",
    ),
    Document(
        "rattenbekaempfung",
        "Rattenbekämpfung in der Kanalisation",
        "Im Ortsteil Satrup wurden Ratten im Kanalnetz gesichtet. Eine Fachfirma legt Köder in den Schächten "
        "aus. Bitte keine Essensreste über die Toilette entsorgen.",
    ),
    # Abwasser
    Document(
        "abwassergebuehren",
        "Abwassergebühren 2026",
        "Die Gebühr für die Schmutzwasserbeseitigung beträgt 3,10 Euro je Kubikmeter. Die Abwassergebühren "
        "werden vierteljährlich erhoben. Für Niederschlagswasser wird eine gesonderte Gebühr berechnet.",
    ),
    Document(
        "abwasserkanal-sanierung",
        "Sanierung des Abwasserkanals in der Bahnhofstraße, Satrup",
        "Der Abwasserkanal in der Bahnhofstraße wird ab Montag saniert. Während der Bauarbeiten ist die Straße "
        "halbseitig gesperrt.",
    ),
    Document(
        "klaeranlage",
        "Klaeranlage Soerup Jahresbericht",
        "Die Klaeranlage Soerup hat im vergangenen Jahr 410.000 Kubikmeter Abwasser gereinigt. Die Grenzwerte "
        "wurden eingehalten. Die Erneuerung des Belebungsbeckens ist fuer 2027 geplant.",
    ),
    # Gewerbe
    Document(
        "gewerbeanmeldung",
        "Gewerbeanmeldung Café in Satrup",
        "Frau Hansen meldet zum 1. April ein Gewerbe an: den Betrieb eines Cafés in der Dorfstraße 5 in Satrup. "
        "Die Gewerbeanmeldung wurde an das Finanzamt und die Handwerkskammer weitergeleitet.",
    ),
    Document(
        "gewerbeabmeldung",
        "Gewerbeabmeldung Tischlerei Petersen",
        "Die Tischlerei Petersen in Obdrup gibt ihren Betrieb zum Jahresende auf. Die Gewerbeabmeldung liegt vor.",
    ),
    Document(
        "gaststaettenerlaubnis",
        "Gaststättenerlaubnis Dorfkrug Havetoft",
        "Für den Dorfkrug in Havetoft wird die Gaststättenerlaubnis erteilt. Der Ausschank alkoholischer "
        "Getränke ist bis 24 Uhr erlaubt. Die Außengastronomie bedarf einer Sondernutzungserlaubnis.",
    ),
)


def _judged(query, kind, relevant, must_not=()):
    return Judged(query, kind, frozenset(relevant), frozenset(must_not))


HUND = ("hundesteuer-satzung", "hundesteuer-anmeldung", "hundekot-spielplatz")
HUNDESTEUER = ("hundesteuer-satzung", "hundesteuer-anmeldung")
GRUNDSTEUER = ("grundsteuer-bescheid", "grundsteuer-reform", "haushaltssatzung-havetoft")
BAUANTRAEGE = (
    "bauantrag-muehlenweg", "bauantrag-carport", "bauantrag-scheune", "bauantraege-eingangsliste",
    "bauausschuss-einladung",
)  # fmt: skip
BEBAUUNGSPLAENE = ("bebauungsplan-12", "bebauungsplaene-havetoft", "bauausschuss-einladung")
GEBUEHREN = (
    "kita-gebuehren", "kitagebuehren-ermaessigung", "friedhofsgebuehren", "sterbefall", "geburtsurkunde",
    "abwassergebuehren",
)  # fmt: skip
FRIEDHOF = ("friedhofsgebuehren", "friedhof-hecken", "sterbefall")
STANDESAMT = ("standesamt-eheschliessung", "geburtsurkunde", "sterbefall")
LATERNEN = ("maengel-laterne", "maengel-laternen-scan")
SCHLAGLOECHER = ("maengel-schlagloch", "schlagloecher-sanierung")
SCHUELERBEFOERDERUNG = ("schuelerbefoerderung-antrag", "schuelerbefoerderung-abrechnung")
ABWASSER = ("abwassergebuehren", "abwasserkanal-sanierung", "klaeranlage")
KITA = ("kita-gebuehren", "kita-anmeldung", "kitagebuehren-ermaessigung", "laternenumzug",
        "gemeindevertretung-niederschrift")  # fmt: skip
AZ_0042 = ("bauantrag-muehlenweg", "bauantraege-eingangsliste")
AZ_OTHERS = ("bauantrag-carport", "bauantrag-scheune")


QUERIES = (
    # Case forms: genitive, dative
    _judged("Bebauungsplanes", INFLECTION, BEBAUUNGSPLAENE),
    _judged("Hundes", INFLECTION, HUND),
    _judged("Feuerwehrgerätehauses", INFLECTION, ("feuerwehrgeraetehaus", "feuerwehr-jubilaeum")),
    _judged("Einvernehmens", INFLECTION, ("bauantrag-muehlenweg",)),
    _judged("Friedhöfen", INFLECTION, FRIEDHOF),
    _judged("Wahlgrabes", INFLECTION, ("friedhofsgebuehren",)),
    _judged("Schlaglochs", INFLECTION, SCHLAGLOECHER),
    _judged("Standesamtes", INFLECTION, STANDESAMT),
    _judged("Grundstücks", INFLECTION, ("grundsteuer-bescheid", "grundsteuer-reform", "streupflicht")),
    _judged("Abwasserkanals", INFLECTION, ("abwasserkanal-sanierung",)),
    # Plurals
    _judged("Bauanträge", PLURAL, BAUANTRAEGE),
    _judged("Schlaglöcher", PLURAL, SCHLAGLOECHER),
    _judged("Straßenlaternen", PLURAL, LATERNEN),
    _judged("Hunde", PLURAL, HUND, ("feuerwehr-jubilaeum",)),
    _judged("Gebühren", PLURAL, GEBUEHREN),
    _judged("Urkunden", PLURAL, ("geburtsurkunde", "sterbefall")),
    _judged("Friedhöfe", PLURAL, FRIEDHOF),
    _judged("Sitzungen", PLURAL, ("gemeindevertretung-niederschrift", "bauausschuss-einladung")),
    _judged("Scheunen", PLURAL, ("bauantrag-scheune", "feuerwehr-einsatz")),
    _judged("Kitas", PLURAL, KITA),
    # Umlauts typed as ae/oe/ue (or documents written so)
    _judged("Ruede", UMLAUT, ("bauantrag-scheune", "maengel-schlagloch")),
    _judged("Muehlenweg", UMLAUT, ("bauantrag-muehlenweg",)),
    _judged("Schuelerbefoerderung", UMLAUT, SCHUELERBEFOERDERUNG),
    _judged("Loeschwasser", UMLAUT, ("loeschwasser",)),
    _judged("Gaststaettenerlaubnis", UMLAUT, ("gaststaettenerlaubnis",)),
    _judged("Kindertagesstaette", UMLAUT, ("kita-anmeldung",)),
    _judged("Uebernahme", UMLAUT, ("schuelerbefoerderung-antrag",)),
    _judged(
        "Maengelmeldung",
        UMLAUT,
        ("maengel-laterne", "maengel-laternen-scan", "maengel-schlagloch", "hundekot-spielplatz"),
    ),
    # ß and ss
    _judged("Schulstrasse", SHARP_S, ("grundsteuer-bescheid", "schulbus-fahrplan", "schulstrasse-ausbau")),
    _judged("Eheschliessung", SHARP_S, ("standesamt-eheschliessung",)),
    _judged("Strassenbeleuchtung", SHARP_S, ("strassenbeleuchtung-led",)),
    _judged("maßgeblich", SHARP_S, ("kitagebuehren-ermaessigung",)),
    _judged("Ermäßigung", SHARP_S, ("kita-gebuehren", "kitagebuehren-ermaessigung")),
    _judged("Aussengastronomie", SHARP_S, ("gaststaettenerlaubnis",)),
    _judged("Bahnhofstrasse", SHARP_S, ("abwasserkanal-sanierung",)),
    _judged("Mühlenstrasse", SHARP_S, ("maengel-laterne",)),
    # The head of a compound finds the compounds
    _judged(
        "Steuer",
        COMPOUND_HEAD,
        (
            *HUNDESTEUER,
            "grundsteuer-bescheid",
            "grundsteuer-reform",
            "gewerbesteuer-vorauszahlung",
            "haushaltssatzung-havetoft",
        ),
    ),
    _judged("Beleuchtung", COMPOUND_HEAD, ("strassenbeleuchtung-led",)),
    _judged(
        "Anmeldung",
        COMPOUND_HEAD,
        ("hundesteuer-anmeldung", "kita-anmeldung", "gewerbeanmeldung", "standesamt-eheschliessung"),
    ),
    _judged(
        "Satzung",
        COMPOUND_HEAD,
        ("hundesteuer-satzung", "kita-gebuehren", "friedhofsgebuehren", "streupflicht", "haushaltssatzung-havetoft"),
    ),
    _judged("Kanal", COMPOUND_HEAD, ("abwasserkanal-sanierung", "rattenbekaempfung")),
    _judged("Genehmigung", COMPOUND_HEAD, ("baugenehmigung-wintergarten", "bauantrag-scheune")),
    _judged("Erlaubnis", COMPOUND_HEAD, ("gaststaettenerlaubnis",)),
    _judged("Urkunde", COMPOUND_HEAD, ("geburtsurkunde", "sterbefall")),
    _judged("Laterne", COMPOUND_HEAD, (*LATERNEN, "laternenumzug")),
    _judged("Beförderung", COMPOUND_HEAD, SCHUELERBEFOERDERUNG),
    # A modifier finds the compounds
    _judged("Friedhof", COMPOUND_PART, FRIEDHOF),
    _judged(
        "Feuerwehr",
        COMPOUND_PART,
        ("feuerwehr-jubilaeum", "feuerwehrgeraetehaus", "feuerwehr-einsatz", "laternenumzug"),
    ),
    _judged("Schüler", COMPOUND_PART, (*SCHUELERBEFOERDERUNG, "grundschule-erweiterung")),
    _judged(
        "Gewerbe",
        COMPOUND_PART,
        ("gewerbeanmeldung", "gewerbeabmeldung", "gewerbesteuer-vorauszahlung", "haushaltssatzung-havetoft"),
    ),
    _judged("Kita", COMPOUND_PART, KITA),
    _judged("Löschwasser", COMPOUND_PART, ("loeschwasser",)),
    _judged("Grab", COMPOUND_PART, ("friedhofsgebuehren", "friedhof-hecken")),
    _judged("Energie", COMPOUND_PART, ("energieberatung",)),
    _judged(
        "Winter",
        COMPOUND_PART,
        ("winterdienst-plan", "streupflicht", "schlagloecher-sanierung", "baugenehmigung-wintergarten"),
    ),
    # Scanned and old documents: ae/oe/ue, ss, a word divided at a line end
    _judged("Kläranlage", OCR, ("klaeranlage",)),
    _judged("Eigentümer", OCR, ("grundsteuer-reform", "energieberatung")),
    _judged("Schülerbeförderung", OCR, SCHUELERBEFOERDERUNG),
    _judged(
        "Mängelmeldung", OCR, ("maengel-laterne", "maengel-laternen-scan", "maengel-schlagloch", "hundekot-spielplatz")
    ),
    _judged("Kitagebühren", OCR, ("kita-gebuehren", "kitagebuehren-ermaessigung")),
    _judged("Sterbeurkunde", OCR, ("sterbefall",)),
    _judged("Bauanträge März", OCR, ("bauantraege-eingangsliste", "bauantrag-muehlenweg")),
    _judged("Prüfung der Bauvorlagen", OCR, ("bauantraege-eingangsliste",)),
    _judged("Vorgänge", OCR, ("bauantraege-eingangsliste",)),
    # Aktenzeichen: exactly the one asked for
    _judged("632.1/0042", AKTENZEICHEN, AZ_0042, AZ_OTHERS),
    _judged("632.1/0043", AKTENZEICHEN, ("bauantrag-carport",), (*AZ_0042, "bauantrag-scheune")),
    _judged("632.1/00421", AKTENZEICHEN, ("bauantrag-scheune",), (*AZ_0042, "bauantrag-carport")),
    _judged("Az. 632.1/0044", AKTENZEICHEN, ("bauantraege-eingangsliste",), ("bauantrag-muehlenweg", *AZ_OTHERS)),
    # Several words: all of them, in any form
    _judged("Bauantrag Sörup", MULTI_WORD, ("bauantrag-muehlenweg", "bauausschuss-einladung")),
    _judged("Grundsteuer Satrup", MULTI_WORD, ("grundsteuer-bescheid",)),
    _judged("Hundesteuer Anmeldung", MULTI_WORD, ("hundesteuer-anmeldung",)),
    _judged("Freiwillige Feuerwehr Sörup", MULTI_WORD, ("feuerwehr-einsatz",)),
    _judged("Sitzung Gemeindevertretung", MULTI_WORD, ("gemeindevertretung-niederschrift",)),
    _judged("Kita Gebühren", MULTI_WORD, ("kita-gebuehren", "kitagebuehren-ermaessigung")),
    _judged("Friedhof Satrup Gebühren", MULTI_WORD, ("friedhofsgebuehren",)),
    _judged('"Freiwillige Feuerwehr"', MULTI_WORD, ("feuerwehr-jubilaeum", "feuerwehr-einsatz", "laternenumzug")),
    _judged("Straßenlaterne Satrup", MULTI_WORD, ("maengel-laterne",)),
    _judged("Bauantrag unvollständig", MULTI_WORD, ("bauantrag-carport",)),
    _judged("Schulbus Havetoft", MULTI_WORD, ("schulbus-fahrplan",)),
    # Negative cases: a similar word is another word
    _judged("Hund", NEGATIVE, HUND, ("feuerwehr-jubilaeum",)),
    _judged("Grundsteuer", NEGATIVE, GRUNDSTEUER, (*HUNDESTEUER, "gewerbesteuer-vorauszahlung")),
    _judged("Hundesteuer", NEGATIVE, HUNDESTEUER, (*GRUNDSTEUER, "gewerbesteuer-vorauszahlung")),
    _judged("Straßenlaterne", NEGATIVE, LATERNEN, ("laternenumzug",)),
    _judged("Winterdienst", NEGATIVE, ("winterdienst-plan", "streupflicht"), ("baugenehmigung-wintergarten",)),
    _judged("Abwasser", NEGATIVE, ABWASSER, ("loeschwasser",)),
    _judged("Bebauungsplan", NEGATIVE, BEBAUUNGSPLAENE, ("flaechennutzungsplan",)),
    _judged("Standesamt", NEGATIVE, STANDESAMT, ("energieberatung", "kitagebuehren-ermaessigung")),
    _judged("Ehe", NEGATIVE, ("standesamt-eheschliessung",), ("ehemalige-schule",)),
    _judged("Rat", NEGATIVE, ("jugendrat",), ("rattenbekaempfung", "energieberatung")),
    _judged("Gewerbeanmeldung", NEGATIVE, ("gewerbeanmeldung",), ("gewerbeabmeldung",)),
    _judged("Grundschule", NEGATIVE, ("grundschule-erweiterung",), GRUNDSTEUER),
)
