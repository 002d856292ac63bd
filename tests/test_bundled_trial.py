"""What must hold for whatever trial data/trial.yaml holds: an editor who replaces it with
another trial gets these checks, and no test here expects any fact of a particular trial.

(The browser checks of every page in every language, tests/test_browser.py, also run on it.)
"""

from __future__ import annotations

import io
import re

import pytest
from helpers import BUNDLED, LANGUAGES, ROOT
from trialsite.cli import main
from trialsite.facts import FACT_RE, raw_texts
from trialsite.loader import load_yaml

pytestmark = pytest.mark.build


def test_the_editors_check_passes(monkeypatch):
    monkeypatch.chdir(ROOT)
    out, err = io.StringIO(), io.StringIO()
    assert main(["--no-build"], out=out, err=err) == 0, err.getvalue()
    assert "no problems found" in out.getvalue()


def test_the_strict_build_passes_in_every_language(bundled_site):
    for language in LANGUAGES:
        prefix = "" if language == "en" else f"{language}/"
        assert (bundled_site / prefix / "index.html").is_file(), language


def test_numbers_written_in_texts_agree_across_languages():
    """Digits written into a text by hand (not as {facts}) are the same in every language."""
    # (That each text inserts the same {facts} in every language is a rule of the check itself.)
    data = load_yaml(BUNDLED).data
    for path, texts in raw_texts(data):
        # A number is digits with inner separators; "8,0" and "8.0" (decimal signs) and "1 000",
        # "1,000" and "1.000" (group separators) are the same value written in different languages.
        numbers = {
            language: sorted(
                re.sub(r"[.,\u00a0\u202f]", ".", number)
                for number in re.findall(r"\d+(?:[.,\u00a0\u202f]\d+)*", FACT_RE.sub("", text))
            )
            for language, text in texts.items()
        }
        assert len({tuple(found) for found in numbers.values()}) <= 1, (path, numbers)
