"""Checks of the files citizens upload: by size and by content.

The browser's content type and the file name's extension are what the sender
claims; Pillow decoding the image or the PDF header and qpdf reading the
structure are what the file is. Used as field constraints, so the checks hold
for every way in (form, REST, edit form).
"""

import io
import subprocess
import tempfile

from PIL import Image
from PIL import UnidentifiedImageError
from zope.interface import Invalid

from mittelangeln.policy import settings
from mittelangeln.policy.i18n import _


PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# Decoding a huge "decompression bomb" must not take the server down.
MAX_PIXELS = 50_000_000


class UploadInvalid(Invalid):
    __doc__ = _("The uploaded file was refused.")


def max_bytes():
    return settings.form_upload_max_mb() * 1024 * 1024


def check_size(upload):
    limit = max_bytes()
    if upload.getSize() > limit:
        raise UploadInvalid(
            _(
                "The file “${name}” is larger than ${limit} MB.",
                mapping={"name": upload.filename or "", "limit": limit // (1024 * 1024)},
            )
        )


def is_image(data):
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in PHOTO_FORMATS or image.width * image.height > MAX_PIXELS:
                return False
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        return False
    return True


def is_pdf(data):
    if not data.startswith(b"%PDF-"):
        return False
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        result = subprocess.run(["qpdf", "--check", pdf.name], capture_output=True, timeout=60)
    # 0: fine, 3: warnings only (common in scanner output); 2: damaged.
    return result.returncode in (0, 3)


def check_photo(upload):
    """Field constraint of photos: a real JPEG, PNG, WebP or GIF image."""
    check_size(upload)
    if not is_image(upload.data):
        raise UploadInvalid(
            _("The file “${name}” is not a photo (JPEG, PNG, WebP or GIF).", mapping={"name": upload.filename or ""})
        )
    return True


def check_document(upload):
    """Field constraint of certificates: a real PDF or a photo of the paper."""
    check_size(upload)
    if not (is_pdf(upload.data) or is_image(upload.data)):
        raise UploadInvalid(
            _("The file “${name}” is neither a PDF nor a photo.", mapping={"name": upload.filename or ""})
        )
    return True
