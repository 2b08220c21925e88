"""An e-mail as a Delivery: body as PDF with a header block, attachments,
sender, Message-ID; malformed MIME and odd charsets never crash."""

import datetime
from email.message import EmailMessage

import pytest

from mittelangeln.policy.posteingang.files import IntakeRefused
from mittelangeln.policy.posteingang.mail.parse import delivery_from_message
from mittelangeln.policy.testing.helpers import image_bytes
from mittelangeln.policy.testing.helpers import pdf_text
from tests.posteingang.mail_messages import make_message


def parsed(raw):
    return delivery_from_message(raw, "Test")


def test_a_message_with_attachments_becomes_a_delivery(letter_pdf):
    raw = make_message(
        attachments=[("antrag.pdf", letter_pdf, "application/pdf"), ("foto.jpg", image_bytes(), "image/jpeg")]
    )
    delivery = parsed(raw)
    assert delivery.channel == "email"
    assert delivery.subject == "Bauantrag Mühlenweg 3"
    assert (delivery.sender_name, delivery.sender_email) == ("Jörg Müller", "joerg.mueller@example.org")
    assert delivery.message_id == "<bauantrag-1@example.org>"
    assert delivery.received == datetime.datetime(2026, 5, 28, 22, 26, 40)
    assert [(item.filename, item.content_type) for item in delivery.files] == [
        ("E-Mail Bauantrag Mühlenweg 3.pdf", "application/pdf"),
        ("antrag.pdf", "application/pdf"),
        ("foto.jpg", "image/jpeg"),
    ]
    assert delivery.files[1].data == letter_pdf
    assert "anbei mein Bauantrag" in delivery.text


def test_the_main_document_has_the_header_block_and_the_body_lines(tmp_path, letter_pdf):
    raw = make_message(attachments=[("antrag.pdf", letter_pdf, "application/pdf")])
    text = pdf_text(parsed(raw).files[0].data, tmp_path)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[:6] == [
        "Von: Joerg Mueller <joerg.mueller@example.org>",
        "An: posteingang@amt-mittelangeln.de",
        "Datum: 28.05.2026 22:26",
        "Betreff: Bauantrag Muehlenweg 3",
        "Anlagen: antrag.pdf",
        "Sehr geehrte Damen und Herren,",
    ]
    assert lines[6:9] == ["anbei mein Bauantrag.", "Mit freundlichen Gruessen", "Joerg Mueller"]


def test_long_lines_are_wrapped_and_long_bodies_get_more_pages(tmp_path):
    body = "\n".join(f"Zeile {number} " + "lang " * 30 for number in range(60))
    text = pdf_text(parsed(make_message(body=body)).files[0].data, tmp_path)
    assert "Zeile 59" in text
    assert text.count("\f") > 3
    assert max(len(line) for line in text.splitlines()) <= 70


def test_without_message_id_a_stable_substitute_from_the_bytes():
    raw = make_message(message_id=None)
    first, again = parsed(raw), parsed(raw.replace(b"\n", b"\r\n"))
    assert first.message_id.startswith("<sha256-") and first.message_id == again.message_id
    assert parsed(make_message(message_id=None, body="anders")).message_id != first.message_id


def test_encoded_words_in_any_charset_are_decoded():
    raw = (
        b"From: =?iso-8859-1?q?S=F6ren_J=E4ger?= <soeren@example.org>\r\n"
        b"Subject: =?utf-8?B?R3LDvMOfZSBhdXMgU8O2cnVw?= und mehr\r\n"
        b"Message-ID: <x@example.org>\r\n\r\nText\r\n"
    )
    delivery = parsed(raw)
    assert delivery.sender_name == "Sören Jäger"
    assert delivery.subject == "Grüße aus Sörup und mehr"


@pytest.mark.parametrize(
    "charset, body",
    [
        ("us-ascii", "Grüße".encode()),  # declared ASCII, written UTF-8
        ("iso-8859-1", "Grüße".encode()),  # declared Latin-1, written UTF-8
        ("utf-8", "Grüße".encode("latin-1")),  # declared UTF-8, written Latin-1
        ("x-keine-ahnung", "Grüße".encode()),  # unknown charset
        (None, "Grüße".encode("cp1252")),  # none declared, 8-bit
    ],
)
def test_wrong_missing_and_unknown_charsets_are_read(charset, body):
    content_type = f"text/plain; charset={charset}" if charset else "text/plain"
    raw = b"From: a@example.org\r\nSubject: x\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + body
    assert "Grüße" in parsed(raw).text


