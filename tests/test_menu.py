"""The menu is for finding one's way: each page and its sections (h2), not every sub-heading.

With Material's toc.integrate the menu holds the open page's table of contents; toc_depth 2 in
mkdocs.yml keeps a medicine's name or a criterion's sub-heading out of it.
"""

from __future__ import annotations

import re

import pytest
from helpers import LANGUAGES

PAGE_NAMES = ["", "schedule/", "eligibility/", "sites/", "facts/", "taking-part/"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_the_menu_lists_sections_but_no_sub_headings(site, language, page):
    path = site / ("" if language == "en" else language) / page / "index.html"
    html = path.read_text(encoding="utf-8")
    menu = html[html.index('<nav class="md-nav md-nav--primary'):html.index("</nav>", html.rindex('class="md-nav md-nav--secondary'))]
    article = html[html.index("<article"):]
    sections = re.findall(r'<h2 id="([^"]+)"', article)
    sub_headings = re.findall(r'<h[3-6] id="([^"]+)"', article)
    # Sections written as Markdown headings are in the menu (a generated block's own h2, such as
    # the self-check's, is not: it is not part of the page's outline).
    assert sum(f'href="#{anchor}"' in menu for anchor in sections) >= 1
    assert [anchor for anchor in sub_headings if f'href="#{anchor}"' in menu] == []
