"""Fuzzing: random damage to the data either builds or fails with a clean error.

Each example of the first test removes a key, or puts a strange value (long, empty, Unicode,
markup, another type) somewhere in data/trial.yaml, writes it back as YAML and runs the whole
check. A valid result is also rendered in every language. Anything but success or
`TrialDataError` fails.

The second puts hostile text (any Unicode, lone surrogates and control characters included,
invisible texts, links) and hostile numbers (NaN, infinity, 1e400, 1e-400, huge integers) into
the text and number fields of tests/fixtures/minimal.yaml and runs the editors' check: it must
exit 1 with "file:line:column: field: message" lines, or exit 0 and then every view renders in
every language, as UTF-8.

CI runs a bounded number of examples; for more: HYPOTHESIS_PROFILE=long bash scripts/test.sh tests/test_fuzz.py
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import os
import re
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from helpers import FIXTURES, LANGUAGES, ROOT, SEED, cached_catalogues
from hypothesis import event, given
from hypothesis import strategies as st
from trialsite.cli import main
from trialsite.head import json_ld, medical_trial
from trialsite.loader import dump_yaml, load_yaml_bytes
from trialsite.problems import TrialDataError
from trialsite.render import SECTIONS, Renderer
from trialsite.validation import load_trial, load_trial_bytes
from trialsite.views import Context, checked_line


@functools.cache
def base() -> dict:
    """The seed trial as plain data (read on first use, not when the tests are collected)."""
    return load_yaml_bytes(SEED.read_bytes(), "data/trial.yaml").data


PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[x](javascript:alert(1))",
    "{cycles.planned}",
    "{nope}",
    "{",
    "}",
    "**",
    "- ",
    "1. ",
    "# ",
    "\u202e\u0000",
    "💥" * 50,
    "NO",
    "no",
    "2026-02-30",
    "",
    "x" * 20000,
    "<!-- trial:sites -->",
]
values = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=200),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.none(),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.sampled_from(["en", "fi", "sv", "x"]), st.text(max_size=10), max_size=3),
)


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, path + (index,))
    return found


@functools.cache
def paths() -> list[tuple]:
    return [path for path in _paths(base()) if path]


def _apply(data: Any, path: tuple, action: str, value: Any) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "remove":
        del parent[last]
    else:
        parent[last] = value
    return data


@given(
    path=st.deferred(lambda: st.sampled_from(paths())),
    action=st.sampled_from(["remove", "replace", "replace"]),
    value=values,
)
def test_damaged_data_builds_or_fails_cleanly(path, action, value):
    damaged = _apply(base(), path, action, value)
    raw = dump_yaml(damaged).encode("utf-8")
    try:
        trial = load_trial_bytes(raw, LANGUAGES, "data/trial.yaml")
    except TrialDataError as error:
        assert error.problems, "an error must say what is wrong"
        for problem in error.problems:
            assert problem.message and problem.file == "data/trial.yaml"
        return
    for language in LANGUAGES:
        renderer = Renderer(Context(trial, cached_catalogues(en="en_GB")[language]))
        for name in SECTIONS:
            output = renderer.section(name)
            # A payload may be shown as text ("&lt;img src=x onerror=..."), never as markup.
            assert "<script" not in output and "<img" not in output, output
            assert unsafe_markup(output) == [], output


class _Attributes(HTMLParser):
    """Every attribute of every tag, as the browser reads them (names, and values unescaped)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(name, value or "") for name, value in attrs]


def unsafe_markup(html: str) -> list[tuple[str, str]]:
    """Event handler attributes, and links to javascript:, that the markup really has. Text such as
    "x onload=y" inside an escaped attribute value (a site's name in a map mark's label) is text."""
    parser = _Attributes()
    parser.feed(html)
    return [
        (name, value)
        for name, value in parser.found
        if name.startswith("on") or (name in ("href", "src") and value.strip().lower().startswith("javascript:"))
    ]


def test_the_markup_check_sees_handlers_and_javascript_links_but_not_text():
    assert unsafe_markup('<a href="#x" onclick="y()">x</a>') == [("onclick", "y()")]
    assert unsafe_markup('<a href=" JavaScript:alert(1)">x</a>') == [("href", " JavaScript:alert(1)")]
    assert unsafe_markup('<a href="#site-3" aria-label="3: x onload=y, &quot;z&quot;">3</a>') == []
    assert unsafe_markup("&lt;img src=x onerror=alert(1)&gt;") == []


