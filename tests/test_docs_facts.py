"""The pages in docs/ hold no fact of one trial: facts come from the data, and a leftover is caught.

The trials here are test inputs: the seed trial (tests/trials/seed.yaml) and a made-up trial that
shares nothing with it (tests/fixtures/lung_trial.yaml), never data/trial.yaml.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import FIXTURES, LANGUAGES, ROOT, SEED, cached_catalogues, cached_trial
from trialsite.leftovers import TrialNames, leftovers, medicine_like
from trialsite.pages import PAGE_FACTS, fill_page_facts, read_page
from trialsite.site import SiteSettings, check_pages
from trialsite.views import Context, page_facts, study_medicines

LUNG = FIXTURES / "lung_trial.yaml"
WHERE = "pages get trial facts from the data (markers and {placeholders})"


def _settings(root: Path) -> SiteSettings:
    return SiteSettings(
        root=root, data_file="data/trial.yaml", docs_dir=root / "docs", languages=LANGUAGES, default_language="en"
    )


def _problems(root: Path, trial) -> list[str]:
    return [str(problem) for problem in check_pages(_settings(root), trial)]


@pytest.fixture
def docs_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


def _add_line(root: Path, page: str, text: str) -> int:
    """Append a paragraph to a page; its line number in the file."""
    path = root / "docs" / page
    content = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(content, encoding="utf-8")
    return content.count("\n")


# --- The shipped pages -----------------------------------------------------------------------


@pytest.mark.parametrize("source", [SEED, LUNG], ids=["seed", "lung"])
def test_the_shipped_pages_pass_the_check_with_any_trial(source):
    assert _problems(ROOT, cached_trial(source)) == []


def test_no_page_names_a_medicine_disease_city_site_or_identifier_of_the_seed_trial():
    """What the leftover check cannot see (a disease, a city outside CLDR) is looked for by name here."""
    names = {cached_trial(SEED).identifiers.eu_ct_number, cached_trial(SEED).identifiers.protocol_code}
    for drug in cached_trial(SEED).drugs:
        names |= {drug.id, *drug.name.values()}
    names |= {cached_trial(SEED).disease.name[language].split(" (")[0] for language in LANGUAGES}
    for site in cached_trial(SEED).sites:
        names |= {name for _, name in (*site.name.names, *site.city.names)}
    for page in (ROOT / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8").casefold()
        found = [name for name in names if re.search(rf"(?<!\w){re.escape(name.casefold())}", text)]
        assert found == [], page


# --- Leftovers: one made-up leftover of each kind, in a copied docs folder --------------------

LEFTOVERS = {
    "medicine": (
        "index.md",
        "Ask your doctor about teclistamab.",
        "names 'teclistamab', which is not a medicine of this trial",
    ),
    "medicine-finnish-partitive": (
        "fi/index.md",
        "Kysy lääkäriltä teklistamabia koskevasta tutkimuksesta.",
        "names 'teklistamabia', which is not a medicine of this trial",
    ),
    "medicine-estonian-comitative": (
        "et/schedule.md",
        "Ravi pomalidomiidiga kestab kaua.",
        "names 'pomalidomiidiga', which is not a medicine of this trial",
    ),
    "medicine-norwegian": (
        "no/contact.md",
        "I studien får du også bortezomib.",
        "names 'bortezomib', which is not a medicine of this trial",
    ),
    "eu-trial-number": (
        "facts.md",
        "Search the register for 2025-522114-23-00.",
        "names '2025-522114-23-00', which is not an identifier of this trial (an EU trial number)",
    ),
    "eudract-number": (
        "da/facts.md",
        "Det gamle nummer er 2019-001234-56.",
        "names '2019-001234-56', which is not an identifier of this trial (an EudraCT number)",
    ),
    "nct-number": (
        "fi/facts.md",
        "Tutkimus on myös rekisterissä NCT01234567.",
        "names 'NCT01234567', which is not an identifier of this trial (a ClinicalTrials.gov number)",
    ),
    "city": ("sites.md", "One site is in Oslo.", "names 'Oslo', which is not a city of this trial's sites"),
    "city-finnish-inessive": (
        "fi/sites.md",
        "Yksi tutkimuspaikka on Helsingissä.",
        "names 'Helsingissä', which is not a city of this trial's sites",
    ),
    "city-danish-name": (
        "da/sites.md",
        "Et af stederne ligger i København.",
        "names 'København', which is not a city of this trial's sites",
    ),
    "hospital": (
        "contact.md",
        "You can also call Herlev Hospital.",
        "names 'Herlev Hospital', which is not a site of this trial",
    ),
    "hospital-compound": (
        "da/contact.md",
        "Du kan også ringe til Rigshospitalet.",
        "names 'Rigshospitalet', which is not a site of this trial",
    ),
    "hospital-norwegian": (
        "no/sites.md",
        "Et av stedene er Sykehuset Østfold.",
        "names 'Sykehuset Østfold', which is not a site of this trial",
    ),
    "hospital-estonian": (
        "et/sites.md",
        "Üks keskus on Põhja-Eesti Regionaalhaigla.",
        "names 'Põhja-Eesti Regionaalhaigla', which is not a site of this trial",
    ),
    "hospital-finnish": (
        "fi/contact.md",
        "Voit soittaa myös Meilahden sairaalaan.",
        "names 'Meilahden sairaalaan', which is not a site of this trial",
    ),
}


@pytest.mark.parametrize("case", LEFTOVERS, ids=list(LEFTOVERS))
def test_a_leftover_of_another_trial_is_reported_with_its_line(case, docs_copy):
    page, text, message = LEFTOVERS[case]
    line = _add_line(docs_copy, page, text)
    assert _problems(docs_copy, cached_trial(LUNG)) == [f"docs/{page}:{line}:1: (page): {message}; {WHERE}"]


def test_a_leftover_in_the_description_is_reported_on_its_line(docs_copy):
    path = docs_copy / "docs" / "summary.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(
            r"^description: (.*)$",
            r"description: A summary of the study of pomalidomide.",
            text,
            count=1,
            flags=re.MULTILINE,
        ),
        encoding="utf-8",
    )
    assert _problems(docs_copy, cached_trial(LUNG)) == [
        f"docs/summary.md:3:1: description: names 'pomalidomide', which is not a medicine of this trial; {WHERE}"
    ]


ALLOWED = {
    # The data's own facts, in the page's language and case.
    "own-medicine": ("index.md", "The study tests velnotinib and ostrelumab."),
    "own-medicine-inflected": ("fi/index.md", "Tutkimuksessa testataan velnotinibia ja ostrelumabia."),
    "own-medicine-estonian": ("et/index.md", "Uuringus proovitakse velnotiniibi."),
    "own-identifier": ("facts.md", "The EU trial number is 2024-512345-67-00."),
    "own-city": ("sites.md", "One site is in Stockholm."),
    "own-city-in-cldr-finnish": ("fi/sites.md", "Yksi tutkimuspaikka on Tukholmassa."),
    "own-site": ("sites.md", "One site is Karolinska Universitetssjukhuset."),
    # Ordinary words that look like names.
    "ordinary-words": (
        "index.md",
        "Hospital names. Our hospital is near. A concept, except the virus; antiretroviral "
        "medicine in April. Status and statistics.",
    ),
    "ordinary-words-finnish": ("fi/index.md", "Jokainen sairaala. Parin viikon päästä. Samana päivänä."),
    "ordinary-words-estonian": ("et/index.md", "Iga haigla. Samal ajal. Kliinilise uuringu kohta."),
    "country-not-city": ("index.md", "The study is not in Romania or Luxembourg."),
}


@pytest.mark.parametrize("case", ALLOWED, ids=list(ALLOWED))
def test_what_the_data_holds_and_ordinary_words_pass(case, docs_copy):
    page, text = ALLOWED[case]
    _add_line(docs_copy, page, text)
    assert _problems(docs_copy, cached_trial(LUNG)) == []


def test_the_same_leftover_passes_when_the_data_holds_it(docs_copy):
    """The check compares with the data, not with a list: the seed trial's own names are fine with it."""
    _add_line(docs_copy, "fi/index.md", "Tutkimuksessa testataan teklistamabia ja pomalidomidia Oslossa.")
    assert _problems(docs_copy, cached_trial(SEED)) == []
    assert len(_problems(docs_copy, cached_trial(LUNG))) == 3


