"""Local names of hospitals and cities (issue 15): each language's pages use that language's name,
fall back to English, and show the name in the language of the site's country beside it.

Fixture: tests/fixtures/local_names.yaml (invented hospitals); the rule test also runs on the seed
trial (helpers.SEED)."""

from __future__ import annotations

import html
import json
import re

import jsonschema
import pytest
from helpers import (
    FIXTURES,
    LANGUAGES,
    ROOT,
    SEED,
    OneChange,
    cached_catalogues,
    cached_fixture,
    line_of,
    replace_once,
    trial_problems,
)
from trialsite import views
from trialsite.head import medical_trial
from trialsite.loader import load_yaml_bytes
from trialsite.model import LocalName
from trialsite.render import Renderer
from trialsite.schema import SCHEMA_PATH
from trialsite.validation import load_trial, load_trial_bytes
from trialsite.views import Context

FIXTURE = (FIXTURES / "local_names.yaml").read_text(encoding="utf-8")
ESTONIAN_SITE = "Example Hospital Foundation"  # et: SA Näidishaigla, city fi: Tallinna
FINNISH_SITE = "Example University Hospital"  # fi and no names, city et: Helsingi
PLAIN_SITE = "Eksempel sykehus HF"


def context(language: str, trial=None) -> Context:
    return Context(trial or cached_fixture("local_names.yaml"), cached_catalogues()[language])


def site_views(language: str, trial=None) -> dict[str, views.SiteView]:
    """The sites page's views in ``language``, by English name."""
    by_english = {}
    trial = trial or cached_fixture("local_names.yaml")
    shown = [site for country in views.sites(context(language, trial)).countries for site in country.sites]
    for site in trial.sites:
        by_english[site.name.default] = next(view for view in shown if view.name.name == site.name.get(language))
    return by_english


def site_cards(language: str, trial=None) -> list[str]:
    """The names on the sites page's rows (cards on a phone), as HTML, without the site's number."""
    return re.findall(
        r'<th scope="row"><span class="trial-site__number">\d+</span> (.*?)'
        r'(?: <span class="trial-badge[^"]*">[^<]*</span>)?</th>',
        Renderer(context(language, trial)).section("sites"),
    )


# --- Each language's name, the fallback, the local name beside it -----------------------------------


def test_the_estonian_page_uses_the_estonian_name_alone():
    view = site_views("et")[ESTONIAN_SITE]
    assert (view.name.name, view.name.local) == ("SA Näidishaigla", None)
    assert "SA Näidishaigla" in site_cards("et")
    assert not any(ESTONIAN_SITE in card for card in site_cards("et"))


@pytest.mark.parametrize("language", ["en", "no", "da", "fi"])
def test_other_languages_show_their_name_then_the_local_one(language):
    view = site_views(language)[ESTONIAN_SITE]
    assert view.name.text == f"{ESTONIAN_SITE} (SA Näidishaigla)"
    card = next(card for card in site_cards(language) if "SA Näidishaigla" in card)
    # The local name is marked as Estonian, and an English name on another language's page as English.
    english = ESTONIAN_SITE if language == "en" else f'<span lang="en">{ESTONIAN_SITE}</span>'
    assert card == f'{english} (<span lang="et">SA Näidishaigla</span>)'


def test_a_language_without_a_name_falls_back_to_english():
    # The Finnish site has fi and no names: Danish and Estonian pages use the English one.
    for language in ("da", "et"):
        view = site_views(language)[FINNISH_SITE]
        assert view.name.name == FINNISH_SITE and view.name.lang == "en"
        assert view.name.local == "Esimerkin yliopistollinen sairaala"
    assert (
        site_views("no")[FINNISH_SITE].name.text == "Eksempel universitetssykehus (Esimerkin yliopistollinen sairaala)"
    )
    assert site_views("no")[FINNISH_SITE].name.lang is None
    assert site_views("fi")[FINNISH_SITE].name.text == "Esimerkin yliopistollinen sairaala"


def test_a_plain_name_is_the_same_everywhere():
    for language in LANGUAGES:
        view = site_views(language)[PLAIN_SITE]
        assert (view.name.text, view.name.lang, view.name.local) == (PLAIN_SITE, None, None)
        assert PLAIN_SITE in site_cards(language)


