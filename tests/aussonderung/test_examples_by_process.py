"""The archive's example messages (tests/aussonderung/xdomea/examples/,
copied unmodified from the shared xdomea 4.0.0 examples) read by the
process: the hand-made 0503 is imported, offered in a process that carries
the example's process id and message ids (as if the example 0501 and 0503
had been ours), then the example 0502 appraises it and the example 0506
confirms its hand-over, which removes it."""

import io

from plone import api

from mittelangeln.policy.aussonderung import process
from mittelangeln.policy.aussonderung.identifiers import find
from mittelangeln.policy.aussonderung.importer import import_handover
from tests.aussonderung.conftest import BAUEN
from tests.aussonderung.conftest import EXAMPLES


PROCESS_ID = "c217578e-3817-41b3-906b-0d373199bb92"
AKTE = "f83bed6e-018c-4aac-b254-8c116ba79414"
# nachrichtenUUID of the example 0501 and 0503 (the 0502 and 0506 answer them)
OFFER_UUID = "e21a9d03-c805-4e95-9e49-83db9715d849"
HANDOVER_UUID = "3addc1e3-d17d-4aa7-ac65-bb8e94a2b30d"


def example(code, extension="xml"):
    return (EXAMPLES / f"{PROCESS_ID}_{code}_1.{extension}").read_bytes()


def as_example(proc, code, message_uuid):
    """Our process with the example's ids: the example's answers name them."""
    proc.process_id = PROCESS_ID
    for message in proc.messages:
        if message["code"] == code and message["direction"] == "out":
            message["uuid"] = message_uuid


def test_example_0502_and_0506_are_read_by_the_process(portal, manager, plan):
    # 10 years in "6 Bau": the example Akte (closed 30.06.2015) has run out.
    result = import_handover(plan["bau"], io.BytesIO(example("0503", "zip")), default_fachdienst=BAUEN)
    akte = result.akten[0]
    assert find(AKTE) == akte
    assert api.content.get_state(akte) == "closed"

    proc = process.start([akte])
    as_example(proc, "0501", OFFER_UUID)
    report = process.take_appraisal(proc, "example_0502.xml", example("0502"))
    assert report.archive == 1 and report.left_out == [] and report.not_offered == []
    assert proc.objects[AKTE]["decision"] == "A"

    process.build_handover(proc)
    as_example(proc, "0503", HANDOVER_UUID)
    assert find(AKTE) is not None  # nothing removed before the 0506
    confirmation = process.take_confirmation(proc, "example_0506.xml", example("0506"))
    assert confirmation.success
    assert confirmation.objects[AKTE][0] is True
    assert find(AKTE) is None
    assert api.content.get_state(proc) == "abgeschlossen"
    protocol = portal["aussonderungen"][proc.protocols[0]]
    assert [entry["process_id"] for entry in protocol.entries if entry["what"] == "Akte"] == [PROCESS_ID]
