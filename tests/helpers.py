"""Shared test helpers: paths, the pages of a built site, in-process builds and a line finder.

One of each: a test that needs a build, a page list or the texts of a trial takes it from here."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import logging
import os
import re
import shutil
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
LANGUAGES = ["en", "no", "da", "et", "fi"]
#: The trial this site publishes: whatever an editor put there. Only tests of what holds for every
#: trial read it (tests/test_bundled_trial.py); no test may expect its facts.
BUNDLED = ROOT / "data" / "trial.yaml"
#: The seed trial, one of the generator's test inputs (a copy taken when it was the bundled trial).
SEED = ROOT / "tests" / "trials" / "seed.yaml"
#: The pages of every language, as paths under a language's root ("" is the home page).
PAGES = [
    "",
    "taking-part/",
    "schedule/",
    "eligibility/",
    "sites/",
    "facts/",
    "contact/",
    "accessibility/",
    "privacy/",
    "glossary/",
    "summary/",
]
#: The hooks every in-process build uses: the project's own, whatever folder the pages come from.
HOOKS = ROOT / "hooks" / "trial_hooks.py"


@functools.cache
def cached_trial(path: Path):
    """The trial in ``path``, loaded and checked once per session (first use, never at import)."""
    from trialsite.validation import load_trial

    return load_trial(path, LANGUAGES)


@functools.cache
def cached_fixture(name: str):
    """tests/fixtures/``name`` loaded and checked once per session, its problems shown as ``name``."""
    from trialsite.validation import load_trial_bytes

    return load_trial_bytes((FIXTURES / name).read_bytes(), LANGUAGES, name)


@functools.cache
def cached_catalogues(**cldr_locales: str):
    """The interface texts of every language, loaded once per session (first use, never at import)."""
    from trialsite.catalogue import load_messages

    return load_messages(LANGUAGES, cldr_locales=cldr_locales) if cldr_locales else load_messages(LANGUAGES)


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


def trial_problems(text: str, languages: list[str] = LANGUAGES) -> list[str]:
    """The problems the check finds in a trial file's ``text`` (shown as data/trial.yaml), one line each."""
    import pytest
    from trialsite.problems import TrialDataError
    from trialsite.validation import load_trial_bytes

    with pytest.raises(TrialDataError) as caught:
        load_trial_bytes(text.encode(), languages, "data/trial.yaml")
    return [str(problem) for problem in caught.value.problems]


@dataclass(frozen=True)
class OneChange:
    """A trial file with one text replaced, and the one problem the check reports for it: on the line
    that holds ``needle``, at ``column``, "``message``" (the field and what is wrong)."""

    id: str
    old: str
    new: str
    needle: str
    column: int
    message: str

    def check(self, base: str) -> None:
        text = replace_once(base, self.old, self.new)
        line = line_of(text, self.needle)
        assert trial_problems(text) == [f"data/trial.yaml:{line}:{self.column}: {self.message}"]


def page_path(site: Path, language: str, page: str) -> Path:
    """The built file of ``page`` (one of PAGES) in ``language``."""
    prefix = "" if language == "en" else f"{language}/"
    return site / prefix / page / "index.html"


def read_page(site: Path, language: str, page: str) -> str:
    return page_path(site, language, page).read_text(encoding="utf-8")


def copy_project(destination: Path, data_text: str | None = None, *, hooks: bool = False) -> Path:
    """What a build reads (mkdocs.yml, docs/, overrides/ and the trial), to change and build in isolation.

    The trial is ``data_text``, or the seed trial (tests/trials/seed.yaml), never the bundled one.
    The hooks are the project's own (`build` points the configuration at them): only the file
    mkdocs.yml names is copied, since MkDocs loads it when it reads the configuration (the check
    does too); it imports the tests' own trialsite. ``hooks=True`` copies the whole package, for a
    test that changes it and builds in a separate process.
    """
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    folders = ("docs", "overrides", "hooks") if hooks else ("docs", "overrides")
    for folder in folders:
        shutil.copytree(ROOT / folder, destination / folder, ignore=shutil.ignore_patterns("__pycache__"))
    if not hooks:
        (destination / "hooks").mkdir()
        shutil.copy2(HOOKS, destination / "hooks" / HOOKS.name)
    (destination / "data").mkdir(exist_ok=True)
    text = data_text if data_text is not None else SEED.read_text(encoding="utf-8")
    (destination / "data" / "trial.yaml").write_text(text, encoding="utf-8")
    return destination


_BRAND_BLOCK = re.compile(r"    brand:\n(?:      .*\n)+")
#: A logo of the tests' own, so that a page can only show it if it came from the setting.
OWN_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4" fill="#6b2c91"/></svg>'
)


