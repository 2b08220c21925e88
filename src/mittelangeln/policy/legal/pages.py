"""Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit.

A public body must publish them (Telemedien- and Medienrecht, Art. 13 DSGVO,
§ 12c LBGG Schleswig-Holstein), so every site gets them at its root on
install and by upgrade 1012: published (readable without login, they are
linked from the footer of the public forms), left out of the navigation bar,
editable by the Redaktion. A page that exists is left as it is, so the Amt's
own texts are never overwritten.

The texts are written with the contact from the settings as it is then;
values marked "Beispielangabe" are example data the Amt replaces.
"""

import datetime
from dataclasses import dataclass
from html import escape

from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from zope.i18n import translate

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _
from mittelangeln.policy.security.groups import REDAKTION


# The self-assessment the accessibility statement reports on.
STATEMENT_DATE = datetime.date(2026, 11, 30)
ULD_URL = "https://www.datenschutzzentrum.de"
BESCHWERDESTELLE_URL = "https://www.landtag.ltsh.de/beauftragte/beschwerdestelle-fuer-barrieren"


def _contact_html(contact):
    address = "<br />".join(escape(line) for line in [contact["name"], *contact["address"]])
    email = escape(contact["email"])
    phone = escape(contact["phone"])
    return f'<p>{address}</p>\n<p>Telefon: {phone}<br />E-Mail: <a href="mailto:{email}">{email}</a></p>'


def impressum(contact):
    name = escape(contact["name"])
    return f"""
<h2>Herausgeber</h2>
{_contact_html(contact)}
<p>Das {name} ist eine Körperschaft des öffentlichen Rechts (§ 1 Amtsordnung für Schleswig-Holstein).</p>
<h2>Vertretung</h2>
<p>Das Amt wird gesetzlich vertreten durch den Amtsvorsteher, Herrn Hans Beispiel (Beispielangabe).
Die Verwaltung leitet die Leitende Verwaltungsbeamtin, Frau Maren Muster (Beispielangabe).</p>
<h2>Aufsichtsbehörde</h2>
<p>Kommunalaufsicht: Der Landrat des Kreises Schleswig-Flensburg,
Flensburger Straße 7, 24837 Schleswig</p>
<h2>Verantwortlich für den Inhalt</h2>
<p>Die Leitende Verwaltungsbeamtin, Frau Maren Muster (Beispielangabe), Anschrift wie oben.
Für die Inhalte der einzelnen Bereiche sind die jeweiligen Fachdienste verantwortlich.</p>
<h2>Hinweise</h2>
<p>Für die Inhalte verlinkter fremder Seiten sind deren Anbieter verantwortlich.
Wie wir mit Ihren Daten umgehen, steht in der
<a href="datenschutz">Datenschutzerklärung</a>; wie barrierefrei dieses Portal ist, in der
<a href="barrierefreiheit">Erklärung zur Barrierefreiheit</a>.</p>
"""


