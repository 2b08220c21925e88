"""The online forms over HTTP against the running portal (bin/instance-test
with the demo's published forms), mail through a real SMTP server (aiosmtpd)
started here: valid submissions, what anonymous visitors can never read,
206 malformed submissions, and 20 citizens sending at the same moment.
"""

import html
import json
import re
import threading

import pytest
import requests

from mittelangeln.policy.testing.helpers import body_text
from mittelangeln.policy.testing.helpers import decoded
from mittelangeln.policy.testing.helpers import mail_environment
from mittelangeln.policy.testing.helpers import running_smtp_server
from mittelangeln.policy.testing.portal_process import SITE_URL
from mittelangeln.policy.testing.portal_process import Server
from mittelangeln.policy.testing.portal_process import create_site
from mittelangeln.policy.testing.portal_process import fresh_environment
from mittelangeln.policy.testing.portal_process import request
from tests.onlineforms.bad_submissions import DANGEROUS
from tests.onlineforms.bad_submissions import all_cases
from tests.onlineforms.bad_submissions import antrag_fields
from tests.onlineforms.bad_submissions import maengelmelder_fields
from tests.onlineforms.bad_submissions import pdf
from tests.onlineforms.form_client import AREAS
from tests.onlineforms.form_client import error_summary
from tests.onlineforms.form_client import form_page
from tests.onlineforms.form_client import shown_values
from tests.onlineforms.form_client import staff_page
from tests.onlineforms.form_client import stored_items
from tests.onlineforms.form_client import submit


REFERENCE = re.compile(r'class="reference-number">((?:MM|SB)-\d{4}-\d{5})<')
PARALLEL = 20


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    with running_smtp_server() as (inbox, smtp_port):
        env = {**fresh_environment(), **mail_environment(smtp_port)}
        create_site(env)
        server = Server(env, tmp_path_factory.mktemp("logs") / "server.log")
        try:
            # Every test here sends from 127.0.0.1; the limit has its own test.
            limit = json.dumps({"mittelangeln.form_submissions_per_hour": 100_000}).encode()
            status, body = request("/@registry", data=limit, method="PATCH")
            assert status == 204, body
            yield {"inbox": inbox, "server": server}
        finally:
            server.stop()


def reference_of(response):
    match = REFERENCE.search(response.text)
    return match.group(1) if match else None


def subject(message):
    return decoded(message["Subject"])


def test_valid_defect_report(portal):
    before = len(portal["inbox"].messages)
    response = submit("maengelmelder", maengelmelder_fields(contact_email="melderin@example.org"))
    assert response.status_code == 200
    reference = reference_of(response)
    assert re.fullmatch(r"MM-\d{4}-\d{5}", reference)
    assert reference.lower() in stored_items("maengelmelder")
    mail = [m for m in portal["inbox"].wait_for(before + 1) if m["To"] == "melderin@example.org"][-1]
    assert subject(mail) == f"Eingangsbestätigung: {reference}"
    assert reference in body_text(mail)


def test_valid_application_with_certificate(portal):

    before = len(portal["inbox"].messages)
    response = submit(
        "schuelerbefoerderung",
        antrag_fields(applicant_email="eltern@example.org"),
        {"certificate": ("bescheinigung.pdf", pdf(), "application/pdf")},
    )
    assert response.status_code == 200
    reference = reference_of(response)
    assert re.fullmatch(r"SB-\d{4}-\d{5}", reference)
    assert reference.lower() in stored_items("schuelerbefoerderung")
    mail = [m for m in portal["inbox"].wait_for(before + 1) if m["To"] == "eltern@example.org"][-1]
    assert reference in subject(mail)


@pytest.mark.parametrize("form", ["maengelmelder", "schuelerbefoerderung"])
def test_anonymous_visitors_cannot_read_submissions(portal, form):
    fields = (
        maengelmelder_fields(defect="Unverwechselbar Quellwasserrohr")
        if form == "maengelmelder"
        else antrag_fields(pupil_name="Unverwechselbar Quellwasserrohr")
    )
    reference = reference_of(submit(form, fields))
    item_id = reference.lower()
    area = AREAS[form]
    anonymous = requests.Session()
    # The page of the item and of its area: the login form, never the content.
    for path in (f"{area}/{item_id}", area, f"{area}/{item_id}/@@images/photo_1"):
        response = anonymous.get(SITE_URL + path, timeout=60)
        assert "Quellwasserrohr" not in response.text
        assert "/login" in response.url or response.status_code in (401, 403, 404)
    # REST, by path and by search.
    response = anonymous.get(f"{SITE_URL}/++api++{area}/{item_id}", timeout=60)
    assert response.status_code == 401
    response = anonymous.get(f"{SITE_URL}/++api++/@search", params={"SearchableText": "Quellwasserrohr"}, timeout=60)
    assert response.json()["items_total"] == 0
    response = anonymous.get(f"{SITE_URL}/@@search", params={"SearchableText": "Quellwasserrohr"}, timeout=60)
    assert response.status_code == 200 and f"{area}/{item_id}" not in response.text  # the term is echoed, no hit
    # Control: the admin finds it.
    _, body = request("/++api++/@search?SearchableText=Quellwasserrohr")
    assert any(item["@id"].endswith(item_id) for item in json.loads(body)["items"])


