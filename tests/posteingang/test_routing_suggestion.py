"""The learned routing suggestion: the classifier on a generated history,
training and suggesting in the portal, accepting and correcting it."""

import pytest
import transaction
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

from mittelangeln.policy.posteingang.intake import IncomingFile
from mittelangeln.policy.posteingang.intake import register
from mittelangeln.policy.posteingang.suggestion import history
from mittelangeln.policy.posteingang.suggestion.core import RoutingModel
from mittelangeln.policy.posteingang.suggestion.core import most_frequent
from mittelangeln.policy.posteingang.suggestion.feedback import decisions_of
from mittelangeln.policy.posteingang.suggestion.training import decisions
from mittelangeln.policy.posteingang.suggestion.training import maybe_train
from mittelangeln.policy.posteingang.suggestion.training import suggest
from mittelangeln.policy.posteingang.suggestion.training import train
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.testing.helpers import build_plan


FD_II = "Fachdienst II – Finanzen"
FD_III = "Fachdienst III – Ordnung und Soziales"
FD_IV = "Fachdienst IV – Bauen und Umwelt"


def test_the_classifier_beats_the_baseline_on_held_out_history():
    entries = history.generate(600, seed=3)
    train_part, test_part = entries[:480], entries[480:]
    model = RoutingModel().fit(
        [e.sample for e in train_part], [e.fachdienst for e in train_part], [e.vorgang for e in train_part]
    )
    predicted = [ranked[0][0] for ranked, _v in model.predict([e.sample for e in test_part])]
    accuracy = sum(p == e.fachdienst for p, e in zip(predicted, test_part, strict=True)) / len(test_part)
    baseline_label = most_frequent([e.fachdienst for e in train_part])
    baseline = sum(e.fachdienst == baseline_label for e in test_part) / len(test_part)
    assert accuracy > baseline + 0.3
    # Vorgänge seen in training are found far more often than by chance.
    seen = {e.vorgang for e in train_part if e.vorgang}
    known = [e for e in test_part if e.vorgang in seen]
    ranked = model.predict([e.sample for e in known])
    hits = sum(v and v[0][0] == e.vorgang for (_f, v), e in zip(ranked, known, strict=True))
    assert hits / len(known) > 5 * max(1 / len(seen), most_frequent_share(train_part, known))


def most_frequent_share(train_part, known):
    label = most_frequent([e.vorgang for e in train_part if e.vorgang])
    return sum(e.vorgang == label for e in known) / len(known)


def letters():
    """Decided Eingänge: (subject, text, Fachdienst, file into the Vorgang?)."""
    found = []
    for number in range(8):
        found.append(
            (f"Bauantrag Mühlenweg {number}", f"Neubau Einfamilienhaus Lageplan Bauzeichnung {number}", FD_IV, True)
        )
        found.append(
            (
                f"Hundesteuer Anmeldung {number}",
                f"Hund angeschafft Steuermarke Hundesteuerbescheid {number}",
                FD_II,
                False,
            )
        )
        found.append(
            (
                f"Gewerbeanmeldung Imbiss {number}",
                f"Gewerbe Tätigkeit Betriebsstätte Handelsregister {number}",
                FD_III,
                False,
            )
        )
    return found


@pytest.fixture
def history_in_portal(portal, manager, delivery, vorgang):
    for subject, text, fachdienst, filed in letters():
        eingang = register(
            delivery(subject=subject, fachdienst=fachdienst, files=[IncomingFile("brief.txt", text.encode())])
        )
        if filed:
            from mittelangeln.policy.posteingang.filing import file_eingang

            file_eingang(eingang, vorgang)
    return vorgang


def test_suggest_after_training_in_the_portal(history_in_portal, delivery):
    vorgang = history_in_portal
    report = train(api.portal.get())
    assert report["trained"] and report["examples"] == 24 and report["filed"] == 8
    new = register(
        delivery(subject="Bauantrag Mühlenweg 12", files=[IncomingFile("neu.txt", b"Neubau Lageplan Bauzeichnung")])
    )
    found = suggest(new)
    assert found["fachdienst"] == FD_IV
    assert found["fachdienst_confidence"] > 0.5
    assert found["vorgang_uid"] == api.content.get_uuid(vorgang)
    assert 0 < found["vorgang_confidence"] <= 1
    hund = register(delivery(subject="Hundesteuer", files=[IncomingFile("hund.txt", b"Hund Steuermarke")]))
    assert suggest(hund)["fachdienst"] == FD_II


def test_a_vorgang_that_is_gone_is_not_proposed(history_in_portal, delivery):
    train(api.portal.get())
    api.content.delete(obj=history_in_portal, check_linkintegrity=False)
    new = register(delivery(subject="Bauantrag Mühlenweg 12", files=[IncomingFile("neu.txt", b"Neubau Lageplan")]))
    found = suggest(new)
    assert found["fachdienst"] == FD_IV and found["vorgang_uid"] is None