def test_medicine_stems_in_every_spelling():
    for word in (
        "docetaxel",
        "dosetakseli",
        "dotsetakseel",
        "doxorubicin",
        "doksorubisiini",
        "doksorubitsiin",
        "bortezomib",
        "bortetsomibi",
        "bortesomiib",
        "ritonaviirin",
        "enalapril",
        "deksametasonille",
    ):
        assert medicine_like(word), word
    for word in ("virus", "coronavirus", "contraceptive", "April", "platinum", "status", "parin", "clinical"):
        assert not medicine_like(word), word


def test_links_and_markers_are_not_read_as_text():
    names = TrialNames.of(cached_trial(LUNG), LANGUAGES)
    text = "<!-- trial:sites -->\n[the register](https://example.org/Oslo/teclistamab) { #oslo }\n"
    assert leftovers(text, names, "en") == []
    # An identifier in a link is a fact all the same.
    found = leftovers("[the register](https://example.org/?EUCT=2025-522114-23-00)", names, "en")
    assert [message.split(";")[0] for _, message in found] == [
        "names '2025-522114-23-00', which is not an identifier of this trial (an EU trial number)"
    ]


# --- Placeholders in titles and descriptions -------------------------------------------------


def test_unknown_placeholders_and_lone_braces_are_errors_with_their_line():
    source = read_page("---\ntitle: Study of {medicine}\ndescription: About {disease} {\n---\n\nText.\n", "x.md")
    known = ", ".join("{" + name + "}" for name in PAGE_FACTS)
    assert [(problem.line, problem.field, problem.message) for problem in source.problems] == [
        (2, "title", f'inserts "{{medicine}}", which is not a fact a page can insert; use {known}'),
        (3, "description", f"has a lone {{; braces only surround a fact to insert: {known}"),
    ]


