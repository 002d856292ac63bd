"""Country names in the form a sentence needs (grammar.py), and the sentences built with them.

The expected forms below were written by hand as a native speaker writes them, not copied from
the code: every form the rules make, for every country name CLDR has, must be one of them.
The sentence tests use a small fixture, not the bundled trial.
"""

from __future__ import annotations

import re
import shutil

import pytest
from babel import Locale
from helpers import FIXTURES, LANGUAGES, cached_catalogues
from trialsite import views
from trialsite.catalogue import MESSAGES_DIR, load_messages
from trialsite.grammar import CHECKED_COUNTRIES, CountryNames, NoForm, country_form
from trialsite.locale_data import Formatter
from trialsite.problems import CatalogueError
from trialsite.validation import load_trial_bytes
from trialsite.vocabulary import DateType

# "in Estonia": inessive, or adessive for the names in -maa.
ESTONIAN_IN = {
    "AD": "Andorras",
    "AL": "Albaanias",
    "AT": "Austrias",
    "BE": "Belgias",
    "BG": "Bulgaarias",
    "BY": "Valgevenes",
    "CH": "Šveitsis",
    "CZ": "Tšehhis",
    "DE": "Saksamaal",
    "DK": "Taanis",
    "EE": "Eestis",
    "ES": "Hispaanias",
    "FI": "Soomes",
    "FR": "Prantsusmaal",
    "GR": "Kreekas",
    "HR": "Horvaatias",
    "HU": "Ungaris",
    "IE": "Iirimaal",
    "IT": "Itaalias",
    "LI": "Liechtensteinis",
    "LT": "Leedus",
    "LU": "Luksemburgis",
    "LV": "Lätis",
    "MC": "Monacos",
    "MD": "Moldovas",
    "ME": "Montenegros",
    "MK": "Põhja-Makedoonias",
    "NL": "Hollandis",
    "NO": "Norras",
    "PL": "Poolas",
    "PT": "Portugalis",
    "RO": "Rumeenias",
    "RS": "Serbias",
    "RU": "Venemaal",
    "SE": "Rootsis",
    "SI": "Sloveenias",
    "SK": "Slovakkias",
    "UA": "Ukrainas",
    "VA": "Vatikanis",
    "XK": "Kosovos",
}
FINNISH_IN = {
    "AD": "Andorrassa",
    "AL": "Albaniassa",
    "BE": "Belgiassa",
    "BG": "Bulgariassa",
    "CH": "Sveitsissä",
    "DE": "Saksassa",
    "DK": "Tanskassa",
    "EE": "Virossa",
    "ES": "Espanjassa",
    "FI": "Suomessa",
    "FR": "Ranskassa",
    "HR": "Kroatiassa",
    "HU": "Unkarissa",
    "IT": "Italiassa",
    "LT": "Liettuassa",
    "LV": "Latviassa",
    "MC": "Monacossa",
    "MD": "Moldovassa",
    "ME": "Montenegrossa",
    "NO": "Norjassa",
    "PL": "Puolassa",
    "PT": "Portugalissa",
    "RO": "Romaniassa",
    "RS": "Serbiassa",
    "SE": "Ruotsissa",
    "SI": "Sloveniassa",
    "SK": "Slovakiassa",
    "UA": "Ukrainassa",
    "VA": "Vatikaanissa",
    "XK": "Kosovossa",
}
FINNISH_FROM = {
    "AD": "Andorrasta",
    "AL": "Albaniasta",
    "BE": "Belgiasta",
    "BG": "Bulgariasta",
    "CH": "Sveitsistä",
    "DE": "Saksasta",
    "DK": "Tanskasta",
    "EE": "Virosta",
    "ES": "Espanjasta",
    "FI": "Suomesta",
    "FR": "Ranskasta",
    "HR": "Kroatiasta",
    "HU": "Unkarista",
    "IT": "Italiasta",
    "LT": "Liettuasta",
    "LV": "Latviasta",
    "MC": "Monacosta",
    "MD": "Moldovasta",
    "ME": "Montenegrosta",
    "NO": "Norjasta",
    "PL": "Puolasta",
    "PT": "Portugalista",
    "RO": "Romaniasta",
    "RS": "Serbiasta",
    "SE": "Ruotsista",
    "SI": "Sloveniasta",
    "SK": "Slovakiasta",
    "UA": "Ukrainasta",
    "VA": "Vatikaanista",
    "XK": "Kosovosta",
}
EXPECTED = {("et", "in"): ESTONIAN_IN, ("fi", "in"): FINNISH_IN, ("fi", "from"): FINNISH_FROM}


