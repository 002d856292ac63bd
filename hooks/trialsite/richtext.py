"""Texts from the data to safe HTML.

Editors may write **bold**, *italic*, lists and [links](https://...) in texts. The Markdown
is turned into HTML and then passed through an allow-list sanitiser (nh3, the Rust
"ammonia" library): whatever an editor pastes, only these tags and link schemes reach a page.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3

from .facts import FACT_RE, fill

#: A term marked for the glossary: [ECOG](glossary:ecog). The word shown may be inflected.
GLOSSARY_LINK_RE = re.compile(r"\[([^\]]+)\]\(\s*glossary:([^)\s]*)\s*\)")

BLOCK_TAGS = {"p", "ul", "ol", "li", "strong", "em", "b", "i", "a", "br"}
INLINE_TAGS = {"strong", "em", "b", "i", "a", "br"}
URL_SCHEMES = {"https", "mailto", "tel"}
# [word](glossary:id) marks a glossary term; terms.py turns these links into explanations.
TEXT_URL_SCHEMES = URL_SCHEMES | {"glossary"}
_TAG_RE = re.compile(r"<[^>]*>")
# "12. ravitsükli lõpus" (Estonian for "at the end of cycle 12") must stay a sentence, not
# become a list starting at 12: ordinals are written this way in four of the five languages,
# so numbered-list syntax is switched off in texts (bullet lists with "- " still work).
_ORDINAL_AT_LINE_START = re.compile(r"^(\s*\d+)([.)])(\s)", re.MULTILINE)
_BLOCK_SYNTAX_AT_START = re.compile(r"^([-+*](?=\s)|[#>])")


@dataclass(frozen=True)
class Html:
    """Sanitised HTML, usable directly in an autoescaping Jinja template."""

    html: str

    def __html__(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    @property
    def text(self) -> str:
        """The same content as plain text (for titles, meta tags and headings)."""
        return " ".join(html.unescape(_TAG_RE.sub("", self.html)).split())


def _clean(raw_html: str, tags: set[str]) -> str:
    return nh3.clean(
        raw_html,
        tags=tags,
        attributes={"a": {"href"}},
        url_schemes=TEXT_URL_SCHEMES,
        # Relative and "//host" links are refused by the check (`link_problem`); should one get
        # past it, it is dropped here rather than published.
        url_relative="deny",
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


# One converter, reset between texts: building a new one per text was most of the rendering time.
_MARKDOWN = markdown.Markdown()


def _to_html(text: str) -> str:
    return _MARKDOWN.reset().convert(text)


def block_html(filled: str) -> str:
    """A text (its facts filled in) to HTML, as Markdown would turn it."""
    return _to_html(_ORDINAL_AT_LINE_START.sub(r"\1\\\2\3", filled))


def inline_html(filled: str) -> str:
    """One line (its facts filled in) to HTML, as Markdown would turn it, without block syntax."""
    return _to_html(_BLOCK_SYNTAX_AT_START.sub(r"\\\1", _ORDINAL_AT_LINE_START.sub(r"\1\\\2\3", filled)))


_BLANK_LINES = re.compile(r"\n[ \t]*\n[\s]*")


def render_block(text: str, facts: dict[str, str]) -> Html:
    """Paragraphs and lists. No blank line is left inside (what nh3 strips, such as a code block,
    keeps its text): the HTML goes into a page's Markdown, where a blank line ends an HTML block."""
    return Html(_safe_block(fill(text, facts)))


def render_inline(text: str, facts: dict[str, str]) -> Html:
    """One line of text: emphasis and links only, no paragraphs."""
    return Html(_safe_inline(fill(" ".join(text.split()), facts)))


# Pure functions of the filled text, so a text is rendered once per process: a rebuild (the
# preview's, after an edit) renders only the texts that changed. Bounded, like a cache must be
# whose keys come from the data.
@functools.lru_cache(maxsize=4096)
def _safe_block(filled: str) -> str:
    return _BLANK_LINES.sub("\n", _clean(block_html(filled), BLOCK_TAGS))


@functools.lru_cache(maxsize=4096)
def _safe_inline(filled: str) -> str:
    return _clean(inline_html(filled), INLINE_TAGS)


# --- What a text shows, and where its links lead (used by the data check) ---------------------

# Characters that show nothing on their own: controls, format characters (zero-width space,
# joiners, direction marks, soft hyphen), spaces and separators, combining marks without a base.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"}
# Letters and symbols that are drawn as blank space all the same.
_BLANK_CHARACTERS = set("\u115f\u1160\u3164\uffa0\u2800")


