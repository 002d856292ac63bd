"""A corpus of broken and hostile trial files (tests/bad_input/): each gets its exact message
from the editors' check, exit status 1 and no traceback. The expected messages are in
tests/bad_input/EXPECTED.yaml; the files are small variations of tests/fixtures/minimal.yaml."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from helpers import ROOT
from trialsite.cli import main

CORPUS = ROOT / "tests" / "bad_input"
EXPECTED = yaml.safe_load((CORPUS / "EXPECTED.yaml").read_text(encoding="utf-8"))
FILES = sorted(path for path in CORPUS.glob("*.yaml") if path.name != "EXPECTED.yaml")


def test_corpus_is_large_and_every_file_has_expectations():
    assert len(FILES) >= 40
    assert sorted(path.stem for path in FILES) == sorted(EXPECTED)


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_bad_file_gets_its_exact_message(path: Path, monkeypatch):
    monkeypatch.chdir(ROOT)
    shown = path.relative_to(ROOT).as_posix()
    out, err = io.StringIO(), io.StringIO()
    status = main(["--data", shown, "--languages", "en,fi"], out=out, err=err)
    assert status == 1
    lines = err.getvalue().splitlines()
    count = len(EXPECTED[path.stem])
    assert lines[0] == f"{count} problem{'s' if count != 1 else ''} to fix."
    assert [line.strip() for line in lines[1:]] == [message.replace("{file}", shown) for message in EXPECTED[path.stem]]
    assert "Traceback" not in err.getvalue()
    # Nothing on stdout but, when texts lack a language, the translators' report (test_ctgov.py).
    missing = [message for message in EXPECTED[path.stem] if ": missing the text in " in message or " is empty; write" in message]
    assert out.getvalue() == "" if not missing else out.getvalue().startswith("\nTranslations still to write: ")


def test_the_base_of_the_corpus_is_valid(monkeypatch):
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    assert main(["--data", "tests/fixtures/minimal.yaml", "--languages", "en,fi"], out=out, err=io.StringIO()) == 0
    assert "no problems found" in out.getvalue()
