"""The speed-ups change nothing that is built, and the data is read once per build, not per language.

(Speed itself is measured by scripts/benchmark_build.py, not asserted here.)"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

pytestmark = pytest.mark.build


def build(site_dir: Path, *extra: str, **environment: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1764000000", **environment)
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir), *extra],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


def digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _without_blank_lines(path: Path) -> bytes:
    return b"\n".join(line for line in path.read_bytes().splitlines() if line.strip())


def test_speedups_change_nothing_that_is_built(tmp_path):
    assert build(tmp_path / "fast").returncode == 0
    assert build(tmp_path / "plain", TRIAL_SPEEDUPS="0").returncode == 0
    fast, plain = digest(tmp_path / "fast"), digest(tmp_path / "plain")
    assert sum(name.endswith("index.html") for name in fast) == 10 * 5  # every page in every language
    assert fast.keys() == plain.keys()
    for name in fast:
        if fast[name] != plain[name]:
            # Markdown leaves a blank line after an HTML block it parsed itself: nothing else differs.
            assert name.endswith(".html"), name
            assert _without_blank_lines(tmp_path / "fast" / name) == _without_blank_lines(tmp_path / "plain" / name), name


def test_data_is_loaded_once_for_all_five_languages(tmp_path):
    result = build(tmp_path / "site", "--verbose")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Building '") == 5  # the i18n plugin's five language builds
    assert result.stderr.count("Loading and checking data/trial.yaml") == 1
