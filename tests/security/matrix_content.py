"""Content of the permission matrix (one builder per row of matrix_table)
and the test layer that builds it once, converted and indexed."""

import datetime
import uuid

import transaction
from Acquisition import aq_parent
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import FunctionalTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import setRoles
from plone.app.textfield.value import RichTextValue
from plone.base.interfaces.syndication import IFeedSettings
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile

from mittelangeln.policy.aussonderung import process
from mittelangeln.policy.dokumente.queue import enqueue
from mittelangeln.policy.dokumente.queue import process_queue
from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf
from mittelangeln.policy.posteingang.filing import file_eingang
from mittelangeln.policy.posteingang.forwarding import forward
from mittelangeln.policy.posteingang.routing import assign
from mittelangeln.policy.security.groups import fachdienst_groups
from mittelangeln.policy.testing import FIXTURE
from mittelangeln.policy.testing.helpers import PASSWORD
from mittelangeln.policy.testing.helpers import add_meldung
from mittelangeln.policy.testing.helpers import antrag_fields
from mittelangeln.policy.textpdf import text_pdf
from tests.security.matrix_table import FACHDIENST_KEYS
from tests.security.matrix_table import KINDS
from tests.security.matrix_table import PRINCIPALS


BAUEN = "Fachdienst IV – Bauen und Umwelt"
ORDNUNG = "Fachdienst III – Ordnung und Soziales"


def user_of(principal):
    """Login of the principal's test user (not the group id: users and
    groups share one namespace of principals)."""
    return None if principal == "anonym" else f"nutzer-{principal}"


def group_of(principal):
    if principal in FACHDIENST_KEYS:
        return list(fachdienst_groups())[FACHDIENST_KEYS.index(principal)]
    return principal


def object_id(kind):
    return f"matrix-{kind.key.replace('_', '-')}"


def matrix_object(kind):
    """The item the matrix layer built for ``kind`` (a Kind or its key)."""
    if isinstance(kind, str):
        kind = next(known for known in KINDS if known.key == kind)
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(getId=object_id(kind))
    assert len(brains) == 1, kind.key
    return brains[0]._unrestrictedGetObject()


def pdf(kind):
    return NamedBlobFile(
        text_pdf([[f"Testdokument {kind.search_word}", "Inhalt nur fuer Berechtigte"]]),
        contentType="application/pdf",
        filename=f"{object_id(kind)}.pdf",
    )


def create(container, type_name, row, state=None, **fields):
    """The row's item: id and title from the row, its search word in the
    description (not for the scan, whose word only the OCR may know)."""
    fields.setdefault("title", f"Matrix {row.key}")
    if row.key != "akte_dokument":
        fields.setdefault("description", f"Enthält {row.search_word}")
    obj = api.content.create(container=container, type=type_name, id=object_id(row), **fields)
    if state:
        api.content.transition(obj=obj, to_state=state)
    return obj


