"""Glossary terms in a page (terms.mark_terms): the first mention explains itself, and the text
glued to it stays on its line (in a browser: test_features_browser.py)."""

from __future__ import annotations

import re

from trialsite.richtext import Html
from trialsite.terms import mark_terms

EXPLANATIONS = {"rrmm": Html("Relapsed or refractory multiple myeloma."), "ecog": Html("A scale of daily activity.")}


def term(term_id: str, word: str) -> str:
    return f'<a href="glossary:{term_id}">{word}</a>'


def nowrap_groups(page_html: str) -> list[str]:
    """The text of each nowrap span, with the marked term's button shown as [word]."""
    groups = re.findall(r'<span class="trial-nowrap">(.*?</span></span>.*?)</span>', page_html)
    return [
        re.sub(r'<span class="trial-term"><button[^>]*>(.*?)</button>.*?</span></span>', r"[\1]", group)
        for group in groups
    ]


def test_brackets_and_punctuation_stay_with_the_term():
    page = f"<p>relapsed or refractory multiple myeloma ({term('rrmm', 'RRMM')}), and {term('ecog', 'ECOG')}.</p>"
    marked = mark_terms(page, EXPLANATIONS)
    assert nowrap_groups(marked) == ["([RRMM]),", "[ECOG]."]
    # The words before the bracket and after the punctuation are not held: the line may break there.
    assert "multiple myeloma <span" in marked and "</span> and <span" in marked and ".</span></p>" in marked


def test_word_endings_quotes_and_no_break_spaces_stay_with_the_term():
    page = f"<p>{term('ecog', 'ECOG')}-toimintakyky ja «{term('rrmm', 'RRMM')}»:n hoito</p>"
    assert nowrap_groups(mark_terms(page, EXPLANATIONS)) == ["[ECOG]-toimintakyky", "«[RRMM]»:n"]
    page = f"<p>dose\u00a0({term('rrmm', 'RRMM')})&nbsp;per day</p>"
    assert nowrap_groups(mark_terms(page, EXPLANATIONS)) == ["dose\u00a0([RRMM])&nbsp;per"]


def test_a_term_between_spaces_or_tags_gets_no_extra_span():
    page = f"<p>Your {term('ecog', 'ECOG')} score</p><ul><li>{term('rrmm', 'RRMM')}</li></ul>"
    marked = mark_terms(page, EXPLANATIONS)
    assert "trial-nowrap" not in marked
    assert marked.count('class="trial-term"') == 2


def test_later_mentions_and_unknown_terms_are_plain_words():
    page = f"<p>({term('rrmm', 'RRMM')}) and ({term('rrmm', 'RRMM')}) and ({term('other', 'X')})</p>"
    marked = mark_terms(page, EXPLANATIONS)
    assert nowrap_groups(marked) == ["([RRMM])"]
    assert marked.endswith("</span> and (RRMM) and (X)</p>")


def test_two_terms_side_by_side_each_keep_their_own_brackets():
    page = f"<p>({term('rrmm', 'RRMM')})/({term('ecog', 'ECOG')})</p>"
    marked = mark_terms(page, EXPLANATIONS)
    assert nowrap_groups(marked) == ["([RRMM])/(", "[ECOG])"]
    assert re.sub(r"<[^>]+>", "", marked).count("(") == 2  # no text is repeated or lost


def test_the_glossary_link_follows_the_marked_terms():
    marked = mark_terms(f"<p>{term('ecog', 'ECOG')}</p>", EXPLANATIONS, more="More words", glossary_url="../glossary/")
    assert marked.endswith('\n<p class="trial-more-terms"><a href="../glossary/">More words</a></p>')
    assert "trial-more-terms" not in mark_terms(
        "<p>No terms</p>", EXPLANATIONS, more="More words", glossary_url="../glossary/"
    )
