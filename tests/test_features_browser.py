"""Issue 5's features in a real Chromium: the self-check, glossary pop-ups, the printable
handout (one A4 page, a QR code that reads back as the address) and the language hint.

Accessibility (axe), validity and "no third-party request" of these pages are also covered
for every page by test_browser.py; here axe runs again in the states a visitor opens.
"""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from conftest import run_axe
from helpers import LANGUAGES, SEED, cached_catalogues, cached_trial
from PIL import Image
from test_selfcheck import answer_all
from trialsite.richtext import Html
from trialsite.terms import mark_terms

pytestmark = pytest.mark.build

PREFIX = {language: "" if language == "en" else f"{language}/" for language in LANGUAGES}


def questions() -> list[tuple[str, str]]:
    """(anchor, answer that fits) of each self-check question, in page order."""
    return [
        (f"{kind}-{number}", item.fits.value)
        for kind in ("inclusion", "exclusion")
        for number, item in enumerate(getattr(cached_trial(SEED).eligibility, kind), start=1)
        if item.fits is not None
    ]


def assert_private(seen, loaded: int):
    # The browser fetches the favicon (the trial's logo) on its own time; nothing else may follow the page load.
    favicon = seen.page.evaluate("document.querySelector('link[rel=icon]').href")
    later = [url for url in seen.requests[loaded:] if url != favicon]
    assert later == [], "the self-check must not make a request"
    assert seen.context.cookies() == []
    assert seen.page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]


# --- Self-check ----------------------------------------------------------------------------


# One question at a time, the status per country, the printed answers, the start on a phone and the
# keyboard: tests/test_selfcheck.py.


def answer(page, values: list[str], *, pointer: bool = False):
    """Start the self-check and answer each question in turn (an empty value leaves it unanswered).

    ``pointer``: with Playwright's pointer, a round trip per click (one language walks so); else one
    script call clicks the page's own buttons (the same click events), as test_selfcheck.py does."""
    if not pointer:
        answer_all(page, values)
        return
    page.locator('[data-action="start"]').click()
    for index, value in enumerate(values):
        if value:
            page.locator("[data-step]").nth(index).locator(f'input[value="{value}"]').check()
        page.locator('[data-action="next"]').click()
    page.locator('[data-action="result"]').click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_self_check_gives_a_result_and_keeps_nothing(visit, server, language):
    seen = visit(server.url + PREFIX[language] + "eligibility/", viewport={"width": 360, "height": 640})
    seen.page.wait_for_load_state("networkidle")  # the favicon comes after "load"
    page, loaded = seen.page, len(seen.requests)
    url = page.url
    answer(page, [fits for _, fits in questions()], pointer=language == "en")
    result = page.locator("#self-check-result")
    assert result.is_visible()
    assert page.evaluate("document.activeElement.id") == "self-check-result"  # a screen reader reads it next
    messages = cached_catalogues()[language]
    assert page.locator('[data-part="none"]').inner_text() == messages.text("selfcheck.none_against")
    assert not page.locator('[data-part="against"]').is_visible()
    assert not page.locator('[data-part="unsure"]').is_visible()
    assert messages.text("selfcheck.doctor") in result.inner_text()
    assert page.url == url
    assert_private(seen, loaded)
    assert seen.errors == []


@pytest.mark.parametrize("language", ["en", "fi"])
def test_self_check_names_the_answers_that_may_not_fit(visit, server, language):
    seen = visit(server.url + PREFIX[language] + "eligibility/")
    seen.page.wait_for_load_state("networkidle")  # the favicon comes after "load"
    page, loaded = seen.page, len(seen.requests)
    values = [""] * len(questions())
    values[0], values[1], values[-1] = "no", "not_sure", "yes"  # 18 or older: no; hepatitis C: yes (does not fit)
    answer(page, values)

    against = page.locator('[data-part="against"] li')
    assert against.count() == 2
    first_question = cached_trial(SEED).eligibility.inclusion[0].question[language]
    assert against.nth(0).inner_text().startswith(first_question)
    assert against.nth(0).locator("a").get_attribute("href") == "#inclusion-1"
    assert against.nth(1).locator("a").get_attribute("href") == f"#{questions()[-1][0]}"
    # Not sure, and not answered: listed to ask about.
    assert page.locator('[data-part="unsure"] li').count() == len(questions()) - 2  # all but the 2 that do not fit
    assert not page.locator('[data-part="none"]').is_visible()
    assert cached_catalogues()[language].text("selfcheck.doctor") in page.locator("#self-check-result").inner_text()
    assert run_axe(page) == []
    # The link leads to the criterion, which is on the page.
    against.nth(0).locator("a").click()
    assert page.locator("#inclusion-1").is_visible()
    page.locator('[data-action="restart"]').click()
    assert not page.locator("#self-check-result").is_visible()
    assert page.locator('[data-action="start"]').is_visible()
    assert page.locator("input:checked").count() == (
        1 if language == "fi" else 0
    )  # only the country of the page's language
    assert_private(seen, loaded)


