"""The 0503 container is streamed: memory does not grow with file sizes, and
the hashes in the message are those of the packed files."""

import hashlib
import io
import tracemalloc
import zipfile

from mittelangeln.policy.aussonderung.xdomea import model
from mittelangeln.policy.aussonderung.xdomea import package

from . import samples


FIFTY_MB = 50 * 1024 * 1024


class GeneratedFile(io.RawIOBase):
    """``size`` bytes of varied content, made while read (never all in memory)."""

    def __init__(self, size):
        self.left = size
        self.counter = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.left, 64 * 1024)
        block = hashlib.sha512(self.counter.to_bytes(8, "big")).digest() * (n // 64 + 1)
        buffer[:n] = block[:n]
        self.counter += 1
        self.left -= n
        return n


def expected_sha256(size):
    digest, stream = hashlib.sha256(), GeneratedFile(size)
    while chunk := stream.read(1024 * 1024):
        digest.update(chunk)
    return digest.hexdigest()


def big_akte():
    akte = samples.akte_plain()
    version = model.Version(
        number=1,
        file_uuid=samples.uid(0xFEED),
        filename="Scan.tif",
        extension="tif",
        mime_type="image/tiff",
        format_code="023",
        open=lambda: io.BufferedReader(GeneratedFile(FIFTY_MB)),
    )
    akte.documents = [samples.document(1, "Großer Scan", [version])]
    return akte


class CountingSink(io.RawIOBase):
    """A writable, unseekable target that keeps only a hash of what it got."""

    def __init__(self):
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self):
        return True

    def write(self, data):
        self.digest.update(data)
        self.size += len(data)
        return len(data)


def test_handover_name():
    assert package.handover_name(samples.PROCESS_ID) == f"{samples.PROCESS_ID}_0503_1.zip"
    assert package.handover_name(samples.PROCESS_ID, 2) == f"{samples.PROCESS_ID}_0503_2.zip"


def test_packing_50_mb_keeps_memory_flat(tmp_path):
    akte = big_akte()
    target = tmp_path / package.handover_name(samples.PROCESS_ID)
    tracemalloc.start()
    try:
        with target.open("wb") as out:
            package.write_handover(out, samples.header("0503"), [akte])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * 1024 * 1024, f"peak {peak} bytes"
    version = akte.documents[0].versions[0]
    assert version.size == FIFTY_MB
    assert version.sha256 == expected_sha256(FIFTY_MB)
    assert target.stat().st_size > FIFTY_MB  # stored, not deflated
    with target.open("rb") as fileobj:
        _, akten = package.read_handover_zip(fileobj)
        read_version = akten[0].documents[0].versions[0]
        assert (read_version.sha256, read_version.size) == (version.sha256, FIFTY_MB)


def test_packing_into_an_unseekable_stream():
    sink = CountingSink()
    akten = samples.akten()
    package.write_handover(sink, samples.header("0503"), akten)
    assert sink.size > 0
    assert all(len(version.sha256) == 64 for version in package.versions_of(akten))


def test_container_layout_and_hashes():
    header = samples.header("0503")
    akten = samples.akten()
    out = io.BytesIO()
    package.write_handover(out, header, akten)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        names = archive.namelist()
        assert names[-1] == f"{samples.PROCESS_ID}_0503_1.xml"  # the message comes last
        versions = list(package.versions_of(akten))
        assert names[:-1] == [version.primary_name for version in versions]
        for version in versions:
            data = archive.read(version.primary_name)
            assert hashlib.sha256(data).hexdigest() == version.sha256
            assert len(data) == version.size
            info = archive.getinfo(version.primary_name)
            expected = zipfile.ZIP_STORED if version.extension in ("pdf", "png", "odt") else zipfile.ZIP_DEFLATED
            assert info.compress_type == expected
        assert archive.getinfo(names[-1]).compress_type == zipfile.ZIP_DEFLATED
        assert archive.testzip() is None
