"""Issue 14's design check: the privacy notice tells of the self-check in every language.

The English notice was corrected (the self-check is a form, but it sends nothing); the other
languages still said "no forms". Each language's notice must name its own "Who can join" page,
where the questions are.
"""

from __future__ import annotations

import pytest
import yaml
from helpers import LANGUAGES, ROOT


def page(language: str, name: str) -> tuple[dict, str]:
    folder = ROOT / "docs" if language == "en" else ROOT / "docs" / language
    _, front, body = (folder / f"{name}.md").read_text(encoding="utf-8").split("---", 2)
    return yaml.safe_load(front), body


@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_notice_names_the_page_with_the_questions(language):
    eligibility, _ = page(language, "eligibility")
    _, privacy = page(language, "privacy")
    assert eligibility["title"] in privacy
