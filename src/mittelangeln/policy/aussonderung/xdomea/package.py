"""The 0503 hand-over as a ZIP container: written as a stream, read with distrust.

A container holds the message ``<ProzessID>_0503_<n>.xml`` and one primary
file ``<UUID>.<ext>`` per file version, flat, nothing else. Writing reads
each file in chunks and computes its SHA-256 and size on the way, so memory
does not depend on file sizes; the message goes in last, once the hashes
are known. Reading refuses unsafe names, links, encryption, nested archives,
ZIP bombs and any file that does not match the message.
"""

import functools
import hashlib
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass

from mittelangeln.policy.aussonderung.xdomea import reader
from mittelangeln.policy.aussonderung.xdomea import safexml
from mittelangeln.policy.aussonderung.xdomea import writer
from mittelangeln.policy.aussonderung.xdomea.errors import MessageRefused
from mittelangeln.policy.i18n import _
from mittelangeln.policy.i18n import translate


CHUNK = 1024 * 1024
MB = 1024 * 1024
_MESSAGE_NAME = re.compile(rf"^({reader.UUID})_(\d{{4}})_(\d+)\.xml$", re.IGNORECASE)
_DRIVE = re.compile(r"^[A-Za-z]:")
ARCHIVE_EXTENSIONS = (".zip", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".7z", ".rar", ".zst", ".cab", ".jar")
# Formats that are compressed already; deflating them again costs time for nothing.
STORED_EXTENSIONS = {"pdf", "jpg", "jpeg", "png", "gif", "tif", "tiff", "docx", "xlsx", "pptx", "odt", "ods", "odp"}


@dataclass(frozen=True)
class Limits:
    """What an uploaded hand-over may hold."""

    max_entries: int = 100_000
    max_entry_size: int = 4 * 1024 * MB
    max_total_size: int = 32 * 1024 * MB
    max_ratio: int = 200  # uncompressed : compressed, for entries above ratio_from
    ratio_from: int = MB
    max_message_size: int = safexml.MAX_BYTES


LIMITS = Limits()


def handover_name(process_id, n=1):
    """File name of the n-th 0503 container of a process."""
    return f"{process_id}_0503_{n}.zip"


def message_name(process_id, n=1):
    return f"{process_id}_0503_{n}.xml"


def versions_of(akten):
    """Every model.Version in ``akten`` in message order."""
    for akte in akten:
        for document in _documents(akte):
            yield from document.versions


def _documents(akte):
    yield from akte.documents
    for vorgang in akte.vorgaenge:
        yield from vorgang.documents


def write_handover(out, header, akten, n=1):
    """Stream the 0503 container for ``akten`` into the binary file ``out``.

    Each version's file comes from ``version.open()``; its sha256 and size
    are set on the version while it is packed."""
    timestamp = _zip_time(header.created)
    names = set()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for version in versions_of(akten):
            name = version.primary_name
            if version.open is None:
                raise ValueError(f"version {name} has no file to pack")
            if name.lower() in names:
                raise ValueError(f"primary file name {name} used twice")
            names.add(name.lower())
            info = _info(name, timestamp)
            if version.extension.lower() in STORED_EXTENSIONS:
                info.compress_type = zipfile.ZIP_STORED
            digest, size = hashlib.sha256(), 0
            with version.open() as source, archive.open(info, "w", force_zip64=True) as target:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    target.write(chunk)
            version.sha256, version.size = digest.hexdigest(), size
        archive.writestr(_info(message_name(header.process_id, n), timestamp), writer.aussonderung(header, akten, n))


def _zip_time(created):
    local = created.astimezone() if created.tzinfo else created
    return max(local.timetuple()[:6], (1980, 1, 1, 0, 0, 0))