def test_8bit_headers_are_read_as_utf8_or_latin1():
    for encoding in ("utf-8", "latin-1"):
        raw = "From: Jörg <j@example.org>\nSubject: Straße gesperrt\n\nText\n".encode(encoding)
        delivery = parsed(raw)
        assert (delivery.subject, delivery.sender_name) == ("Straße gesperrt", "Jörg")


def test_an_html_only_message_is_reduced_to_text():
    message = EmailMessage()
    message["From"] = "a@example.org"
    message["Subject"] = "HTML"
    html = (
        "<html><head><style>p{color:red}</style><script>alert(1)</script></head>"
        "<body><p>Erste&nbsp;Zeile</p><p>Zweite <b>Zeile</b><br>Dritte</p><ul><li>Punkt</li></ul></body></html>"
    )
    message.set_content(html, subtype="html")
    text = parsed(message.as_bytes()).text
    assert text.splitlines()[1:] == ["Erste Zeile", "", "Zweite Zeile", "Dritte", "", "Punkt"]
    assert "alert" not in text and "color" not in text


def test_plain_wins_over_its_html_alternative():
    delivery = parsed(make_message(body="Nur Text", html="<p>Nur HTML</p>"))
    assert "Nur Text" in delivery.text and "Nur HTML" not in delivery.text
    assert len(delivery.files) == 1


def test_inline_images_and_attached_messages_become_files():
    inner = make_message(subject="Weitergeleitet", message_id="<inner@example.org>")
    message = EmailMessage()
    message["From"] = "a@example.org"
    message["Subject"] = "Mit Bild"
    message.set_content("Siehe Bild")
    message.add_alternative('<p>Siehe <img src="cid:bild1"></p>', subtype="html")
    message.get_payload()[1].add_related(image_bytes("PNG"), "image", "png", cid="<bild1>")
    message.add_attachment(inner, maintype="message", subtype="rfc822")
    files = parsed(message.as_bytes()).files
    assert [item.filename for item in files[1:]] == ["Anlage 1.png", "Weitergeleitet.eml"]
    assert files[1].content_type == "image/png"
    assert b"Message-ID: <inner@example.org>" in files[2].data


@pytest.mark.parametrize(
    "name, safe",
    [("../../etc/passwd", "passwd"), ("bö\x00se.pdf", "böse.pdf"), ("x" * 300 + ".txt", "x" * 116 + ".txt")],
)
def test_hostile_attachment_names_are_made_safe(name, safe):
    raw = make_message(attachments=[(name, b"Inhalt", "text/plain")])
    assert parsed(raw).files[1].filename == safe


def test_empty_attachments_are_left_out_and_listed(tmp_path):
    raw = make_message(attachments=[("leer.txt", b"", "text/plain")])
    delivery = parsed(raw)
    assert len(delivery.files) == 1
    assert "Anlagen: leer.txt (leer, nicht uebernommen)" in pdf_text(delivery.files[0].data, tmp_path)


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "Die Nachricht ist leer."),
        (b"   \r\n", "Die Nachricht ist leer."),
        (b"%PDF-1.4\n%binary\x00\x01\x02", "Das ist keine E-Mail"),
        (b"\x00\xff\xfe" * 100, "Das ist keine E-Mail"),
    ],
)
def test_what_is_no_email_is_refused_in_german(raw, reason):
    with pytest.raises(IntakeRefused) as refused:
        parsed(raw)
    assert str(refused.value).startswith(reason)


def test_malformed_mime_is_read_as_far_as_it_goes():
    raw = (
        b"From: a@example.org\r\nSubject: kaputt\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="fehlt"\r\n\r\n'
        b"Text ohne Grenze\r\n"
        b"--anders\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n@@kein base64@@\r\n"
    )
    delivery = parsed(raw)
    assert "Text ohne Grenze" in delivery.text
    assert delivery.files[0].content_type == "application/pdf"


def test_no_prefix_of_a_message_crashes(letter_pdf):
    """Messages cut off anywhere (a broken transfer): a delivery or a German refusal."""
    raw = make_message(attachments=[("antrag.pdf", letter_pdf, "application/pdf")])
    for end in range(0, len(raw), max(1, len(raw) // 60)):
        try:
            delivery = parsed(raw[:end])
        except IntakeRefused as refusal:
            assert str(refusal).startswith(("Die Nachricht ist leer.", "Das ist keine E-Mail"))
        else:
            assert delivery.files[0].content_type == "application/pdf"
