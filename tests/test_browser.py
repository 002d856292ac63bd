"""Every page in every language, in a real Chromium: accessibility (axe), privacy, layout on a
phone and at 200% text, keyboard use, language links, print, and the HTML checker.

The browser may reach only 127.0.0.1 (every other host name resolves to nothing), so a
request to a third party fails the test instead of loading.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import run_axe
from helpers import BUNDLED, FIXTURES, LANGUAGES, PAGES
from trialsite.catalogue import load_messages
from trialsite.locale_data import language_name
from trialsite.validation import load_trial

pytestmark = pytest.mark.build


# What this file checks holds for every trial, so it checks the one this site publishes
# (data/trial.yaml, whatever an editor put there), not a test input.
@pytest.fixture(scope="module")
def site(bundled_site):
    return bundled_site


@pytest.fixture(scope="module")
def server(bundled_server):
    return bundled_server


URLS = [("" if language == "en" else f"{language}/") + page for language in LANGUAGES for page in PAGES]


# Visible elements that stick out of the viewport (what a reader would have to scroll to, or
# what overflow:hidden would cut off).
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll('body *'))
    .filter(element => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.right > width + 1 &&
        element.checkVisibility({opacityProperty: true, visibilityProperty: true});
    })
    .map(element => element.tagName + '.' + element.className);
}"""


_FOCUSABLE = """() => Array.from(document.querySelectorAll(
    'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), [tabindex]:not([tabindex="-1"])'))
  .filter(element => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden')
  // Tab enters a group of radio buttons once (arrow keys move within it): count the group's first.
  .filter(element => element.type !== 'radio' ||
    element === document.querySelector(`input[type=radio][name="${element.name}"]`))
  .map((element, index) => { element.dataset.focusId = String(index); return String(index); })"""

_FOCUS_STATE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {id: element.dataset.focusId || null, className: element.className,
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
          opacity: parseFloat(style.opacity)};
}"""


@pytest.fixture(scope="module")
def trial():
    return load_trial(BUNDLED, LANGUAGES)


@pytest.mark.parametrize("path", URLS)
def test_every_page(visit, server, trial, path):
    """One load of each page: layout on a phone and at 200% text, then (at 1280 px) privacy, the
    head, accessibility and the keyboard. Each part is a function below; the page is loaded once."""
    seen = visit(server.url + path, viewport={"width": 360, "height": 640})
    assert seen.response.status == 200
    fits_a_phone_and_200_percent_text(seen.page)
    private_and_error_free(seen, server)
    seen.page.set_viewport_size({"width": 1280, "height": 800})
    head_has_alternates_sharing_tags_and_structured_data(seen.page, path, trial)
    accessible(seen.page, path)
    keyboard_reaches_every_control_with_visible_focus(seen.page)


def fits_a_phone_and_200_percent_text(page):
    # 360×640 is a phone; 640 CSS pixels is a 1280-pixel window at 200% zoom.
    for width, height in ((360, 640), (640, 360)):
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), width
        assert page.evaluate(_OVERFLOW) == [], width


def private_and_error_free(seen, server):
    own = server.url.rstrip("/")
    assert [url for url in seen.requests if not url.startswith(own)] == []
    assert seen.failed == []
    assert seen.errors == []
    assert seen.context.cookies() == []
    assert seen.page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]


def accessible(page, path):
    language = path.split("/")[0] if path.split("/")[0] in LANGUAGES else "en"
    assert page.evaluate("document.documentElement.lang") == language
    assert run_axe(page) == []


def keyboard_reaches_every_control_with_visible_focus(page):
    candidates = set(page.evaluate(_FOCUSABLE))
    reached: set[str] = set()
    page.keyboard.press("Tab")
    # The skip link fades in: the first Tab must show it.
    page.wait_for_function("getComputedStyle(document.activeElement).opacity > 0", timeout=2000)
    first = page.evaluate(_FOCUS_STATE)
    assert "md-skip" in first["className"] and first["opacity"] > 0, "the first Tab must show the skip link"
    for _ in range(len(candidates) + 5):
        state = page.evaluate(_FOCUS_STATE)
        if state["id"] is not None:
            reached.add(state["id"])
            assert state["outline"], f"no visible focus on {state}"
        page.keyboard.press("Tab")
    assert candidates - reached == set()


def test_skip_link_moves_to_the_content(visit, server):
    page = visit(server.url + "fi/sites/").page
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") != ""


def test_menu_button_works_by_keyboard_on_a_phone(visit, server):
    page = visit(server.url + "fi/eligibility/", viewport={"width": 360, "height": 640}).page
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('trial-menu-button')"):
            break
    else:
        pytest.fail("the menu button was not reached with Tab")
    button = page.get_by_role("button", name="Valikko")  # Finnish for "Menu", from messages/fi.yaml
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.classList.contains('trial-menu-button')")


def test_menu_button_only_where_the_menu_is_hidden(visit, server):
    page = visit(server.url + "no/", viewport={"width": 1280, "height": 800}).page
    assert not page.locator(".trial-menu-button").is_visible()
    assert page.locator(".md-sidebar--primary a.md-nav__link").first.is_visible()


def test_language_selector_leads_to_the_same_page(visit, server):
    page = visit(server.url + "fi/sites/").page
    page.locator(".trial-languages__button").click()
    page.get_by_role("link", name="Dansk").focus()
    assert page.get_by_role("link", name="Dansk").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/da/sites/")
    assert page.evaluate("document.documentElement.lang") == "da"


# What the keyboard's focus is on, in the terms of the header's order.
_FOCUSED = """() => {
  const element = document.activeElement;
  if (element.classList.contains('md-skip')) return 'skip link';
  if (element.classList.contains('trial-menu-button') || element.closest('.md-sidebar--primary')) return 'menu';
  if (element.classList.contains('trial-languages__button')) return 'language button';
  if (element.closest('.md-select__list')) return 'language link';
  if (element.classList.contains('md-logo')) return 'logo';
  return element.closest('article, footer') ? 'page' : element.tagName + '.' + element.className;
}"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("width", "height"), [(360, 640), (1280, 800)], ids=["phone", "desktop"])
def test_tab_reaches_the_skip_link_and_the_menu_before_any_language_link(visit, server, language, width, height):
    page = visit(
        server.url + ("" if language == "en" else f"{language}/") + "eligibility/",
        viewport={"width": width, "height": height},
    ).page
    reached = []
    while "menu" not in reached and "page" not in reached and len(reached) < 12:
        page.keyboard.press("Tab")
        reached.append(page.evaluate(_FOCUSED))
    # On a phone the menu is the menu button; on a wide screen, the menu's first link (the logo,
    # shown only there, and the language button come before it). No language link before.
    expected = ["skip link", "menu"] if width < 1220 else ["skip link", "logo", "language button", "menu"]
    assert reached == expected
    if width < 1220:
        page.keyboard.press("Tab")
        assert page.evaluate(_FOCUSED) == "language button"
    # On a phone, the closed menu's links are no tab stops either: next is the page itself.
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUSED) == ("page" if width < 1220 else "menu")


