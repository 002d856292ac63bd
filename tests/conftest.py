"""Shared fixtures: one build per distinct input per test run (shared by pytest-xdist's workers), the
trials and catalogues tests read, one Chromium, one server per built site. Hypothesis' settings live
here only."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import shutil
import sys
from pathlib import Path

import pytest
from helpers import (
    BUNDLED,
    OWN_LOGO,
    ROOT,
    SEED,
    Build,
    build,
    cached_catalogues,
    cached_trial,
    copy_project,
    made_once,
    with_brand,
)
from hypothesis import HealthCheck, settings

sys.path.insert(0, str(ROOT / "scripts"))
from static_server import StaticServer

# Property tests: one bounded profile for every run, set here only. 30 examples a test: the costly
# properties check a whole trial per example, and every run draws new examples (no
# fixed seed), so runs together search far wider.
# HYPOTHESIS_PROFILE=long runs 3,000 examples each, for a deliberate search before a release.
settings.register_profile("ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Python's cycle collector runs after every 700 new objects by default; a test process makes
# millions (parsed YAML, built pages) and keeps its collected tests, fixtures and caches alive, so
# the collector walked them thousands of times a run. Less often here; the builds still collect at
# their own start (trialsite.speedups).
gc.set_threshold(50_000, 20, 20)

_BUILT_SITES = {"site", "bundled_site", "server", "bundled_server", "built_sites", "branded_site", "pinned_build"}


def pytest_collection_modifyitems(items):
    """Every test gets its layer: browser (Chromium, or the Nu HTML checker on Java), build (builds a
    site with MkDocs), or unit.

    The layer follows from the fixtures a test uses (above) or a `build` mark on it or its file (a
    test that builds with `helpers.build` or runs a script needs that mark): `pytest -m unit` is
    the fast layer, `-m "not browser"` everything without Chromium or Java.
    """
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if {"browser", "visit", "nu_checker"} & fixtures:
            item.add_marker(pytest.mark.browser)
        elif item.get_closest_marker("build") or _BUILT_SITES & fixtures:
            item.add_marker(pytest.mark.build)
        else:
            item.add_marker(pytest.mark.unit)


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _strict_build(project: Path, site_dir: Path, **options) -> Path:
    result = build(project, site_dir, **options)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output
    return site_dir


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory):
    """Build a trial once per test run: ``built_sites(data_text)`` (or a path) gives its strict build
    with the project's pages, configuration and hooks; the same input is built only once."""
    done: dict[str, Path] = {}

    def site_of(data: str | Path) -> Path:
        text = data.read_text(encoding="utf-8") if isinstance(data, Path) else data
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if key not in done:

            def make(base: Path) -> None:
                source = data if isinstance(data, Path) else base / "trial.yaml"
                if not isinstance(data, Path):
                    source.write_text(text, encoding="utf-8")
                _strict_build(ROOT, base / "site", data=source)

            done[key] = made_once(tmp_path_factory, f"built-{key[:16]}", make) / "site"
        return done[key]

    return site_of


@pytest.fixture(scope="session")
def site(built_sites) -> Path:
    """The seed trial (tests/trials/seed.yaml) built with `mkdocs build --strict` (site_url http://127.0.0.1:8000/).

    Tests that expect particular facts use this build: its input is part of the tests.
    """
    return built_sites(SEED)


@pytest.fixture(scope="session")
def bundled_site(built_sites) -> Path:
    """The bundled trial (data/trial.yaml) built as published; for checks that hold for every trial."""
    return built_sites(BUNDLED)


@pytest.fixture(scope="session")
def pinned_build(tmp_path_factory):
    """The project as it is (data/trial.yaml) built in a test process with its debug log (`--verbose`) and
    the build date pinned (SOURCE_DATE_EPOCH=1764000000, Monday 2025-11-24): for the tests of the build
    itself (what it logs, that its output depends on nothing but its input and that date)."""

    def make(base: Path) -> None:
        result = build(ROOT, base / "site", environment={"SOURCE_DATE_EPOCH": "1764000000"}, verbose=True)
        assert result.returncode == 0, result.output
        (base / "output.txt").write_text(result.output, encoding="utf-8")

    base = made_once(tmp_path_factory, "pinned", make)
    return Build(0, (base / "output.txt").read_text(encoding="utf-8"), base / "site")


