"""The public pages of the online forms, as an anonymous visitor uses them
(test browser on the functional layer; the HTTP tests against the running
portal are in tests/onlineforms/test_online_forms_http.py)."""

import datetime
import re

import pytest
import transaction
from DateTime import DateTime
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles

from mittelangeln.policy.site.mail import apply_mail_settings
from mittelangeln.policy.testing.helpers import add_member
from mittelangeln.policy.testing.helpers import body_text
from mittelangeln.policy.testing.helpers import browser_as
from mittelangeln.policy.testing.helpers import decoded
from mittelangeln.policy.testing.helpers import free_port
from mittelangeln.policy.testing.helpers import image_bytes
from mittelangeln.policy.testing.helpers import mail_environment


YEAR = datetime.date.today().year


def open_form(online_forms, name, username=None):
    browser = browser_as(online_forms["portal"], username, handle_errors=False)
    browser.open(online_forms[name].absolute_url())
    return browser


def fill_defect(browser, **values):
    values = {"category:list": ["schlagloch"], "address": "Dorfstraße 3, Satrup", "defect": "Tiefes Loch", **values}
    for name, value in values.items():
        browser.getControl(name=f"form.widgets.{name}").value = value
    browser.getControl(name="form.buttons.send").click()
    return browser


def fill_antrag(browser, **values):
    values = {
        "applicant_name": "Anke Hansen",
        "applicant_address": "Hauptstraße 5, Satrup",
        "pupil_name": "Lena Hansen",
        "pupil_birthday": "2016-05-04",
        "pupil_address": "Hauptstraße 5, Satrup",
        "school:list": ["grundschule-satrup"],
        "school_class": "3",
        "transport:list": ["schulbus-oder-linienbus"],
        "iban": "DE89 3704 0044 0532 0130 00",
        "account_holder": "Anke Hansen",
        "consent:list": True,
        **values,
    }
    for name, value in values.items():
        browser.getControl(name=f"form.widgets.{name}").value = value
    browser.getControl(name="form.buttons.send").click()
    return browser


def reference(browser):
    """The reference number on the confirmation page."""
    return re.search(r'class="reference-number">([A-Z]{2}-\d{4}-\d{5})<', browser.contents).group(1)


def submission(portal, area, browser):
    return portal["eingaenge"][area][reference(browser).lower()]


def status(browser):
    return int(browser.headers["status"].split()[0])


def stored(portal, area):
    return sorted(portal["eingaenge"][area].objectIds())


def test_anonymous_visitor_reports_a_defect(online_forms):
    browser = fill_defect(
        open_form(online_forms, "maengelmelder"),
        defect="Tiefes Schlagloch <script>alert(1)</script>",
        contact_email="melder@example.org",
    )
    assert status(browser) == 200
    assert re.fullmatch(rf"MM-{YEAR}-\d{{5}}", reference(browser))
    assert "Wir melden uns nach der Prüfung." in browser.contents
    meldung = submission(online_forms["portal"], "maengelmeldungen", browser)
    assert meldung.reference == reference(browser)
    assert meldung.defect == "Tiefes Schlagloch <script>alert(1)</script>"  # stored as text
    assert meldung.fachdienst == "Fachdienst IV – Bauen und Umwelt"
    assert api.content.get_state(meldung) == "received"


def test_staff_see_script_in_a_report_as_text(online_forms):
    sent = fill_defect(open_form(online_forms, "maengelmelder"), defect="<script>alert('x')</script><b>fett</b>")
    portal = online_forms["portal"]
    add_member("bauamt", "fachdienst-iv-bauen-und-umwelt")
    transaction.commit()
    browser = browser_as(portal, "bauamt")
    browser.open(submission(portal, "maengelmeldungen", sent).absolute_url())
    assert status(browser) == 200
    assert "&lt;script&gt;alert('x')&lt;/script&gt;&lt;b&gt;fett&lt;/b&gt;" in browser.contents
    assert "<script>alert('x')" not in browser.contents


def test_category_routed_to_another_fachdienst(online_forms):
    browser = fill_defect(open_form(online_forms, "maengelmelder"), **{"category:list": ["illegale-mullablagerung"]})
    assert status(browser) == 200
    meldung = submission(online_forms["portal"], "maengelmeldungen", browser)
    assert meldung.fachdienst == "Fachdienst III – Ordnung und Soziales"
    roles = api.group.get_roles(groupname="fachdienst-iii-ordnung-und-soziales", obj=meldung)
    assert {"Reader", "Editor", "Reviewer"} <= set(roles)
    other = api.group.get_roles(groupname="fachdienst-ii-finanzen", obj=meldung)
    assert "Reader" not in other


