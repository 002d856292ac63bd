"""The speed-ups change nothing that is built, and the data is read once per build, not per language.

(Speed itself is measured by scripts/benchmark_build.py, not asserted here.)"""

from __future__ import annotations

import gc
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from helpers import ROOT
from trialsite.speedups import freeze_long_lived


def build(site_dir: Path, *extra: str, **environment: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1764000000", **environment)
    env.pop("SITE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_speedups_change_nothing_that_is_built(tmp_path, pinned_build):
    # The build with the speed-ups is the run's pinned one (in a test process, SOURCE_DATE_EPOCH=1764000000).
    # The plain build runs in a process of its own: nothing the speed-ups keep in memory can reach it.
    assert build(tmp_path / "plain", TRIAL_SPEEDUPS="0").returncode == 0
    fast, plain = digest(pinned_build.site_dir), digest(tmp_path / "plain")
    assert sum(name.endswith("index.html") for name in fast) == 11 * 5  # every page in every language
    assert fast == plain


def test_data_is_loaded_once_for_all_five_languages(pinned_build):
    result = pinned_build  # built with --verbose
    assert result.output.count("Building '") == 5  # the i18n plugin's five language builds
    assert result.output.count("Loading and checking data/trial.yaml") == 1


def test_a_new_build_frees_what_earlier_builds_left_instead_of_freezing_it():
    """mkdocs serve rebuilds in one process: memory must not grow with every rebuild."""
    try:
        freeze_long_lived(start_of_build=True)
        frozen = gc.get_freeze_count()
        in_use = []  # what a build holds while its languages are built: objects in reference cycles
        for _ in range(5000):
            cycle: list = []
            cycle.append(cycle)
            in_use.append(cycle)
        freeze_long_lived(start_of_build=False)  # the next language build starts
        assert gc.get_freeze_count() >= frozen + 5000
        del in_use, cycle  # the build is over
        freeze_long_lived(start_of_build=True)  # the preview's rebuild starts
        assert gc.get_freeze_count() < frozen + 1000
    finally:
        gc.unfreeze()
