"""A corpus of broken and hostile trial files (tests/bad_input/): each gets its exact message from
the data check, and the editors' check command prints them with exit status 1 and no traceback.
The expected messages are in tests/bad_input/EXPECTED.yaml; the files are small variations of
tests/fixtures/minimal.yaml."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from helpers import ROOT
from trialsite.cli import main
from trialsite.problems import ProblemsError
from trialsite.validation import load_trial

CORPUS = ROOT / "tests" / "bad_input"
EXPECTED = yaml.safe_load((CORPUS / "EXPECTED.yaml").read_text(encoding="utf-8"))
FILES = sorted(path for path in CORPUS.glob("*.yaml") if path.name != "EXPECTED.yaml")


def test_corpus_is_large_and_every_file_has_expectations():
    assert len(FILES) >= 40
    assert sorted(path.stem for path in FILES) == sorted(EXPECTED)


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_bad_file_gets_its_exact_message(path: Path):
    # The messages, from the check that makes them (the check command prints exactly these: below).
    shown = path.relative_to(ROOT).as_posix()
    with pytest.raises(ProblemsError) as caught:
        load_trial(path, ["en", "fi"], shown)
    assert [str(problem) for problem in caught.value.problems] == [
        message.replace("{file}", shown) for message in EXPECTED[path.stem]
    ]


def _needs_translations(name: str) -> bool:
    return any(": missing the text in " in message or " is empty; write" in message for message in EXPECTED[name])


#: The check command on a few of the files: one problem, the most problems, texts still to translate,
#: and the file that nests deepest (no traceback however deep the reader goes).
CLI_FILES = sorted(
    {
        next(path for path in FILES if len(EXPECTED[path.stem]) == 1),
        max(FILES, key=lambda path: len(EXPECTED[path.stem])),
        next(path for path in FILES if _needs_translations(path.stem)),
        next(path for path in FILES if "deep-nesting" in path.stem),
    }
)


@pytest.mark.parametrize("path", CLI_FILES, ids=[path.stem for path in CLI_FILES])
def test_the_check_command_prints_the_messages_and_exits_1(path: Path, monkeypatch):
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
    assert (
        out.getvalue() == ""
        if not _needs_translations(path.stem)
        else out.getvalue().startswith("\nTranslations still to write: ")
    )


def test_the_base_of_the_corpus_is_valid(monkeypatch):
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    assert main(["--data", "tests/fixtures/minimal.yaml", "--languages", "en,fi"], out=out, err=io.StringIO()) == 0
    assert "no problems found" in out.getvalue()