def _info(name, timestamp):
    info = zipfile.ZipInfo(name, date_time=timestamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def read_handover_zip(fileobj, limits=LIMITS):
    """(Header, [Akte]) of the 0503 container in the seekable binary file
    ``fileobj``; each version's ``open`` reads its primary file from the
    archive (keep ``fileobj`` open while using them)."""
    archive = _open(fileobj)
    try:
        infos = archive.infolist()
        _check_entries(infos, limits)
        message = _message_entry(infos)
        header, akten = reader.read_handover(safexml.parse(_read_message(archive, message, limits)))
        if _MESSAGE_NAME.match(message.filename).group(1).lower() != header.process_id:
            raise _misnamed(message.filename)
        _check_files(archive, infos, message, akten)
    except BaseException:
        archive.close()
        raise
    return header, akten


def _open(fileobj):
    try:
        return zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        fileobj.seek(0)
        if fileobj.read(4) == b"PK\x03\x04":
            raise MessageRefused(_("The ZIP archive is incomplete or damaged.")) from None
        raise MessageRefused(_("The file is not a ZIP archive.")) from None


def _check_entries(infos, limits):
    if len(infos) > limits.max_entries:
        raise MessageRefused(
            _(
                "The ZIP archive holds ${count} entries; at most ${limit} are accepted.",
                mapping={"count": len(infos), "limit": limits.max_entries},
            )
        )
    seen = set()
    total = 0
    for info in infos:
        name = info.filename
        _check_name(name, info)
        if name.casefold() in seen:
            raise MessageRefused(
                _("The ZIP archive contains the entry “${name}” more than once.", mapping={"name": name})
            )
        seen.add(name.casefold())
        if info.file_size > limits.max_entry_size:
            raise MessageRefused(
                _(
                    "The entry “${name}” is larger than ${limit} MB; it is not accepted.",
                    mapping={"name": name, "limit": limits.max_entry_size // MB},
                )
            )
        if info.file_size > limits.ratio_from and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise MessageRefused(
                _(
                    "The entry “${name}” is compressed suspiciously strongly (${ratio} to 1, "
                    "a possible ZIP bomb); the archive is not accepted.",
                    mapping={"name": name, "ratio": info.file_size // max(info.compress_size, 1)},
                )
            )
        total += info.file_size
        if total > limits.max_total_size:
            raise MessageRefused(
                _(
                    "The ZIP archive would unpack to more than ${limit} MB; it is not accepted.",
                    mapping={"limit": limits.max_total_size // MB},
                )
            )


def _check_name(name, info):
    def refuse(message):
        raise MessageRefused(message)

    if "\\" in name:
        refuse(_("The ZIP archive contains the entry “${name}” with a backslash in its name.", mapping={"name": name}))
    if name.startswith("/"):
        refuse(_("The ZIP archive contains the entry “${name}” with an absolute path.", mapping={"name": name}))
    if _DRIVE.match(name):
        refuse(_("The ZIP archive contains the entry “${name}” with a drive letter.", mapping={"name": name}))
    if ".." in name.split("/"):
        refuse(
            _(
                "The ZIP archive contains the entry “${name}”, whose name leads outside the archive.",
                mapping={"name": name},
            )
        )
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        refuse(
            _("The ZIP archive contains the symbolic link “${name}”; links are not accepted.", mapping={"name": name})
        )
    if info.flag_bits & 0x1:
        refuse(
            _(
                "The ZIP archive contains the encrypted entry “${name}”; encrypted entries are not accepted.",
                mapping={"name": name},
            )
        )
    if "/" in name or info.is_dir():
        refuse(
            _(
                "The ZIP archive contains the folder entry “${name}”; a hand-over has files at the top level only.",
                mapping={"name": name},
            )
        )
    if name.lower().endswith(ARCHIVE_EXTENSIONS):
        refuse(
            _(
                "The ZIP archive contains another archive (“${name}”); nested archives are not accepted.",
                mapping={"name": name},
            )
        )


def _message_entry(infos):
    candidates = [info for info in infos if _MESSAGE_NAME.match(info.filename)]
    if len(candidates) > 1:
        raise MessageRefused(
            _(
                "The ZIP archive contains more than one message: ${names}.",
                mapping={"names": ", ".join(info.filename for info in candidates)},
            )
        )
    if candidates:
        if _MESSAGE_NAME.match(candidates[0].filename).group(2) != "0503":
            raise _misnamed(candidates[0].filename)
        return candidates[0]
    for info in infos:
        if info.filename.lower().endswith(".xml") and not reader.PRIMARY_NAME.match(info.filename):
            raise _misnamed(info.filename)
    raise MessageRefused(_("The ZIP archive contains no xdomea message (<ProzessID>_0503_<n>.xml)."))


def _misnamed(name):
    return MessageRefused(
        _(
            "The message file “${name}” is not named <ProzessID>_0503_<n>.xml after the process of its message.",
            mapping={"name": name},
        )
    )


def _read_message(archive, info, limits):
    if info.file_size > limits.max_message_size:
        raise MessageRefused(
            _(
                "The message is larger than ${limit} MB and is not accepted.",
                mapping={"limit": max(1, limits.max_message_size // MB)},
            )
        )
    try:
        with archive.open(info) as entry:
            return entry.read(limits.max_message_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise _damaged(info.filename) from None


def _damaged(name):
    return MessageRefused(_("The entry “${name}” of the ZIP archive is damaged.", mapping={"name": name}))


def _check_files(archive, infos, message, akten):
    by_name = {info.filename: info for info in infos if info is not message}
    expected = {version.primary_name: version for version in versions_of(akten)}
    problems = [
        _("The primary file “${name}” named in the message is missing from the ZIP archive.", mapping={"name": name})
        for name in expected
        if name not in by_name
    ]
    problems += [
        _("The ZIP archive contains the file “${name}”, which the message does not name.", mapping={"name": name})
        for name in by_name
        if name not in expected
    ]
    _raise(problems)
    for name, version in expected.items():
        digest, size = _hash(archive, by_name[name])
        if version.sha256 and version.sha256 != digest:
            problems.append(_("The SHA-256 checksum of “${name}” does not match the message.", mapping={"name": name}))
        elif version.size and version.size != size:
            problems.append(
                _(
                    "The size of “${name}” (${actual} bytes) does not match the message (${expected} bytes).",
                    mapping={"name": name, "actual": size, "expected": version.size},
                )
            )
        version.sha256, version.size = digest, size
        version.open = functools.partial(archive.open, by_name[name])
    _raise(problems)


def _hash(archive, info):
    digest, size = hashlib.sha256(), 0
    try:
        with archive.open(info) as entry:
            while chunk := entry.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise _damaged(info.filename) from None
    return digest.hexdigest(), size


def _raise(problems):
    if problems:
        raise MessageRefused(problems[0], problems=[translate(problem) for problem in problems])