class Builders:
    def __init__(self, portal):
        self.portal = portal
        plan = api.content.create(container=portal, type="Aktenplan", id="aktenplan", title="Aktenplan")
        bau = api.content.create(container=plan, type="AktenplanPosition", id="6", title="Bauwesen", key="6")
        self.genehmigungen = api.content.create(
            container=bau, type="AktenplanPosition", id="632-1", title="Baugenehmigungen", key="632.1"
        )
        self.personal = api.content.create(
            container=plan, type="AktenplanPosition", id="023", title="Personalakten", key="023"
        )
        self.made = {}

    def get(self, key):
        if key not in self.made:
            kind = next(kind for kind in KINDS if kind.key == key)
            self.made[key] = getattr(self, key)(kind)
        return self.made[key]

    def area(self, path):
        return self.portal.unrestrictedTraverse(path)

    def akte(self, kind):
        return create(self.genehmigungen, "Akte", kind, fachdienst=BAUEN)

    def akte_dokument(self, kind):
        vorgang = api.content.create(container=self.get("akte"), type="Vorgang", id="bauantrag", title="Bauantrag")
        scan = scanned_pdf([["Stellungnahme Wasserbehoerde", f"Die {kind.search_word} ist genehmigt."]])
        return create(
            vorgang,
            "Dokument",
            kind,
            kind="eingang",
            file=NamedBlobFile(scan, contentType="application/pdf", filename="scan.pdf"),
        )

    def vorgang_geteilt(self, kind):
        vorgang = create(self.get("akte"), "Vorgang", kind)
        vorgang.manage_setLocalRoles("ehrenamt", ["Reader"])
        vorgang.reindexObjectSecurity()
        vorgang.reindexObject(idxs=["shared_with"])
        return vorgang

    def bauakte(self, kind):
        return create(
            self.genehmigungen, "Bauakte", kind, fachdienst=BAUEN, gemarkung="Satrup", flur="3", flurstuecke=["45/2"]
        )

    def bauakte_dokument(self, kind):
        vorgang = api.content.create(container=self.get("bauakte"), type="Vorgang", id="abnahme", title="Abnahme")
        return create(vorgang, "Dokument", kind, kind="eingang", file=pdf(kind))

    def personalakte(self, kind):
        return create(
            self.personal,
            "Personalakte",
            kind,
            fachdienst="Fachdienst I – Zentrale Dienste",
            employee_name="Thomas Jensen",
            personnel_number="1002",
        )

    def personalakte_dokument(self, kind):
        return create(self.get("personalakte"), "Dokument", kind, kind="vermerk", file=pdf(kind))

    def fachdienst_entwurf(self, kind):
        return create(self.area(f"fachdienste/{group_of('fd3')}"), "File", kind, file=pdf(kind))

    def fachdienst_intern(self, kind):
        return create(self.area(f"fachdienste/{group_of('fd3')}"), "File", kind, "internal", file=pdf(kind))

    def aktuelles(self, kind):
        return create(
            self.area("aktuelles"),
            "News Item",
            kind,
            "internal",
            text=RichTextValue(f"<p>Neuigkeit {kind.search_word}</p>", "text/html", "text/x-html-safe"),
        )

    def intranet(self, kind):
        return create(self.area("intranet"), "File", kind, "internal", file=pdf(kind))

    def oeffentlich(self, kind):
        return create(self.area("oeffentlich"), "File", kind, "published", file=pdf(kind))

    def oeffentlich_eingereicht(self, kind):
        return create(self.area("oeffentlich"), "Document", kind, "pending")

    def familienzentrum(self, kind):
        return create(self.area("einrichtungen/familienzentrum"), "File", kind, "internal", file=pdf(kind))

    def jugendzentrum(self, kind):
        return create(self.area("einrichtungen/jugendzentrum"), "File", kind, "internal", file=pdf(kind))

    def kita(self, kind):
        return create(self.area("einrichtungen/kita"), "File", kind, "internal", file=pdf(kind))

    def maengelmeldung(self, kind):
        return add_meldung(
            self.portal,
            object_id(kind),
            category="Straßenbeleuchtung",
            address="Dorfstraße 12",
            defect=f"Laterne defekt {kind.search_word}",
            contact_email="melder@example.org",
        )

    def maengelmeldung_umgeleitet(self, kind):
        return add_meldung(
            self.portal,
            object_id(kind),
            category="Illegale Müllablagerung",
            fachdienst="Fachdienst III – Ordnung und Soziales",
            address="Waldweg",
            defect=f"Sperrmüll im Wald {kind.search_word}",
        )

    def formular_veroeffentlicht(self, kind):
        return create(self.area("oeffentlich"), "MaengelmelderFormular", kind, "published", categories="Spielplatz")

    def formular_entwurf(self, kind):
        return create(self.area("oeffentlich"), "MaengelmelderFormular", kind, categories="Spielplatz")

    def public_document(self, kind, state=None, **fields):
        return create(
            self.area("oeffentlich/dokumente"),
            "Bekanntmachung",
            kind,
            state,
            gemeinde="Gemeinde Sörup",
            fachdienst=BAUEN,
            **fields,
        )

    def bekanntmachung(self, kind):
        return self.public_document(kind, "published", file=pdf(kind))

    def bekanntmachung_entwurf(self, kind):
        return self.public_document(kind, file=pdf(kind))

    def bekanntmachung_archiviert(self, kind):
        return self.public_document(kind, "archived")

    def schuelerbefoerderungsantrag(self, kind):
        return api.content.create(
            container=self.area("eingaenge/schuelerbefoerderung"),
            type="Schuelerbefoerderungsantrag",
            id=object_id(kind),
            **antrag_fields(pupil_name=f"Lena {kind.search_word}"),
        )

    def eingang(self, kind, fachdienst=None, responsible=None):
        """An Eingang in the Posteingang with its letter, assigned (as the
        routing does) when it names a Fachdienst or person."""
        eingang = create(
            self.area("posteingang"),
            "Eingang",
            kind,
            channel="post",
            sender_name="Erika Mustermann",
            fachdienst=fachdienst,
            responsible=responsible,
        )
        letter = api.content.create(
            container=eingang,
            type="Dokument",
            id=f"{object_id(kind)}-brief",
            title="Brief",
            kind="eingang",
            file=pdf(kind),
        )
        if fachdienst or responsible:
            assign(eingang, "Matrix")
        return eingang, letter

    def eingang_iv(self, kind):
        return self.eingang(kind, BAUEN)[0]

    def eingang_iv_dokument(self, kind):
        return create(self.get("eingang_iv"), "Dokument", kind, kind="anlage", file=pdf(kind))

    def eingang_iii(self, kind):
        return self.eingang(kind, ORDNUNG)[0]

    def eingang_person(self, kind):
        return self.eingang(kind, responsible=user_of("fd2"))[0]

    def eingang_weitergeleitet(self, kind):
        eingang = self.eingang(kind, BAUEN)[0]
        forward(eingang, fachdienst=ORDNUNG, note="Zuständigkeit Ordnungsamt")
        return eingang

    def eingang_weitergeleitet_dokument(self, kind):
        return create(self.get("eingang_weitergeleitet"), "Dokument", kind, kind="anlage", file=pdf(kind))

    def eingang_neu(self, kind):
        return self.eingang(kind)[0]

    def eingang_erledigt(self, kind):
        eingang = self.eingang(kind, BAUEN)[0]
        vorgang = api.content.create(container=self.get("akte"), type="Vorgang", id="posteingang", title="Post")
        file_eingang(eingang, vorgang)
        # Moving its Dokumente out reindexed the Eingang here, outside a
        # request, where Plone's is_default_page indexer fails (the Eingang
        # then drops out of the sitemap's query); filed through the form, it
        # does not.
        eingang.reindexObject(idxs=["is_default_page"])
        return eingang

    def aussonderung_item(self, kind, type_name, **attributes):
        """A process or Löschprotokoll, made as process.py makes them (the
        types are in no add menu)."""
        item = createContentInContainer(
            self.area("aussonderungen"),
            type_name,
            checkConstraints=False,
            id=object_id(kind),
            title=f"Matrix {kind.key}",
            description=f"Enthält {kind.search_word}",
        )
        for name, value in attributes.items():
            setattr(item, name, value)
        item.reindexObject()
        return item

    def aussonderung(self, kind):
        return self.aussonderung_item(
            kind, "Aussonderung", process_id=str(uuid.uuid4()), objects=PersistentMapping(), messages=PersistentList()
        )

    def loeschprotokoll(self, kind):
        entry = {"what": "Akte", "aktenzeichen": "632.1/0099", "title": "Alte Akte", "decision": "V"}
        return self.aussonderung_item(kind, "Loeschprotokoll", process_id=str(uuid.uuid4()), entries=[entry])

    def akte_in_aussonderung(self, kind):
        """A closed Akte whose retention ran out, locked by a process."""
        position = api.content.create(
            container=aq_parent(self.genehmigungen),
            type="AktenplanPosition",
            id="630",
            title="Bauordnung",
            key="630",
            retention="10",
            archival_value="A",
        )
        akte = create(position, "Akte", kind, fachdienst=BAUEN)
        api.content.transition(obj=akte, transition="close")
        akte.closed = datetime.date(1990, 6, 1)
        akte.reindexObject()
        process.start([akte])
        # reindexed outside a request (see eingang_erledigt)
        akte.reindexObject(idxs=["is_default_page"])
        return akte

    def sitzungsunterlage(self, kind):
        return create(self.area("ehrenamt"), "File", kind, "internal", file=pdf(kind))


class MatrixLayer(PloneSandboxLayer):
    """The policy's site with one user per group and one item per matrix
    row, files converted (page images, text, OCR) and indexed."""

    defaultBases = (FIXTURE,)

    def setUpPloneSite(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        for principal in PRINCIPALS:
            if principal == "anonym":
                continue
            api.user.create(email=f"{user_of(principal)}@example.org", username=user_of(principal), password=PASSWORD)
            api.group.add_user(groupname=group_of(principal), username=user_of(principal))
        builders = Builders(portal)
        for kind in KINDS:
            obj = builders.get(kind.key)
            if kind.has_file:
                enqueue(obj)  # plain Files too (documentviewer skips requests without its layer)
            # Feeds are off by default; on, they must show what the listing shows.
            IFeedSettings(obj.aq_parent).enabled = True
        transaction.commit()
        process_queue(portal, commit=transaction.commit)
        setRoles(portal, TEST_USER_ID, ["Member"])


MATRIX_FIXTURE = MatrixLayer()
MATRIX_TESTING = FunctionalTesting(bases=(MATRIX_FIXTURE,), name="MittelangelnMatrix:Functional")