def test_language_button_names_the_language_and_opens_the_list(visit, server):
    page = visit(server.url + "no/eligibility/", viewport={"width": 360, "height": 640}).page
    # Its accessible name ("Språk: Norsk"): messages/no.yaml's words and CLDR's name of Norwegian.
    name = load_messages(["no"])["no"].text("language_menu.button", language=language_name("no"))
    button = page.get_by_role("button", name=name, exact=True)
    assert button.get_attribute("aria-expanded") == "false"
    shown = button.locator(".trial-languages__current")  # seen: the name; the rest is for screen readers
    assert shown.inner_text() == language_name("no") and shown.bounding_box()["width"] > 20
    links = page.locator(".md-select__link")
    assert links.count() == len(LANGUAGES) and not links.first.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUSED) == "language link" and links.first.is_visible()
    assert page.evaluate("document.activeElement.lang") == "en"
    assert page.locator('.md-select__link[aria-current="page"]').get_attribute("hreflang") == "no"
    assert run_axe(page) == []
    page.keyboard.press("Escape")  # closes and gives the focus back to the button
    assert button.get_attribute("aria-expanded") == "false" and not links.first.is_visible()
    assert page.evaluate(_FOCUSED) == "language button"
    button.click()
    assert links.first.is_visible()
    page.locator("h1").click()  # a click elsewhere closes it
    assert not links.first.is_visible()
    # Focus leaving the list closes it as well.
    button.click()
    for _ in range(len(LANGUAGES) + 1):
        page.keyboard.press("Tab")
    assert page.evaluate(_FOCUSED) != "language link" and not links.first.is_visible()


def test_without_script_the_language_links_open_on_focus(visit, server):
    page = visit(server.url + "da/", java_script_enabled=False).page
    page.get_by_role("link", name="Suomi").focus()
    assert page.get_by_role("link", name="Suomi").is_visible()