@pytest.fixture(scope="session")
def branded_site(tmp_path_factory) -> Path:
    """The seed trial with a logo and colours of the tests' own (OWN_LOGO, purple) in mkdocs.yml."""

    def make(base: Path) -> None:
        project = copy_project(base / "project")
        (project / "docs" / "assets" / "our-mark.svg").write_text(OWN_LOGO, encoding="utf-8")
        with_brand(
            project,
            '      logo: assets/our-mark.svg\n      colour:\n        primary: "#6B2C91"\n        accent: "#F3EAF8"\n',
        )
        _strict_build(project, base / "site")

    return made_once(tmp_path_factory, "branded", make) / "site"


@pytest.fixture(scope="session")
def catalogues():
    """The interface texts of every language (hooks/trialsite/messages), loaded once."""
    return cached_catalogues()


@pytest.fixture(scope="session")
def seed_trial():
    """The seed trial (tests/trials/seed.yaml), loaded and checked once."""
    return cached_trial(SEED)


def chromium_executable() -> str | None:
    """CHROMIUM_PATH, else Debian's Chromium, else Playwright's own download (laptops, GitHub).

    Of Debian's, the headless shell first: the same Chromium without the desktop browser around it,
    which is what Playwright itself runs for headless tests; it takes less CPU time than the whole
    browser for the same page loads and checks."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    return shutil.which("chromium-headless-shell") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    """Chromium that can reach only 127.0.0.1: any other host name resolves to nothing."""
    from playwright.sync_api import sync_playwright

    args = [
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-dev-shm-usage",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_executable(), args=args)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def nu_checker():
    """The Nu HTML checker's command (Java): ``nu_checker + [options..., files or folders...]``.

    It starts a Java VM (over a second) whatever it checks: give it every page to check in one run."""
    java = shutil.which("java")
    assert java and VNU.exists(), "the Nu HTML checker needs Java and the npm tools (bash scripts/test.sh)"
    # Java's quick compiler only (C1): the checker's run is too short for the optimising one to pay
    # for its compiling; C1's deeper frames need a larger stack than its 512 KB minimum.
    return [java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU)]


@pytest.fixture(scope="session")
def server(site):
    with StaticServer(site) as running:
        yield running


@pytest.fixture(scope="session")
def bundled_server(bundled_site):
    with StaticServer(bundled_site) as running:
        yield running


@pytest.fixture(scope="session")
def served():
    """``served(site_dir)``: a server of any built site (one a folder, for the session), for a test
    file's own build: ``served(my_build).url``."""
    running: dict[Path, StaticServer] = {}
    with contextlib.ExitStack() as stack:

        def serve(site_dir: Path) -> StaticServer:
            if site_dir not in running:
                running[site_dir] = stack.enter_context(StaticServer(site_dir))
            return running[site_dir]

        yield serve


class Visit:
    """One page load with everything the browser did recorded."""

    def __init__(self, browser, url: str, *, script: str | None = None, **context_options):
        self.context = browser.new_context(**context_options)
        if script:  # run as each document starts, before the page's own scripts (no second load)
            self.context.add_init_script(script=script)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("requestfailed", lambda request: self.failed.append(f"{request.url} {request.failure}"))
        self.page.on(
            "response",
            lambda response: response.status >= 400 and self.failed.append(f"{response.url} {response.status}"),
        )
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        # No script fetches anything after load, so "load" is the end of the page's network use.
        self.response = self.page.goto(url, wait_until="load")

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_page(url: str, **options) -> Visit:
        opened.append(Visit(browser, url, **options))
        return opened[-1]

    yield open_page
    for item in opened:
        item.close()


def run_axe(page) -> list[dict]:
    # Added per check, not as an init script of the context: measured, that is no faster (a load
    # then parses axe-core instead) and it would be in the page during every other check.
    page.add_script_tag(path=str(AXE))
    # resultTypes: only violations are wanted, so axe does not describe every passing element
    # (axe-core's documented option for speed; violations are reported in full either way).
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "targets": [node["target"] for node in violation["nodes"]],
        }
        for violation in result["violations"]
    ]
