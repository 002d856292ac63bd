"""A full build of the bundled trial into a temporary folder, checked page by page and language by language."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from helpers import LANGUAGES, PAGES, SEED, cached_catalogues, cached_trial, copy_project, read_page, run_mkdocs
from trialsite.grammar import country_form
from trialsite.locale_data import Formatter

pytestmark = pytest.mark.build

read = read_page


class _Collector(HTMLParser):
    """Collects tags with their attributes, and the text inside chosen elements."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def article(html: str) -> str:
    match = re.search(r"<article[^>]*>(.*)</article>", html, re.S)
    assert match
    return match.group(1)


def visible_text(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_exists_in_every_language(site, language, page):
    html = read(site, language, page)
    assert f'<html lang="{language}"' in html
    description = re.search(r'<meta name="description" content="([^"]+)"', html)
    assert description and len(description.group(1)) > 40


@pytest.mark.parametrize("page", PAGES)
def test_meta_descriptions_differ_between_languages(site, page):
    descriptions = {
        re.search(r'<meta name="description" content="([^"]+)"', read(site, lang, page)).group(1) for lang in LANGUAGES
    }
    assert len(descriptions) == len(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_language_selector_leads_to_the_same_page(site, language, page):
    tags = parse(read(site, language, page)).tags
    selector = {attrs["hreflang"]: attrs["href"] for tag, attrs in tags if tag == "a" and attrs.get("hreflang")}
    assert set(selector) == set(LANGUAGES)
    here = "http://127.0.0.1:8000/" + ("" if language == "en" else f"{language}/") + page
    for other, href in selector.items():
        path = urlsplit(urljoin(here, href)).path
        expected = "/" + ("" if other == "en" else f"{other}/") + page
        assert path == expected, (other, href)


def test_no_page_loads_anything_from_another_host(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 40
    for html_file in pages:
        for tag, attrs in parse(html_file.read_text(encoding="utf-8")).tags:
            rel = attrs.get("rel") or ""
            if tag == "link" and rel in ("canonical", "alternate"):
                continue  # addresses of this site, not resources
            for attribute in ("src", "href") if tag in ("script", "img", "iframe", "source", "link") else ():
                url = attrs.get(attribute) or ""
                host = urlsplit(url).hostname
                assert host in (None, "127.0.0.1"), f"{html_file}: <{tag} {attribute}={url}>"


def test_root_404_is_english(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html


def test_sitemap_has_absolute_addresses_for_every_language(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "None" not in sitemap
    for language in LANGUAGES:
        prefix = "" if language == "en" else f"{language}/"
        assert f"<loc>http://127.0.0.1:8000/{prefix}sites/</loc>" in sitemap


def test_site_name_comes_from_the_data_in_each_language(site):
    for language in LANGUAGES:
        title = re.search(r"<title>(.*?)</title>", read(site, language, "")).group(1)
        assert title.endswith(cached_trial(SEED).short_title[language].replace("&", "&amp;"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_all_criteria_are_on_the_eligibility_page(site, language):
    html = read(site, language, "eligibility/")
    for kind, count in (("inclusion", 14), ("exclusion", 15)):
        block = re.search(
            rf'<ol class="trial-criteria trial-criteria--{kind}"[^>]*>(.*?)</ol>\s*</div>|'
            rf'<ol class="trial-criteria trial-criteria--{kind}"[^>]*>(.*?)\n</ol>',
            html,
            re.S,
        )
        assert block, kind
        items = re.findall(rf'<li class="trial-criterion" id="{kind}-\d+">', block.group(0))
        assert len(items) == count, (kind, len(items))


@pytest.mark.parametrize("language", LANGUAGES)
def test_lab_values_use_the_language_decimal_sign(site, language):
    text = visible_text(article(read(site, language, "eligibility/")))
    sign = "." if language == "en" else ","
    for value in ("8.0", "1.0", "2.5", "1.5"):
        assert value.replace(".", sign) in text, value
    for number in ("75", "50", "30", "14", "24", "18", "40", "350"):
        assert re.search(rf"\b{number}\b", text), number


def test_key_localized_facts(site):
    assert "Norge" in visible_text(article(read(site, "da", "sites/")))
    finnish_sites = visible_text(article(read(site, "fi", "sites/")))
    assert "Tanska" in finnish_sites and "20. toukokuuta 2026" in finnish_sites
    assert "20. mai 2026" in visible_text(article(read(site, "no", "sites/")))
    assert "20 May 2026" in visible_text(article(read(site, "en", "")))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_fact_of_the_source_reaches_every_language(site, language):
    fmt = Formatter(language, "en_GB" if language == "en" else None)
    about = visible_text(article(read(site, language, "")))
    schedule = visible_text(article(read(site, language, "schedule/")))
    sites = visible_text(article(read(site, language, "sites/")))
    facts = visible_text(article(read(site, language, "facts/")))

    assert "2025-522114-23-00" in facts and "64007957MMY2022" in facts
    assert "https://euclinicaltrials.eu/" in read(site, language, "facts/")
    for site_entry in cached_trial(SEED).sites:
        assert site_entry.name.get(language) in sites and site_entry.city.get(language) in sites
    for code in ("DK", "EE", "FI", "NO"):
        # The About page's status sentence may give the name in another form (Suomi: Suomessa).
        in_form = country_form(language, code, fmt.country(code), "in") or fmt.country(code)
        assert fmt.country(code) in sites and in_form in about
    assert fmt.date(cached_trial(SEED).recruitment[0].start.date) in sites
    # Doses keep number and unit together with a no-break space.
    schedule_html = read(site, language, "schedule/")
    assert re.search(r"\b1(\u00a0|&nbsp;)mg/kg", schedule_html) and re.search(r"\b1(\u00a0|&nbsp;)mg\b", schedule_html)
    assert re.search(r"\b12\b", schedule) and re.search(r"\b24\b", schedule)
    for drug in cached_trial(SEED).drugs:
        assert drug.name[language].lower() in about.lower()
    for related in cached_trial(SEED).related_trials:
        assert visible_text(related.title[language]) in facts
    # The phase label, the source's "Therapeutic exploratory (Phase II)" in this language, on the
    # About page and the facts page.
    label = cached_catalogues()[language].text("phase.phase2")
    assert label in about and label in facts and "II" in label
    # Finland takes part but has no site yet: the page says so.
    assert fmt.country("FI") in sites


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_headings_reach_the_table_of_contents(site, language):
    html = read(site, language, "sites/")
    fmt = Formatter(language)
    toc = re.search(r'<nav class="md-nav md-nav--secondary"(.*?)</nav>', html, re.S).group(1)
    for code in ("DK", "EE", "FI", "NO"):
        assert f'href="#sites-{code.lower()}"' in toc
        assert fmt.country(code) in toc


def test_generated_content_is_part_of_the_page_itself(site):
    # No script builds content in the browser: what search engines and screen readers get is the HTML.
    html = read(site, "fi", "sites/")
    assert "Odense University Hospital" in article(html) and "Tanska" in article(html)


def test_no_site_search_is_shipped(site):
    # Decided with the benchmark's figures (ARCHITECTURE.md, "Site search").
    assert not (site / "search").exists()
    assert "md-search" not in read(site, "en", "")


def test_a_trial_in_other_countries_builds_with_localized_names(tmp_path):
    data = SEED.read_text(encoding="utf-8").replace("country: EE", "country: SE").replace("country: DK", "country: FR")
    data = data.replace("- country: FI", "- country: DE")
    project = copy_project(tmp_path / "project", data)
    result = run_mkdocs(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    finnish = visible_text(article((tmp_path / "out" / "fi" / "sites" / "index.html").read_text(encoding="utf-8")))
    for name in ("Ruotsi", "Ranska", "Saksa", "Norja"):
        assert name in finnish
    estonian = visible_text(article((tmp_path / "out" / "et" / "index.html").read_text(encoding="utf-8")))
    assert "Rootsi" in estonian and "Prantsusmaa" in estonian


def test_theme_scripts_the_site_does_not_load_are_not_published(site):
    # Material's bundle, search worker and lunr, its stylesheets and its favicon: overrides/main.html
    # loads only assets/trial.js, assets/trial.css and the trial's logo (mkdocs.yml extra.trial.brand).
    assert not (site / "assets" / "javascripts").exists()
    assert not (site / "assets" / "stylesheets").exists()
    assert not (site / "assets" / "images" / "favicon.png").exists()
    assert not list(site.rglob("*.map"))
    assert (site / "assets" / "logo.svg").is_file() and (site / "assets" / "trial.js").is_file()
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "javascripts/" not in html and "stylesheets/" not in html


def test_hospitals_are_in_the_structured_data_of_the_sites_page_only(site):
    import json

    def trial_data(language: str, page: str) -> dict:
        script = re.search(r'<script type="application/ld\+json">(.*?)</script>', read(site, language, page), re.DOTALL)
        return json.loads(script.group(1))

    for language in LANGUAGES:
        on_sites = [place for place in trial_data(language, "sites/")["studyLocation"] if place["@type"] == "Hospital"]
        assert len(on_sites) == len(cached_trial(SEED).sites) > 0
        for page in ("", "eligibility/", "facts/"):
            places = trial_data(language, page)["studyLocation"]
            assert [place for place in places if place["@type"] == "Hospital"] == []
            assert {place["identifier"] for place in places} == {
                entry.country for entry in cached_trial(SEED).recruitment
            }
