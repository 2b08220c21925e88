"""Bad and hostile input at library level: each case is refused with its
German message, and nothing is returned."""

import pytest

from mittelangeln.policy.aussonderung.xdomea.errors import MessageRefused

from .hostile import CASES


def test_corpus_is_large_and_distinct():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 38


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_refused_with_german_message(case):
    result = None
    with pytest.raises(MessageRefused) as refused:
        result = case.run()
    assert result is None
    text = str(refused.value)
    if case.message.endswith("…") or case.message.endswith("("):
        assert text.startswith(case.message.rstrip("…")), text
    else:
        assert text == case.message
    assert all(isinstance(problem, str) for problem in refused.value.problems)
