"""Shared test helpers: paths, a mutating copy of a data file, and a line finder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
LANGUAGES = ["en", "no", "da", "et", "fi"]
#: The trial this site publishes: whatever an editor put there. Only tests of what holds for every
#: trial read it (tests/test_bundled_trial.py); no test may expect its facts.
BUNDLED = ROOT / "data" / "trial.yaml"
#: The seed trial, one of the generator's test inputs (a copy taken when it was the bundled trial).
SEED = ROOT / "tests" / "trials" / "seed.yaml"


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line that contains ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found")


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, f"{old!r} not in text"
    return text.replace(old, new, 1)


def copy_project(destination: Path, data_text: str | None = None) -> Path:
    """A copy of the generator (config, pages, hooks, theme overrides) with a trial to build in isolation.

    The trial is ``data_text``, or the seed trial (tests/trials/seed.yaml), never the bundled one.
    """
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml",):
        shutil.copy2(ROOT / name, destination / name)
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, destination / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (destination / "data").mkdir(exist_ok=True)
    text = data_text if data_text is not None else SEED.read_text(encoding="utf-8")
    (destination / "data" / "trial.yaml").write_text(text, encoding="utf-8")
    return destination


def run_mkdocs(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    environment.pop("SITE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *extra],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
