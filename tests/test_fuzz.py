"""Fuzzing: random damage to the real data file either builds or fails with a clean error.

Each example removes a key, or puts a strange value (long, empty, Unicode, markup, another
type) somewhere in data/trial.yaml, writes it back as YAML and runs the whole check. A valid
result is also rendered in every language. Anything but success or `TrialDataError` fails.

CI runs a bounded number of examples; for more: HYPOTHESIS_PROFILE=long bash scripts/test.sh tests/test_fuzz.py
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from typing import Any

from helpers import DATA, LANGUAGES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from trialsite.loader import dump_yaml, load_yaml_bytes
from trialsite.messages import load_messages
from trialsite.render import MARKERS, Renderer
from trialsite.validation import TrialDataError, load_trial_bytes
from trialsite.views import Context

settings.register_profile("ci", max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

BASE = load_yaml_bytes(DATA.read_bytes(), "data/trial.yaml").data
CATALOGUES = load_messages(LANGUAGES, cldr_locales={"en": "en_GB"})

PAYLOADS = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "[x](javascript:alert(1))", "{cycles.planned}",
    "{nope}", "{", "}", "**", "- ", "1. ", "# ", "\u202e\u0000", "💥" * 50, "NO", "no", "2026-02-30", "",
    "x" * 20000, "<!-- trial:sites -->",
]
values = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=200),
    st.integers(min_value=-10**6, max_value=10**6),
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


PATHS = [path for path in _paths(BASE) if path]




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


@given(path=st.sampled_from(PATHS), action=st.sampled_from(["remove", "replace", "replace"]), value=values)
def test_damaged_data_builds_or_fails_cleanly(path, action, value):
    damaged = _apply(BASE, path, action, value)
    raw = dump_yaml(damaged).encode("utf-8")
    try:
        trial = load_trial_bytes(raw, LANGUAGES, "data/trial.yaml")
    except TrialDataError as error:
        assert error.problems, "an error must say what is wrong"
        for problem in error.problems:
            assert problem.message and problem.file == "data/trial.yaml"
        return
    for language in LANGUAGES:
        renderer = Renderer(Context(trial, CATALOGUES[language]))
        for name in MARKERS:
            output = renderer.section(name)
            assert "<script" not in output and "onerror" not in output and "javascript:" not in output
