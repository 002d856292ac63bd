"""Texts from the data to safe HTML.

Editors may write **bold**, *italic*, lists and [links](https://...) in texts. The Markdown
is turned into HTML and then passed through an allow-list sanitiser (nh3, the Rust
"ammonia" library): whatever an editor pastes, only these tags and link schemes reach a page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
import nh3

from .validation import PLACEHOLDER_RE

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


def fill(text: str, facts: dict[str, str]) -> str:
    """Insert facts for {name}; names were checked when the data was loaded."""
    return PLACEHOLDER_RE.sub(lambda match: facts.get(match.group(1), match.group(0)), text)


def _clean(raw_html: str, tags: set[str]) -> str:
    return nh3.clean(
        raw_html,
        tags=tags,
        attributes={"a": {"href"}},
        url_schemes=TEXT_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


# One converter, reset between texts: building a new one per text was most of the rendering time.
_MARKDOWN = markdown.Markdown()


def _to_html(text: str) -> str:
    return _MARKDOWN.reset().convert(text)


def render_block(text: str, facts: dict[str, str]) -> Html:
    """Paragraphs and lists."""
    filled = _ORDINAL_AT_LINE_START.sub(r"\1\\\2\3", fill(text, facts))
    return Html(_clean(_to_html(filled), BLOCK_TAGS))


def render_inline(text: str, facts: dict[str, str]) -> Html:
    """One line of text: emphasis and links only, no paragraphs."""
    filled = fill(" ".join(text.split()), facts)
    filled = _BLOCK_SYNTAX_AT_START.sub(r"\\\1", _ORDINAL_AT_LINE_START.sub(r"\1\\\2\3", filled))
    converted = _to_html(filled)
    return Html(_clean(converted, INLINE_TAGS))
