"""Hostile interface catalogues (hooks/trialsite/messages/*.yaml): a text may insert only the
{values} the code passes for its key, written by name. Each case loads a copied catalogue folder
with one text changed and expects its exact message; none may raise anything else."""

from __future__ import annotations

import ast
import io
import re
import shutil
from pathlib import Path

import pytest
from helpers import ROOT, line_of, replace_once
from trialsite import catalogue
from trialsite.catalogue import TEXT_VALUES, Messages, load_messages
from trialsite.cli import main
from trialsite.problems import CatalogueError
from trialsite.vocabulary import RecruitmentStatus

SOURCE = ROOT / "hooks" / "trialsite" / "messages"
LANGUAGES = ["en", "fi"]
CURLY = (
    'has a brace "{" or "}" that is not part of a {value}; values are written as {name}, and texts have no other braces'
)


def _by_name(written: str) -> str:
    return f'has "{written}", which the site cannot fill in; write a value by its name alone, such as {{count}}'


def copied(tmp_path: Path, language: str, old: str, new: str) -> tuple[Path, str]:
    folder = tmp_path / "messages"
    shutil.copytree(SOURCE, folder)
    path = folder / f"{language}.yaml"
    text = replace_once(path.read_text(encoding="utf-8"), old, new)
    path.write_text(text, encoding="utf-8")
    return folder, text


def problems(folder: Path) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        load_messages(LANGUAGES, directory=folder)
    return [str(problem) for problem in caught.value.problems]


# (language, text to replace, its replacement, the line to point at, field, message)
CASES = [
    ("fi", 'menu: "Valikko"', 'menu: "Valikko {0}"', "menu:", "menu", _by_name("{0}")),
    ("fi", 'menu: "Valikko"', 'menu: "Valikko {}"', "menu:", "menu", _by_name("{}")),
    ("fi", 'menu: "Valikko"', 'menu: "Valikko {"', "menu:", "menu", CURLY),
    ("fi", 'menu: "Valikko"', 'menu: "Valikko }"', "menu:", "menu", CURLY),
    ("fi", 'menu: "Valikko"', 'menu: "{{Valikko}}"', "menu:", "menu", CURLY),
    (
        "fi",
        'menu: "Valikko"',
        'menu: "Valikko {menu}"',
        "menu:",
        "menu",
        "inserts {menu}, which the site does not fill in here; this text inserts no {values}",
    ),
    (
        "fi",
        "Suunniteltu alkamispäivä: {date}.",
        "Suunniteltu alkamispäivä: {paiva}.",
        "  start_planned:",
        "dates.start_planned",
        "inserts {paiva}, which the site does not fill in here; this text may insert {date}",
    ),
    (
        "fi",
        "Suunniteltu alkamispäivä: {date}.",
        "Suunniteltu alkamispäivä: {date.year}.",
        "  start_planned:",
        "dates.start_planned",
        _by_name("{date.year}"),
    ),
    (
        "fi",
        "Suunniteltu alkamispäivä: {date}.",
        "Suunniteltu alkamispäivä: {date!r}.",
        "  start_planned:",
        "dates.start_planned",
        _by_name("{date!r}"),
    ),
    (
        "fi",
        "Suunniteltu alkamispäivä: {date}.",
        "Suunniteltu alkamispäivä: {date:>999999999}.",
        "  start_planned:",
        "dates.start_planned",
        _by_name("{date:>999999999}"),
    ),
    (
        "fi",
        "Suunniteltu alkamispäivä: {date}.",
        "Suunniteltu alkamispäivä: {date[0]}.",
        "  start_planned:",
        "dates.start_planned",
        _by_name("{date[0]}"),
    ),
    (
        "fi",
        'one: "{count} hoitojakso"',
        'one: "{0} hoitojakso"',
        'one: "{0} hoitojakso"',
        "treatment.cycles.one",
        _by_name("{0}"),
    ),
    (
        "fi",
        'menu: "Valikko"',
        'menu: "\\u200b"',
        "menu:",
        "menu",
        "has no visible text (only spaces or invisible characters); write the text",
    ),
    (
        "fi",
        'menu: "Valikko"',
        'menu: "Vali\\x1bkko"',
        "menu:",
        "menu",
        "holds an invisible control character (U+001B) at character 5; remove it",
    ),
    # English is read the same way: it cannot use a value the code does not pass either.
    ("en", 'menu: "Menu"', 'menu: "Menu {0}"', "menu:", "menu", _by_name("{0}")),
    (
        "en",
        'menu: "Menu"',
        'menu: "Menu {name}"',
        "menu:",
        "menu",
        "inserts {name}, which the site does not fill in here; this text inserts no {values}",
    ),
]


