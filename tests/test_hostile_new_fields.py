"""Attacks on what this session added: a site's own contact (department, phone, email, url), the
optional risks and costs texts, the self-check's data for its script, the map's labels, the new
catalogue texts and the new page. Each case is an attack that was tried; the ones that got through
were fixed where the input is checked, and stay here as regression tests.

Built on tests/fixtures/sites_page.yaml (five languages, invented hospitals); never the bundled trial.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import (
    FIXTURES,
    LANGUAGES,
    ROOT,
    build,
    cached_catalogues,
    copy_project,
    line_of,
    replace_once,
    trial_problems,
)
from trialsite.catalogue import load_messages
from trialsite.pages import check_page, page_extensions
from trialsite.problems import CatalogueError
from trialsite.render import Renderer, Stash
from trialsite.validation import load_trial_bytes
from trialsite.views import Context

FIXTURE = (FIXTURES / "sites_page.yaml").read_text(encoding="utf-8")
QUOTED = {language: '"no"' if language == "no" else language for language in LANGUAGES}

URL = "      url: https://example.org/study/"
PHONE = '      phone: "+46 00 000 00 00"'
EMAIL = "      email: studies@example.org"
SITE_NAME = 'name: "Exempelsjukhuset"'
INCLUSION = '    - text: {en: "Adults.", "no": "Voksne.", da: "Voksne.", et: "Täiskasvanud.", fi: "Aikuiset."}'


problems = trial_problems


def yaml_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def texts(value: str, indent: str) -> str:
    """A text in every language, as YAML lines."""
    return "".join(f"{indent}{QUOTED[language]}: {yaml_quoted(value)}\n" for language in LANGUAGES)


def with_department(text: str, value: str) -> str:
    lines = "      department:\n" + texts(value, "        ")
    return re.sub(r"      department:\n(        .*\n)+", lambda _: lines, text, count=1)


def with_risks_and_costs(text: str, value: str) -> str:
    return replace_once(
        text, "recruitment:\n", "risks:\n" + texts(value, "  ") + "costs:\n" + texts(value, "  ") + "recruitment:\n"
    )


def with_question(text: str, value: str) -> str:
    question = ", ".join(f"{QUOTED[language]}: {yaml_quoted(value)}" for language in LANGUAGES)
    return replace_once(text, INCLUSION, INCLUSION + '\n      fits: "yes"\n      question: {' + question + "}")


def section(trial, name: str, language: str = "en") -> str:
    return Renderer(Context(trial, cached_catalogues()[language])).section(name)


# --- A site's contact: what a link may lead to and what a visitor is asked to dial -------------

UNTIL_HTTPS = (
    "does not have the expected form; A web page about the study at this site; it starts with https://, "
    "for example https://example.org/study."
)
USERINFO = (
    'has "{who}@" before the site\'s name; the address is shown as written, and what comes before @ '
    "makes it look like another site's; write https://host/page"
)
NOT_ASCII = (
    'holds "{char}" (U+{code}); write the address in plain letters a-z, digits and - . / ? # = & % _ ~ : '
    "as a browser's address bar copies it (a name with letters such as ø in its xn-- form)"
)
NO_HOST = "has no web site's name after https://; write the full address, for example https://example.org/study"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", 'the text "javascript:alert(1)" ' + UNTIL_HTTPS),
        ("data:text/html,x", 'the text "data:text/html,x" ' + UNTIL_HTTPS),
        ("//evil.example/", 'the text "//evil.example/" ' + UNTIL_HTTPS),
        # An http:// address gets its https:// form (editor session: the general message did not say what to write).
        (
            "http://example.org/",
            '"http://example.org/" starts with http://, which is not a secure address; write it with '
            'https://, "https://example.org/" (open that address in a browser first to check it works)',
        ),
        ("https://user@evil.example/", USERINFO.format(who="user")),
        ("https://example.org@evil.example/", USERINFO.format(who="example.org")),
        ("https://ex\u0430mple.org/", NOT_ASCII.format(char="\u0430", code="0430")),  # Cyrillic a
        ("https://example.org/\u202egpj.exe", NOT_ASCII.format(char="\\u202e", code="202E")),
        ("https://example.org/a\u200bb", NOT_ASCII.format(char="\\u200b", code="200B")),
        ('https://x.example/"onclick="a', NOT_ASCII.format(char='"', code="0022")),
        ("https://x.example/<b>", NOT_ASCII.format(char="<", code="003C")),
        ("https:///evil.example/", NO_HOST),
        ("https://\\\\evil.example/", NOT_ASCII.format(char="\\", code="005C")),
        ("https://localhost/", NO_HOST),
        ("https://.example/", NO_HOST),
    ],
)
def test_a_site_contact_url_that_leads_elsewhere_or_looks_like_another_site_is_refused(url, message):
    text = replace_once(FIXTURE, URL, "      url: " + yaml_quoted(url))
    line = line_of(text, "      url: ")
    assert problems(text) == [f"data/trial.yaml:{line}:12: sites[1].contact.url: {message}"]


def test_the_trials_own_contact_url_gets_the_same_check():
    text = FIXTURE.replace(
        "contact:\n  email: trial@example.org",
        "contact:\n  email: trial@example.org\n  url: https://user@evil.example/",
    )
    line = line_of(text, "  url: https://user@")
    assert problems(text) == [f"data/trial.yaml:{line}:8: contact.url: " + USERINFO.format(who="user")]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/study/",
        "https://example.org",
        "https://xn--sykehus-9xa.example/studie?id=3&lang=no#kontakt",
        "https://example.org:8443/a_b~c/%C3%B8",
        "https://sub.example.org/a:b/(x)",
    ],
)
def test_ordinary_site_urls_are_kept(url):
    trial = load_trial_bytes(replace_once(FIXTURE, URL, "      url: " + yaml_quoted(url)).encode(), LANGUAGES, "t.yaml")
    assert [site.contact.url for site in trial.sites if site.contact and site.contact.url] == [url]
    assert f'<a href="{html.escape(url)}">' in section(trial, "sites")


PHONE_FORM = (
    'does not have the expected form; A phone number in quotes: digits, spaces, + - ( ), for example "+47 00 00 00 00".'
)
PHONE_DIGITS = 'has {count} digits; a phone number has 5 to 20 digits, for example "+47 00 00 00 00"'


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("+47 CALL NOW", 'the text "+47 CALL NOW" ' + PHONE_FORM),
        ("*21*0047#", 'the text "*21*0047#" ' + PHONE_FORM),
        ("+47 00\n00 00", 'the text "+47 00\\n00 00" ' + PHONE_FORM),
        ("+47 00 00 00 00\n", 'the text "+47 00 00 00 00\\n" ' + PHONE_FORM),
        ("-----", PHONE_DIGITS.format(count=0)),
        ("((((()))))", PHONE_DIGITS.format(count=0)),
        ("+(0) 12", PHONE_DIGITS.format(count=3)),
        ("1" * 40, PHONE_DIGITS.format(count=40)),
    ],
)
def test_a_site_phone_that_is_not_a_number_to_dial_is_refused(phone, message):
    text = replace_once(FIXTURE, PHONE, "      phone: " + yaml_quoted(phone).replace("\n", "\\n"))
    line = line_of(text, "      phone: ", 1)
    assert problems(text) == [f"data/trial.yaml:{line}:14: sites[1].contact.phone: {message}"]


def test_every_published_phone_link_dials_the_digits_shown():
    trial = load_trial_bytes(
        replace_once(FIXTURE, PHONE, '      phone: "+46 (0)18 611 00 00"').encode(), LANGUAGES, "t.yaml"
    )
    links = re.findall(r'<a href="tel:([^"]*)">([^<]*)</a>', section(trial, "sites"))
    assert links and all(
        href == re.sub(r"[^0-9+]", "", shown) and len(re.sub(r"\D", "", href)) >= 5 for href, shown in links
    )


@pytest.mark.parametrize(
    "email",
    [
        "a@example.org\nBcc: x@evil.example",
        "a@example.org?bcc=x@evil.example",
        "a@example.org\n",
        "a@ex\u0430mple.org",
        "a@example.org,b@evil.example",
        "a@example.org&cc=b@evil.example",
        "<a@example.org>",
        "mailto:a@example.org",
    ],
)
def test_a_site_email_with_more_than_one_address_is_refused(email):
    text = replace_once(FIXTURE, EMAIL, "      email: " + yaml_quoted(email).replace("\n", "\\n"))
    line = line_of(text, "      email: ")
    shown = email.replace("\n", "\\n")
    assert problems(text) == [
        f'data/trial.yaml:{line}:14: sites[1].contact.email: the text "{shown}" does not have the expected form; '
        "One email address and nothing else, for example studies@example.org."
    ]


# --- Names on the map and in the tables: markup is text, direction controls are refused -------

BIDI = (
    "holds a direction control (U+{code}), which shows the text around it in another order than it is written; "
    "remove it"
)


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u202b", "\u2067", "\u2066"])
@pytest.mark.parametrize("field", ["name", "city"])
def test_a_direction_control_in_a_site_name_or_city_is_refused(field, char):
    old = SITE_NAME if field == "name" else "city: Uppsala"
    new = f'{field}: "Exempel{char}sjukhuset"'
    text = replace_once(FIXTURE, old, new)
    line = line_of(text, new)
    column = text.splitlines()[line - 1].index(new) + len(field) + 3
    assert problems(text) == [
        f"data/trial.yaml:{line}:{column}: sites[1].{field}: " + BIDI.format(code=f"{ord(char):04X}")
    ]


class Elements(HTMLParser):
    """Every element and attribute in a piece of HTML, and the text of every aria-label."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.labels: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name == "aria-label":
                self.labels.append(value or "")
            if name == "href":
                self.hrefs.append(value or "")


