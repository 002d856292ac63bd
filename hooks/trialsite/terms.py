"""Glossary terms in a finished page: the first mention of each term gets its explanation.

Texts mark a term as ``[word](glossary:id)``; the sanitiser keeps such links as
``<a href="glossary:id">word</a>``. Per page, the first mention of each term becomes a
button with a tooltip (shown on hover, focus and tap; see trial.css and trial.js) and
later mentions become plain words. The data check has made sure every id has an entry.
"""

from __future__ import annotations

import html
import re

from .richtext import Html

TERM_LINK_RE = re.compile(r'<a href="glossary:([a-z][a-z0-9-]*)"[^>]*>(.*?)</a>', re.DOTALL)


def mark_terms(page_html: str, explanations: dict[str, Html], more: str | None = None, glossary_url: str = "") -> str:
    """``page_html`` with its marked terms explained at their first mention (plain words if no entry)."""
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        term_id, word = match.group(1), match.group(2)
        explanation = explanations.get(term_id)
        if explanation is None or term_id in seen:
            return word
        seen.add(term_id)
        tip = f"tip-{term_id}"
        return (
            f'<span class="trial-term"><button type="button" class="trial-term__word" aria-describedby="{tip}">{word}</button>'
            f'<span class="trial-term__tip" role="tooltip" id="{tip}">{explanation}</span></span>'
        )

    marked = TERM_LINK_RE.sub(replace, page_html)
    if seen and more and glossary_url:
        marked += f'\n<p class="trial-more-terms"><a href="{html.escape(glossary_url)}">{html.escape(more)}</a></p>'
    return marked


def plain_terms(page_html: str) -> str:
    """``page_html`` with every term mark removed (the glossary page itself, the printable summary)."""
    return TERM_LINK_RE.sub(lambda match: match.group(2), page_html)
