"""Shared fixtures: one full build of the bundled trial per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT, run_mkdocs


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The bundled trial built with `mkdocs build --strict` (site_url http://127.0.0.1:8000/)."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs(ROOT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir
