"""The sites page in Chromium: cards on a phone, a table on a wide screen, no accessibility rule broken,
and a map whose numbered marks are reached by Tab and by a tap.

Builds its own small trial (tests/fixtures/sites_page.yaml): a site with a contact, sites without a
status or a contact, two sites in one city, a country with no site.
"""

from __future__ import annotations

import pytest
from conftest import run_axe
from helpers import FIXTURES, LANGUAGES, cached_catalogues

pytestmark = pytest.mark.build

PREFIX = {language: "" if language == "en" else f"{language}/" for language in LANGUAGES}


@pytest.fixture(scope="module")
def sites_build(built_sites):
    return built_sites(FIXTURES / "sites_page.yaml")


@pytest.fixture(scope="module")
def sites_server(served, sites_build):
    return served(sites_build)


_LAYOUT = """() => Array.from(document.querySelectorAll('.trial-sites')).map(table => ({
  header: table.querySelector('thead').getBoundingClientRect().height,
  rows: Array.from(table.querySelectorAll('tbody tr')).map(row => ({
    display: getComputedStyle(row).display,
    width: row.getBoundingClientRect().width,
    labels: Array.from(row.querySelectorAll('td')).map(cell => getComputedStyle(cell, '::before').content),
  })),
}))"""


@pytest.mark.parametrize("language", ["en", "no"])
def test_phone_shows_a_card_per_site_and_a_map_of_half_a_screen_at_most(visit, sites_server, language):
    page = visit(sites_server.url + PREFIX[language] + "sites/", viewport={"width": 390, "height": 844}).page
    layout = page.evaluate(_LAYOUT)
    assert layout and all(
        table["header"] <= 1 for table in layout
    )  # the column headers are there for screen readers only
    messages = cached_catalogues()[language]
    for table in layout:
        for row in table["rows"]:
            assert row["display"] == "block" and row["width"] > 300  # a card across the screen
            # Each value shows its column's name (silent for screen readers: the cell's header says it).
            assert [label.split("/")[0].strip() for label in row["labels"]] == [
                f'"{messages.text(key)}: "' for key in ("sites.city", "sites.status", "sites_page.contact")
            ]
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    map_box = page.locator(".trial-map__svg").bounding_box()
    assert map_box["height"] <= 844 / 2


@pytest.mark.parametrize("language", ["en", "fi"])
def test_wide_screen_shows_one_table_per_country(visit, sites_server, language):
    page = visit(sites_server.url + PREFIX[language] + "sites/", viewport={"width": 1280, "height": 900}).page
    layout = page.evaluate(_LAYOUT)
    assert len(layout) == 2
    for table in layout:
        assert table["header"] > 20
        assert {row["display"] for row in table["rows"]} == {"table-row"}
        assert {label for row in table["rows"] for label in row["labels"]} == {"none"}
    # The columns line up from one country's table to the next.
    lefts = page.evaluate("""() => Array.from(document.querySelectorAll('.trial-sites thead tr'))
        .map(row => Array.from(row.children).map(cell => Math.round(cell.getBoundingClientRect().left)))""")
    assert len({tuple(row) for row in lefts}) == 1


@pytest.mark.parametrize("language", ["en", "et"])
@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)], ids=["phone", "wide"])
def test_sites_page_breaks_no_accessibility_rule(visit, sites_server, language, width, height):
    seen = visit(sites_server.url + PREFIX[language] + "sites/", viewport={"width": width, "height": height})
    assert run_axe(seen.page) == []
    assert seen.failed == [] and seen.errors == []


def test_map_marks_are_reached_by_tab_in_number_order_and_lead_to_their_row(visit, sites_server):
    page = visit(sites_server.url + "sites/", viewport={"width": 1280, "height": 900}).page
    marks = page.evaluate("Array.from(document.querySelectorAll('.trial-map__site')).map(a => a.getAttribute('href'))")
    assert len(marks) == 3
    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => { const a = document.activeElement, style = getComputedStyle(a);
            return {href: a.getAttribute('href'), mark: a.classList.contains('trial-map__site'),
                    name: a.getAttribute('aria-label'),
                    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0}; }""")
        if state["mark"]:
            assert state["outline"] and state["name"]
            reached.append(state["href"])
        elif reached:
            break
    assert reached == marks
    numbers = [int(href.removeprefix("#site-")) for href in reached]
    assert numbers == sorted(numbers)
    page.locator(f'.trial-map__site[href="{marks[0]}"]').focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == marks[0]
    assert page.evaluate(f"document.querySelector('{marks[0]}').matches(':target')")


def test_map_marks_answer_a_tap(visit, sites_server):
    seen = visit(sites_server.url + "sites/", viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = seen.page
    last = page.locator(".trial-map__site").last
    href = last.get_attribute("href")
    box = last.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # a target a finger can hit (WCAG 2.5.8)
    last.tap()
    assert page.evaluate("location.hash") == href


# Its HTML is checked with every other built page, in one run of the Nu HTML checker:
# test_browser.py::test_html_is_valid_everywhere.