def datenschutz(contact):
    email = escape(contact["email"])
    days = settings.access_trail_retention_days()
    return f"""
<p>Das {escape(contact["name"])} verarbeitet personenbezogene Daten nach der Datenschutz-Grundverordnung
(DSGVO) und dem Landesdatenschutzgesetz Schleswig-Holstein (LDSG). Hier erfahren Sie, welche Daten dieses
Portal verarbeitet, wozu und welche Rechte Sie haben.</p>
<h2>Verantwortliche Stelle</h2>
{_contact_html(contact)}
<p>Vertreten durch den Amtsvorsteher (siehe <a href="impressum">Impressum</a>).</p>
<h2>Datenschutzbeauftragte</h2>
<p>Behördliche Datenschutzbeauftragte des Amtes, Anschrift wie oben,
E-Mail: <a href="mailto:datenschutz@amt-mittelangeln.de">datenschutz@amt-mittelangeln.de</a>
(Beispielangabe).</p>
<h2>Zwecke und Rechtsgrundlagen</h2>
<h3>Aufruf der Seiten</h3>
<p>Beim Aufruf einer Seite verarbeitet der Server die Adresse Ihres Geräts (IP-Adresse), Datum und Uhrzeit,
die aufgerufene Seite und die Angaben Ihres Browsers, um die Seite auszuliefern und das Portal vor
Angriffen zu schützen (Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit dem LDSG). Die Server-Protokolle
werden nach 14 Tagen gelöscht (Beispielangabe). Das Portal setzt keine Analyse- oder Werbedienste ein;
Cookies werden nur für die Anmeldung gesetzt und gelten für die Dauer der Sitzung.</p>
<h3>Intranet und elektronische Akte</h3>
<p>Mitarbeitende, Ehrenamtliche und die Einrichtungen melden sich mit einem persönlichen Konto an.
Wir verarbeiten Name, E-Mail-Adresse und Gruppenzugehörigkeiten, um Zugriffsrechte zu vergeben.
Wer Akten, Vorgänge oder Dokumente öffnet, wird im Zugriffsprotokoll festgehalten; die Einträge werden
nach {days} Tagen gelöscht. Fehlgeschlagene Anmeldungen werden gezählt, um Konten vor dem Erraten des
Passworts zu schützen. Rechtsgrundlage sind Art. 6 Abs. 1 Buchst. c und e DSGVO in Verbindung mit dem LDSG
und, für Beschäftigte, den dienst- und arbeitsrechtlichen Vorschriften.</p>
<h3>Online-Formulare</h3>
<p>Mit dem Mängelmelder verarbeiten wir Kategorie, Ort, Beschreibung und Fotos des Mangels sowie, wenn Sie
sie angeben, Ihren Namen, Ihre E-Mail-Adresse und Telefonnummer, um den Mangel zu beheben und Ihnen den
Bearbeitungsstand mitzuteilen. Mit dem Antrag auf Schülerbeförderung verarbeiten wir die Angaben zu den
Erziehungsberechtigten, zur Schülerin oder zum Schüler, zur Schule, die Bankverbindung und die
Schulbescheinigung, um über den Antrag zu entscheiden und die Kosten zu erstatten. Rechtsgrundlage ist
Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit dem jeweiligen Fachrecht. Damit die Formulare nicht
missbraucht werden, zählt das Portal die Sendungen je Absenderadresse eine Stunde lang; die Adresse wird
dafür nur verschlüsselt (als Prüfsumme) gespeichert.</p>
<h2>Empfänger und Speicherdauer</h2>
<p>Ihre Angaben lesen nur die Mitarbeitenden des zuständigen Fachdienstes und die Amtsleitung. An Dritte
geben wir sie nur weiter, wenn ein Gesetz es erlaubt oder verlangt. Meldungen und Anträge werden in der
elektronischen Akte abgelegt und nach den Aufbewahrungsfristen des Aktenplans dem Archiv angeboten oder
gelöscht.</p>
<h2>Ihre Rechte</h2>
<p>Sie haben das Recht auf Auskunft über Ihre Daten (Art. 15 DSGVO), auf Berichtigung (Art. 16), Löschung
(Art. 17) und Einschränkung der Verarbeitung (Art. 18) sowie das Recht, der Verarbeitung zu widersprechen
(Art. 21). Wenden Sie sich dafür an die verantwortliche Stelle
(<a href="mailto:{email}">{email}</a>) oder an die Datenschutzbeauftragte.</p>
<h2>Beschwerde bei der Aufsichtsbehörde</h2>
<p>Sie können sich bei der Aufsichtsbehörde beschweren: Unabhängiges Landeszentrum für Datenschutz
Schleswig-Holstein (ULD), Holstenstraße 98, 24103 Kiel, E-Mail:
<a href="mailto:mail@datenschutzzentrum.de">mail@datenschutzzentrum.de</a>,
<a href="{ULD_URL}">{ULD_URL.removeprefix("https://")}</a>.</p>
"""