# Without script (the questions and the full criteria as plain lists): tests/test_selfcheck.py.


# --- Glossary pop-ups ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "et"])
def test_term_explains_itself_on_hover_focus_and_escape(visit, server, language):
    page = visit(server.url + PREFIX[language] + "eligibility/", viewport={"width": 1280, "height": 800}).page
    term = page.locator(".trial-term").filter(has=page.locator("#tip-ecog"))
    word, tip = term.locator("button"), page.locator("#tip-ecog")
    explanation = next(entry for entry in cached_trial(SEED).glossary if entry.id == "ecog").explanation[language]
    assert not tip.is_visible()
    word.hover()
    assert tip.is_visible() and tip.inner_text() == explanation
    tip.hover()  # the pointer can move onto the explanation (WCAG 1.4.13)
    assert tip.is_visible()
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    word.focus()
    assert tip.is_visible()
    assert word.get_attribute("aria-describedby") == "tip-ecog"
    assert run_axe(page) == []
    page.keyboard.press("Escape")  # dismissable without moving focus
    assert not tip.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "tip-ecog"


@pytest.mark.parametrize("language", ["no", "fi"])
def test_term_opens_on_tap_and_fits_a_phone(visit, server, language):
    seen = visit(
        server.url + PREFIX[language] + "eligibility/",
        viewport={"width": 360, "height": 640},
        has_touch=True,
        is_mobile=True,
    )
    page = seen.page
    word = page.locator(".trial-term button").first
    tip = page.locator(".trial-term__tip").first
    word.tap()
    assert tip.is_visible() and word.get_attribute("aria-expanded") == "true"
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.locator("h1").tap()  # a tap elsewhere closes it
    assert not tip.is_visible()


# For each width of `root` from 180 to 480 px: the marked terms whose glued neighbour (the
# character right before or after the term's button, when it is not a space) is drawn on
# another line than the button. [] when every bracket and punctuation mark stays with its term.
_TERMS_SPLIT_FROM_NEIGHBOURS = r"""root => {
  const buttons = Array.from(root.querySelectorAll('.trial-term__word'));
  const texts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    if (!node.parentElement.closest('.trial-term')) texts.push(node);
  }
  const neighbours = buttons.map(button => {
    const before = texts.filter(t => t.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    const after = texts.find(t => t.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_PRECEDING);
    const ranges = [];
    if (before && before.data && !/\s/.test(before.data.slice(-1))) {
      const range = document.createRange();
      range.setStart(before, before.data.length - 1); range.setEnd(before, before.data.length);
      ranges.push(range);
    }
    if (after && after.data && !/\s/.test(after.data[0])) {
      const range = document.createRange(); range.setStart(after, 0); range.setEnd(after, 1);
      ranges.push(range);
    }
    return ranges;
  });
  const split = [];
  for (let width = 180; width <= 480; width += 2) {
    root.style.width = width + 'px';
    buttons.forEach((button, index) => {
      const box = button.getBoundingClientRect();
      for (const range of neighbours[index]) {
        const rect = range.getBoundingClientRect();
        const middle = rect.top + rect.height / 2;
        if (middle < box.top || middle > box.bottom)
          split.push(`${width}px: ${button.textContent} / ${range.toString()}`);
      }
    });
  }
  root.style.width = '';
  return split;
}"""