@pytest.mark.parametrize(
    ("language", "old", "new", "needle", "field", "message"), CASES, ids=[f"{case[0]}-{case[2]}" for case in CASES]
)
def test_hostile_catalogue_text_gets_its_message(tmp_path, language, old, new, needle, field, message):
    folder, text = copied(tmp_path, language, old, new)
    line = line_of(text, needle)
    column = text.splitlines()[line - 1].index('"') + 1
    assert problems(folder) == [f"{folder / language}.yaml:{line}:{column}: {field}: {message}"]


def test_the_check_reports_a_catalogue_problem_as_file_line_column(tmp_path, monkeypatch):
    folder, text = copied(tmp_path, "fi", 'menu: "Valikko"', 'menu: "Valikko {0}"')
    monkeypatch.setattr(catalogue, "MESSAGES_DIR", folder)  # as if the pull request changed the real catalogue
    monkeypatch.chdir(ROOT)
    out, err = io.StringIO(), io.StringIO()
    status = main(["--data", "tests/fixtures/minimal.yaml", "--languages", "en,fi"], out=out, err=err)
    assert status == 1 and out.getvalue() == ""
    line = line_of(text, "menu:")
    assert err.getvalue().splitlines() == [
        "1 problem to fix.",
        f"  hooks/trialsite/messages/fi.yaml:{line}:7: menu: {_by_name('{0}')}",
    ]


def test_the_real_catalogues_pass():
    load_messages(["en", "no", "da", "et", "fi"])


def test_filling_in_values_never_reaches_into_them():
    # Even a text the check has not seen cannot look up attributes or pad a value (str.format could).
    english = load_messages(["en"])["en"]
    hostile = Messages("en", {"a": "{date.__class__} {date:>30} {date}", "b": "{0} {}"}, english.formatter)
    assert hostile.text("a", date="20 May") == "{date.__class__} {date:>30} 20 May"
    assert hostile.text("b", date="x") == "{0} {}"


def _calls_with_values() -> dict[str, set[str]]:
    """Every .text("key", name=...) and .plural("key", n, name=...) in the code, with the names it passes."""
    found: dict[str, set[str]] = {}
    sources = [*sorted((ROOT / "hooks" / "trialsite").glob("*.py")), ROOT / "hooks" / "trial_hooks.py"]
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "text_with_identifier"
            ):
                # text_with_identifier(messages, "key", "name", value) fills {name} with an identifier.
                key, name = (argument.value for argument in node.args[1:3])  # type: ignore[attr-defined]
                found.setdefault(key, set()).add(name)
                continue
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("text", "plural")
            ):
                continue
            names = {keyword.arg for keyword in node.keywords if keyword.arg}
            if node.func.attr == "plural":
                names.add("count")
            if not names:
                continue
            key = node.args[0]
            if isinstance(key, ast.JoinedStr):
                # f"status_line.{status.value}": one text per recruitment status.
                parts = [part.value if isinstance(part, ast.Constant) else None for part in key.values]
                assert parts.count(None) == 1, f"{source.name}:{node.lineno}: one status per key name"
                keys = [
                    "".join(status.value if part is None else part for part in parts) for status in RecruitmentStatus
                ]
            else:
                assert isinstance(key, ast.Constant) and isinstance(key.value, str), (
                    f"{source.name}:{node.lineno}: a text that gets values must be named literally"
                )
                keys = [key.value]
            for name in keys:
                found.setdefault(name, set()).update(names)
    for template in (ROOT / "hooks" / "trialsite" / "templates").glob("*.jinja"):
        assert not re.search(r"\bt\(\s*['\"][^'\"]+['\"]\s*,", template.read_text(encoding="utf-8")), template.name
    return found


def test_the_declared_values_are_what_the_code_passes():
    assert _calls_with_values() == {key: set(names) for key, names in TEXT_VALUES.items()}


def test_a_missing_text_is_named_with_the_english_one(tmp_path):
    folder, _ = copied(tmp_path, "fi", '  recruiting: "Rekrytointi käynnissä"\n', "")
    assert problems(folder) == [f"{folder / 'fi'}.yaml: status.recruiting: is missing; the English text is: Recruiting"]