def barrierefreiheit(contact):
    email = escape(contact["email"])
    date = f"{STATEMENT_DATE.day}.{STATEMENT_DATE.month:02d}.{STATEMENT_DATE.year}"
    return f"""
<p>Das {escape(contact["name"])} ist bemüht, sein Portal barrierefrei zugänglich zu machen. Rechtsgrundlage
sind die §§ 12a bis 12f des Landesbehindertengleichstellungsgesetzes Schleswig-Holstein (LBGG), mit denen
das Land die Richtlinie (EU) 2016/2102 umsetzt. Maßstab sind die Anforderungen der BITV 2.0, der
europäischen Norm EN 301 549 und der WCAG 2.1 auf Stufe AA.</p>
<h2>Geltungsbereich</h2>
<p>Diese Erklärung gilt für dieses Portal des Amtes einschließlich des Intranets mit der elektronischen
Akte (Websites im Sinne des § 12b LBGG umfassen auch Intranetauftritte) und der Online-Formulare
Mängelmelder und Antrag auf Schülerbeförderung.</p>
<h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
<p>Das Portal ist <strong>teilweise vereinbar</strong> mit den Anforderungen. Die folgenden Inhalte sind
nicht oder nicht vollständig barrierefrei:</p>
<ul>
<li><strong>Eingescannte PDF-Dokumente:</strong> In der Seitenansicht der elektronischen Akte werden
Scans als Bilder gezeigt. Ihr Text ist für Screenreader und die Suche nur über die automatische
Texterkennung (OCR) zugänglich; sie kann Fehler enthalten und gibt Überschriften und Tabellen nicht
wieder. Auf Wunsch senden wir Ihnen den Inhalt eines Dokuments in zugänglicher Form.</li>
<li><strong>Ortsangabe im Mängelmelder:</strong> Der Ort eines Mangels wird als Koordinaten
(Breiten- und Längengrad) oder über die Standortbestimmung des Geräts angegeben; ob diese Angabe stimmt,
lässt sich ohne Karte und ohne Sehen kaum prüfen. Als gleichwertige Alternative kann der Ort im Feld
„Adresse oder Ort“ als Text angegeben werden; die Meldung ist ohne Koordinaten vollständig möglich.</li>
<li><strong>Ältere PDF-Dateien:</strong> Satzungen und Bekanntmachungen, die vor der Einführung des
Portals erstellt wurden, sind teilweise nicht als barrierefreie PDF-Dateien ausgezeichnet. Auf Wunsch
erhalten Sie sie in zugänglicher Form.</li>
</ul>
<h2>Erstellung dieser Erklärung</h2>
<p>Diese Erklärung wurde am {date} erstellt. Sie beruht auf einer Selbstbewertung des Amtes: Die
Hauptseiten des Portals wurden mit dem Prüfwerkzeug axe-core im Browser automatisiert getestet und mit der
Tastatur allein bedient. Die Erklärung wird bei wesentlichen Änderungen und mindestens einmal im Jahr
überprüft.</p>
<h2>Barrieren melden: Feedback und Kontakt</h2>
<p>Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen, oder benötigen Sie Inhalte in einer
zugänglichen Form? Dann wenden Sie sich bitte an uns:</p>
{_contact_html(contact)}
<p>Wir antworten Ihnen so schnell wie möglich.</p>
<h2>Durchsetzungsverfahren</h2>
<p>Erhalten Sie auf Ihre Rückmeldung keine oder keine zufriedenstellende Antwort, können Sie sich an die
Beschwerdestelle für barrierefreie Informationstechnik bei der oder dem Landesbeauftragten für Menschen
mit Behinderung Schleswig-Holstein wenden (§ 12e LBGG). Sie vermittelt zwischen Ihnen und dem Amt, um
eine Lösung zu finden:
<a href="{BESCHWERDESTELLE_URL}">Beschwerdestelle für barrierefreie Informationstechnik</a>.</p>
<p>Schreiben Sie uns dazu gern auch direkt: <a href="mailto:{email}">{email}</a>.</p>
"""


@dataclass(frozen=True)
class LegalPage:
    id: str
    # The msgid is also the title of its footer link (actions.xml).
    title: str
    description: str
    text: object  # function (contact) -> HTML; links are relative to the root


LEGAL_PAGES = (
    LegalPage("impressum", _("Imprint"), "Anbieterkennzeichnung des Amtes Mittelangeln", impressum),
    LegalPage(
        "datenschutz",
        _("Privacy policy"),
        "Wie das Amt Mittelangeln in diesem Portal personenbezogene Daten verarbeitet",
        datenschutz,
    ),
    LegalPage(
        "barrierefreiheit",
        _("Accessibility statement"),
        "Wie barrierefrei das Portal des Amtes Mittelangeln ist und wo Sie Barrieren melden",
        barrierefreiheit,
    ),
)


def ensure_legal_pages(portal):
    """Create the missing legal pages at the site root; return their ids."""
    contact = settings.contact()
    created = []
    for page in LEGAL_PAGES:
        if page.id in portal.objectIds():
            continue
        # Whatever the add menu offers at the root, these pages must exist.
        document = createContentInContainer(
            portal,
            "Document",
            checkConstraints=False,
            id=page.id,
            title=translate(page.title, target_language="de"),
            description=page.description,
            text=RichTextValue(page.text(contact), "text/html", "text/x-html-safe"),
            exclude_from_nav=True,
        )
        document.manage_setLocalRoles(REDAKTION, ["Editor"])
        if api.content.get_state(document, default=None) != "published":
            api.content.transition(obj=document, to_state="published")
        document.reindexObject()
        created.append(page.id)
    return created
