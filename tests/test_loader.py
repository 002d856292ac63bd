"""The strict YAML loader: every trap becomes one located problem, never an exception."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from trialsite.loader import LoadError, load_yaml_bytes


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
        (b"\xef\xbb\xbfa: 1\n", "trial.yaml: (file): starts with a byte-order mark (BOM); save it as UTF-8 without BOM"),
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
