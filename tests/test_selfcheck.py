"""The self-check ("Could this study be for me?", issue 14 point 5): it fits a phone (a short start,
then one question at a time), its result names the study's status in the visitor's country, and
the answers print on one A4 sheet.

The markup tests render the section from a small fixture of their own (tests/fixtures/minimal.yaml
with questions and four countries added); the browser tests use the seed build and read what they
expect from the seed's data, never from the page under test.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from conftest import run_axe
from helpers import FIXTURES, LANGUAGES, SEED, cached_catalogues, cached_trial, line_of, replace_once, trial_problems
from trialsite import views
from trialsite.locale_data import Formatter
from trialsite.render import Renderer
from trialsite.validation import load_trial_bytes

# Two questions, and four countries with three statuses; FI has a planned start, EE a note.
FIXTURE_TEXT = replace_once(
    replace_once(
        replace_once(
            (FIXTURES / "minimal.yaml").read_text(encoding="utf-8"),
            """        fi: "Hemoglobiini vähintään 8,0 g/dL."
""",
            """        fi: "Hemoglobiini vähintään 8,0 g/dL."
      question:
        en: "Has a blood test shown haemoglobin of at least 8.0 g/dL?"
        fi: "Onko verikokeessa hemoglobiini ollut vähintään 8,0 g/dL?"
      fits: "yes"
""",
        ),
        """        fi: "Toinen syöpä."
""",
        """        fi: "Toinen syöpä."
      question:
        en: "Do you have another cancer?"
        fi: "Onko sinulla toinen syöpä?"
      fits: "no"
""",
    ),
    """  - country: FR
    status: suspended
""",
    """  - country: FR
    status: suspended
  - country: FI
    status: not_yet_recruiting
    start: 2026-09-01
  - country: EE
    status: recruiting
    note:
      en: "Only at one hospital."
      fi: "Vain yhdessä sairaalassa."
""",
)
FIXTURE_ROWS = {"SE": "recruiting", "FR": "suspended", "FI": "not_yet_recruiting", "EE": "recruiting"}


@pytest.fixture(scope="module")
def trial():
    return load_trial_bytes(FIXTURE_TEXT.encode(), ["en", "fi"], "trial.yaml")


def section(trial, language: str) -> str:
    return Renderer(views.Context(trial, cached_catalogues(en="en_GB")[language])).section("selfcheck")


def status_paragraphs(markup: str) -> dict[str, tuple[str, str]]:
    """{country code: (status code, text)} of the result's status lines, one per country."""
    found = re.findall(
        r'<p class="trial-selfcheck__status" data-country="([A-Z]{2})" data-status="(\w+)" hidden>(.*?)</p>',
        markup,
        re.S,
    )
    return {code: (status, re.sub(r"<[^>]+>", "", text)) for code, status, text in found}


# --- The markup, from the fixture -----------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fi"])
def test_the_country_data_is_the_fixtures_recruitment_rows(trial, language):
    markup = section(trial, language)
    paragraphs = status_paragraphs(markup)
    assert {code: status for code, (status, _) in paragraphs.items()} == FIXTURE_ROWS
    # One choice per country, and one for a visitor from elsewhere.
    choices = re.findall(r'<input type="radio" name="country" value="(\w+)"', markup)
    assert sorted(choices) == sorted([*FIXTURE_ROWS, "other"])
    fmt = Formatter(language, "en_GB" if language == "en" else None)
    # Each line names its country (fi: in the inessive, "Suomessa"), and the dates and note it has.
    assert fmt.country("FI")[:4] in paragraphs["FI"][1]
    assert fmt.date(dt.date(2026, 9, 1)) in paragraphs["FI"][1]
    assert cached_catalogues(en="en_GB")[language].text("status_help.not_yet_recruiting") in paragraphs["FI"][1]
    assert {"en": "Only at one hospital.", "fi": "Vain yhdessä sairaalassa."}[language] in paragraphs["EE"][1]
    assert fmt.date(dt.date(2026, 9, 1)) not in paragraphs["SE"][1]
    # A visitor from elsewhere is told where the study is, with every country's name.
    other = re.search(r'data-country="other" hidden>(.*?)</p>', markup, re.S).group(1)
    assert all(html.escape(fmt.country(code)) in other for code in FIXTURE_ROWS)


