"""Issue 14, items 1 and 3: the home page's first screen (who the study is for, the status in each
country, three actions, all within the first 844 px of a 390 px wide phone) and "How to take part"
(how patients in each country reach the trial, its sites there, the EU number to quote and the
register link). Built from the seed trial and the second test trial, never data/trial.yaml."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import run_axe
from helpers import LANGUAGES, ROOT, SEED, cached_catalogues, cached_trial
from trialsite.views import first_sentence

pytestmark = pytest.mark.build

SECOND = ROOT / "tests" / "trials" / "second.yaml"
PREFIX = {language: "" if language == "en" else f"{language}/" for language in LANGUAGES}


@pytest.fixture(scope="module")
def second_site(built_sites) -> Path:
    return built_sites(SECOND)


def page(site: Path, language: str, name: str = "") -> str:
    return (site / PREFIX[language] / name / "index.html").read_text(encoding="utf-8")


def visible(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def take_part_section(markup: str) -> str:
    found = re.search(r'<div class="trial-take-part">(.*?)</div>', markup, re.S)
    assert found, "the page has no take-part section"
    return found.group(1)


def country_parts(section: str) -> dict[str, str]:
    """Each country's part of the section, by country code."""
    return dict(
        re.findall(
            r'<section class="trial-take-part__country" aria-labelledby="take-part-([a-z]{2})">(.*?)</section>',
            section,
            re.S,
        )
    )


# --- Who it is for ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("This study is for adults. It tests a medicine.", "This study is for adults."),
        ("A dose of 1.5 mg is given. Then more.", "A dose of 1.5 mg is given."),
        ("One paragraph only", "One paragraph only"),
        ("First line of the first paragraph.\n\nSecond paragraph.", "First line of the first paragraph."),
        ("Is this for you? Read on.", "Is this for you?"),
    ],
)
def test_first_sentence(text, first):
    assert first_sentence(text) == first


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_opens_with_the_site_name_who_it_is_for_and_three_actions(second_site, language):
    trial = cached_trial(SECOND)
    markup = page(second_site, language)
    h1 = visible(re.search(r"<h1[^>]*>(.*?)</h1>", markup, re.S).group(1))
    registry_title = trial.title[language]
    assert h1 != registry_title and len(h1) < len(registry_title)
    lead = re.search(r'<div class="trial-lead">(.*?)</ul>\s*</div>', markup, re.S).group(1)
    # The second trial's summary starts with whom it is for; that sentence, and not the next, leads.
    paragraphs = trial.summary[language].split("\n\n")
    assert visible(re.search(r'<p class="trial-lead__for">(.*?)</p>', lead, re.S).group(1)) in paragraphs[0]
    assert paragraphs[1][:40] not in visible(lead)
    # Finland and Estonia take part, Estonia's site is listed, Finland has one too: no "no site" line.
    assert "trial-lead__no-site" not in lead
    links = re.findall(r'<a class="trial-action" href="([^"]+)">([^<]+)</a>', lead)
    assert [href for href, _ in links] == ["eligibility/", "sites/", "summary/"]
    assert [label for _, label in links] == [
        cached_catalogues()[language].text(f"lead.action.{name}") for name in ("eligibility", "sites", "summary")
    ]
    for href, _ in links:
        assert (second_site / PREFIX[language] / href / "index.html").is_file(), href
    # The registry title follows below, labelled.
    rest = markup[markup.index('<div class="trial-lead">') + len(lead) :]
    assert html.escape(registry_title, quote=False) in rest or registry_title in visible(rest)
    assert cached_catalogues()[language].text("lead.registry_title") in visible(rest)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_country_without_a_site_says_so_on_the_first_screen(site, language):
    # The seed trial lists no site in Finland.
    lead = re.search(r'<div class="trial-lead">(.*?)<ul class="trial-actions">', page(site, language), re.S).group(1)
    no_sites = re.findall(r'<p class="trial-lead__no-site">(.*?)</p>', lead, re.S)
    finland = cached_catalogues()[language].formatter.country("FI")
    assert len(no_sites) == 1
    assert finland[:4] in no_sites[0]  # the name, perhaps in another case ("Suomessa", "Soomes")