def test_cities_per_language():
    cities = {language: {name: view.city for name, view in site_views(language).items()} for language in LANGUAGES}
    assert [cities[language][ESTONIAN_SITE] for language in LANGUAGES] == [
        "Tallinn",
        "Tallinn",
        "Tallinn",
        "Tallinn",
        "Tallinna",
    ]
    assert [cities[language][FINNISH_SITE] for language in LANGUAGES] == [
        "Helsinki",
        "Helsinki",
        "Helsinki",
        "Helsingi",
        "Helsinki",
    ]
    assert {cities[language][PLAIN_SITE] for language in LANGUAGES} == {"Bergen"}
    sites_html = Renderer(context("fi")).section("sites")
    assert ">Tallinna</td>" in sites_html and ">Tallinn</td>" not in sites_html


def test_the_local_language_comes_from_cldr():
    # Finland's official languages are Finnish and Swedish, in that order; Norway's include "no".
    both = LocalName.of({"en": "Example", "fi": "Esimerkki", "no": "Eksempel"})
    assert views.local_name(both, "FI") == ("fi", "Esimerkki")
    assert views.local_name(both, "NO") == ("no", "Eksempel")
    assert views.local_name(both, "EE") is None  # no Estonian name given: nothing to add
    assert views.local_name(LocalName.of("Example"), "FI") is None


def test_map_handout_and_json_ld_use_the_pages_language():
    # Each mark's name starts with its number ("2: ..."), the number shown beside it.
    located = [marker.label.split(": ", 1)[1] for marker in views.sites_map(context("fi")).drawing.markers]
    assert any(label.startswith(f"{ESTONIAN_SITE} (SA Näidishaigla), Tallinna: ") for label in located), located
    assert any(label.startswith("Esimerkin yliopistollinen sairaala, Helsinki: ") for label in located), located

    estonia = next(country for country in views.handout(context("et")).countries if country.name == "Eesti")
    assert estonia.sites == "SA Näidishaigla, Tallinn"
    handout_html = Renderer(context("en")).section("handout")
    assert f'{ESTONIAN_SITE} (<span lang="et">SA Näidishaigla</span>), Tallinn' in handout_html

    hospitals = {
        language: [
            place
            for place in medical_trial(context(language), "https://example.org/", with_sites=True)["studyLocation"]
            if place["@type"] == "Hospital"
        ]
        for language in LANGUAGES
    }
    estonian = {
        language: next(place for place in places if place["address"]["addressCountry"] == "EE")
        for language, places in hospitals.items()
    }
    assert estonian["et"]["name"] == "SA Näidishaigla" and "alternateName" not in estonian["et"]
    assert estonian["fi"]["name"] == ESTONIAN_SITE and estonian["fi"]["alternateName"] == "SA Näidishaigla"
    assert estonian["fi"]["address"]["addressLocality"] == "Tallinna"
    assert estonian["en"]["address"]["addressLocality"] == "Tallinn"


# --- The rule: no English name where the data has the language's own ----------------------------------


@pytest.mark.parametrize("source", [FIXTURES / "local_names.yaml", SEED], ids=["fixture", "seed"])
@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
def test_no_english_hospital_name_where_the_language_has_its_own(source, language):
    trial = load_trial(source, LANGUAGES)
    cards = Renderer(context(language, trial)).section("sites")
    own_names = [
        site
        for site in trial.sites
        if not site.name.plain and site.name.given(language) and site.name.given(language) != site.name.default
    ]
    if source == SEED and language in ("no", "da", "et"):
        assert own_names, "the seed trial has local names for Norwegian, Danish and Estonian hospitals"
    for site in own_names:
        assert html.escape(site.name.given(language), quote=False) in cards
        assert html.escape(site.name.default, quote=False) not in cards, (language, site.name.default)


# --- Checks ---------------------------------------------------------------------------------------