def test_the_country_of_the_pages_language_is_chosen_first(trial):
    assert re.findall(r'value="(\w+)" checked', section(trial, "fi")) == ["FI"]
    assert re.findall(r'value="(\w+)" checked', section(trial, "en")) == []  # English: no country is assumed
    assert [views.language_country(language) for language in LANGUAGES] == ["US", "NO", "DK", "EE", "FI"]


def test_without_script_the_questions_are_a_plain_list_linking_to_their_rules(trial):
    markup = section(trial, "en")
    items = re.findall(
        r'<li class="trial-selfcheck__step" data-step>\s*<fieldset class="trial-question" data-fits="(\w+)" '
        r'data-criterion="([\w-]+)">.*?<span class="trial-question__text">(.*?)</span>.*?'
        r'<p class="trial-question__rule"><a href="#([\w-]+)">',
        markup,
        re.S,
    )
    assert items == [
        ("yes", "inclusion-1", "Has a blood test shown haemoglobin of at least 8.0 g/dL?", "inclusion-1"),
        ("no", "exclusion-1", "Do you have another cancer?", "exclusion-1"),
    ]
    # What needs the script is marked so (hidden without it): the start button, the country step, Back/Next.
    assert re.search(
        r'<p class="trial-selfcheck__js"><button type="button" class="trial-button" data-action="start">', markup
    )
    assert '<li class="trial-selfcheck__step trial-selfcheck__js" data-step>' in markup
    assert '<p class="trial-selfcheck__nav trial-selfcheck__js">' in markup
    assert (
        f'<p class="trial-selfcheck__nojs">{cached_catalogues(en="en_GB")["en"].text("selfcheck_steps.no_script")}</p>'
        in markup
    )
    # The criteria are one link away, before any question.
    assert markup.index('href="#inclusion"') < markup.index("<fieldset")
    # Steps are counted with the country: "Question 3 of 3".
    assert re.findall(r'<span class="trial-selfcheck__progress">(.*?)</span>', markup) == [
        "Question 1 of 3",
        "Question 2 of 3",
        "Question 3 of 3",
    ]


def test_the_printed_answers_carry_the_trials_name_and_number(trial):
    markup = section(trial, "fi")
    head = re.search(r'<div class="trial-selfcheck__sheet-head">(.*?)</div>', markup, re.S).group(1)
    assert "Testi" in head and "2024-000001-11-00" in head and 'data-part="date"' in head
    assert 'data-locale="fi"' in markup
    assert 'data-locale="en-GB"' in section(trial, "en")


def test_hostile_text_in_a_question_stays_text(trial):
    payload = "\"><script>alert(1)</script><img src=x onerror=alert(2)> & 'q' {{ 7*7 }}"
    inclusion = trial.eligibility.inclusion[0].model_copy(update={"question": {"en": payload, "fi": payload}})
    eligibility = trial.eligibility.model_copy(update={"inclusion": [inclusion]})
    hostile = trial.model_copy(update={"eligibility": eligibility, "short_title": {"en": payload, "fi": payload}})
    markup = section(hostile, "en")
    assert "<script" not in markup and "<img" not in markup
    assert "49" not in markup  # not a template
    question = re.search(r'<span class="trial-question__text">(.*?)</span>', markup, re.S).group(1)
    assert html.unescape(question) == html.unescape(
        views.Context(hostile, cached_catalogues(en="en_GB")["en"]).plain({"en": payload})
    )
    assert "&lt;" in question or "<" not in html.unescape(question)
    # Every attribute holds what the code put there: no quote from the data closes one.
    for tag in re.findall(r"<[a-z][^>]*>", markup):
        assert re.fullmatch(r'<[a-z0-9]+(\s+[a-z-]+(="[^"<>]*")?)*\s*>', tag), tag


