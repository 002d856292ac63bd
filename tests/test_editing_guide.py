"""Every example in EDITING.md works on the real data file, and the error it shows is the real one."""

from __future__ import annotations

import functools
import io
import re

import pytest
from helpers import LANGUAGES, ROOT, SEED, copy_project
from trialsite.cli import main
from trialsite.validation import load_trial_bytes

GUIDE = (ROOT / "EDITING.md").read_text(encoding="utf-8")
SEED_TEXT = SEED.read_text(encoding="utf-8")
EXAMPLE = re.compile(r"<!-- (example|example-error): ([\w-]+) -->(.*?)(?=<!-- example|\Z)", re.S)
BLOCK = re.compile(r"```(yaml|text)\n(.*?)```", re.S)

EXAMPLES = [(kind, name, BLOCK.findall(body)) for kind, name, body in EXAMPLE.findall(GUIDE)]


def apply(before: str, after: str) -> str:
    assert SEED_TEXT.count(before) == 1, f"the guide's 'before' text must be in the seed trial once:\n{before}"
    return SEED_TEXT.replace(before, after)


@functools.cache
def real_trial():
    """The data file before any example, checked once for all the examples."""
    return load_trial_bytes(SEED_TEXT.encode("utf-8"), LANGUAGES, "data/trial.yaml")


def test_the_guide_has_the_examples_editors_need():
    names = {name for _, name, _ in EXAMPLES}
    assert {"change-status", "add-site", "close-site", "add-country", "fix-text", "misspelt-status"} <= names


@pytest.mark.parametrize(
    ("kind", "name", "blocks"),
    [e for e in EXAMPLES if e[0] == "example"],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_example_gives_valid_data(kind, name, blocks):
    (_, before), (_, after) = blocks[:2]
    changed = apply(before, after)
    trial = load_trial_bytes(changed.encode("utf-8"), LANGUAGES, "data/trial.yaml")
    # The example changes what the site shows, not only the file's text (a comment, a blank line).
    assert trial != real_trial()


@pytest.mark.parametrize(
    ("kind", "name", "blocks"),
    [e for e in EXAMPLES if e[0] == "example-error"],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_error_example_shows_the_real_message(kind, name, blocks, tmp_path, monkeypatch):
    (_, before), (_, after), (text_kind, shown) = blocks[:3]
    assert text_kind == "text"
    # The guide's snippets are indented as in the file; apply them to the first match only.
    changed = SEED_TEXT.replace(before, after, 1)
    assert changed != SEED_TEXT
    copy_project(tmp_path, changed)
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    assert main(["--config", "mkdocs.yml"], out=io.StringIO(), err=err) == 1

    # Line numbers move as the data grows; everything else must be what the guide shows.
    def without_position(text: str) -> str:
        return re.sub(r":\d+:\d+:", ":LINE:COLUMN:", text.strip())

    assert without_position(err.getvalue()) == without_position(shown)
