"""compat.faster_page_images: documentviewer's page images from one
rendering per page instead of one GraphicsMagick render per page and size."""

from unittest import mock

import pytest
from collective.documentviewer.convert import GraphicsMagickSubProcess
from collective.documentviewer.convert import gm
from PIL import Image

from mittelangeln.policy.compat import REPLACED
from mittelangeln.policy.dokumente.scanimport.generator import scanned_pdf


# Converts documents with tesseract: left out by `make test-quick`.
pytestmark = pytest.mark.ocr

SIZES = (("large", 1000), ("normal", 700), ("small", 180))


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    path = tmp_path_factory.mktemp("scan") / "dump.pdf"
    path.write_bytes(scanned_pdf([["Seite eins"], ["Seite zwei"], ["Seite drei"]], dpi=150))
    return path


def dump(function, scan, output_dir):
    with mock.patch.object(GraphicsMagickSubProcess, "_run_command", autospec=True) as run_command:
        run_command.side_effect = lambda self, cmd: REAL_RUN_COMMAND(self, cmd)
        function(gm, str(scan), str(output_dir), SIZES, "gif")
    return [call.args[1] for call in run_command.call_args_list]


REAL_RUN_COMMAND = GraphicsMagickSubProcess._run_command


def images(output_dir):
    found = {}
    for name, _ in SIZES:
        for path in sorted((output_dir / name).iterdir()):
            with Image.open(path) as image:
                found[f"{name}/{path.name}"] = (image.format, image.width)
    return found


def test_no_graphicsmagick_render_per_page_and_size(scan, tmp_path):
    commands = dump(GraphicsMagickSubProcess.dump_images, scan, tmp_path)
    assert commands == []


def test_same_files_as_upstream(scan, tmp_path):
    ours, upstream = tmp_path / "ours", tmp_path / "upstream"
    ours.mkdir(), upstream.mkdir()
    dump(GraphicsMagickSubProcess.dump_images, scan, ours)
    upstream_commands = dump(REPLACED["GraphicsMagickSubProcess.dump_images"], scan, upstream)
    assert len(upstream_commands) == 9  # 3 pages x 3 sizes: why the fix exists
    assert images(ours) == images(upstream)
    assert images(ours)["large/dump_3.gif"] == ("GIF", 1000)
    assert images(ours)["small/dump_1.gif"] == ("GIF", 180)