def test_a_question_may_not_name_a_number_its_rule_does_not():
    # "Each question asks exactly what its criterion says": meaning is the reviewer's (EDITING.md),
    # but a number the rule does not have is surely another question.
    text = replace_once(
        FIXTURE_TEXT,
        '        fi: "Onko sinulla toinen syöpä?"',
        '        fi: "Onko sinulla ollut toinen syöpä 5 vuoden aikana?"',
    )
    # The message points at the question in that language and says what its criterion names (editor session).
    line = line_of(text, "5 vuoden aikana")
    assert trial_problems(text, ["en", "fi"]) == [
        f"data/trial.yaml:{line}:13: eligibility.exclusion[1].question.fi: names 5, but its criterion's text names "
        "no number; write the criterion's own numbers and units (digits, not words), so that the question asks "
        'exactly what the criterion says (EDITING.md, "Add a self-check question")'
    ]
    # The rule's own numbers, in the language's own writing (8,0), and inserted facts are fine.
    trial = load_trial_bytes(FIXTURE_TEXT.encode(), ["en", "fi"], "data/trial.yaml")
    assert trial.eligibility.inclusion[0].question["fi"] == "Onko verikokeessa hemoglobiini ollut vähintään 8,0 g/dL?"


# --- In Chromium, on the seed build ----------------------------------------------------------

PREFIX = {language: "" if language == "en" else f"{language}/" for language in LANGUAGES}
PHONE = {"width": 390, "height": 844}


def seed_questions() -> list[tuple[str, str]]:
    return [
        (f"{kind}-{number}", item.fits.value)
        for kind in ("inclusion", "exclusion")
        for number, item in enumerate(getattr(cached_trial(SEED).eligibility, kind), start=1)
        if item.fits is not None
    ]


def open_check(visit, server, language, *, private: bool = False, **options):
    """The eligibility page; ``private``: wait until the page has stopped loading by itself (the
    favicon comes after "load", then half a second of quiet), so that a test can tell any request
    after that is the self-check's."""
    seen = visit(server.url + PREFIX[language] + "eligibility/", **options)
    if private:
        seen.page.wait_for_load_state("networkidle")
    return seen


# One round trip instead of two a question: the page's own buttons and answers are clicked by a
# script (the same click events a pointer gives); a pointer and the keyboard go through the steps in
# test_features_browser.py::test_self_check_gives_a_result_and_keeps_nothing[en] and
# test_keyboard_alone_steps_through_the_questions.
_ANSWER_ALL = """([answers, country]) => {
  const click = selector => document.querySelector(selector).click();
  click('[data-action="start"]');
  const steps = document.querySelectorAll('[data-step]');
  answers.forEach((value, index) => {
    if (value) steps[index].querySelector(`input[value="${value}"]`).click();  // "": left unanswered
    click('[data-action="next"]');
  });
  if (country) click(`input[name="country"][value="${country}"]`);
  click('[data-action="result"]');
}"""


def answer_all(page, answers: list[str], country: str | None = None):
    """Start, then answer each question ("" leaves it unanswered) and go on (the country last), as a
    pointer would."""
    page.evaluate(_ANSWER_ALL, [answers, country])