# --- Hostile values in the small fixture: the check refuses them, or every page renders -----------

MINIMAL_LANGUAGES = ["en", "fi"]


@functools.cache
def minimal() -> dict:
    return load_yaml_bytes((FIXTURES / "minimal.yaml").read_bytes(), "minimal.yaml").data


def _value_at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def text_paths() -> list[tuple]:
    return [path for path in _paths(minimal()) if path and isinstance(_value_at(minimal(), path), str)]


def number_paths() -> list[tuple]:
    return [
        path
        for path in _paths(minimal())
        if path
        and isinstance(_value_at(minimal(), path), int | Decimal)
        and not isinstance(_value_at(minimal(), path), bool)
    ]


# Surrogates (Cs) are left out of Hypothesis' characters unless asked for.
ANY_CHARACTER = st.characters(exclude_categories=())
HOSTILE_TEXTS = [
    "\ud800",
    "\udfff",
    "\x00",
    "\x1b[2J",
    "\x85",
    "\x7f",
    "\u200b",
    "\u202e",
    "\ufeff",
    "<b></b>",
    "&nbsp;",
    "&#8203;",
    "[x](//evil.example/)",
    "[x](/a)",
    "[x](a.html)",
    "<a href='x'>y</a>",
    "{0}",
    "{}",
    "{demo.dose}",
    "\n\n",
    "\t",
    "- ",
    "#",
    "\u3164",
    "e\u0301",
]
texts = st.one_of(
    st.text(alphabet=ANY_CHARACTER, max_size=20),
    # Mostly harmless texts too, so that many examples pass the check and are rendered.
    st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=20).map(lambda text: "x" + text),
    st.lists(st.one_of(st.sampled_from(HOSTILE_TEXTS), st.text(alphabet=ANY_CHARACTER, max_size=3)), max_size=4).map(
        "".join
    ),
)
numbers = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=Decimal("0.000001"), max_value=1000, places=6),
    st.integers(min_value=1, max_value=20),
    st.builds(
        lambda digits, exponent: Decimal(f"{digits}E{exponent}"), st.integers(-(10**6), 10**6), st.integers(-500, 500)
    ),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from([".nan", ".inf", "-.inf", "1e400", "1e-400", "NaN", "Infinity"]),
)
LINE_FORM = re.compile(r"  (?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<field>[^:]+): (?P<message>\S.*)")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def _render_everything(trial) -> None:
    for language in MINIMAL_LANGUAGES:
        ctx = Context(trial, cached_catalogues(en="en_GB")[language], home_url="https://example.org/")
        renderer = Renderer(ctx)
        pages = [renderer.section(name) for name in SECTIONS]
        pages.append(json_ld(medical_trial(ctx, "https://example.org/", with_sites=True)))
        pages.append(checked_line(ctx))
        for page in pages:
            page.encode("utf-8")  # what writing the page does: a lone surrogate would fail here


@given(
    changes=st.lists(
        st.one_of(
            st.tuples(st.deferred(lambda: st.sampled_from(text_paths())), texts),
            st.tuples(st.deferred(lambda: st.sampled_from(number_paths())), numbers),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_hostile_values_are_refused_one_line_each_or_render_everywhere(workspace, changes):
    data = minimal()
    for path, value in changes:
        data = _apply(data, path, "replace", value)
    data_file = workspace / "hostile.yaml"
    data_file.write_bytes(dump_yaml(data).encode("utf-8"))
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        status = main(["--data", str(data_file), "--languages", ",".join(MINIMAL_LANGUAGES)], out=out, err=err)
    finally:
        os.chdir(cwd)
    event("refused" if status == 1 else "rendered")  # see --hypothesis-show-statistics
    if status == 1:
        lines = err.getvalue().splitlines()
        assert re.fullmatch(r"\d+ problems? to fix\.", lines[0]), lines[0]
        assert len(lines) > 1
        for line in lines[1:]:
            match = LINE_FORM.fullmatch(line)
            assert match and match["file"] == str(data_file) and int(match["line"]) > 0, line
            line.encode("utf-8")  # printable: no lone surrogate reaches the terminal
        # Standard output holds only the translators' report (texts still to write), if anything.
        assert out.getvalue() == "" or out.getvalue().lstrip().startswith("Translations still to write:"), (
            out.getvalue()
        )
        return
    assert status == 0, err.getvalue()
    _render_everything(load_trial(data_file, MINIMAL_LANGUAGES))
