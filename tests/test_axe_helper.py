"""run_axe, which every page's accessibility check relies on, finds violations: a page it passes
fails once a nameless button and an image without a text alternative are added."""

from __future__ import annotations

from conftest import run_axe

_BREAK = """() => {
  const article = document.querySelector('article');
  article.insertAdjacentHTML('beforeend', '<button type="button"></button><img src="data:,">');
}"""


def test_run_axe_finds_what_is_broken(visit, server):
    page = visit(server.url + "eligibility/").page
    assert run_axe(page) == []
    page.evaluate(_BREAK)
    found = {violation["id"] for violation in run_axe(page)}
    assert {"button-name", "image-alt"} <= found, found
