"""Glossary terms in a finished page: the first mention of each term gets its explanation.

Texts mark a term as ``[word](glossary:id)``; the sanitiser keeps such links as
``<a href="glossary:id">word</a>``. Per page, the first mention of each term becomes a
button with a tooltip (shown on hover, focus and tap; see trial.css and trial.js) and
later mentions become plain words. The data check has made sure every id has an entry.

A browser may break a line on either side of the button (an inline block), even between
"(" and the term or the term and ")": "multiple myeloma (" / "RRMM)". So the text glued
to a marked term on either side (no space between them: brackets, quotes, punctuation, a
case ending such as Finnish ":n" or "-hoito") goes with it into a ``trial-nowrap`` span.
A word joiner (U+2060) does not help: Chromium still breaks there.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from .components import component
from .richtext import Html

TERM_LINK_RE = re.compile(r'<a href="glossary:([a-z][a-z0-9-]*)"[^>]*>(.*?)</a>', re.DOTALL)


# Characters that do not separate a term from the text beside it: anything but white space
# and the ends of tags, and the spaces that do not break a line.
_NO_BREAK_SPACES = "\u00a0\u2007\u202f\u2060"


def _glued(character: str) -> bool:
    return character not in "<>" and (not character.isspace() or character in _NO_BREAK_SPACES)


def mark_terms(page_html: str, explanations: dict[str, Html], more: str | None = None, glossary_url: str = "") -> str:
    """``page_html`` with its marked terms explained at their first mention (plain words if no entry)."""
    seen: set[str] = set()
    parts: list[str] = []
    done = 0  # page_html[:done] is in parts
    for match in TERM_LINK_RE.finditer(page_html):
        term_id, word = match.group(1), match.group(2)
        explanation = explanations.get(term_id)
        if explanation is None or term_id in seen:
            parts += [page_html[done : match.start()], word]
            done = match.end()
            continue
        seen.add(term_id)
        # The page's own HTML (the word, the text glued to it) goes into the components as it is.
        marked = component("term", Markup(word), f"tip-{term_id}", explanation)
        # The glued text ends at white space or a tag (the next term's link is one).
        start, end = match.start(), match.end()
        while start > done and _glued(page_html[start - 1]):
            start -= 1
        while end < len(page_html) and _glued(page_html[end]):
            end += 1
        before, after = page_html[start : match.start()], page_html[match.end() : end]
        if before or after:
            marked = component("nowrap", Markup(before), marked, Markup(after))
        parts += [page_html[done:start], str(marked)]
        done = end
    parts.append(page_html[done:])
    result = "".join(parts)
    if seen and more and glossary_url:
        result += "\n" + str(component("more_terms", glossary_url, more))
    return result


def plain_terms(page_html: str) -> str:
    """``page_html`` with every term mark removed (the glossary page itself, the printable summary)."""
    return TERM_LINK_RE.sub(lambda match: match.group(2), page_html)