def test_application_with_certificate(online_forms, tmp_path):
    browser = open_form(online_forms, "schuelerbefoerderung")
    browser.getControl(name="form.widgets.certificate").add_file(image_bytes("PNG"), "image/png", "bescheinigung.png")
    browser = fill_antrag(browser, applicant_email="eltern@example.org")
    assert status(browser) == 200, browser.contents
    assert re.fullmatch(rf"SB-{YEAR}-\d{{5}}", reference(browser))
    antrag = submission(online_forms["portal"], "schuelerbefoerderung", browser)
    assert antrag.iban == "DE89 3704 0044 0532 0130 00"
    assert antrag.school_year == "2026/27"
    assert antrag.pupil_birthday == datetime.date(2016, 5, 4)
    assert antrag.certificate.filename == "bescheinigung.png"


def test_missing_and_wrong_fields_are_named_in_german_and_input_is_kept(online_forms):
    browser = fill_antrag(
        open_form(online_forms, "schuelerbefoerderung"),
        applicant_name="",
        iban="DE00 1234 5678 9012 3456 78",
        school_class="dritte",
        **{"consent:list": False},
    )
    assert status(browser) == 400
    summary = browser.contents.split("error-summary", 1)[1].split("</ul>", 1)[0]
    assert "Name der antragstellenden Person" in summary
    assert "IBAN" in summary and "Die IBAN ist ungültig" in summary
    assert "Klasse" in summary
    assert "Einwilligung" in summary
    assert browser.getControl(name="form.widgets.pupil_name").value == "Lena Hansen"
    assert browser.getControl(name="form.widgets.iban").value == "DE00 1234 5678 9012 3456 78"
    assert browser.getControl(name="form.widgets.school:list").value == ["grundschule-satrup"]
    assert stored(online_forms["portal"], "schuelerbefoerderung") == []


def test_a_place_is_required(online_forms):
    browser = fill_defect(open_form(online_forms, "maengelmelder"), address="")
    assert status(browser) == 400
    assert "Bitte markieren Sie den Ort auf der Karte oder geben Sie eine Adresse an." in browser.contents
    browser = fill_defect(open_form(online_forms, "maengelmelder"), address="", latitude="54,6261", longitude="9.6012")
    assert status(browser) == 200
    meldung = submission(online_forms["portal"], "maengelmeldungen", browser)
    assert (meldung.latitude, meldung.longitude) == (54.6261, 9.6012)


def test_fake_photo_is_refused_by_its_content(online_forms):
    browser = open_form(online_forms, "maengelmelder")
    browser.getControl(name="form.widgets.photo_1").add_file(b"<?php system($_GET['c']); ?>", "image/jpeg", "foto.jpg")
    browser = fill_defect(browser, defect="Laterne aus")
    assert status(browser) == 400
    assert "Die Datei „foto.jpg“ ist kein Foto" in browser.contents
    assert browser.getControl(name="form.widgets.defect").value == "Laterne aus"
    assert stored(online_forms["portal"], "maengelmeldungen") == []


def test_real_photo_is_taken(online_forms):
    browser = open_form(online_forms, "maengelmelder")
    browser.getControl(name="form.widgets.photo_1").add_file(image_bytes(), "image/jpeg", "laterne.jpg")
    browser = fill_defect(browser)
    assert status(browser) == 200
    meldung = submission(online_forms["portal"], "maengelmeldungen", browser)
    assert meldung.photo_1.getImageSize() == (40, 30)


def test_honeypot_stores_nothing(online_forms):
    browser = open_form(online_forms, "maengelmelder")
    browser.getControl(name="website").value = "http://spam.example"
    browser = fill_defect(browser)
    assert status(browser) == 400
    assert "konnte nicht angenommen werden" in browser.contents
    assert stored(online_forms["portal"], "maengelmeldungen") == []


def test_rate_limit_per_client_address(online_forms):
    api.portal.set_registry_record("mittelangeln.form_submissions_per_hour", 2)
    transaction.commit()
    for _ in range(2):
        assert status(fill_defect(open_form(online_forms, "maengelmelder"))) == 200
    browser = fill_defect(open_form(online_forms, "maengelmelder"), defect="Noch ein Loch")
    assert status(browser) == 429
    assert "zu viele" in browser.contents
    assert browser.getControl(name="form.widgets.defect").value == "Noch ein Loch"
    assert len(stored(online_forms["portal"], "maengelmeldungen")) == 2