def test_maybe_train_waits_for_enough_decisions(history_in_portal):
    portal = api.portal.get()
    assert maybe_train(portal)["trained"]  # no model yet
    assert maybe_train(portal) is None  # nothing new
    decisions(portal).change(25)
    assert maybe_train(portal)["trained"]
    assert decisions(portal)() == 0


# Accepting and correcting, in the browser


@pytest.fixture
def decided(functional_portal, delivery):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    plan = build_plan(portal)
    akte = api.content.create(container=plan["genehmigungen"], type="Akte", title="Mühlenweg", fachdienst=FD_IV)
    vorgang = api.content.create(container=akte, type="Vorgang", title="Bauantrag Mühlenweg")
    from mittelangeln.policy.posteingang.filing import file_eingang

    for subject, text, fachdienst, filed in letters():
        eingang = register(
            delivery(subject=subject, fachdienst=fachdienst, files=[IncomingFile("b.txt", text.encode())])
        )
        if filed:
            file_eingang(eingang, vorgang)
    train(portal)
    new = register(delivery(subject="Bauantrag Mühlenweg 12", files=[IncomingFile("neu.txt", b"Neubau Lageplan")]))
    add_member("bauamt", "fachdienst-iv-bauen-und-umwelt")
    add_member("poststelle1", "poststelle")
    add_member("leiterin", "leitung")
    api.user.grant_roles(username="bauamt", obj=akte, roles=["Editor", "Reader", "Contributor"])
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    return {"portal": portal, "eingang": new, "vorgang": vorgang}


def test_accepting_the_fachdienst_forwards_and_records(decided):
    portal, eingang = decided["portal"], decided["eingang"]
    browser = browser_as(portal, "poststelle1")
    browser.open(eingang.absolute_url())
    assert "Vorschlag" in browser.contents
    assert FD_IV in browser.contents
    browser.getControl("Fachdienst übernehmen").click()
    assert f"Der Eingang ging an {FD_IV}." in browser.contents
    transaction.begin()
    assert eingang.fachdienst == FD_IV
    assert api.content.get_state(eingang) == "zugewiesen"
    (entry,) = decisions_of(eingang)
    assert (entry["target"], entry["suggested"], entry["chosen"], entry["accepted"]) == (
        "fachdienst",
        FD_IV,
        FD_IV,
        True,
    )
    assert entry["by"] == "poststelle1"
    assert decisions(portal)() >= 1


def test_correcting_the_fachdienst_forwards_there_and_records(decided):
    portal, eingang = decided["portal"], decided["eingang"]
    browser = browser_as(portal, "poststelle1")
    browser.open(eingang.absolute_url())
    browser.getControl(name="fachdienst").value = [FD_III]
    browser.getControl("Korrigieren").click()
    transaction.begin()
    assert eingang.fachdienst == FD_III
    (entry,) = decisions_of(eingang)
    assert (entry["suggested"], entry["chosen"], entry["accepted"]) == (FD_IV, FD_III, False)
    history_comments = [item.get("comments") for item in eingang.workflow_history["mittelangeln_eingang_workflow"]]
    assert any("Vorschlag korrigiert" in (comment or "") for comment in history_comments)


def test_accepting_the_vorgang_files_the_eingang(decided):
    portal, eingang, vorgang = decided["portal"], decided["eingang"], decided["vorgang"]
    browser = browser_as(portal, "bauamt")
    # The Fachdienst first (its group may then work on the Eingang) ...
    setRoles(portal, TEST_USER_ID, ["Manager"])
    eingang.fachdienst = FD_IV
    eingang.reindexObjectSecurity()
    setRoles(portal, TEST_USER_ID, ["Member"])
    transaction.commit()
    browser.open(eingang.absolute_url())
    browser.getControl("In diesen Vorgang ablegen").click()
    transaction.begin()
    assert eingang.filed_in == api.content.get_uuid(vorgang)
    assert api.content.get_state(eingang) == "erledigt"
    assert decisions_of(eingang)[-1]["target"] == "vorgang"


def test_without_modify_no_buttons_and_no_decision(decided):
    portal, eingang = decided["portal"], decided["eingang"]
    browser = browser_as(portal, "leiterin")
    browser.open(eingang.absolute_url())
    assert browser.headers["status"].startswith("200")
    assert "Vorschlag" in browser.contents
    assert "übernehmen" not in browser.contents
    assert "Korrigieren" not in browser.contents
    poster = browser_as(portal, "poststelle1")
    poster.open(eingang.absolute_url())
    token = poster.getControl(name="_authenticator", index=0).value
    browser.post(
        f"{eingang.absolute_url()}/@@routing-suggestion-decide", f"decision=accept-fachdienst&_authenticator={token}"
    )
    assert not browser.headers["status"].startswith("5")
    transaction.begin()
    assert eingang.fachdienst is None
    assert decisions_of(eingang) == []
