"""Issue 14, point 6 ("What taking part means") and the compact status on the home page's first screen.

Built from the second test trial (tests/trials/second.yaml), the minimal fixture and small changes to
them made here, never from data/trial.yaml. What the page says about this trial comes from the data
and is shown only when given; what it says otherwise is the catalogue's, true of every trial.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from helpers import FIXTURES, LANGUAGES, ROOT, cached_catalogues, line_of, trial_problems
from trialsite.catalogue import load_messages
from trialsite.loader import load_yaml_bytes
from trialsite.render import Renderer
from trialsite.validation import load_trial_bytes, validate_trial
from trialsite.views import Context, lead, lead_status, status_lines, taking_part

SECOND_TEXT = (ROOT / "tests" / "trials" / "second.yaml").read_text(encoding="utf-8")
MINIMAL_TEXT = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
PREFIX = {language: "" if language == "en" else f"{language}/" for language in LANGUAGES}
RIGHTS = ("voluntary", "information", "questions", "consent", "stop", "care", "data")

# Made-up texts for the tests (each language's own words, so a test can tell them apart).
RISKS = {
    "en": "Risk text for the test: tiredness was common in an earlier study.",
    "no": "Risikotekst for testen: tretthet var vanlig i en tidligere studie.",
    "da": "Risikotekst til testen: træthed var almindeligt i et tidligere forsøg.",
    "et": "Testi riskitekst: väsimus oli varasemas uuringus sage.",
    "fi": "Testin riskiteksti: väsymys oli yleistä aiemmassa tutkimuksessa.",
}
COSTS = {
    "en": "Cost text for the test: the sponsor pays for your travel.",
    "no": "Kostnadstekst for testen: sponsoren betaler reisen din.",
    "da": "Udgiftstekst til testen: sponsoren betaler din transport.",
    "et": "Testi kulutekst: sponsor maksab sinu sõidu eest.",
    "fi": "Testin kuluteksti: toimeksiantaja maksaa matkasi.",
}


def yaml_text(name: str, texts: dict[str, str]) -> str:
    lines = [f"{name}:"] + [
        f'  {language if language != "no" else chr(34) + "no" + chr(34)}: "{text}"' for language, text in texts.items()
    ]
    return "\n".join(lines) + "\n"


def with_fields(text: str, *blocks: str) -> str:
    """The trial with top-level fields added before `disease:`."""
    assert text.count("\ndisease:\n") == 1
    return text.replace("\ndisease:\n", "\n" + "".join(blocks) + "\ndisease:\n", 1)


def without_sponsor_and_participants(text: str) -> str:
    assert 'sponsor: "Example Oncology AB"\n' in text and "  participants: 480\n" in text
    return text.replace('sponsor: "Example Oncology AB"\n', "", 1).replace("  participants: 480\n", "", 1)


def trial_of(text: str, languages: list[str] = LANGUAGES):
    return load_trial_bytes(text.encode("utf-8"), languages, "data/trial.yaml")


def section(trial, language: str, catalogues=None) -> str:
    return Renderer(Context(trial, (catalogues or cached_catalogues())[language])).section("taking_part")


def visible(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


SECOND = trial_of(SECOND_TEXT)
GIVEN = trial_of(with_fields(SECOND_TEXT, yaml_text("risks", RISKS), yaml_text("costs", COSTS)))
BARE = trial_of(without_sponsor_and_participants(SECOND_TEXT))


# --- Shown only when given, with a fallback otherwise ------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_risks_and_costs_from_the_data_are_shown_when_given(language):
    messages = cached_catalogues()[language]
    text = visible(section(GIVEN, language))
    assert RISKS[language] in text and COSTS[language] in text
    assert messages.text("takepart.risks.none_given") not in text
    assert messages.text("takepart.costs.none_given") not in text
    assert messages.text("takepart.ask_more") in text
    # The advice to report anything new holds in every trial: shown either way.
    assert messages.text("takepart.risks.during") in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_risks_or_costs_the_page_says_what_to_ask_and_invents_nothing(language):
    messages = cached_catalogues()[language]
    text = visible(section(SECOND, language))
    assert SECOND.risks is None and SECOND.costs is None
    for key in ("risks.none_given", "risks.during", "costs.none_given", "costs.ask_pay", "costs.ask_travel"):
        assert messages.text(f"takepart.{key}") in text, key
    assert RISKS[language] not in text and COSTS[language] not in text
    assert messages.text("takepart.ask_more") not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_sponsor_and_participants_are_shown_when_given(language):
    messages = cached_catalogues()[language]
    text = visible(section(SECOND, language))
    assert "Example Oncology AB" in text
    assert messages.plural("design.participants_count", 480) in text
    assert messages.text("takepart.organiser.not_given") not in text
    assert messages.text("takepart.organiser.register") not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_sponsor_or_participants_no_number_is_made_up_and_the_register_is_linked(language):
    messages = cached_catalogues()[language]
    markup = section(BARE, language)
    text = visible(markup)
    assert BARE.sponsor is None and BARE.design.participants is None
    assert text.count(messages.text("takepart.organiser.not_given")) == 2
    assert "Example Oncology AB" not in text and "480" not in text
    organiser = markup[markup.index("{ #organiser }") :]
    assert not re.search(r"\d", visible(organiser))  # no number at all (the register's address is in href)
    assert messages.text("takepart.organiser.register") in text
    assert "EUCT=2024-518830-41-00" in html.unescape(markup)


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_the_missing_fact_falls_back(language):
    messages = cached_catalogues()[language]
    only_sponsor_missing = trial_of(SECOND_TEXT.replace('sponsor: "Example Oncology AB"\n', "", 1))
    text = visible(section(only_sponsor_missing, language))
    assert text.count(messages.text("takepart.organiser.not_given")) == 1
    assert messages.plural("design.participants_count", 480) in text


# --- Visits and tests: a summary of the schedule --------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_visits_list_the_schedules_steps_and_each_groups_cycles(language):
    messages = cached_catalogues()[language]
    view = taking_part(Context(SECOND, messages))
    assert view.steps == [visible(step.title[language]) for step in SECOND.schedule.steps]
    groups = {facts.group: dict(facts.rows) for facts in view.cycles}
    assert set(groups) == {arm.label[language] for arm in SECOND.arms}
    group_a, group_b = (groups[arm.label[language]] for arm in SECOND.arms)
    assert group_a[messages.text("arms.cycle_length")] == messages.plural("arms.days", 28)
    assert group_a[messages.text("treatment.cycles_planned")] == messages.plural("treatment.cycles", 13)
    assert group_a[messages.text("treatment.cycles_maximum")] == messages.plural("treatment.up_to_cycles", 26)
    assert group_b[messages.text("arms.cycle_length")] == messages.plural("arms.days", 21)
    assert messages.text("treatment.cycles_maximum") not in group_b  # the data gives no maximum for group B
    markup = section(SECOND, language)
    steps = re.search(r'<ol class="trial-taking-part__steps">(.*?)</ol>', markup, re.S).group(1)
    assert [visible(item) for item in re.findall(r"<li>(.*?)</li>", steps, re.S)] == view.steps
    assert re.search(r'<a class="trial-action" href="\.\./schedule/">', markup)


def test_visits_of_a_trial_without_groups_give_the_studys_cycles():
    catalogues = load_messages(["en", "fi"])
    trial = trial_of(MINIMAL_TEXT, ["en", "fi"])
    for language in ("en", "fi"):
        messages = catalogues[language]
        view = taking_part(Context(trial, messages))
        assert [facts.group for facts in view.cycles] == [None]
        assert dict(view.cycles[0].rows) == {
            messages.text("treatment.cycles_planned"): messages.plural("treatment.cycles", 6),
            messages.text("treatment.cycles_maximum"): messages.plural("treatment.up_to_cycles", 12),
        }
        assert view.steps == [trial.schedule.steps[0].title[language]]
        # The minimal fixture names no sponsor and no number of participants, and has no risks or costs.
        assert view.sponsor is None and view.participants is None and view.risks is None and view.costs is None


def test_a_schedule_without_cycles_shows_no_treatment_length():
    text = (
        MINIMAL_TEXT.replace("  cycles:\n    planned: 6\n    maximum: 12\n", "", 1)
        .replace("for {cycles.planned} cycles", "for a while")
        .replace(", {cycles.planned} hoitojaksoa", "")
    )
    trial = trial_of(text, ["en", "fi"])
    catalogues = load_messages(["en", "fi"])
    assert taking_part(Context(trial, catalogues["en"])).cycles == []
    assert catalogues["en"].text("takepart.visits.treatment") not in visible(section(trial, "en", catalogues))


# --- Rights: the same in every trial, in every language -----------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_rights_are_listed_in_every_language(language):
    messages, english = cached_catalogues()[language], cached_catalogues()["en"]
    rights = re.search(r'<ul class="trial-rights">(.*?)</ul>', section(SECOND, language), re.S).group(1)
    items = [visible(item) for item in re.findall(r"<li>(.*?)</li>", rights, re.S)]
    assert items == [messages.text(f"takepart.rights.{name}") for name in RIGHTS]
    if language != "en":
        assert not set(items) & {english.text(f"takepart.rights.{name}") for name in RIGHTS}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_new_text_is_written_in_every_language(language):
    english = cached_catalogues()["en"].entries
    keys = [key for key in english if key.startswith("takepart.")]
    assert len(keys) >= 25
    for key in keys:
        assert cached_catalogues()[language].has(key), key
        if language != "en" and " " in english[key] and "{" not in english[key]:
            assert cached_catalogues()[language].text(key) != english[key], key


# --- The data check: the new fields, with file and line ------------------------------------------


problems = trial_problems


def test_risks_missing_a_language_is_reported_with_its_line():
    short = {language: text for language, text in RISKS.items() if language != "fi"}
    text = with_fields(SECOND_TEXT, yaml_text("risks", short))
    assert problems(text) == [
        f"data/trial.yaml:{line_of(text, 'risks:')}:1: risks: missing the text in fi; "
        "every text needs all of: en, no, da, et, fi"
    ]


def test_risks_as_one_plain_line_is_reported():
    text = with_fields(SECOND_TEXT, 'risks: "Tiredness."\n')
    assert problems(text) == [
        f"data/trial.yaml:{line_of(text, 'risks:')}:8: risks: expected a group of fields (name: value lines), "
        'got the text "Tiredness."'
    ]


def test_costs_with_an_insecure_link_is_reported():
    costs = dict(COSTS, en="Read [the rules](http://example.org/travel).")
    text = with_fields(SECOND_TEXT, yaml_text("costs", costs))
    line = line_of(text, "http://example.org/travel")
    assert problems(text) == [
        f'data/trial.yaml:{line}:7: costs.en: has the link "http://example.org/travel"; '
        "write https:// (secure) addresses only"
    ]


def test_the_new_fields_are_in_the_model_and_optional():
    trial = validate_trial(load_yaml_bytes(SECOND_TEXT.encode(), "data/trial.yaml"), LANGUAGES)
    assert trial.risks is None and trial.costs is None
    assert GIVEN.risks == RISKS and GIVEN.costs == COSTS


# --- The first screen: one line per status when countries differ --------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_countries_that_differ_get_one_line_per_status_naming_every_country_once(language):
    messages = cached_catalogues()[language]
    ctx = Context(SECOND, messages)
    lines, complete = lead_status(ctx)
    assert not complete and len(status_lines(ctx)) > len(lines)
    statuses = [line.status_code for line in lines]
    assert len(statuses) == len(set(statuses)) == len({entry.status for entry in SECOND.recruitment})
    assert statuses[0] == "recruiting" and statuses[-1] == "withdrawn"
    for entry in SECOND.recruitment:
        name = messages.formatter.country(entry.country)
        holding = [line for line in lines if name in line.text]
        assert len(holding) == 1 and holding[0].status_code == entry.status.value, name
        assert holding[0].text.startswith(messages.text(f"status.{entry.status.value}"))
    view = lead(ctx)
    assert view.details is not None and view.details.href == "sites/#recruitment"
    assert view.details.label == messages.text("takepart.lead_details")


@pytest.mark.parametrize("language", LANGUAGES)
def test_countries_that_share_a_sentence_keep_it_complete_without_a_link(language):
    # Every country of the second trial made to share one status and one start date, without notes.
    first = SECOND.recruitment[0]
    shared = SECOND.model_copy(
        update={
            "recruitment": [
                entry.model_copy(update={"status": first.status, "start": first.start, "end": None, "note": None})
                for entry in SECOND.recruitment
            ]
        }
    )
    ctx = Context(shared, cached_catalogues()[language])
    lines, complete = lead_status(ctx)
    assert complete and lines == status_lines(ctx) and len(lines) == 1
    assert lead(ctx).details is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_countries_without_a_site_are_named_in_one_sentence(language):
    messages = cached_catalogues()[language]
    bare = SECOND.model_copy(update={"sites": [site for site in SECOND.sites if site.country not in ("FI", "EE")]})
    no_sites = lead(Context(bare, messages)).no_sites
    assert len(no_sites) == 1
    for code in ("FI", "EE"):
        assert messages.formatter.country(code)[:4] in no_sites[0]  # perhaps in another case ("Suomesta")
    assert messages.formatter.country("NO")[:4] not in no_sites[0]  # withdrawn: not taking part


# --- The built page ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(built_sites) -> Path:
    """The second trial with risks and costs given and no sponsor, built strictly."""
    return built_sites(
        with_fields(
            SECOND_TEXT.replace('sponsor: "Example Oncology AB"\n', "", 1),
            yaml_text("risks", RISKS),
            yaml_text("costs", COSTS),
        )
    )


def read(site: Path, language: str, name: str = "") -> str:
    return (site / PREFIX[language] / name / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_is_built_linked_from_the_home_page_and_the_menu(built, language):
    messages = cached_catalogues()[language]
    page = read(built, language, "taking-part")
    article = re.search(r"<article[^>]*>(.*)</article>", page, re.S).group(1)
    text = visible(article)
    for part in ("visits", "risks", "costs", "rights", "organiser"):
        assert f'id="{part}"' in article, part
    assert RISKS[language] in text and COSTS[language] in text
    assert messages.text("takepart.organiser.not_given") in text  # no sponsor in this build
    assert messages.plural("design.participants_count", 480) in text
    # The schedule link works from the page's own address.
    assert (built / PREFIX[language] / "schedule" / "index.html").is_file()
    home = read(built, language)
    home_article = re.search(r"<article[^>]*>(.*)</article>", home, re.S).group(1)
    assert 'href="taking-part/"' in home_article
    # The first screen's link to every country's dates lands on the recruitment table.
    assert '<a href="sites/#recruitment">' in home_article
    sites = read(built, language, "sites")
    assert re.search(r'id="recruitment"[^>]*>.*?<table', sites, re.S)
    # In the menu of the other pages, in this language, by the page's title.
    title = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S).group(1).strip()
    for name, link in (("", "taking-part/"), ("sites", "../taking-part/")):
        entry = re.search(
            rf'<a href="{re.escape(link)}" class="md-nav__link">(.*?)</a>', read(built, language, name), re.S
        )
        assert entry and title in entry.group(1), name


# --- In a browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_server(served, built):
    return served(built)


@pytest.mark.parametrize("name", ["taking-part/", ""])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_and_the_compact_home_page_are_axe_clean(visit, built_server, language, name):
    from conftest import run_axe

    seen = visit(built_server.url + PREFIX[language] + name, viewport={"width": 390, "height": 844})
    assert run_axe(seen.page) == []
    assert seen.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not seen.failed and not seen.errors
