"""Visitor-facing fixes, checked in built pages: the glossary link leads to the page's own
language, identifiers do not break inside, the theme's interface strings are in each page's
language, and the language button says which language is shown.

Most tests build a variant of the data (module fixture `variant`) that has what they need
whatever trial data/trial.yaml holds: a marked term in brackets on the home page and the
schedule page, no published contact (the contact paragraph then prints the EU trial number),
an EU number of its own and a protocol code longer than a phone screen is wide.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from helpers import DATA, LANGUAGES, copy_project, run_mkdocs
from trialsite.loader import dump_yaml, load_yaml_bytes
from trialsite.messages import load_messages

pytestmark = pytest.mark.build

CATALOGUES = load_messages(LANGUAGES)
PREFIX = {language: "" if language == "en" else f"{language}/" for language in LANGUAGES}
BASE = "http://127.0.0.1:8000/"  # the site_url these builds use

TERM_ID = "fixture-term"
TERM = {"en": "TLA", "no": "TLA", "da": "TLA", "et": "TLA", "fi": "TLA"}
# A sentence per language with the term in brackets (the case of "multiple myeloma (RRMM)").
TERM_SENTENCE = {
    "en": "Doctors use a short name for this disease ([TLA](glossary:fixture-term)).",
    "no": "Legene bruker et kort navn på denne sykdommen ([TLA](glossary:fixture-term)).",
    "da": "Lægerne bruger et kort navn for denne sygdom ([TLA](glossary:fixture-term)).",
    "et": "Arstid kasutavad selle haiguse kohta lühendit ([TLA](glossary:fixture-term)).",
    "fi": "Lääkärit käyttävät tästä taudista lyhennettä ([TLA](glossary:fixture-term)).",
}
EXPLANATION = {
    "en": "A three-letter abbreviation.",
    "no": "En forkortelse på tre bokstaver.",
    "da": "En forkortelse på tre bogstaver.",
    "et": "Kolmetäheline lühend.",
    "fi": "Kolmikirjaiminen lyhenne.",
}
EU_CT_NUMBER = "2031-987654-32-10"
LONG_PROTOCOL_CODE = "FIXTURE-PROTOCOL-2031-000123-EXTENSION-PART-B-COHORT-7"


def variant_data() -> dict:
    data = load_yaml_bytes(DATA.read_bytes(), "data/trial.yaml").data
    # The sentence ends the summary (home page) and the first step (schedule page).
    for text in (data["summary"], data["schedule"]["steps"][0]["text"]):
        text.update({language: f"{text[language].rstrip()} {TERM_SENTENCE[language]}" for language in LANGUAGES})
    data["glossary"] = [entry for entry in data.get("glossary", []) if entry["id"] != TERM_ID]
    data["glossary"].append({"id": TERM_ID, "term": dict(TERM), "explanation": dict(EXPLANATION)})
    data["identifiers"] = {"eu_ct_number": EU_CT_NUMBER, "protocol_code": LONG_PROTOCOL_CODE}
    data["contact"] = {}
    return data


@pytest.fixture(scope="module")
def variant(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("variant")
    project = copy_project(root / "project", dump_yaml(variant_data()))
    site_dir = root / "site"
    result = run_mkdocs(project, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def read(site: Path, language: str, page: str) -> str:
    return (site / PREFIX[language] / page / "index.html").read_text(encoding="utf-8")


class _Elements(HTMLParser):
    """Start tags with their attributes, the classes of the elements around each piece of text,
    and whether the text is inside <article> (the page's own content)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.tags: list[tuple[str, dict[str, str], bool, list[str]]] = []
        self.texts: list[tuple[str, list[str], bool, list[str]]] = []

    def _classes(self) -> list[str]:
        return [name for _, attrs in self.stack for name in (attrs.get("class") or "").split()]

    def _in_article(self) -> bool:
        return any(tag == "article" for tag, _ in self.stack)

    def _tags(self) -> list[str]:
        return [tag for tag, _ in self.stack]

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes, self._in_article(), self._classes() + (attributes.get("class") or "").split()))
        if tag not in self.VOID:
            self.stack.append((tag, attributes))

    def handle_startendtag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes, self._in_article(), self._classes()))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if data.strip():
            self.texts.append((data, self._classes(), self._in_article(), self._tags()))


def elements(page_html: str) -> _Elements:
    parser = _Elements()
    parser.feed(page_html)
    return parser


# --- The "more words explained" link leads to the glossary in the page's language ---------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ["", "schedule/"])
def test_glossary_link_opens_the_glossary_in_the_page_language(variant, language, page):
    here = BASE + PREFIX[language] + page
    html = read(variant, language, page)
    assert 'class="trial-term"' in html, "the variant marks a term on this page"
    links = re.findall(r'<p class="trial-more-terms"><a href="([^"]*)">(.*?)</a></p>', html)
    assert [text for _, text in links] == [CATALOGUES[language].text("glossary.more")]
    target = urlsplit(urljoin(here, links[0][0])).path
    assert target == "/" + PREFIX[language] + "glossary/"
    # ... and that page is the glossary, in this language.
    glossary = read(variant, language, "glossary/")
    assert f'<html lang="{language}"' in glossary and f'id="term-{TERM_ID}"' in glossary
