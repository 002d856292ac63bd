"""Visitor-facing fixes, checked in built pages: the glossary link leads to the page's own
language, identifiers do not break inside, the theme's interface strings are in each page's
language, and the language button says which language is shown.

Some tests build a variant of the data (module fixture `variant`) that has what they need
whatever trial data/trial.yaml holds: a marked term in brackets on the home page and the
schedule page, no published contact (the contact paragraph then prints the EU trial number),
an EU number of its own and a protocol code longer than a phone screen is wide.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from helpers import LANGUAGES, ROOT, SEED, cached_catalogues, cached_trial
from trialsite.loader import dump_yaml, load_yaml_bytes
from trialsite.locale_data import language_name

sys.path.insert(0, str(ROOT / "scripts"))
from static_server import StaticServer

pytestmark = pytest.mark.build

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
    data = load_yaml_bytes(SEED.read_bytes(), "data/trial.yaml").data
    # The sentence ends the summary (home page) and the first step (schedule page).
    for text in (data["summary"], data["schedule"]["steps"][0]["text"]):
        text.update({language: f"{text[language].rstrip()} {TERM_SENTENCE[language]}" for language in LANGUAGES})
    data["glossary"] = [entry for entry in data.get("glossary", []) if entry["id"] != TERM_ID]
    data["glossary"].append({"id": TERM_ID, "term": dict(TERM), "explanation": dict(EXPLANATION)})
    data["identifiers"] = {"eu_ct_number": EU_CT_NUMBER, "protocol_code": LONG_PROTOCOL_CODE}
    data["contact"] = {}
    return data


@pytest.fixture(scope="module")
def variant(built_sites) -> Path:
    return built_sites(dump_yaml(variant_data()))


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
        self.tags.append(
            (tag, attributes, self._in_article(), self._classes() + (attributes.get("class") or "").split())
        )
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
    assert [text for _, text in links] == [cached_catalogues()[language].text("glossary.more")]
    target = urlsplit(urljoin(here, links[0][0])).path
    assert target == "/" + PREFIX[language] + "glossary/"
    # ... and that page is the glossary, in this language.
    glossary = read(variant, language, "glossary/")
    assert f'<html lang="{language}"' in glossary and f'id="term-{TERM_ID}"' in glossary


# --- Identifiers do not break inside -------------------------------------------------------------


def printed_identifiers(site: Path, numbers: list[str]) -> dict[str, list[tuple[str, list[str]]]]:
    """Every piece of page text (not scripts) that holds one of ``numbers``, with the classes of
    the elements around it, per number."""
    found: dict[str, list[tuple[str, list[str]]]] = {number: [] for number in numbers}
    for page in sorted(site.rglob("*.html")):
        for text, classes, _, tags in elements(page.read_text(encoding="utf-8")).texts:
            if "script" in tags:
                continue  # the JSON-LD in the head
            for number in numbers:
                if number in text:
                    found[number].append((f"{page.relative_to(site)}: {text.strip()}", classes))
    return found


@pytest.mark.parametrize("which", ["bundled", "variant"])
def test_identifiers_are_printed_only_inside_their_nowrap_element(request, which):
    site = request.getfixturevalue("site" if which == "bundled" else "variant")
    identifiers = cached_trial(SEED).identifiers if which == "bundled" else None
    numbers = (
        [identifiers.eu_ct_number] + ([identifiers.protocol_code] if identifiers.protocol_code else [])
        if identifiers
        else [EU_CT_NUMBER, LONG_PROTOCOL_CODE]
    )
    found = printed_identifiers(site, numbers)
    for number, places in found.items():
        assert places, f"{number} is printed nowhere"
        outside = [place for place, classes in places if "trial-id" not in classes]
        assert outside == [], f"{number} printed outside .trial-id"
    if which == "variant":
        # No contact given: the contact paragraph (About and How to take part) names the EU number too.
        for language in LANGUAGES:
            contact = read(site, language, "contact/")
            assert re.search(r'<span class="trial-id">' + re.escape(EU_CT_NUMBER) + "</span>", contact), language


# Where each occurrence of `text` in the page text under `root` is drawn, for each width of root
# from 240 px (the text column of a 280 px wide screen) to 480 px: the widths at which it (with the
# character glued after it) spans more than one line, and at which it sticks out of root.
_HOW_TEXT_IS_DRAWN = r"""([root, text]) => {
  const ranges = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    for (let at = node.data.indexOf(text); at > -1; at = node.data.indexOf(text, at + 1)) {
      const range = document.createRange();
      const glued = node.data.length > at + text.length && !/\s/.test(node.data[at + text.length]);
      range.setStart(node, at); range.setEnd(node, at + text.length + (glued ? 1 : 0));
      ranges.push(range);
    }
  }
  const broken = [], outside = [];
  for (let width = 240; width <= 480; width += 4) {
    root.style.width = width + 'px';
    const right = root.getBoundingClientRect().right;
    for (const range of ranges) {
      const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(width);
      if (range.getBoundingClientRect().right > right + 1) outside.push(width);
    }
  }
  root.style.width = '';
  return {count: ranges.length, broken, outside};
}"""


@pytest.fixture(scope="module")
def variant_server(variant):
    with StaticServer(variant) as running:
        yield running


@pytest.mark.parametrize("language", LANGUAGES)
def test_identifiers_stay_whole_on_a_narrow_screen(visit, variant_server, language):
    for page in ("facts/", "contact/"):
        tab = visit(variant_server.url + PREFIX[language] + page, viewport={"width": 1280, "height": 800}).page
        article = tab.locator("article").element_handle()
        eu_number = tab.evaluate(_HOW_TEXT_IS_DRAWN, [article, EU_CT_NUMBER])
        assert eu_number["count"] >= 1
        assert eu_number["broken"] == [] and eu_number["outside"] == [], (page, eu_number)
        if page == "facts/":
            # Longer than the narrowest column: it breaks (anywhere) rather than stick out.
            code = tab.evaluate(_HOW_TEXT_IS_DRAWN, [article, LONG_PROTOCOL_CODE])
            assert code["count"] == 1 and code["outside"] == [] and code["broken"], code


# --- The theme's interface strings are in the page's language -----------------------------------

# Keys whose value is not words (the same in every language).
NEUTRAL_KEYS = {"direction", "search.config.pipeline", "search.config.separator"}
# Interface words that are the same in English and the page's language.
SAME_WORD = {"da": {"Navigation"}}  # Danish for "navigation" (Material's da.html)


def interface_strings(path: Path) -> dict[str, str]:
    return dict(re.findall(r'^\s*"([^"]+)": "((?:[^"\\]|\\.)*)",?$', path.read_text(encoding="utf-8"), re.M))


def material_languages() -> Path:
    import material

    return Path(material.__file__).parent / "templates" / "partials" / "languages"


def test_norwegian_has_every_interface_string_of_the_theme_in_norwegian():
    english = interface_strings(material_languages() / "en.html")
    norwegian = interface_strings(ROOT / "overrides" / "partials" / "languages" / "no.html")
    assert len(english) > 40
    assert sorted(norwegian) == sorted(english), "keys missing from (or unknown to) Material's en.html"
    assert norwegian["language"] == "no"
    assert [key for key in english if key not in NEUTRAL_KEYS and norwegian[key] == english[key]] == []


def outside_content(page_html: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(tag, attribute, value) of every label, title, alt text and placeholder outside <article>,
    and the texts outside <article> and scripts."""
    parsed = elements(page_html)
    attributes = [
        (tag, name, attrs[name])
        for tag, attrs, in_article, _ in parsed.tags
        if not in_article
        for name in ("aria-label", "title", "alt", "placeholder")
        if attrs.get(name, "").strip()
    ]
    texts = [
        " ".join(text.split())
        for text, _, in_article, tags in parsed.texts
        if not in_article and not {"script", "style", "title"} & set(tags)
    ]
    return attributes, texts


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
@pytest.mark.parametrize("page", ["", "schedule/"])
def test_labels_and_titles_outside_the_content_are_in_the_page_language(site, language, page):
    english_attributes, _ = outside_content(read(site, "en", page))
    attributes, texts = outside_content(read(site, language, page))
    assert [(tag, name) for tag, name, _ in attributes] == [(tag, name) for tag, name, _ in english_attributes]
    assert len(attributes) >= 5
    data_texts = {cached_trial(SEED).short_title[language]}  # the site name: the data's, not an interface string
    same = [
        (tag, name, value)
        for (tag, name, value), (_, _, english) in zip(attributes, english_attributes, strict=True)
        if value == english and value not in SAME_WORD.get(language, set()) | data_texts
    ]
    assert same == [], "English labels on a page in another language"
    # No text of the theme's in English either (the skip link, "Table of contents", "Next").
    theme_english = {
        value
        for key, value in interface_strings(material_languages() / "en.html").items()
        if key not in NEUTRAL_KEYS and key != "language"
    } - SAME_WORD.get(language, set())
    assert [text for text in texts if text in theme_english] == []
    assert [value for _, _, value in attributes if value in theme_english] == []


# --- The language button shows the language ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ["", "sites/"])
def test_language_button_shows_the_page_language(site, language, page):
    html = read(site, language, page)
    button = re.search(r'<button [^>]*class="[^"]*trial-languages__button[^"]*"[^>]*>(.*?)</button>', html, re.S)
    assert button, "the language button"
    assert "aria-label" not in button.group(0).split(">", 1)[0]  # its name is its text
    parsed = elements(button.group(1))
    shown = " ".join(text.strip() for text, classes, _, _ in parsed.texts if "trial-visually-hidden" not in classes)
    read_out = "".join(text for text, _, _, _ in parsed.texts)
    name = language_name(language)
    assert shown == name
    assert " ".join(read_out.split()) == cached_catalogues()[language].text("language_menu.button", language=name)
    # The list marks the current language and each name's language.
    current = re.findall(
        r'<a href="[^"]*" hreflang="(\w+)" lang="\1" class="md-select__link" aria-current="page">', html
    )
    assert current == [language]