def test_bad_input(portal, record_property):
    cases = all_cases()
    assert len(cases) >= 200
    tokens = {form: form_page(form)[1] for form in ("maengelmelder", "schuelerbefoerderung")}
    before = {form: set(stored_items(form)) for form in tokens}
    statuses, confirmed, problems = {}, {form: set() for form in tokens}, []
    for case in cases:
        response = submit(
            case.form,
            case.fields,
            case.files,
            session=requests.Session(),
            token=tokens[case.form] if case.token else None,
            send=case.send,
        )
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        reference = reference_of(response)
        body = response.text
        if response.status_code >= 500:
            problems.append(f"{case.name}: status {response.status_code}")
        if any(danger in body for danger in DANGEROUS):
            problems.append(f"{case.name}: script payload unescaped in the response")
        if reference:
            confirmed[case.form].add(reference.lower())
        if case.valid is True and not reference:
            problems.append(f"{case.name}: valid input refused ({response.status_code}): {error_summary(body)!r}")
        if case.valid is False and reference:
            problems.append(f"{case.name}: stored as {reference}")
        if case.valid is False and case.flagged:
            problems += check_reshown(case, response)
    after = {form: set(stored_items(form)) for form in tokens}
    for form in tokens:
        if after[form] - before[form] != confirmed[form]:
            problems.append(f"{form}: stored {sorted(after[form] - before[form])}, confirmed {sorted(confirmed[form])}")
    # What was stored shows script as text to the staff.
    for form in tokens:
        for item_id in sorted(confirmed[form]):
            page = staff_page(form, item_id)
            assert page.status_code == 200
            if any(danger in page.text for danger in DANGEROUS):
                problems.append(f"{form}/{item_id}: script payload unescaped on the staff page")
    summary = (
        f"{len(cases)} malformed or hostile submissions: statuses {dict(sorted(statuses.items()))}, "
        f"{sum(len(refs) for refs in confirmed.values())} accepted as valid and stored, "
        f"{sum(1 for c in cases if c.valid is False)} refused with nothing stored, problems: {len(problems)}"
    )
    print("\n" + summary + "\n" + "\n".join(problems))
    record_property("bad_input", summary)
    assert problems == []


def check_reshown(case, response):
    """Flagged fields named in German; every other field kept as sent."""
    problems = []
    body = response.text
    if response.status_code != 400:
        return [f"{case.name}: status {response.status_code}, expected 400"]
    summary = error_summary(body)
    shown = shown_values(body)
    labels = field_labels(body)
    for name in case.flagged:
        if labels.get(name, name) not in summary:
            problems.append(f"{case.name}: field {labels.get(name, name)!r} not named in {summary!r}")
    for name, sent in case.fields.items():
        widget = name.split(":")[0]
        odd_shape = "." in name or (":" in name and not name.endswith(":list"))  # :record, :int
        if widget in case.flagged or name == "website" or odd_shape or isinstance(sent, (list, bytes)):
            continue
        kept = shown.get(name)
        kept = (
            sorted(kept)[0] if isinstance(kept, (set, frozenset)) or type(kept).__name__ == "CheckboxValues" else kept
        )
        if name == "consent:list":
            kept = "selected" if 'checked="checked"' in consent_input(body) else ""
        if (kept or "") != sent.strip():
            problems.append(f"{case.name}: {name} re-shown as {str(kept)[:40]!r}, sent {sent[:40]!r}")
    if "Bitte prüfen Sie diese Felder" not in body:
        problems.append(f"{case.name}: no German error summary")
    return problems


def consent_input(body):
    match = re.search(r'<input[^>]*name="form.widgets.consent:list"[^>]*>', body)
    return match.group(0) if match else ""


def field_labels(body):
    """{widget name: its German label} read from the page."""
    labels = {}
    for widget, text in re.findall(r'<label[^>]*for="form-widgets-(\w+?)(?:-\d+)?"[^>]*>(.*?)</label>', body, re.S):
        text = re.sub(r"<[^>]+>", "", text)
        labels[widget] = html.unescape(" ".join(text.split()))
    return labels


def test_parallel_submissions_get_distinct_numbers(portal):
    session, token = form_page("maengelmelder")
    before = set(stored_items("maengelmelder"))
    barrier = threading.Barrier(PARALLEL)
    results = []

    def citizen(number):
        barrier.wait()
        response = submit(
            "maengelmelder",
            maengelmelder_fields(defect=f"Gleichzeitige Meldung {number}"),
            session=requests.Session(),
            token=token,
        )
        results.append((response.status_code, reference_of(response)))

    threads = [threading.Thread(target=citizen, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in results] == [200] * PARALLEL
    references = {reference for _, reference in results}
    assert len(references) == PARALLEL and None not in references
    new_items = set(stored_items("maengelmelder")) - before
    assert new_items == {reference.lower() for reference in references}