def has_visible_text(text: str) -> bool:
    """Whether ``text`` (plain, not markup) has at least one character a reader can see."""
    return any(
        char not in _BLANK_CHARACTERS and unicodedata.category(char) not in _INVISIBLE_CATEGORIES for char in text
    )


def _visible(sanitised_html: str) -> bool:
    return has_visible_text(html.unescape(_TAG_RE.sub("", sanitised_html)))


_CAN_HIDE_OR_LINK = re.compile(r"[<&\[!]")


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value or "" for name, value in attrs if name == "href")


@dataclass(frozen=True)
class TextCheck:
    """What a data text shows once rendered (as a block and as one line) and the links it makes."""

    visible: bool
    hrefs: list[str]


def check_text(text: str) -> TextCheck:
    """Render ``text`` as the pages do (each {fact} standing for a visible value) and report what
    a reader gets: whether anything visible is left after the sanitiser, and every link target
    written in it (Markdown links, reference links, autolinks and HTML <a href>)."""
    filled = FACT_RE.sub("0", text)
    # Emphasis, lists, headings and code keep their letters (digits may be list numbers): only
    # HTML, entities, links and images (< & [ !) can hide a letter or make a link, and a glossary
    # link shows its word. Most texts with markup skip Markdown here.
    words = GLOSSARY_LINK_RE.sub(r"\1", filled)
    if not _CAN_HIDE_OR_LINK.search(words) and any(char.isalpha() and char not in _BLANK_CHARACTERS for char in words):
        return TextCheck(True, ["glossary:" + match.group(2) for match in GLOSSARY_LINK_RE.finditer(filled)])
    return rendered_check(filled)


def rendered_check(filled: str) -> TextCheck:
    """`check_text` the long way, through Markdown and the sanitiser (its facts already filled in)."""
    block = block_html(filled)
    parser = _Hrefs()
    parser.feed(block)
    parser.close()
    visible = _visible(_clean(block, BLOCK_TAGS)) and _visible(
        _clean(inline_html(" ".join(filled.split())), INLINE_TAGS)
    )
    return TextCheck(visible, parser.hrefs)


_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_HTTPS_RE = re.compile(r"https://[^/?#\\\s]+(?:[/?#]\S*)?", re.IGNORECASE)


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def link_problem(href: str) -> str | None:
    """Why a link in a data text is not allowed, or None. Only https://, mailto:, tel: and
    glossary: links are: a relative link is broken on some page of the site, and a "//host" link
    leads to another site while looking like a page of this one."""
    # Browsers drop tabs and line breaks anywhere in an address, and spaces and controls around it.
    url = re.sub(r"[\t\n\r]", "", href).strip("".join(map(chr, range(0x21))))
    shown = _short(url)
    allowed = "links in texts must start with https://, mailto:, tel: or glossary:"
    scheme = _SCHEME_RE.match(url)
    if not url:
        return f"has a link with no address; {allowed}"
    if scheme is None:
        if url.startswith(("//", "\\\\", "/\\", "\\/")):
            return (
                f'has the link "{shown}", which leads to another site but looks like a page of this one; '
                "write the full address, starting with https://"
            )
        return f'has the relative link "{shown}", which would be broken on some pages; {allowed}'
    name = scheme.group(1).lower()
    if name == "http":
        return f'has the link "{shown}"; write https:// (secure) addresses only'
    if name not in TEXT_URL_SCHEMES:
        return f'has a "{name}:" link ("{shown}"); {allowed}'
    if name == "https" and not _HTTPS_RE.fullmatch(url):
        return f'has the link "{shown}", which is not a full web address; write it as https://host/page'
    if name in ("mailto", "tel") and len(url) == len(name) + 1:
        return f'has a "{name}:" link without an address'
    return contact_link_problem(url)


_MAILTO_RE = re.compile(r"mailto:[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", re.IGNORECASE)
_TEL_RE = re.compile(r"tel:\+?[0-9(][0-9 ().-]{3,}", re.IGNORECASE)


def contact_link_problem(url: str) -> str | None:
    """Why a mailto: or tel: link is not allowed, or None (other links: None).

    One plain address or number each: a mailto: with "?bcc=" or "&cc=" would copy the patient's
    message to someone else, and a tel: with * or # can dial a phone's service codes (call
    forwarding)."""
    if url[:7].lower() == "mailto:" and not _MAILTO_RE.fullmatch(url):
        return (
            f'has the link "{_short(url)}"; a mailto: link holds one address and nothing else '
            "(no ?subject=, ?cc= or ?bcc=)"
        )
    if url[:4].lower() == "tel:" and not _TEL_RE.fullmatch(url):
        return f'has the link "{_short(url)}"; a tel: link holds one phone number: digits, spaces, + - ( ) only'
    return None
