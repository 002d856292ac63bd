"""The strict YAML loader: every trap becomes one located problem, never an exception."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from trialsite.loader import load_yaml_bytes
from trialsite.problems import LoadError, Problem


def problems_of(text: str | bytes) -> list[str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(LoadError) as caught:
        load_yaml_bytes(raw, "trial.yaml").raise_problems()
    return [str(problem) for problem in caught.value.problems]


def test_values_keep_their_positions_and_types():
    located = load_yaml_bytes(b'a:\n  b: 2026-05-20\n  c: [1, 8.0, "NO"]\n', "t.yaml")
    assert located.data == {"a": {"b": dt.date(2026, 5, 20), "c": [1, Decimal("8.0"), "NO"]}}
    assert located.position(("a", "b")) == (2, 6)
    assert located.position(("a", "c", 2)) == (3, 15)
    # Decimals keep the digits written, so 8.0 can be shown as "8,0".
    assert str(located.data["a"]["c"][1]) == "8.0"


def test_unquoted_no_as_value_is_reported():
    assert problems_of("country: NO\n") == [
        'trial.yaml:1:10: country: NO is read by YAML as true/false; if you mean the text, write it in quotes: "NO"'
    ]


def test_unquoted_no_as_key_is_reported():
    assert problems_of("title:\n  en: x\n  no: y\n") == [
        'trial.yaml:3:3: title.no: the key no is read by YAML as true/false; write it in quotes: "no"'
    ]


def test_duplicate_key_is_reported_with_first_line():
    assert problems_of("phase: phase2\nphase: phase3\n") == [
        "trial.yaml:2:1: phase: is written twice (first on line 1); keep only one"
    ]


def test_impossible_date():
    assert problems_of("start: 2026-02-30\n") == [
        "trial.yaml:1:8: start: 2026-02-30 is not a real date; expected a date as YYYY-MM-DD"
    ]


def test_date_with_time():
    assert problems_of("start: 2026-05-20 10:00:00\n") == [
        "trial.yaml:1:8: start: 2026-05-20 10:00:00 has a time; expected a date only, as YYYY-MM-DD"
    ]


def test_several_problems_in_one_run():
    found = problems_of("a: 2026-02-30\nb: no\na: 1\n")
    assert len(found) == 3


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "trial.yaml: (file): is empty; expected the trial's data"),
        (b"# only a comment\n", "trial.yaml: (file): is empty; expected the trial's data"),
        (
            b"\xef\xbb\xbfa: 1\n",
            "trial.yaml: (file): starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
        ),
        (b"a: 1\nb: caf\xe9\n", "trial.yaml:2:1: (file): is not valid UTF-8 text; save it with UTF-8 encoding"),
        (b"a:\n\tb: 1\n", "trial.yaml:2:1: (file): has a tab in its indentation; indent with spaces only"),
        (b"<<: {a: 1}\n", "trial.yaml:1:1: (top level): '<<' (merge keys) is not supported; write the fields out"),
    ],
)
def test_unreadable_files(raw, expected):
    assert problems_of(raw) == [expected]


def test_invalid_yaml_points_at_the_line():
    found = problems_of('title:\n  en: "unclosed\nphase: phase2\n')
    assert len(found) == 1
    assert found[0].startswith("trial.yaml:")
    assert "is not valid YAML" in found[0]


def test_alias_expansion_is_bounded():
    # Each level refers to the previous one ten times: 10**6 values from a few lines.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 7):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    found = problems_of("\n".join(lines) + "\n")
    assert found == ["trial.yaml: (file): expands to more than 200,000 values (too many aliases?)"]


def test_oversized_file():
    found = problems_of(b"a: " + b"x" * 1_000_001 + b"\n")
    assert found == ["trial.yaml: (file): is 1,000,005 bytes; the limit is 1,000,000 bytes"]


def test_deeply_nested_file_gives_a_problem_not_a_crash():
    found = problems_of("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert found == ["trial.yaml: (file): nests lists or groups too deeply to be a trial file"]


# --- Characters no value may hold ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\0", "U+0000"),
        ("\\a", "U+0007"),
        ("\\e", "U+001B"),
        ("\\r", "U+000D"),
        ("\\x7f", "U+007F"),
        ("\\x80", "U+0080"),
        ("\\N", "U+0085"),
        ("\\x9f", "U+009F"),
    ],
)
def test_control_characters_written_as_escapes_are_refused(escape, code):
    assert problems_of(f'a:\n  b: "xy{escape}z"\n') == [
        f"trial.yaml:2:6: a.b: holds an invisible control character ({code}) at character 3; remove it"
    ]


@pytest.mark.parametrize("escape", ["\\ud800", "\\udbff", "\\udc00", "\\udfff"])
def test_lone_surrogates_are_refused(escape):
    code = escape[2:].upper()
    assert problems_of(f'a: "{escape}"\n') == [
        f"trial.yaml:1:4: a: holds U+{code} at character 1, half of a character pair (a lone surrogate), which cannot "
        "be shown; write the whole character or remove it"
    ]


def test_tab_line_break_and_whole_characters_are_kept():
    located = load_yaml_bytes(b'a: "x\\ty\\nz \\U0001F600 \\u00e9"\n', "t.yaml")
    assert located.problems == [] and located.data == {"a": "x\ty\nz \U0001f600 \u00e9"}


def test_a_key_with_a_control_character_is_refused_and_printed_escaped():
    assert problems_of('"ti\\x1btle": x\n') == [
        "trial.yaml:1:1: ti\\x1btle: the key holds an invisible control character (U+001B) at character 3; remove it"
    ]


def test_a_message_is_one_printable_line_whatever_the_value():
    # Values quoted in messages come from the file: a line break, an escape code, a lone surrogate or
    # a direction override is printed as an escape, so each problem stays one readable line.
    problem = Problem("t.yaml", 1, 2, "a", 'unknown country "X\nY\x1b[2J\ud800\u202e"')
    assert str(problem) == 't.yaml:1:2: a: unknown country "X\\nY\\x1b[2J\\ud800\\u202e"'
    assert str(problem).encode("utf-8")


def test_the_same_text_read_again_gives_its_own_data_and_its_own_file_name():
    # The node tree of a text is kept (loader._compose): each reading still builds data of its own,
    # and a problem names the file it was read as.
    text = b"country: NO\nlist: [1, 2]\n"
    first, second = load_yaml_bytes(text, "first.yaml"), load_yaml_bytes(text, "second.yaml")
    first.data["list"].append(3)
    assert second.data == {"country": "NO", "list": [1, 2]}
    assert [problem.file for problem in first.problems] == ["first.yaml"]
    assert [problem.file for problem in second.problems] == ["second.yaml"]


def test_a_long_text_read_twice_gives_the_same_data():
    # A long text (whether or not its tree is kept): the second reading gives the same data.
    text = ("items:\n" + "".join(f"  - H{index} {'x' * 250}\n" for index in range(1_000))).encode()
    assert len(text) > 250_000
    assert load_yaml_bytes(text, "t.yaml").data == load_yaml_bytes(text, "t.yaml").data
