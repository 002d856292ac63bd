"""Translations say the same numbers as English, in each language's own way, with the agreed terms."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from helpers import LANGUAGES, ROOT, SEED, cached_catalogues, cached_trial
from trialsite.facts import iter_texts
from trialsite.vocabulary import Phase, RecruitmentStatus, Route, SiteCategory

TRANSLATIONS = [language for language in LANGUAGES if language != "en"]
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
PAGES = sorted(path.name for path in (ROOT / "docs").glob("*.md"))


def numbers(text: str) -> Counter:
    return Counter(match.replace(",", ".") for match in NUMBER.findall(text))


def data_texts():
    return [(".".join(map(str, path)), texts) for path, texts in iter_texts(cached_trial(SEED))]


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
    for key, value in cached_catalogues()[language].entries.items():
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
    [
        ("en", "multiple myeloma"),
        ("no", "myelomatose"),
        ("da", "knoglemarvskræft (myelomatose)"),
        ("fi", "myelooma"),
        ("et", "hulgimüeloom"),
    ],
)
def test_the_disease_has_the_term_patients_meet(language, term):
    assert cached_trial(SEED).disease.name[language] == term
    assert term.split(" (")[0].lower() in cached_trial(SEED).summary[language].lower()


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_no_language_calls_the_disease_by_another_languages_term(language):
    foreign = {"no": "myelomatose", "da": "myelomatose", "fi": "myelooma", "et": "hulgimüeloom"}
    own = foreign[language]
    for _, texts in data_texts():
        for other_language, term in foreign.items():
            if term != own:
                assert term not in texts[language].lower(), (language, other_language, texts[language])


def test_every_code_has_a_label():
    english = cached_catalogues()["en"]
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


def _all_texts(language):
    """Every text a visitor reads in this language: the data's, the catalogue's and the pages'."""
    yield from (texts[language] for _, texts in data_texts())
    yield from (text for _, text in _catalogue_texts(language))
    yield from (_page_text(path) for path in (ROOT / "docs" / ("" if language == "en" else language)).glob("*.md"))


@pytest.mark.parametrize(
    ("language", "upper_case"), [("no", ("HIV", "AIDS")), ("da", ("HIV", "AIDS")), ("fi", ("AIDS",))]
)
def test_hiv_and_aids_follow_the_language_norm(language, upper_case):
    # Språkrådet and Dansk Sprognævn write hiv and aids in lower case, Kotus aids.
    for text in _all_texts(language):
        for word in upper_case:
            assert not re.search(rf"(?<![A-Za-z]){word}", text), (language, text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_sentences_are_sentences_not_a_label_and_a_list(language):
    for status in RecruitmentStatus:
        text = cached_catalogues()[language].entries[f"status_line.{status.value}"]
        assert not re.search(r":\s*\{countries", text) and not re.search(r"\{countries[^}]*\}\s*:", text), text


@pytest.mark.parametrize("language", LANGUAGES)
def test_site_groups_are_quoted_as_their_labels(language):
    # A group's name in the explanation is the label the badges show, with the same capitals.
    labels = {cached_catalogues()[language].text(f"sites.category.{category.value}") for category in SiteCategory}
    quoted = re.findall(r"[«»“”„\"]([^«»“”„\"]+)[«»“”\"]", cached_catalogues()[language].text("sites.category_help"))
    assert set(quoted) <= labels, quoted


ENGLISH_ONLY = {"no": "(på engelsk)", "da": "(på engelsk)", "et": "(inglise keeles)", "fi": "(englanniksi)"}


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_link_to_a_page_in_english_says_so(language):
    for path in (ROOT / "docs" / language).glob("*.md"):
        for match in re.finditer(r"\]\((https://[^)]*/en/[^)]*)\)", path.read_text(encoding="utf-8")):
            after = path.read_text(encoding="utf-8")[match.end() : match.end() + 30]
            assert after.lstrip().startswith(ENGLISH_ONLY[language]), (path.name, match.group(1))


def test_finnish_schedule_calls_its_steps_askel_not_vaihe():
    # "vaihe" is the trial's phase (vaihe II); a step of the schedule is "askel".
    page = _page_text(ROOT / "docs" / "fi" / "schedule.md")
    assert not re.search(r"\bvaihe", page, re.IGNORECASE) and "askel" in page.lower()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_schedule_page_leaves_counts_to_the_data(language):
    # The number of steps and cycles comes from data/trial.yaml, never from the page's own text.
    page = ROOT / "docs" / ("" if language == "en" else language) / "schedule.md"
    assert not re.search(r"\d", _page_text(page))