@pytest.mark.parametrize(("language", "case"), list(EXPECTED), ids=[f"{lang}-{case}" for lang, case in EXPECTED])
def test_every_form_the_rules_make_is_the_native_one(language, case):
    expected = EXPECTED[(language, case)]
    made = {}
    for code, name in Locale.parse(language).territories.items():
        form = country_form(language, code, name, case)
        if form is not None:
            made[code] = form
    # Every name the rules reach is spelt as a native speaker writes it, and no other name is reached.
    assert made == expected


@pytest.mark.parametrize(
    ("language", "code", "why"),
    [
        ("et", "MT", "island names take -l: Maltal"),
        ("et", "IS", "Islandil"),
        ("et", "GB", "the stem changes: Ühendkuningriigis"),
        ("et", "BA", "every word is inflected: Bosnias ja Hertsegoviinas"),
        ("et", "IQ", "gradation: Iraagis"),
        ("fi", "RU", "adessive: Venäjällä"),
        ("fi", "GR", "gradation: Kreikassa"),
        ("fi", "AT", "gradation: Itävallassa"),
        ("fi", "MT", "Maltalla, no gradation"),
        ("fi", "CY", "Kyproksella"),
        ("fi", "GB", "both parts: Isossa-Britanniassa"),
        ("fi", "NL", "plural: Alankomaissa"),
    ],
)
def test_names_no_rule_can_inflect_are_left_alone(language, code, why):
    name = Formatter(language).country(code)
    assert all(country_form(language, code, name, case) is None for case in ("in", "from")), why


def test_only_estonian_and_finnish_have_forms():
    for language in ("en", "no", "da"):
        for code in CHECKED_COUNTRIES:
            assert country_form(language, code, Formatter(language).country(code), "in") is None


def test_a_list_of_countries_is_inflected_and_joined_the_language_way():
    finnish = Formatter("fi").country_names(["NO", "FI", "DK"])
    assert f"{finnish}" == "Norja, Suomi ja Tanska"
    assert f"{finnish:in}" == "Norjassa, Suomessa ja Tanskassa"
    estonian = Formatter("et").country_names(["SE", "DE"])
    assert f"{estonian:in}" == "Rootsis ja Saksamaal"
    with pytest.raises(NoForm):
        format(Formatter("fi").country_names(["NO", "GR"]), "in")
    assert isinstance(finnish, CountryNames)


# --- Sentences built with them -------------------------------------------------------------


def _in_every_language(text: str) -> str:
    """The two-language fixture with its Finnish texts copied to no, da and et."""
    return re.sub(r"^(\s+)fi: (.*)$", r'\1fi: \2\n\1"no": \2\n\1da: \2\n\1et: \2', text, flags=re.M)


FIXTURE = _in_every_language((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))


def _context(language: str, fixture: str = FIXTURE) -> views.Context:
    trial = load_trial_bytes(fixture.encode(), LANGUAGES, "tests/fixtures/minimal.yaml")
    return views.Context(trial, cached_catalogues(en="en_GB")[language])


