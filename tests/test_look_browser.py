"""The look in a real Chromium: status told by colour, shape and word with green for "recruiting"
only, the trial's colours from mkdocs.yml on the page, no table-of-contents rail and no "Next"
bar, the site's name never cut off on a phone, and large text."""

from __future__ import annotations

import colorsys
import re

import pytest
from helpers import LANGUAGES, SEED
from static_server import StaticServer
from trialsite.catalogue import load_messages

pytestmark = pytest.mark.build

STATUSES = [
    "recruiting",
    "not_yet_recruiting",
    "enrolling_by_invitation",
    "active_not_recruiting",
    "suspended",
    "completed",
    "terminated",
    "withdrawn",
]
PREFIX = {language: "" if language == "en" else f"{language}/" for language in LANGUAGES}


def every_status_trial() -> str:
    """The seed trial with one country per status and every status (and none) among the sites."""
    text = SEED.read_text(encoding="utf-8")
    start, end = text.index("\nrecruitment:\n"), text.index("\n# Study sites.")
    countries = ["DK", "EE", "FI", '"NO"', "SE", "DE", "FR", "NL"]
    recruitment = "\nrecruitment:\n" + "".join(
        f"  - country: {country}\n    status: {status}\n    start: 2026-05-20\n    checked: 2026-11-25\n"
        for country, status in zip(countries, STATUSES, strict=True)
    )
    text = text[:start] + recruitment + text[end:]
    # The seed's sites give no status: give them one each, in turn; the last keeps none.
    sites_start = text.index("\nsites:\n")
    head, sites = text[:sites_start], text[sites_start:]
    parts = re.split(r"(\n    country: [^\n]+\n)", sites)
    count = (len(parts) - 1) // 2
    assert count >= len(STATUSES) - 1, "the seed trial has too few sites for this test"
    for index in range(count - 1):
        parts[2 * index + 1] += f"    status: {STATUSES[index % len(STATUSES)]}\n"
    return head + "".join(parts)


@pytest.fixture(scope="module")
def every_status_server(built_sites):
    with StaticServer(built_sites(every_status_trial())) as running:
        yield running


# Every element that shows a status, its colours and its marker's (the ::before).
_STATUS_COLOURS = """() => {
  const found = [];
  for (const element of document.querySelectorAll('[class*="trial-status--"]')) {
    const code = /trial-status--([a-z_]+)/.exec(element.className)[1];
    const shown = element.querySelector('.trial-status__label') || element;
    const style = getComputedStyle(shown), marker = getComputedStyle(shown, '::before');
    found.push({code, where: element.tagName + '.' + element.className, word: shown.innerText.trim(),
      colours: [style.color, style.backgroundColor, style.borderLeftColor, style.borderTopColor,
                marker.color, marker.backgroundColor],
      marker: {content: marker.content, shape: marker.clipPath, image: marker.backgroundImage,
               width: parseFloat(marker.width)}});
  }
  return found;
}"""


def rgb(text: str) -> tuple[float, float, float, float]:
    numbers = [float(number) for number in re.findall(r"[\d.]+", text)]
    red, green, blue = numbers[:3]
    alpha = numbers[3] if len(numbers) > 3 else 1.0
    return red / 255, green / 255, blue / 255, alpha


def is_green(text: str) -> bool:
    """A colour a reader would call green (a dark green, or a light green tint)."""
    red, green, blue, alpha = rgb(text)
    if alpha == 0:
        return False
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    return 75 <= hue * 360 <= 165 and saturation >= 0.15 and lightness <= 0.97


@pytest.mark.parametrize(("language", "page"), [("en", ""), ("en", "sites/"), ("fi", "sites/"), ("et", "")])
def test_green_only_for_recruiting_and_never_colour_alone(visit, every_status_server, language, page):
    seen = visit(every_status_server.url + PREFIX[language] + page, viewport={"width": 1280, "height": 900})
    shown = seen.page.evaluate(_STATUS_COLOURS)
    codes = {item["code"] for item in shown}
    # The home page's status lines group countries by status; the sites page shows each country and site
    # (a site without a status of its own with its country's: never "not given").
    assert codes == set(STATUSES)
    messages = load_messages([language])[language]
    shapes: dict[str, str] = {}
    for item in shown:
        greens = [colour for colour in item["colours"] if is_green(colour)]
        if item["code"] == "recruiting":
            assert greens, f"recruiting is shown in green: {item}"
        else:
            assert greens == [], f"{item['code']} must not be green: {item}"
        # The marker: drawn (an empty box in the status's colour), in the status's shape.
        assert item["marker"]["content"] == '""' and item["marker"]["width"] >= 10, item
        shapes.setdefault(item["code"], item["marker"]["shape"] + item["marker"]["image"])
        assert shapes[item["code"]] == item["marker"]["shape"] + item["marker"]["image"], "one shape per status"
        # The word: the status's label from the catalogue, or a sentence about it on the home page.
        label = messages.text(f"status.{item['code']}")
        assert item["word"], item
        if item["where"].startswith(("TR", "DD")):
            assert item["word"] == label
    # Shape tells "recruiting" from every other status without colour.
    assert all(shape != shapes["recruiting"] for code, shape in shapes.items() if code != "recruiting")