def assert_private(seen, loaded: int):
    favicon = seen.page.evaluate("document.querySelector('link[rel=icon]').href")
    assert [url for url in seen.requests[loaded:] if url != favicon] == [], "the self-check must not make a request"
    assert seen.context.cookies() == []
    assert seen.page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_start_fits_the_first_screen_and_is_axe_clean(visit, server, language):
    page = open_check(visit, server, language, viewport=PHONE).page
    assert run_axe(page) == []
    start = page.locator('[data-action="start"]')
    skip = page.locator(".trial-selfcheck__skip")
    assert start.is_visible() and skip.is_visible()
    for element in (page.locator("#self-check-heading"), start, skip):
        box = element.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], element
    assert page.locator("fieldset.trial-question").filter(visible=True).count() == 0
    # The criteria are one tap away.
    skip.click()
    assert page.locator("#inclusion").is_visible()
    assert page.evaluate("window.scrollY") > 0
    assert page.locator("#inclusion").bounding_box()["y"] < PHONE["height"] / 2


@pytest.mark.parametrize("language", ["en", "et"])
def test_keyboard_alone_steps_through_the_questions(visit, server, language):
    seen = open_check(visit, server, language, private=True, viewport=PHONE)
    page, loaded = seen.page, len(seen.requests)
    total = len(seed_questions()) + 1
    for _ in range(40):  # Tab reaches the start button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.action") == "start":
            break
    page.keyboard.press("Enter")
    for number, (_, fits) in enumerate(seed_questions(), start=1):
        step = page.locator("[data-step]").nth(number - 1)
        assert step.is_visible() and page.locator("[data-step]").filter(visible=True).count() == 1
        progress = cached_catalogues(en="en_GB")[language].text(
            "selfcheck_steps.progress", number=str(number), total=str(total)
        )
        assert step.locator(".trial-selfcheck__progress").inner_text() == progress
        # Focus is on the question's first answer ("yes"); an arrow key moves to "no" and chooses it.
        assert page.evaluate("document.activeElement.closest('[data-step]') !== null")
        page.keyboard.press("Space" if fits == "yes" else "ArrowDown")
        assert page.evaluate("document.activeElement.value") == fits
        for _ in range(4):  # past "Read the criterion" and Back to Next
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.action") == "next":
                break
        assert page.evaluate("document.activeElement.dataset.action") == "next"
        page.keyboard.press("Enter")
    # The last step asks for the country; Back goes to the previous question, keeping its answer.
    assert page.locator(".trial-question--country").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "back"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.value") == seed_questions()[-1][1]
    page.keyboard.press("Enter")  # Enter on an answer goes on, as Next does
    assert page.locator(".trial-question--country").is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "result"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "self-check-result"
    assert page.locator('[data-part="none"]').inner_text() == cached_catalogues(en="en_GB")[language].text(
        "selfcheck.none_against"
    )
    assert_private(seen, loaded)
    assert seen.errors == []


@pytest.mark.parametrize(("language", "country"), [("en", "NO"), ("fi", None), ("et", "DK"), ("da", "other")])
def test_the_result_names_the_status_in_the_chosen_country(visit, server, language, country):
    page = open_check(visit, server, language).page
    answer_all(page, ["no"] + ["not_sure"] * (len(seed_questions()) - 1), country)
    code = country or {"fi": "FI"}[language]  # the Finnish page chooses Finland by itself
    fmt = cached_catalogues(en="en_GB")[language].formatter
    shown = page.locator("#self-check-result [data-country]").filter(visible=True)
    assert shown.count() == 1
    text = shown.inner_text()
    if code == "other":
        assert all(fmt.country(entry.country) in text for entry in cached_trial(SEED).recruitment)
    else:
        entry = next(entry for entry in cached_trial(SEED).recruitment if entry.country == code)
        assert shown.get_attribute("data-status") == entry.status.value
        assert cached_catalogues(en="en_GB")[language].text(f"status_help.{entry.status.value}") in text
        if entry.start is not None:
            assert fmt.date(entry.start.date) in text
        assert fmt.country(code)[:4] in text  # et/fi: "Taanis", "Suomessa"
    # The status comes before the answers, and the first answer is named as one that may not fit.
    against = page.locator('[data-part="against"] li')
    assert against.count() == 1
    assert against.nth(0).locator("a").get_attribute("href") == f"#{seed_questions()[0][0]}"
    assert run_axe(page) == []


