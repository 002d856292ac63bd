"""A second trial, different from the seed trial in every way issue 13 lists (tests/trials/second.yaml),
passes the check and the strict build, and its pages say what its data says in every language:
the comparator as the standard treatment, each group's cycle length, planned and actual dates, a
withdrawn country keyed apart on the map, no site groups, a derived site name and routes "not
stated". Nothing of the seed trial appears anywhere in its built site."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
from pathlib import Path

import pytest
from helpers import LANGUAGES, ROOT, SEED, cached_catalogues, cached_trial, copy_project
from trialsite.cli import main
from trialsite.validation import load_trial

pytestmark = pytest.mark.build

SECOND = ROOT / "tests" / "trials" / "second.yaml"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("second") / "project", SECOND.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(built_sites) -> Path:
    return built_sites(SECOND)


def page(site: Path, language: str, name: str) -> str:
    prefix = "" if language == "en" else f"{language}/"
    return (site / prefix / name / "index.html").read_text(encoding="utf-8")


def article(markup: str) -> str:
    return re.search(r"<article[^>]*>(.*)</article>", markup, re.S).group(1)


def visible(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def said(text: str) -> str:
    return " ".join(text.split())


def test_the_second_trial_passes_the_check(project, monkeypatch):
    monkeypatch.chdir(project)
    out, err = io.StringIO(), io.StringIO()
    assert main(["--config", "mkdocs.yml", "--no-build", "--today", "2026-11-30"], out=out, err=err) == 0, (
        err.getvalue()
    )
    assert "data/trial.yaml: no problems found (en, no, da, et, fi)." in out.getvalue()
    for language in LANGUAGES[1:]:
        assert f"  {language}: all translated" in out.getvalue()


def test_the_second_trial_differs_where_the_issue_says():
    assert (
        cached_trial(SECOND).phase.value == "phase3"
        and cached_trial(SECOND).short_title is None
        and not cached_trial(SECOND).related_trials
        and not cached_trial(SECOND).glossary
    )
    assert cached_trial(SECOND).design.allocation.value == "randomised" and cached_trial(SECOND).design.ratio == "1:1"
    assert {arm.role.value for arm in cached_trial(SECOND).arms} == {"experimental", "active_comparator"}
    assert {arm.cycle_days for arm in cached_trial(SECOND).arms} == {28, 21}
    assert [arm.medicines for arm in cached_trial(SECOND).arms if arm.role.value == "active_comparator"] == [
        ["daratumumab", "bortezomib", "dexamethasone"]
    ]
    assert {site.country for site in cached_trial(SECOND).sites} == {"SE", "DE", "DK", "FI", "EE"}
    statuses = {entry.country: entry.status.value for entry in cached_trial(SECOND).recruitment}
    assert statuses["NO"] == "withdrawn" and statuses["DK"] == "active_not_recruiting"
    assert all(
        criterion.question is None
        for kind in ("inclusion", "exclusion")
        for criterion in getattr(cached_trial(SECOND).eligibility, kind)
    )
    assert {drug.id for drug in cached_trial(SECOND).drugs if drug.route is None} == {"bortezomib", "dexamethasone"}
    assert all(site.category is None for site in cached_trial(SECOND).sites)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_comparator_is_the_standard_treatment_not_a_study_medicine(built, language):
    home = article(page(built, language, ""))
    order = [
        home.index(marker)
        for marker in (
            'id="medicines"',
            'id="drug-elranatamab"',
            'id="compared-with"',
            'id="drug-daratumumab"',
            'id="drug-bortezomib"',
            'id="drug-dexamethasone"',
        )
    ]
    assert order == sorted(order)
    heading = re.search(r'<h2 id="compared-with">(.*?)<', home).group(1)
    assert html.unescape(heading) == cached_catalogues()[language].text("drugs_compared.heading_standard")
    names = {drug.id: drug.name[language] for drug in cached_trial(SECOND).drugs}
    formatter = cached_catalogues()[language].formatter
    comparison = cached_catalogues()[language].text(
        "compare.active_comparator",
        tested=names["elranatamab"],
        standard=formatter.join([names["daratumumab"], names["bortezomib"], names["dexamethasone"]]),
    )
    # The home page's design section and the summary say what is tested against what.
    assert said(comparison) in visible(home)
    summary = article(page(built, language, "summary"))
    tests = visible(re.search(r'id="summary-tests".*?<p>(.*?)</p>', summary, re.S).group(1))
    assert said(comparison) in tests
    assert names["elranatamab"] in tests.split(said(comparison))[0]
    assert names["daratumumab"] not in tests.split(said(comparison))[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_group_shows_its_own_cycle_length(built, language):
    schedule = article(page(built, language, "schedule"))
    messages = cached_catalogues()[language]
    group_a = visible(re.search(r'id="arm-a">(.*?)</div>\s*<div class="trial-arm', schedule, re.S).group(1))
    group_b = visible(re.search(r'id="arm-b">(.*?)</dl>', schedule, re.S).group(1))
    assert messages.plural("arms.days", 28) in group_a and messages.plural("arms.days", 21) in group_b
    assert messages.plural("arms.days", 21) not in group_a
    assert messages.text("arms.role.active_comparator") in group_b
    assert said(messages.text("allocation.randomised")) in visible(schedule)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_say_planned_start_and_recruitment_ended(built, language):
    messages, date = cached_catalogues()[language], cached_catalogues()[language].formatter.date
    planned = messages.text("dates.start_planned", date=date(dt.date(2027, 1, 15)))  # Finland
    ended = messages.text("dates.end_actual", date=date(dt.date(2026, 10, 30)))  # Denmark
    planned_end = messages.text("dates.end_planned", date=date(dt.date(2027, 6, 30)))  # Germany
    # The home page's first screen names each status once (its countries differ in dates and notes) and
    # links to the recruitment table, which has every country's dates.
    for name in ("sites", "summary"):
        text = visible(article(page(built, language, name)))
        assert planned in text and ended in text and planned_end in text, name
    assert 'href="sites/#recruitment"' in page(built, language, "")
    # Norway's note says why it is not taking part.
    assert said(cached_trial(SECOND).recruitment[5].note[language]) in visible(article(page(built, language, "sites")))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_withdrawn_country_is_drawn_and_keyed_apart(built, language):
    sites = article(page(built, language, "sites"))
    svg = re.search(r'<svg class="trial-map__svg".*?</svg>', sites, re.S).group(0)
    assert re.search(r'<path class="trial-map__country trial-map__country--withdrawn" d="M[^"]+"/>', svg)
    assert re.search(r'<path class="trial-map__country" d="M[^"]+"/>', svg)
    legend = re.search(r'<figcaption class="trial-map__legend">(.*?)</figcaption>', sites, re.S).group(1)
    entries = [visible(item) for item in re.findall(r"<li>(.*?)</li>", legend, re.S)]
    assert cached_catalogues()[language].text("map_key.withdrawn") in entries
    assert cached_catalogues()[language].text("map.country") in entries
    withdrawn_item = next(
        item
        for item in re.findall(r"<li>(.*?)</li>", legend, re.S)
        if cached_catalogues()[language].text("map_key.withdrawn") in visible(item)
    )
    assert "trial-map__country--withdrawn" in withdrawn_item


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_site_group_text_without_site_groups(built, language):
    sites = page(built, language, "sites")
    messages = cached_catalogues()[language]
    assert said(messages.text("sites.category_help")) not in visible(sites)
    for category in ("verified_recommended", "verified"):
        label = messages.text(f"sites.category.{category}")
        assert said(messages.text("sites.category_empty", category=label)) not in visible(sites)
    assert "trial-badge--verified" not in sites


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_site_name_is_derived_from_the_study_medicine(built, language):
    name = cached_catalogues()[language].text(
        "website_name.derived", medicines=cached_trial(SECOND).drugs[0].name[language]
    )
    for each in ("", "sites", "facts"):
        title = html.unescape(re.search(r"<title>(.*?)</title>", page(built, language, each)).group(1))
        assert title.endswith(name), title
    assert cached_trial(SECOND).drugs[1].name[language] not in name


@pytest.mark.parametrize("language", LANGUAGES)
def test_routes_the_source_does_not_give_are_not_stated(built, language):
    messages = cached_catalogues()[language]
    home = article(page(built, language, ""))
    dexamethasone = home[home.index('id="drug-dexamethasone"') :]
    assert f"<dd>{html.escape(messages.text('route_not_stated.label'))}</dd>" in dexamethasone.split("</dl>")[0]
    assert messages.text("route_not_stated.inline") in visible(article(page(built, language, "schedule")))
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page(built, language, ""), re.S).group(1)
    )
    routes = {subject["name"]: subject.get("administrationRoute") for subject in data["studySubject"]}
    assert routes[cached_trial(SECOND).drugs[3].name[language]] is None
    assert routes[cached_trial(SECOND).drugs[0].name[language]] == messages.text("route.subcutaneous")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_related_trials_questions_or_glossary_entries(built, language):
    assert cached_catalogues()[language].text("related.none") in visible(article(page(built, language, "facts")))
    assert "trial-selfcheck" not in page(built, language, "eligibility")
    assert "trial-glossary__entry" not in page(built, language, "glossary")


def seed_facts() -> set[str]:
    """What identifies the seed trial: its drug names (every language), identifiers, sites, related trials."""
    seed = load_trial(SEED, LANGUAGES)
    facts = {seed.identifiers.eu_ct_number, seed.identifiers.protocol_code}
    facts |= {name for drug in seed.drugs for name in drug.name.values()}
    facts |= {name for site in seed.sites for _, name in site.name.names}
    facts |= {"JNJ-79635322"}  # the related trials' medicine
    return {fact for fact in facts if fact}


def test_nothing_of_the_seed_trial_appears_in_the_second_trials_site(built):
    checked = seed_facts()
    assert len(checked) >= 12
    assert {"2025-522114-23-00", "teclistamab", "pomalidomide", "Oslo Universitetssykehus HF"} <= checked
    found = []
    for path in built.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".js", ".svg"):
            text = path.read_text(encoding="utf-8", errors="replace").casefold()
            found += [(path.relative_to(built).as_posix(), fact) for fact in checked if fact.casefold() in text]
    assert found == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_seed_trial_says_planned_start(site, language):
    # The seed trial (not yet recruiting, start 20 May 2026 written as a plain date): a planned start.
    planned = cached_catalogues()[language].text(
        "dates.start_planned", date=cached_catalogues()[language].formatter.date(dt.date(2026, 5, 20))
    )
    for name in ("", "sites", "summary"):
        assert planned in visible(article(page(site, language, name))), name
    table = re.search(r'<table class="trial-recruitment">.*?</table>', page(site, language, "sites"), re.S).group(0)
    assert visible(table).count(planned) == 4