def with_brand(project: Path, brand_yaml: str) -> None:
    """Replace extra.trial.brand in ``project``'s mkdocs.yml with ``brand_yaml`` (indented as in the file)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert _BRAND_BLOCK.search(text), "mkdocs.yml has no extra.trial.brand block"
    config.write_text(_BRAND_BLOCK.sub("    brand:\n" + brand_yaml, text, count=1), encoding="utf-8")


def own_catalogues(project: Path, monkeypatch) -> Path:
    """A copy of the interface texts under ``project/messages`` that checks and in-process builds read
    instead of the hooks' own (as if a pull request changed them); returns the folder."""
    from trialsite import catalogue

    folder = project / "messages"
    shutil.copytree(catalogue.MESSAGES_DIR, folder)
    monkeypatch.setattr(catalogue, "MESSAGES_DIR", folder)
    return folder


@dataclass
class Build:
    """What `mkdocs build --strict` would have said: its exit status and its log, one line a record."""

    returncode: int
    output: str
    site_dir: Path

    # The names of subprocess.CompletedProcess, for tests written against `mkdocs build` in a process.
    @property
    def stdout(self) -> str:
        return ""

    @property
    def stderr(self) -> str:
        return self.output


class _Lines(logging.Handler):
    """MkDocs' own log format (mkdocs.__main__.ColorFormatter without colour and wrapping)."""

    def __init__(self, level: int):
        super().__init__(level)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


@contextlib.contextmanager
def _environment(changes: dict[str, str | None]):
    saved = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def reset_hook_state() -> None:
    """Forget what the hooks keep between builds (a build of another project must not reuse it).

    The one place that knows where the hooks keep it (``builds``, a trialsite.build.Builds, in the
    hooks module): change it here when the hooks change. MkDocs loads the hooks module once per
    process for each path in mkdocs.yml's hooks: and names it after that path, so the module, and
    the last build's state in it, would otherwise live on into the next build of another project."""
    module = sys.modules.get(str(HOOKS))
    builds = getattr(module, "builds", None)
    if builds is not None:
        builds.reset()


def build(
    project: Path = ROOT,
    site_dir: Path | None = None,
    *,
    data: Path | str | None = None,
    environment: dict[str, str | None] | None = None,
    verbose: bool = False,
    **config: object,
) -> Build:
    """`mkdocs build --strict` of ``project`` into ``site_dir``, in this process (no new interpreter,
    no copy of the hooks): what the command prints and its exit status.

    ``data`` replaces extra.trial.data (a trial file elsewhere, with the project's pages);
    ``environment`` sets (or, with None, removes) variables for the build; SITE_URL is removed
    unless given, as in CI. ``verbose`` adds the debug lines (`--verbose`). Other keywords override
    mkdocs.yml settings.
    """
    from mkdocs import exceptions
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    site_dir = site_dir or project / "site"
    changes: dict[str, str | None] = {"SITE_URL": None, "NO_MKDOCS_2_WARNING": "1", **(environment or {})}
    handler = _Lines(logging.DEBUG if verbose else logging.INFO)
    logger = logging.getLogger("mkdocs")
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(handler.level)
    logger.propagate = False
    returncode = 0
    reset_hook_state()
    try:
        with _environment(changes):
            overrides: dict[str, object] = {"hooks": [str(HOOKS)], "watch": [], **config}
            loaded = load_config(
                config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True, **overrides
            )
            if data is not None:
                loaded.extra.setdefault("trial", {})["data"] = str(data)
            loaded.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build.build(loaded, dirty=False)
            finally:
                loaded.plugins.on_shutdown()
    except (exceptions.MkDocsException, SystemExit) as error:  # Abort is both: the command's exit 1
        handler.lines.append(str(error))
        returncode = 1
    except Exception:  # what the command would have shown as a traceback
        handler.lines.append(traceback.format_exc())
        returncode = 1
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
        reset_hook_state()
    return Build(returncode, "\n".join(handler.lines) + "\n", site_dir)


def made_once(tmp_path_factory, name: str, make) -> Path:
    """The folder ``name``, filled by ``make(folder)`` once per test run, whichever worker asks first.

    pytest-xdist's workers each have a temporary folder in the run's own (their common parent),
    as its documentation describes for sharing a session fixture's work: the first worker makes
    the folder under a lock while the others wait, then all read it. Without xdist the run's folder
    is this process's. Nothing may change the folder once made."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / name
    with open(shared / f"{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not (shared / f"{name}.made").exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a worker that failed left
            folder.mkdir()
            make(folder)
            (shared / f"{name}.made").touch()
    return folder


def run_build_site(*arguments: str, cwd: Path = ROOT, **environment: str) -> subprocess.CompletedProcess[str]:
    """scripts/build_site.py in a process of its own (it runs MkDocs in one itself): SITE_URL and
    SOURCE_DATE_EPOCH only as given in ``environment``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for name in ("SITE_URL", "SOURCE_DATE_EPOCH"):
        env.pop(name, None)
    env.update(environment)
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_site.py"), *arguments],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


def run_mkdocs(project: Path, site_dir: Path, *extra: str) -> Build:
    """`mkdocs build --strict -f project/mkdocs.yml -d site_dir` (in this process; see `build`)."""
    assert not extra, "run_mkdocs takes no other options in process: use build(..., setting=value)"
    return build(project, site_dir)