def _in_form(language: str, code: str) -> str:
    return {"et": ESTONIAN_IN, "fi": FINNISH_IN}.get(language, {}).get(code) or Formatter(language).country(code)


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_sentences_name_the_countries_in_the_form_the_language_needs(language):
    ctx = _context(language)
    lines = views.status_lines(ctx)
    assert len(lines) == len({(entry.status, entry.start) for entry in ctx.trial.recruitment})
    for line, entry in zip(lines, ctx.trial.recruitment, strict=True):
        # A sentence, not "label: list of countries".
        assert f"{ctx.status(entry.status)}:" not in line.text
        assert re.search(rf"(^|\W){re.escape(_in_form(language, entry.country))}(\W|$)", line.text), line.text
        assert line.text[0].isupper() and line.text.endswith(".")
        if entry.start is not None:
            key = "dates.start_planned" if entry.start.type is DateType.PLANNED else "dates.start_actual"
            assert line.text.endswith(" " + ctx.messages.text(key, date=ctx.fmt.date(entry.start.date)))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_name_no_rule_reaches_keeps_its_nominative_in_a_sentence(language):
    malta = _context(language, FIXTURE.replace("country: FR", "country: MT"))
    line = views.status_lines(malta)[1]
    name = Formatter(language).country("MT")
    status = malta.status(malta.trial.recruitment[1].status)
    if language in ("et", "fi"):
        assert line.text == malta.messages.plural("status_line.listed", 1, status=status, countries=name)
    else:
        assert line.text == malta.messages.text("status_line.suspended", countries=name)
    assert name in line.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_country_without_sites_says_so_in_a_sentence(language):
    france = next(country for country in views.sites(_context(language)).countries if country.code == "FR")
    expected = {"et": "Prantsusmaal", "fi": "Ranskasta"}.get(language, Formatter(language).country("FR"))
    assert expected in france.none_listed and not france.none_listed.startswith(f"{france.name}:")
    malta = views.sites(_context(language, FIXTURE.replace("country: FR", "country: MT")))
    note = next(country for country in malta.countries if country.code == "MT").none_listed
    if language in ("et", "fi"):
        assert note == cached_catalogues(en="en_GB")[language].text("sites.none_in_this_country")
    else:
        assert Formatter(language).country("MT") in note


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_printed_summary_says_no_site_yet_not_zero_sites(language):
    ctx = _context(language)
    row = next(country for country in views.handout(ctx).countries if country.name == Formatter(language).country("FR"))
    assert row.sites == cached_catalogues(en="en_GB")[language].text("summary.no_sites")
    assert not re.search(r"\d", row.sites)


# --- Catalogue checks --------------------------------------------------------------------


def _catalogues_with(tmp_path, language: str, old: str, new: str):
    directory = tmp_path / "messages"
    shutil.copytree(MESSAGES_DIR, directory)
    path = directory / f"{language}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_messages(LANGUAGES, directory)
    return [problem.split(": ", 1)[1] for problem in map(str, caught.value.problems)]


def test_an_unknown_form_is_reported(tmp_path):
    found = _catalogues_with(tmp_path, "fi", "käynnissä {countries:in}.", "käynnissä {countries:ine}.")
    assert found == [
        "status_line.recruiting: {countries:ine}: unknown form; this language has {countries:in}, {countries:from}"
    ]


def test_a_language_without_forms_cannot_ask_for_one(tmp_path):
    found = _catalogues_with(tmp_path, "da", "pause i {countries}.", "pause i {countries:in}.")
    assert found == [
        "status_line.suspended: {countries:in}: unknown form; this language writes {countries} without a form"
    ]


def test_only_texts_with_a_fallback_may_ask_for_a_form(tmp_path):
    found = _catalogues_with(tmp_path, "fi", "Kartassa näytetään {countries}.", "Kartassa näytetään {countries:in}.")
    assert found == [
        "map.description: {countries:in}: only a country's name in a status sentence or "
        "sites.none_in_country can take another form; write {countries}"
    ]