def parsed(markup: str) -> Elements:
    parser = Elements()
    parser.feed(markup)
    parser.close()
    return parser


HOSTILE_NAME = "Ex \"quoted\" 'single' <b>bold</b> </text></svg><script>x()</script> & &amp; " + "L" * 400


def test_site_names_with_quotes_markup_and_ampersands_are_text_on_the_map_and_in_the_tables():
    text = replace_once(FIXTURE, SITE_NAME, "name: " + yaml_quoted(HOSTILE_NAME))
    trial = load_trial_bytes(text.encode(), LANGUAGES, "t.yaml")
    for name in ("map", "sites", "take_part"):
        found = parsed(section(trial, name))
        assert not found.tags & {"script", "b", "img"}, name
    labels = parsed(section(trial, "map")).labels
    assert any(HOSTILE_NAME in label for label in labels), labels
    # The mark's number tag is sized for the number, not the name: a long name does not stretch it.
    widths = {
        float(width) for width in re.findall(r'class="trial-map__tag"[^>]* width="([0-9.]+)"', section(trial, "map"))
    }
    assert widths and max(widths) < 60


PAYLOAD = (
    '<script>window.__pwned=true</script> "><img src=x onerror=alert()> <svg onload=y> &amp; {{ config }} '
    "{ onclick=x } <!-- trial:sites --> \\[x\\](javascript:alert()) *em*"
)
ALLOWED_IN_SECTIONS = {
    "sites": {"p", "a", "h3", "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "span", "br", "em"},
    "take_part": {"div", "section", "h3", "p", "span", "ul", "li", "a", "br", "em"},
    "taking_part": {"div", "p", "ol", "ul", "li", "strong", "em", "dl", "dt", "dd", "span", "br", "a"},
    "selfcheck": {
        "section",
        "h2",
        "h3",
        "h4",
        "div",
        "p",
        "button",
        "a",
        "form",
        "ol",
        "li",
        "fieldset",
        "legend",
        "span",
        "label",
        "input",
        "strong",
        "ul",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "em",
    },
    "map": {
        "figure",
        "svg",
        "title",
        "desc",
        "g",
        "rect",
        "path",
        "a",
        "circle",
        "text",
        "figcaption",
        "p",
        "ul",
        "li",
    },
}


#: Blank lines and a heading: a generated HTML block ends at a blank line in the page's Markdown.
BREAKOUT = "\n\n## Forged { #forged onclick=x }\n\n<!-- trial:contact -->\n\n    indented code"


@pytest.fixture(scope="module")
def hostile_trial():
    text = with_question(
        with_risks_and_costs(with_department(FIXTURE, "Dept " + PAYLOAD + BREAKOUT), "Risk " + PAYLOAD + BREAKOUT),
        "Q " + PAYLOAD + "?",
    )
    text = replace_once(text, SITE_NAME, "name: " + yaml_quoted(HOSTILE_NAME))
    return load_trial_bytes(text.encode(), LANGUAGES, "t.yaml")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", sorted(ALLOWED_IN_SECTIONS))
def test_markup_in_the_new_texts_stays_text_in_every_generated_section(hostile_trial, name, language):
    markup = section(hostile_trial, name, language)
    found = parsed(markup)
    assert found.tags <= ALLOWED_IN_SECTIONS[name]
    assert not {attribute for attribute in found.attributes if attribute.startswith("on")}
    assert all(href.startswith(("#", "https://", "mailto:", "tel:", "../")) for href in found.hrefs), found.hrefs
    # Outside the generated HTML blocks only the templates' own headings are left for Markdown.
    stash = Stash()
    leftover = [chunk for chunk in stash.set_aside(markup).split("\n\n") if not chunk.startswith("trialblock")]
    assert all(re.fullmatch(r"#{2,3} [^<>\n]* \{ #[a-z-]+ \}", chunk) for chunk in leftover), leftover


def test_the_selfcheck_carries_its_data_in_escaped_attributes_and_hidden_text(hostile_trial):
    markup = section(hostile_trial, "selfcheck")
    # The question is the legend's text the script reads with textContent: plain text, escaped.
    assert "<script" not in markup and 'trial-question__text">Q &#34;&gt; &amp; {{ config }} { onclick=x }' in markup
    data = re.findall(r'data-[a-z-]+="([^"]*)"', markup)
    assert data and all(re.fullmatch(r"[A-Za-z0-9_ .,:;!?'()\u00c0-\u024f&#-]*", value) for value in data), data


# --- The script adds text, never HTML --------------------------------------------------------


def test_the_script_never_parses_strings_as_html():
    script = (ROOT / "docs" / "assets" / "trial.js").read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*|/\*.*?\*/", "", script, flags=re.S)
    assert not re.findall(
        r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*\"on", code
    )


# --- The new catalogue texts -----------------------------------------------------------------

NEW_KEYS = [("selfcheck_steps", "start"), ("takepart", "ask_more"), ("sites_page", "contact_none")]


def _catalogue_with(tmp_path: Path, section_name: str, key: str, value: str) -> Path:
    folder = tmp_path / "messages"
    shutil.copytree(ROOT / "hooks" / "trialsite" / "messages", folder)
    path = folder / "fi.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    inside = False
    for index, line in enumerate(lines):
        if line.startswith(section_name + ":"):
            inside = True
        elif inside and re.match(rf"  {key}: ", line):
            lines[index] = f"  {key}: {yaml_quoted(value)}\n"
            break
    else:
        raise AssertionError(f"{section_name}.{key} not in fi.yaml")
    path.write_text("".join(lines), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("section_name", "key"), NEW_KEYS)
def test_markup_in_a_new_catalogue_text_is_shown_as_text(tmp_path, section_name, key):
    value = '<img src=x onerror="alert()"> <a href="javascript:alert()">x</a> **y**'
    catalogues = load_messages(LANGUAGES, directory=_catalogue_with(tmp_path, section_name, key, value))
    trial = load_trial_bytes(with_risks_and_costs(FIXTURE, "Risk.").encode(), LANGUAGES, "t.yaml")
    name = {"selfcheck_steps": "selfcheck", "takepart": "taking_part", "sites_page": "sites"}[section_name]
    if name == "selfcheck":
        trial = load_trial_bytes(with_question(FIXTURE, "Are you an adult?").encode(), LANGUAGES, "t.yaml")
    markup = Renderer(Context(trial, catalogues["fi"])).section(name)
    assert html.escape(value, quote=False) in markup.replace("&#34;", '"')
    assert "img" not in parsed(markup).tags


@pytest.mark.parametrize(("section_name", "key"), NEW_KEYS)
@pytest.mark.parametrize("placeholder", ["{config}", "{country}", "{0}", "{x.__class__}"])
def test_a_new_catalogue_text_cannot_insert_a_value_the_code_does_not_pass(tmp_path, section_name, key, placeholder):
    folder = _catalogue_with(tmp_path, section_name, key, "Teksti " + placeholder)
    with pytest.raises(CatalogueError) as caught:
        load_messages(LANGUAGES, directory=folder)
    found = [str(problem) for problem in caught.value.problems]
    assert len(found) == 1 and f"{section_name}.{key}:" in found[0] and "Traceback" not in found[0], found


# --- The new page ------------------------------------------------------------------------------

EXTENSIONS = ("toc", "tables", "fenced_code")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_hostile_taking_part_page_is_refused_line_by_line(language, tmp_path):
    page = ROOT / "docs" / ("taking-part.md" if language == "en" else f"{language}/taking-part.md")
    original = page.read_text(encoding="utf-8")
    hostile = original.replace("title: ", "template: ../../evil.html\ntitle: ", 1).replace(
        "<!-- trial:taking_part -->",
        "<!-- trial:taking_part -->\n\n<img src=x onerror=alert()>\n\n<!-- trial:nonesuch -->",
    )
    docs = ROOT / "docs"
    files = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    found = check_page(
        hostile, f"docs/{page.relative_to(docs).as_posix()}", page_extensions(EXTENSIONS), page, docs, files
    )
    assert check_page(original, "x", page_extensions(EXTENSIONS), page, docs, files) == []
    assert {problem.line for problem in found} >= {2, line_of(hostile, "<img"), line_of(hostile, "nonesuch")}


# --- Size: a clear error or a bounded build ----------------------------------------------------


def test_a_one_megabyte_department_text_is_refused_by_size_in_one_line():
    text = with_department(FIXTURE, "x" * 1_000_000)
    found = problems(text)
    assert len(found) == 1 and found[0].startswith("data/trial.yaml") and "the limit is 1,000,000 bytes" in found[0], (
        found
    )


def test_a_deeply_nested_contact_is_refused_in_one_line():
    text = replace_once(FIXTURE, URL, "      url: " + "[" * 5000 + "]" * 5000)
    found = problems(text)
    assert len(found) == 1 and "deep" in found[0], found


def many_sites(count: int) -> str:
    rows = "".join(
        f"  - {{name: H{index}, city: C, country: SE, "
        f"location: {{latitude: {55 + index % 10}, longitude: {12 + index % 7}}}}}\n"
        for index in range(count)
    )
    return FIXTURE.replace("sites:\n", "sites:\n" + rows, 1)


def test_two_thousand_sites_each_get_their_row_and_their_place_on_the_map():
    # Thousands of sites are shown whole: every row, every mark. How long the largest file a pull
    # request can give (about 8,000 sites under the size limit) takes to build is measured by
    # scripts/benchmark_build.py, not asserted here.
    trial = load_trial_bytes(many_sites(2_000).encode(), LANGUAGES, "t.yaml")
    rows = section(trial, "sites").count('class="trial-site"')
    marks = section(trial, "map").count('class="trial-map__site"')
    assert (rows, marks) == (2_004, 2_003)


def test_more_sites_than_the_file_limit_holds_are_refused_in_one_line():
    found = problems(many_sites(14_000))
    assert (
        found == [found[0]]
        and found[0].startswith("data/trial.yaml: (file): is ")
        and "the limit is 1,000,000 bytes" in found[0]
    )


# --- Whole builds ------------------------------------------------------------------------------


@pytest.mark.build
def test_a_bad_site_contact_fails_the_build_in_one_line_and_publishes_nothing(tmp_path):
    text = replace_once(FIXTURE, URL, "      url: https://example.org@evil.example/")
    result = build(copy_project(tmp_path / "project", text), tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if "ERROR" in line or "sites[1].contact.url" in line]
    assert any("data/trial.yaml:" in line and 'sites[1].contact.url: has "example.org@"' in line for line in errors), (
        output
    )
    assert not (tmp_path / "site" / "sites" / "index.html").exists()


@pytest.mark.build
def test_the_built_site_keeps_every_payload_in_the_new_fields_inert(built_sites):
    text = with_question(
        with_risks_and_costs(with_department(FIXTURE, "Dept " + PAYLOAD), "Risk " + PAYLOAD), "Q " + PAYLOAD + "?"
    )
    text = replace_once(text, SITE_NAME, "name: " + yaml_quoted(HOSTILE_NAME))
    site = built_sites(text)
    for language in LANGUAGES:
        prefix = site / ("" if language == "en" else language)
        for page in ("sites", "taking-part", "eligibility", "contact"):
            built = (prefix / page / "index.html").read_text(encoding="utf-8")
            main = built[
                built.index("<h1") : built.index("</article>")
            ]  # the page's content, after the theme's language hint
            found = parsed(main)
            assert not found.tags & {"script", "img", "iframe", "object", "embed", "style"}, (language, page)
            assert not {attribute for attribute in found.attributes if attribute.startswith("on")}, (language, page)
            assert "javascript:" not in " ".join(found.hrefs)
            assert "window.__pwned" not in re.sub(r"&lt;script&gt;window.__pwned=true&lt;/script&gt;", "", main)
