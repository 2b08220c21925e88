import pytest

from tests.search.content import build


@pytest.fixture
def search_content(functional_portal):
    return build(functional_portal)