def test_form_outside_its_dates_takes_nothing(online_forms):
    form = online_forms["maengelmelder"]
    browser = open_form(online_forms, "maengelmelder")  # opened while still open
    form.setExpirationDate(DateTime() - 1)
    form.reindexObject()
    transaction.commit()
    browser = fill_defect(browser)
    assert status(browser) == 403
    assert "Dieses Formular nimmt zurzeit keine Eingaben an." in browser.contents
    assert stored(online_forms["portal"], "maengelmeldungen") == []
    form.setExpirationDate(None)
    form.setEffectiveDate(DateTime() + 7)
    transaction.commit()
    browser = open_form(online_forms, "maengelmelder")
    assert "Dieses Formular nimmt zurzeit keine Eingaben an." in browser.contents


def test_a_refused_upload_is_not_parked_in_the_database(online_forms):
    from plone.formwidget.namedfile.utils import FILE_UPLOAD_MAP_KEY
    from zope.annotation.interfaces import IAnnotations

    browser = open_form(online_forms, "maengelmelder")
    browser.getControl(name="form.widgets.photo_1").add_file(image_bytes(), "image/jpeg", "laterne.jpg")
    browser = fill_defect(browser, defect="")
    assert status(browser) == 400
    transaction.begin()  # see what the request committed
    assert not IAnnotations(online_forms["portal"]).get(FILE_UPLOAD_MAP_KEY)


def test_a_mail_server_that_is_down_loses_no_submission(online_forms):
    port = free_port()  # nobody listens there
    apply_mail_settings(mail_environment(port))
    transaction.commit()
    browser = fill_defect(open_form(online_forms, "maengelmelder"), contact_email="melder@example.org")
    assert status(browser) == 200
    transaction.begin()
    assert submission(online_forms["portal"], "maengelmeldungen", browser).contact_email == "melder@example.org"


def test_the_button_in_a_link_sends_nothing(online_forms):
    """Even with the (for anonymous visitors shared) CSRF token in it."""
    browser = open_form(online_forms, "maengelmelder")
    token = browser.getControl(name="_authenticator").value
    browser.open(
        online_forms["maengelmelder"].absolute_url()
        + "?form.widgets.category:list=schlagloch&form.widgets.address=A&form.widgets.defect=B&form.buttons.send=1"
        + f"&_authenticator={token}"
    )
    assert status(browser) == 200
    assert stored(online_forms["portal"], "maengelmeldungen") == []


def test_reporter_hears_of_every_status_change(online_forms, smtp_server):
    inbox, port = smtp_server
    apply_mail_settings(mail_environment(port))
    transaction.commit()
    browser = fill_defect(open_form(online_forms, "maengelmelder"), contact_email="melder@example.org")
    number = reference(browser)
    assert f"Eingangsbestätigung: {number}" in subjects(inbox.wait_for(1))
    portal = online_forms["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    meldung = submission(portal, "maengelmeldungen", browser)
    api.content.transition(obj=meldung, transition="check")
    transaction.commit()
    api.content.transition(obj=meldung, transition="mark_unsolvable", comment="Privatweg: Eigentümer zuständig.")
    transaction.commit()
    messages = inbox.wait_for(3)
    assert subjects(messages) == [f"Eingangsbestätigung: {number}"] + [f"Stand Ihrer Meldung {number}"] * 2
    last = body_text(messages[-1])
    assert "kann vom Amt nicht behoben werden" in last and "Privatweg: Eigentümer zuständig." in last


def test_no_status_mail_without_an_address(online_forms, smtp_server):
    inbox, port = smtp_server
    apply_mail_settings(mail_environment(port))
    transaction.commit()
    browser = fill_defect(open_form(online_forms, "maengelmelder"))
    portal = online_forms["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.content.transition(obj=submission(portal, "maengelmeldungen", browser), transition="check")
    transaction.commit()
    assert inbox.wait_for(1, seconds=2) == []


def subjects(messages):
    return [decoded(message["Subject"]) for message in messages]


def test_editors_cannot_list_a_category_twice(online_forms):
    from mittelangeln.policy.onlineforms.content.forms import CategoriesInvalid
    from mittelangeln.policy.onlineforms.content.forms import parse_categories

    with pytest.raises(CategoriesInvalid):
        parse_categories("Spielplatz\nspielplatz")
    with pytest.raises(CategoriesInvalid):
        parse_categories("Spielplatz | Fachdienst IX")


def test_a_renamed_fachdienst_does_not_break_the_form(online_forms):
    form = online_forms["maengelmelder"]
    form.categories = "Spielplatz | Fachdienst III\nSpielplatz\nLaterne | Fachdienst IX"  # as if edited long ago
    transaction.commit()
    browser = open_form(online_forms, "maengelmelder")
    assert status(browser) == 200
    assert form.routing() == {
        "Spielplatz": "Fachdienst III – Ordnung und Soziales",
        "Laterne": "Fachdienst IV – Bauen und Umwelt",
    }