def head_has_alternates_sharing_tags_and_structured_data(page, path, trial):
    alternates = page.evaluate(
        "Array.from(document.querySelectorAll('link[rel=alternate][hreflang]'))"
        ".map(l => [l.hreflang, l.getAttribute('href')])"
    )
    assert sorted(lang for lang, _ in alternates) == sorted(LANGUAGES + ["x-default"])
    assert all(href.startswith("http") for _, href in alternates)
    page_part = path.split("/", 1)[1] if path.split("/")[0] in LANGUAGES else path
    assert dict(alternates)["x-default"].endswith("/" + page_part) or dict(alternates)["x-default"].endswith("/")
    assert page.evaluate("document.querySelector('link[rel=canonical]').href").startswith("http")
    for name in ("og:title", "og:description", "og:locale", "og:url"):
        assert page.evaluate(f"document.querySelector('meta[property=\"{name}\"]')?.content || ''"), name
    data = json.loads(page.evaluate("document.querySelector('script[type=\"application/ld+json\"]').textContent"))
    # The structured data says what this site's data file says (whatever trial it holds).
    assert data["@type"] == "MedicalTrial"
    numbers = [number for number in (trial.identifiers.eu_ct_number, trial.identifiers.nct_number) if number]
    assert [entry["value"] for entry in data["identifier"]][: len(numbers)] == numbers
    statuses = {entry.status.value.replace("_", "") for entry in trial.recruitment}
    assert data["status"].removeprefix("https://schema.org/").lower() in statuses
    assert data["phase"].replace("Phase ", "").replace("/", "_") == trial.phase.value.replace("phase", "")
    assert len(data["studySubject"]) == len(trial.drugs) and data["healthCondition"]["name"]


def test_robots_and_sitemap(site):
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for path in URLS:
        assert f"<loc>http://127.0.0.1:8000/{path}</loc>" in sitemap
    assert sitemap.count('hreflang="fi"') >= len(PAGES)


def test_404_offers_the_way_home_in_every_language(visit, server):
    seen = visit(server.url + "no/such/page/")
    assert seen.response.status == 404
    homes = seen.page.evaluate(
        "Array.from(document.querySelectorAll('.trial-not-found'))"
        ".map(s => [s.lang, s.querySelector('a').getAttribute('href')])"
    )
    assert dict(homes) == {"en": "/", "no": "/no/", "da": "/da/", "et": "/et/", "fi": "/fi/"}
    assert run_axe(seen.page) == []


def pdf_title(pdf: bytes) -> str:
    """The /Title of a PDF's information, as Chromium writes it (a literal string, or UTF-16 in hex)."""
    found = re.search(rb"/Title\s*(?:\((.*?)(?<!\\)\)|<([0-9A-Fa-f]+)>)", pdf, re.S)
    assert found, "the PDF has no title"
    if found.group(2):
        return bytes.fromhex(found.group(2).decode()).decode("utf-16")
    raw = re.sub(rb"\\(.)", rb"\1", found.group(1))
    return raw.decode("utf-16") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")


@pytest.mark.parametrize("path", ["eligibility/", "fi/sites/", "et/eligibility/", "sites/"])
def test_prints_cleanly_on_a4(visit, server, path):
    page = visit(server.url + path).page
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "['.md-header', '.md-sidebar--primary', '.md-footer']"
        ".map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none", "none", "none"]
    pdf = page.pdf(format="A4")
    # Every sheet is A4 (595 × 842 points) and the document is the page (its title, from the data).
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and len(boxes) == len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert all(abs(float(width) - 595.3) < 2 and abs(float(height) - 841.9) < 2 for width, height in boxes), boxes
    assert pdf_title(pdf) == page.title() != ""


def test_printed_links_show_their_address(visit, server):
    page = visit(server.url + "facts/").page
    page.emulate_media(media="print")
    # The first registry link, whichever registry the trial has (an EU CT or an NCT number).
    href, after = page.evaluate("""() => {
      const link = document.querySelector('.trial-facts a[href^="https"]');
      return [link.getAttribute('href'), getComputedStyle(link, '::after').content];
    }""")
    assert href.startswith("https://") and href in after, (href, after)


def test_html_is_valid_everywhere(site, built_sites, nu_checker):
    # One Java start for every page of both builds: this site's and the sites page's own small trial
    # (tests/fixtures/sites_page.yaml: contacts, sites without a status, a country with no site).
    sites_page = built_sites(FIXTURES / "sites_page.yaml")
    command = [*nu_checker, "--errors-only", "--format", "json", "--skip-non-html", str(site), str(sites_page)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stdout or result.stderr)["messages"]
    for built in (site, sites_page):
        assert len(list(built.rglob("*.html"))) >= len(URLS) + 1
    assert [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages] == []
    assert result.returncode == 0