def test_without_a_country_the_result_gives_every_countrys_status(visit, server):
    page = open_check(visit, server, "en").page
    answer_all(page, [fits for _, fits in seed_questions()])
    shown = page.locator("#self-check-result [data-country]").filter(visible=True)
    assert shown.count() == 1 and shown.get_attribute("data-country") == ""
    text = shown.inner_text()
    assert all(Formatter("en", "en_GB").country(entry.country) in text for entry in cached_trial(SEED).recruitment)


@pytest.mark.parametrize("language", LANGUAGES)
def test_printed_answers_hold_every_answer_on_one_a4_page(visit, server, language):
    page = open_check(visit, server, language, viewport=PHONE).page
    answers = ["not_sure", "no"] + [fits for _, fits in seed_questions()[2:]]
    answer_all(page, answers, "EE")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.locator('[data-action="print"]').click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    messages = cached_catalogues(en="en_GB")[language]
    rows = page.locator(".trial-selfcheck__sheet tbody tr")
    assert rows.count() == len(seed_questions()) + 1
    labels = {
        "yes": messages.text("selfcheck.answer_yes"),
        "no": messages.text("selfcheck.answer_no"),
        "not_sure": messages.text("selfcheck.answer_not_sure"),
    }
    for index, value in enumerate(answers):
        row = rows.nth(index)
        question = cached_trial(SEED).eligibility.inclusion[index].question[language] if index < 2 else None
        if question:
            assert row.locator("td").nth(0).inner_text() == question
        assert row.locator("td").nth(1).inner_text().splitlines()[0] == labels[value]
    # The answer that may not fit ("no" to the second question) says so on paper.
    assert messages.text("selfcheck_steps.sheet_may_not_fit") in rows.nth(1).inner_text()
    assert rows.nth(len(answers)).locator("td").nth(1).inner_text() == messages.formatter.country("EE")
    head = page.locator(".trial-selfcheck__sheet-head")
    assert head.is_visible() and cached_trial(SEED).identifiers.eu_ct_number in head.inner_text()
    assert str(dt.date.today().year) in page.locator('[data-part="date"]').inner_text()
    # Only the answers are printed: not the criteria, the questions' buttons or the actions.
    assert not page.locator("#inclusion").is_visible()
    assert not page.locator('[data-action="print"]').is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    # After printing, the page prints as itself again.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("#inclusion").is_visible()


@pytest.mark.parametrize("language", ["en", "fi"])
def test_axe_finds_nothing_during_the_questions(visit, server, language):
    # At the start: test_on_a_phone_the_start_fits_the_first_screen_and_is_axe_clean (the same view).
    page = open_check(visit, server, language, viewport=PHONE).page
    page.locator('[data-action="start"]').click()
    assert run_axe(page) == []


def test_without_script_the_questions_and_criteria_show_as_plain_lists(visit, server):
    page = visit(server.url + "eligibility/", java_script_enabled=False, viewport=PHONE).page
    questions = page.locator(".trial-question__text").filter(visible=True)
    assert questions.count() == len(seed_questions())
    assert questions.nth(0).inner_text() == cached_trial(SEED).eligibility.inclusion[0].question["en"]
    assert page.locator(".trial-question__answers").filter(visible=True).count() == 0
    assert not page.locator('[data-action="start"]').is_visible()
    assert not page.locator(".trial-question--country").is_visible()
    assert page.locator(".trial-selfcheck__skip").is_visible()
    assert page.locator("#inclusion-list > li").count() == len(cached_trial(SEED).eligibility.inclusion)
    assert page.locator("#exclusion-list > li").count() == len(cached_trial(SEED).eligibility.exclusion)
    assert page.locator("#inclusion-list > li").nth(0).is_visible()
    assert page.locator("#exclusion-list > li").nth(0).is_visible()
