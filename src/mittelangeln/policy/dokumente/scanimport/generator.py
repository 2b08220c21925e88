"""Image-only PDFs that look like scanned pages of a building file.

Tests and benchmarks need scans with ground truth: the text of every page is
known, but the PDF holds only grey page images (no text layer), slightly
rotated and blurred like a real scanner's output.
"""

import concurrent.futures
import hashlib
import pathlib
import random
import subprocess
import tempfile

from mittelangeln.policy.dokumente.scanimport.manifest import COLUMNS
from mittelangeln.policy.textpdf import ghostscript
from mittelangeln.policy.textpdf import postscript


def scanned_pdf(pages, dpi=200, seed=0, max_skew=1.5, font_size=13, umlauts=False):
    """An image-only PDF of ``pages`` (each a list of text lines), the text
    set in ``font_size`` points (with ``umlauts`` printed as such)."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as directory:
        directory = pathlib.Path(directory)
        source = directory / "pages.ps"
        source.write_text(postscript(pages, font_size=font_size, umlauts=umlauts), encoding="ascii")
        ghostscript(str(source), str(directory / "page-%04d.png"), "pnggray", f"-r{dpi}")
        images = sorted(directory.glob("page-*.png"))
        for image in images:
            _age(image, skew=rng.uniform(-max_skew, max_skew))
        target = directory / "scan.pdf"
        subprocess.run(["gm", "convert", *map(str, images), str(target)], check=True, capture_output=True)
        return target.read_bytes()


def _age(image, skew):
    """Rotate a little like a page laid in askew, blur like scanner optics."""
    options = ["-background", "white", "-rotate", f"{skew:.2f}", "-blur", "0x0.7", "-colorspace", "GRAY"]
    subprocess.run(["gm", "mogrify", *options, str(image)], check=True, capture_output=True)


# Words of building-file pages (ASCII: the PostScript font has no umlauts).
# Each generated page carries three of them as its ground truth (OCR must
# find them) besides the fixed phrases of its kind.
WORDS = (
    "Anbau Baugrube Baulast Bebauungsplan Brandschutz Carport Dachgaube Dachneigung Entwaesserung "
    "Fassade Fenster Fundament Garage Grenzbebauung Hausanschluss Heizung Kellergeschoss Lageplan "
    "Mauerwerk Rohbauabnahme Schornstein Sockel Stellplatz Treppenhaus Umbau Vollgeschoss Wintergarten "
    "Zufahrt Zaunanlage Dachdeckung Bodenplatte Regenwasser Gehweg Statik Ortsbild Bauherr Dachstuhl "
    "Holzbalken Estrich Gutachten Baumbestand Pflasterung Terrasse Balkon Ringanker Kamin"
).split()
STREETS = ("Dorfstraße", "Kirchweg", "Mühlenstraße", "Schulstraße", "Am Markt", "Bahnhofstraße", "Ostlandweg")
GEMARKUNGEN = ("Satrup", "Rüde", "Havetoft", "Sörup", "Mohrkirch", "Boren")


# Body text of typed pages (ASCII like WORDS): a real page of a building file
# is full, and OCR time grows with the text on it.
LETTER_SENTENCES = (
    "Die eingereichten Bauvorlagen wurden auf Vollstaendigkeit geprueft.",
    "Nach Paragraph 64 der Landesbauordnung ist eine Genehmigung erforderlich.",
    "Die Stellungnahme des Kreises Schleswig-Flensburg liegt noch nicht vor.",
    "Bitte reichen Sie die fehlenden Unterlagen innerhalb eines Monats ein.",
    "Die Frist beginnt mit dem Zugang dieses Schreibens.",
    "Gegen diesen Bescheid kann innerhalb eines Monats Widerspruch erhoben werden.",
    "Der Widerspruch ist schriftlich beim Amt Mittelangeln einzulegen.",
    "Die Gebuehr fuer die Pruefung wird gesondert festgesetzt.",
    "Die Abstandsflaechen zum Nachbargrundstueck sind einzuhalten.",
    "Das Vorhaben liegt im Geltungsbereich des Bebauungsplans Nr. 12.",
    "Die Erschliessung ueber die Gemeindestrasse ist gesichert.",
    "Eine Ortsbesichtigung ist fuer die kommende Woche vorgesehen.",
    "Fuer Rueckfragen steht Ihnen die Bauaufsicht gern zur Verfuegung.",
    "Die Nachbarn wurden gemaess Paragraph 72 am Verfahren beteiligt.",
    "Die Baugenehmigung erlischt, wenn nicht binnen drei Jahren begonnen wird.",
    "Der Baubeginn ist der Bauaufsicht eine Woche vorher anzuzeigen.",
)
FORM_FIELDS = (
    "Bauherr",
    "Anschrift",
    "Entwurfsverfasser",
    "Kammer-Nr.",
    "Bauleiter",
    "Art der Nutzung",
    "Grundflaeche m2",
    "Geschossflaeche m2",
    "Brutto-Rauminhalt m3",
    "Anzahl Vollgeschosse",
    "Dachform",
    "Dachneigung Grad",
    "Heizungsart",
    "Stellplaetze",
    "Baukosten EUR",
    "Baubeginn",
)


def building_file_page(rng, kind, number):
    """Lines of one page of a building file, and the words OCR must find.

    ``kind`` is "letter" (a typed cover letter), "form" (a filled-in
    application form) or "notes" (a page of a structural report)."""
    words = rng.sample(WORDS, 3)
    street = f"{rng.choice(STREETS)} {rng.randint(1, 80)}"
    gemarkung = rng.choice(GEMARKUNGEN)
    if kind == "letter":
        lines = [
            "Amt Mittelangeln - Der Amtsvorsteher - Bauaufsicht",
            "",
            f"Betreff: Bauvorhaben {street}, Gemarkung {gemarkung}",
            "",
            "Sehr geehrte Damen und Herren,",
            f"zu Ihrem Antrag betreffend {words[0]} und {words[1]} teilen wir mit,",
            f"dass die Unterlagen zur {words[2]} noch nachzureichen sind.",
            *rng.sample(LETTER_SENTENCES, 12),
            "",
            "Mit freundlichen Gruessen",
            f"Seite {number}",
        ]
    elif kind == "form":
        lines = [
            "ANTRAG AUF BAUGENEHMIGUNG",
            "----------------------------------------------",
            f"Grundstueck:      {street}",
            f"Gemarkung:        {gemarkung}   Flur: {rng.randint(1, 12)}",
            f"Flurstueck:       {rng.randint(1, 300)}/{rng.randint(1, 9)}",
            f"Vorhaben:         {words[0]}",
            f"Anlagen:          {words[1]}, {words[2]}",
            *(f"{field + ':':<18}{rng.choice(STREETS)} {rng.randint(1, 999)}" for field in FORM_FIELDS),
            "----------------------------------------------",
            f"Seite {number}",
        ]
    else:
        lines = [
            f"Statische Berechnung - Position {rng.randint(1, 40)}",
            "",
            f"Nachweis fuer {words[0]} nach DIN EN 1992.",
            f"Belastung aus {words[1]}: {rng.randint(2, 9)},{rng.randint(0, 9)} kN/m2",
            f"Ausfuehrung der {words[2]} wie im Plan dargestellt.",
            *(
                f"Pos. {rng.randint(1, 99)}: q = {rng.randint(1, 20)},{rng.randint(0, 9)} kN/m  "
                f"l = {rng.randint(2, 9)},{rng.randint(0, 99):02d} m  M = {rng.randint(5, 200)} kNm  nachgewiesen"
                for _ in range(18)
            ),
            f"Seite {number}",
        ]
    return lines, words


def write_delivery(directory, documents, pages_per_document=5, seed=0, aktenzeichen=None, threads=1):
    """A scan-service delivery in ``directory``: image-only PDFs under
    ``scans/`` and ``manifest.csv`` (format: manifest.py).

    Rows go to new Bauakten (Aktenplan position 632.1) unless ``aktenzeichen``
    names an existing Akte. ``threads`` PDFs are rendered at a time. Returns
    the ground truth: {relative path: [words per page]}."""
    rng = random.Random(seed)
    directory = pathlib.Path(directory)
    (directory / "scans").mkdir(parents=True, exist_ok=True)
    kinds = ["letter", "form", "notes"]
    documents_pages = [
        [building_file_page(rng, kinds[(index + page) % 3], page + 1) for page in range(pages_per_document)]
        for index in range(documents)
    ]

    def render(index):
        data = scanned_pdf([lines for lines, _ in documents_pages[index]], seed=seed * 100_000 + index)
        (directory / f"scans/{index + 1:05d}.pdf").write_bytes(data)
        return data

    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        pdfs = list(pool.map(render, range(documents)))
    truth = {}
    rows = []
    for index, data in enumerate(pdfs):
        words = [page_words for _, page_words in documents_pages[index]]
        relative = f"scans/{index + 1:05d}.pdf"
        truth[relative] = words
        target = (
            {"aktenzeichen": aktenzeichen}
            if aktenzeichen
            else {
                "aktenplan": "632.1",
                "gemarkung": GEMARKUNGEN[index % 2],
                "flur": str(index % 3 + 1),
                "flurstuecke": f"{index // 6 + 10}/1",
            }
        )
        rows.append(
            {
                **target,
                "vorgang": "Bauantrag" if index % 2 == 0 else "Schlussabnahme",
                "titel": f"Scan {index + 1}: {words[0][0]}",
                "datum": f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1975, 2005)}",
                "art": rng.choice(["eingang", "bescheid", "plan", "antrag"]),
                "datei": relative,
                "seiten": str(pages_per_document),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    lines = [";".join(COLUMNS)] + [";".join(row.get(column, "") for column in COLUMNS) for row in rows]
    (directory / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return truth
