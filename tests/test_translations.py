"""Translations say the same numbers as English, in each language's own way, with the agreed terms."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from helpers import DATA, LANGUAGES, ROOT
from trialsite.messages import load_messages
from trialsite.validation import iter_texts, load_trial
from trialsite.vocabulary import Phase, RecruitmentStatus, Route, SiteCategory

TRIAL = load_trial(DATA, LANGUAGES)
CATALOGUES = load_messages(LANGUAGES)
TRANSLATIONS = [language for language in LANGUAGES if language != "en"]
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
PAGES = sorted(path.name for path in (ROOT / "docs").glob("*.md"))


def numbers(text: str) -> Counter:
    return Counter(match.replace(",", ".") for match in NUMBER.findall(text))


def data_texts():
    return [(".".join(map(str, path)), texts) for path, texts in iter_texts(TRIAL)]


@pytest.mark.parametrize(("path", "texts"), data_texts(), ids=[path for path, _ in data_texts()])
def test_every_translation_of_a_data_text_has_the_english_numbers(path, texts):
    english = numbers(texts["en"])
    for language in TRANSLATIONS:
        assert numbers(texts[language]) == english, (language, texts[language])


@pytest.mark.parametrize(("path", "texts"), data_texts(), ids=[path for path, _ in data_texts()])
def test_decimal_sign_is_the_language_own(path, texts):
    assert not re.search(r"\d,\d", texts["en"])
    for language in TRANSLATIONS:
        assert not re.search(r"\d\.\d", texts[language]), (language, texts[language])


def _catalogue_texts(language):
    for key, value in CATALOGUES[language].entries.items():
        for form in value.values() if isinstance(value, dict) else [value]:
            yield key, form


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_interface_texts_have_the_english_numbers(language):
    english = {key: numbers(text) for key, text in _catalogue_texts("en")}
    for key, text in _catalogue_texts(language):
        assert numbers(text) == english[key], (key, text)


def _page_text(path):
    # Markers and link targets are not text a translator writes.
    text = path.read_text(encoding="utf-8")
    return re.sub(r"<!--.*?-->|\]\([^)]*\)|\{ #[^}]*\}", "", text)


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize("page", PAGES)
def test_pages_have_the_english_numbers(language, page):
    english = numbers(_page_text(ROOT / "docs" / page))
    assert numbers(_page_text(ROOT / "docs" / language / page)) == english


@pytest.mark.parametrize(
    ("language", "term"),
    [("en", "multiple myeloma"), ("no", "myelomatose"), ("da", "knoglemarvskræft (myelomatose)"), ("fi", "myelooma"),
     ("et", "hulgimüeloom")],
)
def test_the_disease_has_the_term_patients_meet(language, term):
    assert TRIAL.disease.name[language] == term
    assert term.split(" (")[0].lower() in TRIAL.summary[language].lower()


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_no_language_calls_the_disease_by_another_languages_term(language):
    foreign = {"no": "myelomatose", "da": "myelomatose", "fi": "myelooma", "et": "hulgimüeloom"}
    own = foreign[language]
    for _, texts in data_texts():
        for other_language, term in foreign.items():
            if term != own:
                assert term not in texts[language].lower(), (language, other_language, texts[language])


def test_every_code_has_a_label():
    english = CATALOGUES["en"]
    for status in RecruitmentStatus:
        assert english.has(f"status.{status.value}") and english.has(f"status_help.{status.value}")
        assert english.has(f"status_line.{status.value}")
    for phase in Phase:
        assert english.has(f"phase.{phase.value}") and english.has(f"phase_help.{phase.value}")
    for route in Route:
        assert english.has(f"route.{route.value}")
    for category in SiteCategory:
        assert english.has(f"sites.category.{category.value}")


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_translations_are_not_left_in_english(language):
    same = [path for path, texts in data_texts() if texts[language] == texts["en"] and len(texts["en"]) > 25]
    assert same == []