_BRACKETED = (
    '<p>This is relapsed or refractory multiple myeloma (<a href="glossary:rrmm">RRMM</a>), a long name. '
    'Another term in quotes: «<a href="glossary:ecog">ECOG</a>»:n, and more words after it.</p>'
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_brackets_and_punctuation_stay_on_the_line_of_their_term(visit, server, language):
    page = visit(server.url + PREFIX[language], viewport={"width": 1280, "height": 800}).page
    # The page's own marked terms, at every width from a narrow phone's up.
    assert page.locator("article .trial-term").count() > 0
    assert page.evaluate(_TERMS_SPLIT_FROM_NEIGHBOURS, page.locator("article").element_handle()) == []
    # A paragraph with brackets and punctuation on both sides of terms, in the page's styles.
    explanations = {"rrmm": Html("Explained."), "ecog": Html("Explained too.")}
    probe = page.locator("article")
    for fixed in (True, False):
        html = mark_terms(_BRACKETED, explanations)
        if not fixed:  # the same markup without the nowrap spans: the test can tell
            html = html.replace('<span class="trial-nowrap">', "<span>")
        probe.evaluate(
            "(article, html) => { article.innerHTML = '<div class=\"trial-prose\">' + html + '</div>'; }", html
        )
        split = page.evaluate(_TERMS_SPLIT_FROM_NEIGHBOURS, probe.element_handle())
        assert (split == []) if fixed else split, split


# --- Printable handout -------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_handout_prints_on_one_a4_page_with_a_qr_code_of_the_address(visit, server, language):
    page = visit(server.url + PREFIX[language] + "summary/").page
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    image = Image.open(io.BytesIO(page.locator("svg.trial-qr").screenshot()))
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    # The site's address in this build (site_url http://127.0.0.1:8000/), in the page's language.
    assert decoded == ["http://127.0.0.1:8000/" + PREFIX[language]]
    button = page.locator("[data-trial-print]")
    assert button.is_visible() and button.inner_text() == cached_catalogues()[language].text("summary.print")


# --- Language hint -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "expected"), [("nb-NO", "no"), ("nn-NO", "no"), ("da-DK", "da"), ("et-EE", "et"), ("fi-FI", "fi")]
)
def test_english_page_offers_the_preferred_language(visit, server, locale, expected):
    seen = visit(server.url + "sites/", locale=locale)
    page = seen.page
    shown = page.locator(".trial-hint:visible")
    assert shown.count() == 1
    assert shown.get_attribute("lang") == expected
    assert shown.locator("p").inner_text().startswith(cached_catalogues()[expected].text("language_hint.text"))
    assert run_axe(page) == []
    shown.locator("a").click()
    page.wait_for_load_state()
    assert page.url == f"{server.url}{expected}/sites/"  # the same page, no redirect
    assert page.evaluate("document.documentElement.lang") == expected
    assert seen.context.cookies() == []


@pytest.mark.parametrize("languages", [["en-GB"], ["en-US", "fi-FI"], ["de-DE"], ["de-DE", "en-GB", "da-DK"]])
def test_no_hint_when_english_comes_first_or_no_site_language_is_wanted(visit, server, languages):
    seen = visit(
        server.url + "sites/",
        locale=languages[0],
        extra_http_headers={"Accept-Language": ",".join(languages)},
        script=f"Object.defineProperty(navigator, 'languages', {{get: () => {languages!r}}})",
    )
    assert seen.page.evaluate("navigator.languages") == languages
    assert seen.page.locator(".trial-hint:visible").count() == 0


def test_hint_follows_the_order_of_preference_and_can_be_closed(visit, server):
    seen = visit(
        server.url + "eligibility/",
        locale="fr-FR",
        script="Object.defineProperty(navigator, 'languages', {get: () => ['fr-FR', 'fi-FI', 'da-DK']})",
    )
    page = seen.page
    shown = page.locator(".trial-hint:visible")
    assert shown.get_attribute("lang") == "fi"
    shown.locator("button").click()
    assert page.locator(".trial-hint:visible").count() == 0
    assert page.evaluate("document.activeElement.tagName") == "H1"
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]


def test_other_languages_show_no_hint(visit, server):
    page = visit(server.url + "fi/sites/", locale="nb-NO").page
    assert page.locator(".trial-hint").count() == 0