# --- How to take part ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "contact"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_take_part_says_how_in_each_country_with_its_sites_the_number_and_the_register(second_site, language, name):
    trial = cached_trial(SECOND)
    messages = cached_catalogues()[language]
    section = take_part_section(page(second_site, language, name))
    parts = country_parts(section)
    taking_part = [entry.country for entry in trial.recruitment if entry.status.value != "withdrawn"]
    status = {entry.country: entry.status.value for entry in trial.recruitment}
    assert sorted(parts) == sorted(code.lower() for code in taking_part)
    for code in taking_part:
        part = visible(parts[code.lower()])
        assert messages.formatter.country(code) in part
        key = f"take_part.country.{code}"
        if status[code] in ("active_not_recruiting", "terminated", "completed"):
            key = "take_part.closed"  # no one new can join there: no way in, what to do instead
        elif status[code] == "suspended":
            key = "take_part.paused"
        assert messages.text(key if messages.has(key) else "take_part.country_other") in part
        for site in trial.sites:
            if site.country == code:
                assert site.name.get(language) in part
                assert site.city.get(language) in part
    # Each country with its own way in gets its own text; the others (Sweden, Germany) the general one.
    # Denmark takes no one new in this trial (active, not recruiting): it says so instead.
    assert status["DK"] == "active_not_recruiting"
    assert messages.text("take_part.closed") in visible(parts["dk"])
    assert messages.text("take_part.country.DK") not in visible(parts["dk"])
    assert messages.text("take_part.country_other") in visible(parts["se"])
    assert len({messages.text(f"take_part.country.{code}") for code in ("NO", "DK", "EE", "FI")}) == 4
    # The number whole (no break at its hyphens) and the register entry in the page's language where offered.
    assert '<span class="trial-id">2024-518830-41-00</span>' in section
    register = re.search(r'<a href="([^"]+)">([^<]+)</a>', section)
    assert "EUCT=2024-518830-41-00" in html.unescape(register.group(1))
    assert register.group(1).startswith("https://euclinicaltrials.eu/")
    assert html.unescape(register.group(2)) == messages.text("identifiers.register_link")


@pytest.mark.parametrize("language", LANGUAGES)
def test_take_part_in_the_seed_trial_gives_norways_referral_and_finlands_missing_site(site, language):
    messages = cached_catalogues()[language]
    parts = country_parts(take_part_section(page(site, language)))
    assert set(parts) == {"dk", "ee", "fi", "no"}
    for code in ("DK", "EE", "FI", "NO"):
        assert messages.text(f"take_part.country.{code}") in visible(parts[code.lower()])
    assert "<li>" not in parts["fi"]  # no site listed in Finland: it says so instead of an empty list
    assert "Oslo" in visible(parts["no"])
    seed = cached_trial(SEED)
    assert f'<span class="trial-id">{seed.identifiers.eu_ct_number}</span>' in take_part_section(page(site, language))


# --- In a phone's first screen ---------------------------------------------------------------


@pytest.fixture(scope="module")
def second_server(served, second_site):
    return served(second_site)


@pytest.mark.parametrize("trial", ["seed", "second"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_status_and_actions_are_in_a_phones_first_screen_which_is_axe_clean(visit, request, language, trial):
    # The seed trial: one status sentence for all its countries. The second: six countries in four
    # statuses with different dates and notes (one withdrawn), shown one line per status.
    server = request.getfixturevalue("server" if trial == "seed" else "second_server")
    seen = visit(server.url + PREFIX[language], viewport={"width": 390, "height": 844})
    page_ = seen.page
    boxes = page_.evaluate("""() => [...document.querySelectorAll(
        '.trial-lead .trial-status__line, .trial-lead__no-site, .trial-lead__details a, .trial-lead .trial-action')]
        .map(element => {
        const box = element.getBoundingClientRect();
        return {cls: element.className, text: element.textContent, top: box.top, bottom: box.bottom, width: box.width};
    })""")
    assert sum("trial-action" in box["cls"] for box in boxes) == 3
    lines = [box for box in boxes if "trial-status__line" in box["cls"]]
    assert lines
    for box in boxes:
        assert 0 <= box["top"] and box["bottom"] <= 844 and box["width"] > 0, box
    assert page_.evaluate("document.documentElement.scrollWidth") <= 390
    # Every country's status is on the first screen: each country taking part or withdrawn is named.
    data = cached_trial(SEED if trial == "seed" else SECOND)
    said = " ".join(box["text"] for box in lines)
    for entry in data.recruitment:
        assert cached_catalogues()[language].formatter.country(entry.country)[:4] in said, entry.country
    if trial == "second":  # dates and notes differ between countries: the link to all of them is there too
        assert [box["text"] for box in boxes if box["cls"] == ""] == [
            cached_catalogues()[language].text("takepart.lead_details")
        ]
    else:  # the home page as a phone shows it is axe-clean too (the same load)
        assert run_axe(page_) == []
