"""xdomea code lists used by the writer and reader.

Nachrichtentyp, Aussonderungsart and Medium are enumerated in the bundled
xdomea-Datentypen.xsd. The Dateiformat list is not: the schema only fixes
its listURI. Its codes below are those of the published code list
urn:xoev-de:xdomea:codeliste:dateiformat (1.0, carried on in 2.0, the
version the xdomea 4.0.0 examples name); 044 is PDF/A, 018 plain PDF, 045
a Unicode text file, 100 anything else ("Sonstiges").
"""

MESSAGE_NAMES = {
    "0501": "Aussonderung.Anbieteverzeichnis",
    "0502": "Aussonderung.Bewertungsverzeichnis",
    "0503": "Aussonderung.Aussonderung",
    "0504": "Aussonderung.AnbietungEmpfangBestaetigen",
    "0505": "Aussonderung.BewertungEmpfangBestaetigen",
    "0506": "Aussonderung.AussonderungImportBestaetigen",
    "0507": "Aussonderung.AussonderungEmpfangBestaetigen",
}
NACHRICHTENTYP = ("urn:xoev-de:xdomea:codeliste:nachrichtentyp", "3.0")
AUSSONDERUNGSART = ("urn:xoev-de:xdomea:codeliste:aussonderungsart", "1.0")
AUSSONDERUNGSARTEN = ("A", "B", "V")
MEDIUM = ("urn:xoev-de:xdomea:codeliste:medium", "1.0")
MEDIUM_ELECTRONIC = "001"
DATEIFORMAT = ("urn:xoev-de:xdomea:codeliste:dateiformat", "2.0")
HASH_ALGORITHM = ("urn:xoev-de:kosit:codeliste:xta.serviceprofile.kryptographische-algorithmen", "1.0.0")
SHA256 = ("SHA-256", "http://www.w3.org/2001/04/xmlenc#sha256")
VERZEICHNISDIENST = ("urn:xoev-de:kosit:codeliste:verzeichnisdienst", "2", "DVDV")

PDFA = "044"
OTHER_FORMAT = "100"
FORMAT_NAMES = {
    "001": "bmp - Windows Bitmap",
    "002": "csv - Comma Separated Values",
    "003": "doc - Microsoft Word for Windows Document",
    "006": "eml - Outlook Express Electronic Mail",
    "007": "htm - Hypertext Markup Language",
    "008": "html - Hypertext Markup Language",
    "010": "jpeg - JPEG File Interchange Format",
    "011": "jpg - JPEG File Interchange Format",
    "012": "msg - Microsoft Outlook Email Message",
    "013": "odp - OpenDocument Presentation Format",
    "014": "ods - OpenDocument Spreadsheet Format",
    "015": "odt - OpenDocument Text Format",
    "018": "pdf - Portable Document Format",
    "019": "png - Portable Network Graphics",
    "020": "ppt - Microsoft PowerPoint",
    "022": "rtf - Rich Text Format",
    "023": "tif - Tagged Image File Format",
    "024": "tiff - Tagged Image File Format",
    "028": "xls - Binary Interchange File Format (BIFF) Worksheet",
    "030": "xml - eXtensible Markup Language",
    "035": "docx - Office Open XML Text",
    "036": "xlsx - Office Open XML Spreadsheet",
    "037": "pptx - Office Open XML Presentation",
    "044": "pdf - Portable Document Format (Archival)",
    "045": "txt - Unicode Text File",
    "100": "Sonstiges",
}
_BY_EXTENSION = {name.split(" - ")[0]: code for code, name in FORMAT_NAMES.items() if " - " in name and code != PDFA}


def format_code(extension, pdfa=False):
    """The Dateiformat code of a file with ``extension``; ``pdfa`` for a PDF
    that is PDF/A."""
    extension = (extension or "").lower().lstrip(".")
    if extension == "pdf" and pdfa:
        return PDFA
    return _BY_EXTENSION.get(extension, OTHER_FORMAT)