# Each change of one text gives exactly one problem, at the line of the needle: (id, text, its replacement,
# the needle, column, message).
NAME_CHANGES = [
    OneChange(
        "a_name_per_language_needs_english",
        '{en: "Example Hospital Foundation", et: "SA Näidishaigla"}',
        '{et: "SA Näidishaigla"}',
        '{et: "SA Näidishaigla"}',
        5,
        "sites[1].name: needs an en: name; the other languages are optional and fall back to it",
    ),
    OneChange(
        "a_name_in_an_unknown_language",
        "city: {en: Tallinn, fi: Tallinna}",
        "city: {en: Tallinn, ru: Таллин}",
        "ru: Таллин",
        5,
        'sites[1].city: unknown language "ru"; this site\'s languages are en, no, da, et, fi',
    ),
    OneChange(
        "a_name_that_is_neither_text_nor_names",
        "city: Bergen",
        "city: [Bergen, Bergen]",
        "city: [Bergen",
        5,
        "sites[3].city: expected a name, or one name per language (en: required, the others optional), got a list",
    ),
]


@pytest.mark.parametrize("case", NAME_CHANGES, ids=lambda case: case.id)
def test_one_name_change_gives_its_one_problem(case):
    case.check(FIXTURE)


def test_an_empty_name_in_one_language():
    text = replace_once(FIXTURE, 'et: "SA Näidishaigla"}', 'et: ""}')
    line = line_of(text, 'et: ""')
    column = text.splitlines()[line - 1].index('""}') + 1  # the empty value
    assert trial_problems(text) == [
        f"data/trial.yaml:{line}:{column}: sites[1].name.et: is empty; write a value or leave the field out"
    ]


def test_names_are_not_texts():
    # Braces and brackets in a name are shown as written: no fact, link or glossary check applies.
    text = replace_once(FIXTURE, 'et: "SA Näidishaigla"}', 'et: "SA Näidishaigla {1} [x](glossary:y)"}')
    trial = load_trial_bytes(text.encode(), LANGUAGES, "data/trial.yaml")
    assert "{1} [x](glossary:y)" in html.unescape(Renderer(context("et", trial)).section("sites"))


def test_duplicate_sites_are_compared_per_language():
    # Another English name, but the same Estonian name and city: the Estonian page would show two alike.
    twin = '  - name: {en: "Another Hospital", et: "SA Näidishaigla"}\n    city: Tallinn\n    country: EE\n'
    text = replace_once(FIXTURE, "  # One name for every language.\n", twin + "  # One name for every language.\n")
    first = line_of(text, '  - name: {en: "Example Hospital Foundation"')
    assert trial_problems(text) == [
        f"data/trial.yaml:{line_of(text, 'Another Hospital')}:5: sites[3].name: the same site (name, city and country) "
        f"is listed twice (first at sites[1], line {first})"
    ]
    # The same names but another city in one language only are still the same site in that language.
    twin = (
        '  - name: {en: "Example Hospital Foundation", et: "SA Näidishaigla"}\n    city: {en: Tallinn, fi: Reval}\n'
        "    country: EE\n"
    )
    text = replace_once(FIXTURE, "  # One name for every language.\n", twin + "  # One name for every language.\n")
    assert len(trial_problems(text)) == 1
    # Different in every language: not a duplicate.
    twin = '  - name: {en: "Another Hospital", et: "SA Teine haigla"}\n    city: Tallinn\n    country: EE\n'
    text = replace_once(FIXTURE, "  # One name for every language.\n", twin + "  # One name for every language.\n")
    assert load_trial_bytes(text.encode(), LANGUAGES, "data/trial.yaml")


def test_the_schema_knows_names_per_language():
    schema = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))

    def as_json(text: str):
        data = load_yaml_bytes(text.encode("utf-8"), "trial.yaml").data
        return json.loads(
            json.dumps(data, default=lambda value: float(value) if hasattr(value, "as_tuple") else str(value))
        )

    jsonschema.validate(as_json(FIXTURE), schema)
    for old, new in [
        ('{en: "Example Hospital Foundation", et: "SA Näidishaigla"}', '{et: "SA Näidishaigla"}'),
        ("city: {en: Tallinn, fi: Tallinna}", "city: {en: Tallinn, ru: Таллин}"),
        ("analyte: haemoglobin", "analyte: hemoglobin"),
    ]:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(as_json(replace_once(FIXTURE, old, new)), schema)
