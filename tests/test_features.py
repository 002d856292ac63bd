"""Issue 5's features in the built pages and their views: self-check, map, glossary,
printable handout, freshness and the language hint's markup (behaviour: test_features_browser.py)."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from helpers import (
    LANGUAGES,
    PAGES,
    ROOT,
    SEED,
    cached_catalogues,
    cached_trial,
    line_of,
    read_page,
    replace_once,
    trial_problems,
)
from trialsite import geo, views
from trialsite.locale_data import Formatter
from trialsite.views import Context
from trialsite.vocabulary import RecruitmentStatus

pytestmark = pytest.mark.build

SEED_TEXT = SEED.read_text(encoding="utf-8")
read = read_page


def context(language: str, trial=None, home_url: str = "") -> Context:
    return Context(trial or cached_trial(SEED), cached_catalogues()[language], home_url=home_url)


def criteria_with_questions():
    for kind in ("inclusion", "exclusion"):
        for number, item in enumerate(getattr(cached_trial(SEED).eligibility, kind), start=1):
            if item.question is not None:
                yield kind, number, item


# --- Self-check ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_self_check_asks_each_question_of_the_data(site, language):
    page = read(site, language, "eligibility/")
    assert '<section class="trial-selfcheck"' in page  # hidden without script: see test_features_browser.py
    fieldsets = re.findall(
        r'<fieldset class="trial-question" data-fits="(\w+)" data-criterion="([\w-]+)">\s*'
        r'<legend>.*?<span class="trial-question__text">(.*?)</span></legend>',
        page,
        re.S,
    )
    expected = [
        (item.fits.value, f"{kind}-{number}", item.question[language])
        for kind, number, item in criteria_with_questions()
    ]
    assert len(expected) == 16
    assert [(fits, anchor, html.unescape(text)) for fits, anchor, text in fieldsets] == expected
    # Each question links to a criterion that is on the page.
    for _, anchor, _ in expected:
        assert f'id="{anchor}"' in page
    # Three answers per question, and the result ends by sending the reader to their doctor.
    assert page.count('value="not_sure"') == 16
    doctor = html.escape(cached_catalogues()[language].text("selfcheck.doctor"), quote=False)
    assert f'<p class="trial-selfcheck__doctor"><strong>{doctor}</strong></p>' in page


def test_a_question_needs_the_answer_that_fits():
    text = replace_once(SEED_TEXT, '      fits: "yes"\n      key: true\n', "      key: true\n")
    line = line_of(text, "  inclusion:") + 1  # the criterion's first line
    assert trial_problems(text) == [
        f"data/trial.yaml:{line}:7: eligibility.inclusion[1]: a self-check question needs both question: and fits: "
        "(the answer that fits: yes or no); fits: is missing"
    ]


# --- Map -----------------------------------------------------------------------------------


def test_outlines_come_from_natural_earth_by_country_code():
    shapes = geo.outlines()
    for code in ("NO", "DK", "EE", "FI", "SE", "FR", "DE"):
        assert shapes[code], code
    # The committed copy is the npm package's file, unchanged.
    assert (ROOT / "node_modules/world-atlas/countries-50m.json").read_bytes() == geo.OUTLINES_FILE.read_bytes()


def test_map_places_sites_where_they_are():
    drawing = geo.draw(
        ["NO", "EE"],
        [
            (10.75, 59.91, "recruiting", "Oslo"),
            (24.75, 59.44, "recruiting", "Tallinn"),
            (10.40, 63.43, "recruiting", "Trondheim"),
        ],
    )
    oslo, tallinn, trondheim = drawing.markers
    assert tallinn.x - oslo.x > drawing.width / 3 and abs(oslo.y - tallinn.y) < drawing.height / 10  # Tallinn far east
    assert trondheim.y < oslo.y  # north is up
    for marker in drawing.markers:
        assert 0 <= marker.x <= drawing.width and 0 <= marker.y <= drawing.height
    assert drawing.countries and drawing.land


def test_map_is_none_without_any_outline():
    assert "ZZ" not in geo.outlines()
    assert geo.draw(["ZZ"], [(10.0, 60.0, "recruiting", "somewhere")]) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_sites_page_map_has_a_mark_per_located_site_and_a_text_alternative(site, language):
    page = read(site, language, "sites/")
    svg = re.search(r'<svg class="trial-map__svg"[^>]*>.*?</svg>', page, re.S).group(0)
    # A group (not an image: its marks are links), named by its title and described by its description.
    assert 'role="group"' in svg and 'aria-labelledby="map-title" aria-describedby="map-description"' in svg
    description = html.escape(
        cached_catalogues()[language].text(
            "map.description",
            countries=Formatter(language).join(Formatter(language).countries(["DK", "EE", "FI", "NO"])),
        ),
        quote=False,
    )
    assert f'<desc id="map-description">{description}</desc>' in svg
    located = [site_ for site_ in cached_trial(SEED).sites if site_.location]
    assert len(located) == 8
    assert svg.count('class="trial-map__marker') == len(located)
    assert svg.count('<a class="trial-map__site" href="#site-') == len(located)
    for site_ in located:  # each site by this language's name and city
        assert html.escape(f"{site_.name.get(language)}", quote=False) in svg
        assert html.escape(f"{site_.city.get(language)}: ", quote=False) in svg
    # Nothing is fetched: no image or font reference inside the map, and its links go to the list below.
    assert not re.search(r"<image|url\(", svg)
    assert all(re.fullmatch(r"#site-\d+", href) for href in re.findall(r'href="([^"]*)"', svg))
    # The list of sites (the text alternative) is on the page too.
    for site_ in cached_trial(SEED).sites:
        assert html.escape(site_.name.get(language), quote=False) in page


def test_map_key_gives_each_status_a_shape_and_a_word():
    sites = list(cached_trial(SEED).sites)
    statuses = [RecruitmentStatus.RECRUITING, RecruitmentStatus.COMPLETED, None]
    changed = [site_.model_copy(update={"status": statuses[index % 3]}) for index, site_ in enumerate(sites)]
    changed[-1] = changed[-1].model_copy(update={"location": None})
    trial = cached_trial(SEED).model_copy(update={"sites": changed})
    view = views.sites_map(context("fi", trial))
    labels = [label for _, _, label in view.legend]
    # A site without a status of its own is marked with its country's.
    country = {entry.country: entry.status for entry in cached_trial(SEED).recruitment}[changed[2].country]
    assert labels == [
        "Rekrytointi käynnissä",
        cached_catalogues()["fi"].text("status.completed"),
        cached_catalogues()["fi"].text(f"status.{country.value}"),
    ]
    shapes = [path for _, path, _ in view.legend]
    assert len(set(shapes)) == 3  # told apart by shape, not only by colour
    assert view.not_shown == cached_catalogues()["fi"].plural("map.sites_not_shown", 1)
    assert len(view.drawing.markers) == len(sites) - 1


def test_location_must_be_on_earth():
    text = replace_once(SEED_TEXT, "location: {latitude: 59.91,", "location: {latitude: 159.91,")
    assert any("sites[1].location.latitude" in problem and "90" in problem for problem in trial_problems(text))


# --- Glossary ------------------------------------------------------------------------------


def _marked_ids(language: str) -> list[str]:
    marked = []
    for kind in ("inclusion", "exclusion"):
        for item in getattr(cached_trial(SEED).eligibility, kind):
            marked += re.findall(r"\]\(glossary:([\w-]+)\)", item.text[language])
    return marked


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_page_explains_every_entry(site, language):
    page = read(site, language, "glossary/")
    assert len(cached_trial(SEED).glossary) == 16
    for entry in cached_trial(SEED).glossary:
        block = re.search(
            rf'<div class="trial-glossary__entry" id="term-{entry.id}"><dt>(.*?)</dt><dd>(.*?)</dd></div>', page
        )
        assert block, entry.id
        assert html.unescape(block.group(1)) == entry.term[language]
        assert html.unescape(block.group(2)) == entry.explanation[language]
    # No pop-ups on the glossary page itself.
    assert "trial-term__tip" not in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_first_mention_of_each_term_explains_it(site, language):
    page = read(site, language, "eligibility/")
    ids = _marked_ids(language)
    assert {"ecog", "anc", "egfr", "bcma", "car-t"} <= set(ids)
    for term_id in set(ids):
        entry = next(entry for entry in cached_trial(SEED).glossary if entry.id == term_id)
        tips = re.findall(
            rf'aria-describedby="tip-{term_id}">(.*?)</button><span class="trial-term__tip" role="tooltip" '
            rf'id="tip-{term_id}">(.*?)</span></span>',
            page,
        )
        assert len(tips) == 1, term_id  # once per page, however often the term is marked
        assert html.unescape(tips[0][1]) == entry.explanation[language]
    assert "glossary:" not in page  # no mark is left as a link
    assert 'href="../glossary/"' in page


def test_a_marked_term_without_an_entry_is_reported():
    text = replace_once(SEED_TEXT, "[ECOG](glossary:ecog)", "[ECOG](glossary:ecgo)")
    found = [problem.split(": ", 1)[1] for problem in trial_problems(text)]
    assert found == [
        'eligibility.inclusion[6].text.en: marks the term "ecgo", which the glossary does not have '
        '(did you mean "ecog"?); '
        f"known terms: {', '.join(entry.id for entry in cached_trial(SEED).glossary)}",
        *[
            f"eligibility.inclusion[6].text.{language}: must mark the same glossary terms as the English text (ecgo), "
            "but marks ecog"
            for language in LANGUAGES[1:]
        ],
        'glossary[8].id: no text in en marks the term "ecog"; mark it where it is used, as [word](glossary:ecog), '
        "or remove the entry",
    ]


def test_an_entry_no_text_marks_is_reported():
    # The new entry goes first under glossary: (other sections may follow the glossary).
    text = replace_once(
        SEED_TEXT,
        "\nglossary:\n",
        '\nglossary:\n  - id: myeloma\n    term: {en: "Myeloma", "no": "M", da: "M", et: "M", fi: "M"}\n'
        '    explanation: {en: "A cancer.", "no": "K", da: "K", et: "K", fi: "K"}\n',
    )
    line = line_of(text, "id: myeloma")
    assert trial_problems(text) == [
        f'data/trial.yaml:{line}:9: glossary[1].id: no text in en, no, da, et, fi marks the term "myeloma"; '
        "mark it where it is used, as [word](glossary:myeloma), or remove the entry"
    ]


def test_a_translation_must_mark_the_same_terms_as_english():
    text = replace_once(SEED_TEXT, "[BCMA](glossary:bcma):han", "BCMA:han")
    found = trial_problems(text)
    assert any(
        "eligibility.exclusion[1].text.fi: must mark the same glossary terms as the English text (bcma), but marks none"
        in problem
        for problem in found
    ), found


# --- Printable handout ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_handout_has_identifiers_key_criteria_sites_and_address(site, language):
    page = read(site, language, "summary/")
    assert cached_trial(SEED).identifiers.eu_ct_number in page and cached_trial(SEED).identifiers.protocol_code in page
    inclusion, exclusion = re.findall(r'<ul class="trial-summary__criteria">(.*?)</ul>', page, re.S)
    key_inclusion = [item for item in cached_trial(SEED).eligibility.inclusion if item.key]
    key_exclusion = [item for item in cached_trial(SEED).eligibility.exclusion if item.key]
    assert (len(key_inclusion), len(key_exclusion)) == (5, 3)
    titles = re.findall(r"<li><strong>(.*?):</strong>", inclusion)
    assert [html.unescape(title) for title in titles] == [item.title[language] for item in key_inclusion]
    assert exclusion.count("<li>") == len(key_exclusion)
    for site_ in cached_trial(SEED).sites:  # each site by this language's name and city
        assert html.escape(site_.name.get(language), quote=False) in page
        assert html.escape(f", {site_.city.get(language)}", quote=False) in page
    home = "http://127.0.0.1:8000/" + ("" if language == "en" else f"{language}/")
    assert f'<a href="{home}">{home}</a>' in page
    assert re.search(r'<svg role="img" aria-label="[^"]+" viewBox="0 0 \d+ \d+" class="trial-qr">', page)
    assert "trial-term__tip" not in page  # terms stay plain words on paper


def test_handout_names_the_medicines_and_disease():
    view = views.handout(context("en", home_url="https://example.org/"))
    assert (
        view.tests == "teclistamab (injection under the skin) and pomalidomide (taken by mouth), for multiple myeloma."
    )
    assert [country.name for country in view.countries] == ["Denmark", "Estonia", "Finland", "Norway"]
    assert view.countries[2].sites == cached_catalogues()["en"].text("summary.no_sites")  # Finland: no site yet


# --- Freshness -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_says_when_it_was_last_checked(site, language):
    date = Formatter(language).date(dt.date(2026, 11, 25))
    line = html.escape(cached_catalogues()[language].text("checked.page", date=date), quote=False)
    for page in PAGES:
        assert f'<p class="trial-checked">{line}</p>' in read(site, language, page), page
    assert cached_trial(SEED).checked == dt.date(2026, 11, 25)


@pytest.mark.parametrize("language", LANGUAGES)
def test_recruitment_table_shows_when_each_status_was_confirmed(site, language):
    page = read(site, language, "sites/")
    label = cached_catalogues()[language].text("recruitment.checked")
    cells = re.findall(rf'<td data-label="{re.escape(label)}">([^<]*)</td>', page)
    assert cells == [Formatter(language).date(dt.date(2026, 11, 25))] * 4


def test_without_a_checked_date_the_pages_say_it_is_not_recorded():
    trial = cached_trial(SEED).model_copy(
        update={
            "checked": None,
            "recruitment": [entry.model_copy(update={"checked": None}) for entry in cached_trial(SEED).recruitment],
        }
    )
    ctx = context("da", trial)
    assert views.checked_line(ctx) == cached_catalogues()["da"].text("checked.not_recorded")
    assert {row.checked for row in views.recruitment(ctx)} == {cached_catalogues()["da"].text("recruitment.no_date")}


# --- Language hint (markup; behaviour in the browser tests) -------------------------------


def test_english_pages_carry_a_hint_per_other_language_and_others_none(site):
    page = read(site, "en", "sites/")
    hints = re.findall(
        r'<aside class="trial-hint" lang="(\w+)" data-lang="\w+" aria-label="[^"]+" hidden>\s*<p>([^<]*)'
        r'<a href="([^"]+)" hreflang="\w+">',
        page,
    )
    assert [(lang, href) for lang, _, href in hints] == [
        (lang, f"../{lang}/sites/") for lang in LANGUAGES if lang != "en"
    ]
    for lang, text, _ in hints:
        assert text.strip() == html.escape(cached_catalogues()[lang].text("language_hint.text"), quote=False)
    for language in LANGUAGES[1:]:
        assert "trial-hint" not in read(site, language, "sites/")
