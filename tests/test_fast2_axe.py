"""run_axe finds violations whichever way axe-core reached the page: added as the check runs, or
defined as the document starts (``visit(url, axe=True)``, which every page's check uses), and the
latter changes nothing the page does."""

from __future__ import annotations

import pytest
from conftest import run_axe

# A button without a name and an image without a text alternative (axe: button-name, image-alt).
_BREAK = """() => {
  const article = document.querySelector('article');
  article.insertAdjacentHTML('beforeend', '<button type="button"></button><img src="data:,">');
}"""


@pytest.mark.parametrize("axe", [True, False], ids=["defined-at-start", "added-later"])
def test_run_axe_finds_what_is_broken_and_nothing_else(visit, server, axe):
    seen = visit(server.url + "eligibility/", axe=axe)
    assert seen.page.evaluate("typeof axe") == ("object" if axe else "undefined")
    assert run_axe(seen.page) == []
    seen.page.evaluate(_BREAK)
    found = {violation["id"] for violation in run_axe(seen.page)}
    assert {"button-name", "image-alt"} <= found, found
    # axe-core defined at the start adds no request, error or storage of its own.
    own = server.url.rstrip("/")
    assert [url for url in seen.requests if not url.startswith(own)] == []
    assert seen.errors == [] and seen.failed == []
    assert seen.page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