def test_the_check_reports_an_unknown_placeholder_in_a_page(docs_copy):
    path = docs_copy / "docs" / "no" / "index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("{disease}", "{sykdom}"), encoding="utf-8")
    problems = _problems(docs_copy, cached_trial(LUNG))
    assert len(problems) == 1 and problems[0].startswith('docs/no/index.md:3:1: description: inserts "{sykdom}"')


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_placeholder_has_a_value_in_every_language(language):
    facts = page_facts(Context(cached_trial(LUNG), cached_catalogues()[language]))
    assert set(facts) == set(PAGE_FACTS)
    assert facts["disease"] == cached_trial(LUNG).disease.name[language]
    assert facts["steps"] == str(len(cached_trial(LUNG).schedule.steps))
    # The study medicines joined the way the language joins a list (CLDR).
    conjunction = {"en": "and", "no": "og", "da": "og", "et": "ja", "fi": "ja"}[language]
    assert (
        facts["medicines"]
        == f"{cached_trial(LUNG).drugs[0].name[language]} {conjunction} {cached_trial(LUNG).drugs[1].name[language]}"
    )
    assert fill_page_facts("A {disease} study ({short_title}).", facts) == (
        f"A {cached_trial(LUNG).disease.name[language]} study ({cached_trial(LUNG).short_title[language]})."
    )


def test_the_medicines_are_those_of_the_experimental_arms_when_the_trial_has_arms():
    drugs = [SimpleNamespace(id=name) for name in ("tested", "standard", "other")]
    arms = [
        SimpleNamespace(role=SimpleNamespace(value="experimental"), medicines=["tested"]),
        SimpleNamespace(role=SimpleNamespace(value="active_comparator"), medicines=["standard"]),
    ]
    assert [drug.id for drug in study_medicines(SimpleNamespace(drugs=drugs, arms=arms))] == ["tested"]
    assert [drug.id for drug in study_medicines(SimpleNamespace(drugs=drugs))] == ["tested", "standard", "other"]


# --- Built sites -------------------------------------------------------------------------------


def _page(site: Path, language: str, page: str) -> str:
    return (site / ("" if language == "en" else language) / page / "index.html").read_text(encoding="utf-8")


def _description(page_html: str) -> str:
    match = re.search(r'<meta name="description" content="([^"]*)"', page_html)
    assert match
    return html.unescape(match.group(1))


def _seed_names() -> set[str]:
    names = {cached_trial(SEED).identifiers.eu_ct_number, cached_trial(SEED).identifiers.protocol_code}
    for drug in cached_trial(SEED).drugs:
        names |= {drug.id, *drug.name.values()}
    for site in cached_trial(SEED).sites:
        names |= {name for _, name in (*site.name.names, *site.city.names)}
    return names


@pytest.fixture(scope="module")
def lung_site(built_sites) -> Path:
    return built_sites(LUNG)


@pytest.mark.build
def test_another_trials_site_holds_nothing_of_the_seed_trial(lung_site):
    names = _seed_names()
    pages = list(lung_site.rglob("*.html"))
    assert len(pages) >= 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = [name for name in names if re.search(rf"(?<!\w){re.escape(name)}", text, re.IGNORECASE)]
        assert found == [], page


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_descriptions_get_their_facts_from_the_data(lung_site, site, language):
    for built, trial in ((lung_site, cached_trial(LUNG)), (site, cached_trial(SEED))):
        description = _description(_page(built, language, ""))
        assert trial.disease.name[language] in description and "{" not in description


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_known_problems_come_from_the_data(lung_site, site, language):
    # The seed trial lists its known problems; the made-up trial has none and says so.
    seed_page = _page(site, language, "accessibility")
    for problem in cached_trial(SEED).known_problems:
        assert html.escape(problem[language], quote=False) in " ".join(seed_page.split())
    assert cached_catalogues()[language].text("known_problems_none") not in seed_page
    assert cached_catalogues()[language].text("known_problems_none") in _page(lung_site, language, "accessibility")


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_related_trials_are_introduced_with_the_datas_disease(lung_site, site, language):
    intro = cached_catalogues()[language].text("related_intro", disease=cached_trial(SEED).disease.name[language])
    assert html.escape(intro, quote=False) in _page(site, language, "facts")
    # No related trials: no sentence introducing them, only the note that there are none.
    lung = _page(lung_site, language, "facts")
    assert (
        cached_catalogues()[language].text("related_intro", disease=cached_trial(LUNG).disease.name[language])
        not in lung
    )
    assert html.escape(cached_catalogues()[language].text("related.none"), quote=False) in lung


def test_a_short_piece_of_a_drug_name_lets_no_other_medicine_through():
    drug = SimpleNamespace(id="anti-cd38", name={"en": "anti-CD38 antibody"})
    names = TrialNames.of(SimpleNamespace(drugs=[drug], sites=[], identifiers=None), LANGUAGES)
    assert not names.is_medicine("antitinib") and not names.is_medicine("cdmab")
    assert names.is_medicine("antibodies")