def test_status_colours_hold_in_print(visit, every_status_server):
    page = visit(every_status_server.url + "sites/").page
    page.emulate_media(media="print")
    adjust = page.evaluate("""() => Array.from(document.querySelectorAll('.trial-status__label'))
      .map(e => [getComputedStyle(e).printColorAdjust, getComputedStyle(e, '::before').printColorAdjust])""")
    assert adjust and all(pair == ["exact", "exact"] for pair in adjust)


@pytest.mark.parametrize("language", LANGUAGES)
def test_site_name_is_whole_on_a_phone(visit, server, language):
    page = visit(server.url + PREFIX[language], viewport={"width": 390, "height": 844}).page
    name = page.locator(".md-header .trial-brand__name:visible")
    assert name.count() == 1
    state = name.evaluate("""e => { const s = getComputedStyle(e), box = e.getBoundingClientRect();
      return {scroll: e.scrollWidth, client: e.clientWidth, overflow: s.textOverflow, whiteSpace: s.whiteSpace,
              left: box.left, right: box.right, height: box.height, lineHeight: parseFloat(s.lineHeight),
              text: e.innerText, title: document.title}; }""")
    assert state["scroll"] <= state["client"]
    assert state["overflow"] != "ellipsis" and state["whiteSpace"] not in ("nowrap", "pre")
    assert state["left"] >= 0 and state["right"] <= 390
    assert "…" not in state["text"] and state["text"].strip()
    # The whole name is shown: the page's <title> ends with it (or is it, on the home page).
    assert state["title"].endswith(state["text"].strip())
    # Every word of the name is on the screen: nothing is clipped by the header either.
    assert page.evaluate("""() => { const header = document.querySelector('.md-header');
      return header.scrollWidth <= header.clientWidth && header.scrollHeight <= header.clientHeight + 1; }""")
    assert_body_text_is_large(page)  # on a phone (the same load); at 1280 px below


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (1920, 1080), (390, 844)])
def test_no_contents_rail_and_no_next_bar(visit, server, width, height):
    page = visit(server.url + "fi/sites/", viewport={"width": width, "height": height}).page
    assert page.locator(".md-sidebar--secondary").count() == 0
    assert page.locator(".md-footer__link, .md-footer__inner").count() == 0
    footer = page.evaluate("""() => { const f = document.querySelector('footer');
      return {background: getComputedStyle(f).backgroundColor, height: f.getBoundingClientRect().height,
              links: Array.from(f.querySelectorAll('a')).map(a => a.getAttribute('href'))}; }""")
    red, green, blue, _ = rgb(footer["background"])
    assert min(red, green, blue) > 0.8, "the footer is light"
    assert footer["links"] == ["../contact/", "../accessibility/", "../privacy/"]
    if width >= 1220:
        # The page's sections are listed under its name in the menu ("on this page"), not in a rail.
        assert page.locator(".md-sidebar--primary .md-nav__item--active .md-nav--secondary a").first.is_visible()
        rail = page.evaluate("""() => Array.from(document.querySelectorAll('.md-sidebar'))
          .filter(e => e.getBoundingClientRect().left
            > document.querySelector('.md-content').getBoundingClientRect().right)
          .length""")
        assert rail == 0


@pytest.mark.parametrize("language", ["en", "fi"])
def test_body_text_is_large_on_a_wide_screen(visit, server, language):
    assert_body_text_is_large(visit(server.url + PREFIX[language], viewport={"width": 1280, "height": 900}).page)


def assert_body_text_is_large(page) -> None:
    sizes = page.evaluate("""() =>
      Array.from(document.querySelectorAll('article p, article li, article td, article dd'))
      .filter(e => e.offsetParent && !e.closest('.trial-help, .trial-checked, .trial-more-terms, .trial-term__tip'))
      .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes and min(sizes) >= 19


def test_colours_from_the_configuration_reach_the_page(visit, branded_site):
    with StaticServer(branded_site) as running:
        page = visit(running.url + "eligibility/", viewport={"width": 1280, "height": 900}).page
        state = page.evaluate("""() => ({
          header: getComputedStyle(document.querySelector('.md-header')).borderBottomColor,
          link: getComputedStyle(
            document.querySelector('.md-sidebar--primary a.md-nav__link:not(.md-nav__link--active)')).color,
          current: getComputedStyle(document.querySelector('.md-nav__item--active > a.md-nav__link')).backgroundColor,
          logo: document.querySelector('.trial-brand--link img').naturalWidth,
          src: document.querySelector('.trial-brand--link img').src})""")
    assert state["header"] == "rgb(107, 44, 145)" and state["link"] == "rgb(107, 44, 145)"
    assert state["current"] == "rgb(243, 234, 248)"
    assert state["logo"] > 0 and state["src"].endswith("/assets/our-mark.svg")
