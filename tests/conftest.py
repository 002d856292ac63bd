"""Shared fixtures: one full build of the bundled trial per test session."""

from __future__ import annotations

import os
import shutil
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


def chromium_executable() -> str | None:
    """CHROMIUM_PATH, else Debian's chromium, else Playwright's own download (laptops, GitHub)."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    """Chromium that can reach only 127.0.0.1: any other host name resolves to nothing."""
    from playwright.sync_api import sync_playwright

    args = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_executable(), args=args)
        yield launched
        launched.close()
