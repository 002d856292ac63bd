"""The Markdown pages in docs/: what an editor may write in them, checked and enforced.

Pages come through the same pull requests as the data, so they are untrusted input too. One
policy, used twice:

- `check_page` reads a page the way the build does (the same front matter rule, the same
  Markdown extensions) and lists every problem with its line: the editors' check and the build
  (which runs the check first) refuse the same pages.
- `sanitise_page_html` applies the same allow-list to each page's HTML after Markdown, so that
  even a page the check never saw cannot publish script, styles, event handlers, third-party
  images or links to unsafe schemes.

What a page may hold: Markdown (headings, paragraphs, lists, emphasis, code, quotes, tables),
links to ``https:``, ``mailto:`` and ``tel:`` addresses or to the site's own pages, images from
the site's own files, ``{ #id }`` and ``{ .class }`` after a heading or block, and the
``<!-- trial:NAME -->`` markers. Front matter: ``title`` and ``description``, both plain text,
which may insert the trial's facts as ``{name}`` (`PAGE_FACTS`).

Pages belong to the generator, not to one trial: `check_page` also reports a medicine, city,
site or identifier that the data does not hold (leftovers.py), so that an old trial's facts do
not stay behind when the data is replaced.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder

from .leftovers import TrialNames, leftovers
from .loader import load_yaml_bytes
from .problems import LoadError, PageProblem
from .richtext import contact_link_problem

# --- Front matter -------------------------------------------------------------------------

# MkDocs' own pattern for a YAML front matter block (mkdocs/utils/meta.py), so that the check
# sees the same block as the build.
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
#: The keys a page's front matter may have; both are required plain text.
FRONT_MATTER_KEYS = {
    "title": "the page's title (browser tab, menu, search results)",
    "description": "one sentence on what the page is for (search results and link previews)",
}
MAX_TITLE = 120
MAX_DESCRIPTION = 300

#: The trial's facts a title: or description: may insert, each filled from the data in the page's
#: language (views.page_facts), so that no page names a fact of one trial.
PAGE_FACTS = {
    "medicines": "the study medicines' names as a list",
    "disease": "the disease's name",
    "short_title": "the trial's short name",
    "steps": "the number of steps in the schedule",
    "countries": "the countries taking part as a list",
}
_BRACES_RE = re.compile(r"\{([^{}]*)\}|[{}]")


def page_fact_problems(value: str) -> list[str]:
    """What is wrong with the {facts} of a title or description (nothing: [])."""
    known = ", ".join("{" + name + "}" for name in PAGE_FACTS)
    problems = []
    for match in _BRACES_RE.finditer(value):
        name = match.group(1)
        if name is None:
            problems.append(f"has a lone {match.group(0)}; braces only surround a fact to insert: {known}")
        elif name not in PAGE_FACTS:
            problems.append(f'inserts "{match.group(0)}", which is not a fact a page can insert; use {known}')
    return problems


def fill_page_facts(value: str, facts: Mapping[str, str]) -> str:
    """``value`` with each {fact} replaced by its value (unknown ones, refused by the check, stay)."""
    return _BRACES_RE.sub(lambda match: facts.get(match.group(1) or "", match.group(0)), value)


@dataclass
class PageSource:
    """A page split into its front matter and its Markdown body."""

    meta: dict
    body: str
    #: Lines before the body (the front matter block), to give body problems the file's line.
    body_offset: int
    problems: list[PageProblem] = field(default_factory=list)
    #: The line of each front matter field in the file.
    meta_lines: dict[str, int] = field(default_factory=dict)


def _tag_lines(block: str) -> list[int]:
    """1-based lines of the front matter block where a YAML tag is written."""
    import yaml

    lines = []
    try:
        for event in yaml.parse(block, Loader=yaml.SafeLoader):
            if getattr(event, "tag", None) is not None and event.start_mark is not None:
                lines.append(event.start_mark.line + 1)
    except yaml.YAMLError:
        pass  # reported by the loader
    return lines


def _visible(text: str) -> str:
    """The characters of a text a reader would see (no spaces, no invisible format characters)."""
    return "".join(char for char in text if not char.isspace() and unicodedata.category(char) not in ("Cf", "Cc"))


def _bad_character(text: str) -> str | None:
    for char in text:
        if char in "\n\t":
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or category == "Cn" and 0xFDD0 <= ord(char) <= 0xFDEF:
            return f"U+{ord(char):04X}"
    return None


def read_page(text: str, name: str) -> PageSource:
    """Split ``text`` into front matter and body, checking the front matter against its schema."""
    problems: list[PageProblem] = []
    if text.startswith("\ufeff"):
        return PageSource(
            {}, text, 0, [PageProblem(1, "(file)", "starts with a byte-order mark (BOM); save it as UTF-8 without BOM")]
        )
    match = FRONT_MATTER_RE.match(text)
    if not match:
        line = 1 if text.startswith("---") else 0
        reason = (
            "starts a front matter block with --- but never closes it; end it with a line of ---"
            if text.startswith("---")
            else "has no front matter; start the page with ---, a title: and a description: line, and ---"
        )
        return PageSource({}, text, 0, [PageProblem(line, "(front matter)", reason)])
    block = match.group(1)
    offset = text[: match.end()].count("\n")
    meta: dict = {}
    try:
        located = load_yaml_bytes(block.encode("utf-8"), name)
    except LoadError as error:
        for problem in error.problems:
            message = problem.message if problem.message != "is empty; expected the trial's data" else "is empty"
            problems.append(
                PageProblem(
                    problem.line + 1 if problem.line else 1,
                    "(front matter)",
                    message.replace("a trial file", "a front matter block"),
                )
            )
        return PageSource({}, text[match.end() :], offset, problems)
    for problem in located.problems:
        problems.append(PageProblem(problem.line + 1, problem.path, problem.message))
    # MkDocs reads the block with PyYAML's own constructors: a tag such as !!binary or !!merge
    # would give it something other than the text checked here (bytes printed raw, or no front
    # matter at all and the block shown as page text). Front matter has no tags.
    for line in _tag_lines(block):
        problems.append(
            PageProblem(line + 1, "(front matter)", "has a YAML tag (!!...); front matter values are plain text")
        )

    def line_of(key: str) -> int:
        line, _ = located.position((key,))
        return line + 1 if line else 1

    if not isinstance(located.data, dict):
        problems.append(PageProblem(2, "(front matter)", "must be fields such as title: and description:"))
        return PageSource({}, text[match.end() :], offset, problems)
    for key, value in located.data.items():
        if key not in FRONT_MATTER_KEYS:
            known = ", ".join(f"{name}:" for name in FRONT_MATTER_KEYS)
            problems.append(
                PageProblem(line_of(key), key, f"is not a front matter field this site uses; use only {known}")
            )
            continue
        limit = MAX_TITLE if key == "title" else MAX_DESCRIPTION
        if not isinstance(value, str):
            problems.append(
                PageProblem(line_of(key), key, f"must be plain text, not a list or a number: {FRONT_MATTER_KEYS[key]}")
            )
        elif (bad := _bad_character(value)) is not None:
            problems.append(PageProblem(line_of(key), key, f"has an invisible control character ({bad}); delete it"))
        elif not _visible(value):
            problems.append(PageProblem(line_of(key), key, f"is empty; write {FRONT_MATTER_KEYS[key]}"))
        elif "\n" in value.strip():
            problems.append(PageProblem(line_of(key), key, "must be one line of text"))
        elif len(value) > limit:
            problems.append(PageProblem(line_of(key), key, f"is {len(value)} characters long; keep it under {limit}"))
        else:
            meta[key] = " ".join(value.split())
            problems.extend(PageProblem(line_of(key), key, message) for message in page_fact_problems(meta[key]))
    for key, purpose in FRONT_MATTER_KEYS.items():
        if key not in located.data:
            problems.append(PageProblem(1, key, f"is missing; add a {key}: line with {purpose}"))
    return PageSource(meta, text[match.end() :], offset, problems, {key: line_of(key) for key in meta})


# --- Markers ----------------------------------------------------------------------------------

#: The markers a page may hold, ``<!-- trial:NAME -->``, in the order the check lists them. Each is
#: replaced by the section of the same name (render.SECTIONS); tests/test_modules_layers.py checks
#: that the two lists agree.
MARKER_NAMES = (
    "title",
    "heading",
    "lead",
    "take_part",
    "status",
    "phase",
    "summary",
    "disease",
    "drugs",
    "treatment",
    "schedule",
    "inclusion",
    "exclusion",
    "recruitment",
    "sites",
    "identifiers",
    "related",
    "contact",
    "selfcheck",
    "map",
    "glossary",
    "handout",
    "design",
    "known_problems",
    "taking_part",
)

# A marker stands on one line: [ \t] only, so that no marker can span lines (and so hide what is
# between its parts from the page check).
MARKER_RE = re.compile(r"<!--[ \t]*trial:[ \t]*([^\s>]*)[ \t]*-->")
# Anything that looks like an attempt at a marker, to catch typos such as "<!-- trail:sites -->".
LOOSE_MARKER_RE = re.compile(r"<!--\s*tri?a?i?l\w*\s*:", re.IGNORECASE)


def marker_problems(markdown: str) -> list[tuple[int, str]]:
    """(line, message) for every unknown or malformed marker in a page."""
    problems = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        known = MARKER_RE.search(line)
        if known:
            name = known.group(1)
            if name not in MARKER_NAMES:
                problems.append((number, f'unknown marker "trial:{name}"; known markers: {", ".join(MARKER_NAMES)}'))
            elif line.strip() != known.group(0):
                problems.append((number, f'the marker "trial:{name}" must stand alone on its line'))
        elif LOOSE_MARKER_RE.search(line):
            problems.append((number, f'"{line.strip()}" looks like a marker but is not one; write <!-- trial:NAME -->'))
    return problems


# --- Markdown as the build runs it ----------------------------------------------------------

#: Attributes a page may set with an attribute list ({ #id } or { .class }).
ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
# A page's own classes start with "page-": the theme's (md-, admonition, ...) and this site's
# (trial-) change how a page behaves or looks, and a page may not borrow them (to hide content or
# dress text up as one of the site's own notices or warnings).
CLASS_RE = re.compile(r"page-[a-z0-9][a-z0-9-]{0,60}")


class _SafeAttrListTreeprocessor(AttrListTreeprocessor):
    """attr_list that sets only ``#id`` and ``.class``; anything else is dropped and recorded."""

    def __init__(self, md: markdown.Markdown, refused: list[str]):
        super().__init__(md)
        self.refused = refused

    def assign_attrs(self, elem: Element, attrs_string: str, *, strict: bool = False) -> str:
        attrs, remainder = get_attrs_and_remainder(attrs_string)
        if strict and remainder:
            return remainder
        for key, value in attrs:
            if key == "id" and value and ID_RE.fullmatch(value):
                elem.set("id", value)
            elif key == "." and value and CLASS_RE.fullmatch(value):
                elem.set("class", f"{elem.get('class')} {value}" if elem.get("class") else value)
            else:
                if key == ".":
                    self.refused.append(f".{value}")
                elif key == "id":
                    self.refused.append(f"#{value}")
                else:
                    self.refused.append(key if value is None else f"{key}={value}")
        return remainder


class SafeAttrList(Extension):
    """The attr_list extension restricted to ids and classes (replaces attr_list in the build)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: What pages tried to set and was dropped (read by the check).
        self.refused: list[str] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_SafeAttrListTreeprocessor(md, self.refused), "attr_list", 8)
        md.registerExtension(self)


def page_extensions(names: list[str] | tuple[str, ...]) -> list:
    """MkDocs' configured Markdown extensions with attr_list replaced by the restricted one."""
    safe = [name for name in names if name != "attr_list"]
    return [*safe, SafeAttrList()]


# --- The allow-list ------------------------------------------------------------------------

PAGE_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
    "sup",
    "sub",
    "abbr",
}
PAGE_ATTRIBUTES = {
    "*": {"id", "class"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align", "style"},
    "td": {"align", "style"},
    "abbr": {"title"},
}
LINK_SCHEMES = {"https", "mailto", "tel"}
# Markdown's tables write alignment as style="text-align: ..."; no other style survives.
_TABLE_ALIGN = re.compile(r"text-align: (left|right|center);")


MAX_PAGE_CHARACTERS = 100_000
# Python-Markdown takes time that grows with the square of the brackets in a paragraph.
MAX_BRACKETS = 2_000


def _separator(line: str) -> str | None:
    found = next((char for char in line if char in "\u2028\u2029"), None)
    return f"U+{ord(found):04X}" if found else None


def _url_kind(url: str) -> str:
    """'scheme' (https:, mailto:, tel:), 'relative' (a file of this site), or 'refused'."""
    cleaned = "".join(char for char in url if char.isprintable() and not char.isspace())
    parts = urlsplit(cleaned)
    if parts.scheme:
        return (
            "scheme"
            if parts.scheme.lower() in LINK_SCHEMES and (parts.scheme.lower() != "https" or parts.netloc)
            else "refused"
        )
    if cleaned.startswith(("/", "\\")) or parts.netloc:
        return "refused"  # "/page" leaves the site on a project site; "//host" is another host
    return "relative"


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if ID_RE.fullmatch(value) else None
    if attribute == "class":
        kept = [name for name in value.split() if CLASS_RE.fullmatch(name)]
        return " ".join(kept) or None
    if attribute == "style":
        return value if _TABLE_ALIGN.fullmatch(value) else None
    if tag == "a" and attribute == "href":
        return value if _url_kind(value) != "refused" and contact_link_problem(value) is None else None
    if tag == "img" and attribute == "src":
        return value if _url_kind(value) == "relative" else None
    return value


def sanitise_page_html(page_html: str) -> str:
    """A page's HTML (from its own Markdown) cut down to the allow-list above."""
    return nh3.clean(
        page_html,
        tags=PAGE_TAGS,
        attributes=PAGE_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=LINK_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


# --- The check ------------------------------------------------------------------------------

_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def _line_of(body: str, needle: str) -> int:
    """1-based line in ``body`` of the first line containing ``needle`` (0 when not found).
    Lines end at "\n" only, as Markdown's do (str.splitlines also splits at U+2028 and others)."""
    needle = needle.strip().split("\n")[0].strip() if needle.strip() else ""
    if not needle:
        return 0
    for number, line in enumerate(body.split("\n"), start=1):
        if needle in line:
            return number
    return 0


def _resolves(url: str, place: PurePath, site_files: AbstractSet[str]) -> bool:
    """Whether a relative link or image on the page at ``place`` (its path in docs/) points to a page
    or file under docs/ (``site_files``)."""
    path = unquote(urlsplit(url).path)
    if not path:
        return True  # "#anchor" on the same page: MkDocs checks anchors in the strict build
    here = place.parent.as_posix()
    target = posixpath.normpath(posixpath.join(here, path)) if here != "." else posixpath.normpath(path)
    if target.startswith("../") or target == "..":
        return False
    return (
        target in site_files
        or target.rstrip("/") + "/index.md" in site_files
        or target.rstrip("/") + ".md" in site_files
    )


def check_body(
    body: str,
    extensions: list[str] | tuple[str, ...],
    place: PurePath,
    site_files: AbstractSet[str],
    extension_configs: dict | None = None,
) -> list[tuple[int, str]]:
    """(line, message) for everything in a page body that the allow-list would not publish as written;
    ``place`` is the page's path in docs/ (what its relative links start from)."""
    problems: list[tuple[int, str]] = []
    if len(body) > MAX_PAGE_CHARACTERS or body.count("[") > MAX_BRACKETS:
        return [
            (
                0,
                f"is too long for one page (at most {MAX_PAGE_CHARACTERS:,} characters and {MAX_BRACKETS:,} "
                "links or brackets); split it into several pages",
            )
        ]
    # Lines are counted as Markdown counts them ("\n"); a line or paragraph separator (U+2028,
    # U+2029) would make the two disagree, so it is refused like a control character.
    for number, row in enumerate(body.split("\n"), start=1):
        if (bad := _bad_character(row.rstrip("\r"))) is not None or (bad := _separator(row)) is not None:
            problems.append((number, f"has an invisible control character ({bad}); delete it"))
    # Each marker stands for generated blocks; the build puts them on lines of their own with blank
    # lines around, so the check puts a stand-in paragraph there (never nothing: what the marker
    # separates must stay separated). The lines before and after keep their numbers.
    text = MARKER_RE.sub("\ntrialmarker\n", body)
    lines_of = body
    safe_ext = page_extensions(extensions)
    attr_list = next(item for item in safe_ext if isinstance(item, SafeAttrList))
    converter = markdown.Markdown(extensions=safe_ext, extension_configs=extension_configs or {})
    try:
        page_html = converter.convert(text)
    except Exception as error:  # Markdown's own failure on odd input becomes a message
        return [*problems, (0, f"could not be read as Markdown ({type(error).__name__})")]
    for raw in converter.htmlStash.rawHtmlBlocks:
        raw = str(raw)
        if _ENTITY_RE.fullmatch(raw.strip()):
            continue  # &amp; and friends are kept by Markdown as they are
        if LOOSE_MARKER_RE.search(raw):
            continue  # reported by marker_problems with a better message
        first = raw.strip().splitlines()[0] if raw.strip() else ""
        if first not in body:
            continue  # made by an extension (a fenced code block), not written in the page
        shown = " ".join(raw.split())
        shown = shown if len(shown) <= 40 else shown[:40] + "..."
        problems.append((_line_of(lines_of, raw), f'has HTML ("{shown}"); pages are written in Markdown only'))
    for refused in attr_list.refused:
        name = refused.split("=", 1)[0].lstrip("#.")
        problems.append(
            (
                _line_of(lines_of, name) or _line_of(lines_of, "{"),
                f'sets "{refused}" in {{ }}; only {{ #id }} and {{ .page-name }} may be set (no handlers, no styles, '
                "no classes of the theme)",
            )
        )
    parser = _Elements()
    parser.feed(page_html)
    had_html = any(message.startswith("has HTML") for _, message in problems)
    for tag, attrs in parser.found:
        for name, value in attrs:
            if value is None or (tag, name) not in (("a", "href"), ("img", "src")):
                continue
            # Where the Markdown wrote it: [text](url), ![alt](url) or a reference "[id]: url".
            line = (
                _line_of(lines_of, f"({value}") or _line_of(lines_of, f"]: {value}") or _line_of(lines_of, f"<{value}>")
            )
            if not line and had_html:
                continue  # inside HTML the page may not have; reported above
            kind = _url_kind(value)
            if tag == "a" and kind == "scheme" and (contact := contact_link_problem(value)) is not None:
                problems.append((line, contact.replace("has the link", "links to", 1)))
            elif tag == "a" and kind == "refused":
                problems.append(
                    (
                        line,
                        f'links to "{value[:60]}"; links must be https:, mailto: or tel: addresses, '
                        "or a page of this site written as a relative link (sites.md)",
                    )
                )
            elif tag == "a" and kind == "relative" and not _resolves(value, place, site_files):
                problems.append((line, f'links to "{value[:60]}", which is not a page of this site'))
            elif tag == "img" and kind != "relative":
                problems.append(
                    (
                        line,
                        f'shows an image from "{value[:60]}"; images must be files of this site '
                        "(under docs/assets/), so that no other host learns who reads the page",
                    )
                )
            elif tag == "img" and not _resolves(value, place, site_files):
                problems.append((line, f'shows the image "{value[:60]}", which is not a file of this site'))
    return problems


@dataclass(frozen=True)
class _PageReading:
    """What a page's text says whatever the trial: its problems, and what `leftovers` reads."""

    problems: tuple[tuple[int, str, str], ...]  # (line, field, message), as PageProblem takes them
    meta: tuple[tuple[str, str], ...]  # the front matter's texts, in the page's order
    meta_lines: tuple[tuple[str, int], ...]
    body: str
    body_offset: int


def _read_and_check(
    text: str,
    name: str,
    extensions: list[str] | tuple[str, ...],
    place: PurePath,
    site_files: AbstractSet[str],
    extension_configs: dict | None,
) -> _PageReading:
    """The data-independent part of `check_page`: front matter, markers and Markdown."""
    source = read_page(text, name)
    problems = [(problem.line, problem.field, problem.message) for problem in source.problems]
    for line, message in marker_problems(source.body):
        problems.append((line + source.body_offset, "(marker)", message))
    for line, message in check_body(source.body, extensions, place, site_files, extension_configs):
        problems.append((line + source.body_offset if line else 0, "(page)", message))
    return _PageReading(
        tuple(problems),
        tuple(source.meta.items()),
        tuple(source.meta_lines.items()),
        source.body,
        source.body_offset,
    )


# The plain values an extension's options may be, each kept with its type (True, 1 and 1.0 are
# equal in Python but not to Markdown's extensions) and floats by their repr (0.0 and -0.0).
_PLAIN = (str, int, bool, type(None))


def _frozen(value: Any) -> tuple:
    """A hashable form of extension options that equals another's only if the options are the same.

    Raises TypeError for anything but plain values, lists, tuples and dicts (a function or an
    object may change behind an equal-looking key): such options are not cached."""
    if type(value) in _PLAIN:
        return (type(value).__name__, value)
    if type(value) is float:
        return ("float", repr(value))
    if type(value) in (list, tuple):
        return (type(value).__name__, tuple(_frozen(item) for item in value))
    if type(value) is dict:
        return ("dict", tuple((_frozen(key), _frozen(item)) for key, item in value.items()))
    raise TypeError(f"options of type {type(value).__name__} are not cached")


def _thawed(frozen: tuple) -> Any:
    kind, value = frozen
    if kind == "float":
        return float(value)
    if kind in ("list", "tuple"):
        items = [_thawed(item) for item in value]
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        return {_thawed(key): _thawed(item) for key, item in value}
    return value


@lru_cache(maxsize=512)
def _read_and_check_cached(
    text: str,
    name: str,
    extensions: tuple[str, ...],
    place: PurePath,
    site_files: frozenset[str],
    frozen_configs: tuple,
) -> _PageReading:
    """`_read_and_check` for the same complete inputs, once: a preview's rebuild after a data edit
    rechecks only the pages whose text or surroundings changed (the languages of one build share
    one check of the inputs anyway: `build.Builds.load`). The page's place is its path in docs/,
    all the check reads of where it is, so a copy of the project is answered too."""
    return _read_and_check(text, name, extensions, place, site_files, _thawed(frozen_configs))


def check_page(
    text: str,
    name: str,
    extensions: list[str] | tuple[str, ...],
    page_path: Path,
    docs_dir: Path,
    site_files: AbstractSet[str],
    extension_configs: dict | None = None,
    *,
    names: TrialNames | None = None,
    language: str = "",
) -> list[PageProblem]:
    """Every problem in one page: front matter, markers, and what its Markdown would publish.

    With the data's ``names`` (the trial loaded), also every medicine, city, site or identifier
    the page names that the data does not hold; ``language`` is the page's. Only this last part
    depends on the data: the rest is read once for the same page text and settings.
    """
    place = page_path.relative_to(docs_dir)
    try:  # from the cache when every input is a plain value it can key on exactly
        if not (
            type(text) is str
            and type(name) is str
            and all(type(extension) is str for extension in extensions)
            and all(type(file) is str for file in site_files)
        ):
            raise TypeError("not plain values")
        frozen_configs = _frozen(dict(extension_configs or {}))
    except (TypeError, RecursionError):  # RecursionError: options that hold themselves (YAML's &a [*a])
        reading = _read_and_check(text, name, extensions, place, site_files, extension_configs)
    else:
        reading = _read_and_check_cached(text, name, tuple(extensions), place, frozenset(site_files), frozen_configs)
    problems = [PageProblem(line, field, message) for line, field, message in reading.problems]
    if names is not None:
        meta_lines = dict(reading.meta_lines)
        for key, value in reading.meta:
            problems.extend(
                PageProblem(meta_lines[key], key, message) for _, message in leftovers(value, names, language)
            )
        for line, message in leftovers(MARKER_RE.sub("", reading.body), names, language):
            problems.append(PageProblem(line + reading.body_offset, "(page)", message))
    return problems


# --- Files in docs/ -------------------------------------------------------------------------

#: What docs/assets/ may hold besides pages: MkDocs publishes every file in docs/ as it is, on the
#: site's own address, so an .html or .svg file with a script would run there.
ASSET_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".svg", ".css", ".js", ".woff2"}
MAX_ASSET_BYTES = 2_000_000
# An SVG opened on its own is a document on the site's address: it may hold a drawing and nothing
# that acts or loads (no script, handler, link, animation, style sheet or outside image).
_SVG_ELEMENTS = {
    "svg",
    "g",
    "path",
    "circle",
    "ellipse",
    "rect",
    "line",
    "polyline",
    "polygon",
    "title",
    "desc",
    "defs",
    "lineargradient",
    "radialgradient",
    "stop",
    "clippath",
    "mask",
    "use",
    "symbol",
    "text",
    "tspan",
}
_SVG_ATTRIBUTES = re.compile(
    r"(id|class|viewbox|width|height|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|d|points|fill|fill-opacity|fill-rule|stroke|"
    r"stroke-width|stroke-linecap|stroke-linejoin|stroke-opacity|stroke-dasharray|opacity|transform|offset|"
    r"stop-color|stop-opacity|gradientunits|gradienttransform|clip-path|clip-rule|mask|font-size|font-family|"
    r"font-weight|text-anchor|dominant-baseline|preserveaspectratio|version|role|aria-label|aria-hidden|focusable|"
    r"xmlns|xmlns:xlink|href|xlink:href)"
)


def file_problems(docs_dir: Path) -> list[tuple[Path, str]]:
    """(path, message) for every file in docs/ the site would publish that is not allowed there."""
    import os
    import stat

    problems: list[tuple[Path, str]] = []
    for folder, folders, files in os.walk(docs_dir, followlinks=False):
        for name in [*folders, *files]:
            path = Path(folder) / name
            mode = path.lstat().st_mode
            relative = path.relative_to(docs_dir)
            if stat.S_ISLNK(mode):
                problems.append((path, "is a link to another file; put the file itself here"))
            elif stat.S_ISDIR(mode):
                continue
            elif not stat.S_ISREG(mode):
                problems.append((path, "is not a plain file"))
            elif path.suffix == ".md":
                if path.stat().st_size > 4 * MAX_PAGE_CHARACTERS:
                    problems.append(
                        (
                            path,
                            f"is {path.stat().st_size:,} bytes; a page holds at most {MAX_PAGE_CHARACTERS:,} "
                            "characters",
                        )
                    )
            elif relative.parts[0] != "assets" or path.suffix.lower() not in ASSET_SUFFIXES:
                problems.append(
                    (
                        path,
                        "is not a page (.md) or an image or style file under docs/assets/ "
                        f"({', '.join(sorted(ASSET_SUFFIXES))}); the site publishes every file here as it is",
                    )
                )
            elif path.stat().st_size > MAX_ASSET_BYTES:
                problems.append(
                    (path, f"is {path.stat().st_size:,} bytes; files here are at most {MAX_ASSET_BYTES:,} bytes")
                )
            elif path.suffix.lower() == ".svg" and (reason := svg_problem(path.read_bytes())) is not None:
                problems.append((path, f"is an SVG image with {reason}; save it as a plain drawing (or as PNG)"))
        folders[:] = [name for name in folders if not (Path(folder) / name).is_symlink()]
    return problems


# --- What MkDocs parsed, the table of contents, the site's address ----------------------------


def front_matter_problem(meta: Mapping) -> str | None:
    """What is wrong with a page's front matter as MkDocs parsed it (the check used the project's
    loader; the two must agree that there are exactly a title and a description, both text)."""
    if set(meta) != set(FRONT_MATTER_KEYS):
        return f"has the fields {', '.join(sorted(map(str, meta))) or 'none'}; expected title and description"
    wrong = [key for key in FRONT_MATTER_KEYS if not isinstance(meta[key], str)]
    return f"has {', '.join(wrong)} as {type(meta[wrong[0]]).__name__}, not text" if wrong else None


_TAG_RE = re.compile(r"<[^>]*>?")


def escape_toc(items) -> None:
    """Every title in MkDocs' table of contents as escaped plain text (Material prints them raw)."""
    import html

    for item in items:
        # Tags out first (an escaped "&lt;b&gt;" is text and stays), then the text escaped anew.
        item.title = html.escape(html.unescape(_TAG_RE.sub("", item.title)), quote=False)
        escape_toc(item.children)


def site_url_problem(url: str) -> str | None:
    """Why the site's address cannot be used (it goes into every page's links and the QR code)."""
    parts = urlsplit(url)
    if not re.fullmatch(r"[A-Za-z0-9._~:/%-]*", url) or not parts.netloc:
        return (
            f'is "{url[:80]}"; expected the address where the site is published, such as '
            "https://owner.github.io/repository/ (letters, digits and . - _ ~ / : only)"
        )
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost"}):
        return f'is "{url[:80]}"; a published site\'s address starts with https://'
    if parts.query or parts.fragment or not url.endswith("/"):
        return f'is "{url[:80]}"; write the address of the site\'s home page, ending with /'
    return None


_ID_ATTRIBUTE = re.compile(r"""<[A-Za-z][^>]*?\sid=["']?([^"' >]+)""")


def duplicate_ids(page_html: str) -> list[str]:
    """Ids that a finished page sets more than once."""
    seen: set[str] = set()
    twice = []
    for found in _ID_ATTRIBUTE.findall(page_html):
        if found in seen and found not in twice:
            twice.append(found)
        seen.add(found)
    return twice


def svg_problem(data: bytes) -> str | None:
    """What in an SVG file is more than a drawing (an allow-list of elements and attributes), or None."""
    from xml.etree import ElementTree

    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return "a document type or entities"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return "XML that cannot be read"
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else "?"
        if name not in _SVG_ELEMENTS:
            return f"a <{name}> element"
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1].lower()
            written = "xlink:href" if attribute.endswith("}href") and "xlink" in attribute else local
            if not _SVG_ATTRIBUTES.fullmatch(written):
                return f'the attribute "{written}"'
            if local == "href" and not value.startswith("#"):
                return f'a link to "{value[:40]}"'
            if "url(" in value.lower() and not re.fullmatch(r"url\(#[A-Za-z0-9_-]+\)", value.strip()):
                return f'"{value[:40]}"'
    return None
