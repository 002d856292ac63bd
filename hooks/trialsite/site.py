"""Everything the build needs, loaded and checked once: the trial, the catalogues and the pages.

`load_site` is independent of MkDocs (the hooks pass plain values in), so the same
checks run from the command line (``python -m trialsite check``) and in tests.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Messages, load_messages
from .leftovers import TrialNames
from .model import Trial
from .pages import check_page, file_problems
from .problems import CatalogueError, Problem, SiteError, TrialDataError
from .validation import load_trial


@dataclass(frozen=True)
class SiteSettings:
    root: Path
    data_file: str
    docs_dir: Path
    languages: list[str]
    default_language: str
    cldr_locales: dict[str, str] = field(default_factory=dict)
    #: Every configured language, built or not (build: false); texts in these are allowed.
    known_languages: list[str] = field(default_factory=list)
    #: MkDocs' Markdown extensions and their options: the pages are checked as they are built.
    markdown_extensions: tuple[str, ...] = ("toc", "tables", "fenced_code", "attr_list")
    mdx_configs: dict = field(default_factory=dict)

    def docs_folder(self, language: str) -> Path:
        return self.docs_dir if language == self.default_language else self.docs_dir / language

    def relative(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class SiteData:
    settings: SiteSettings
    trial: Trial
    messages: dict[str, Messages]


#: The top-level folders of docs/ that mkdocs-static-i18n takes for a language's ("no", "en_GB",
#: "zh-Hant-TW"): its own pattern, written out (tests/test_framework_canaries.py compares them).
LOCALE_FOLDER = re.compile(r"[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?|[a-z]{2}_[A-Z]{2}")


def _is_locale_folder(name: str) -> bool:
    return LOCALE_FOLDER.fullmatch(name) is not None


def page_names(settings: SiteSettings, language: str) -> set[str]:
    folder = settings.docs_folder(language)
    names = set()
    for path in folder.rglob("*.md"):
        relative = path.relative_to(folder)
        # In the default language's folder (docs/), other languages' folders are not its pages
        # (mkdocs-static-i18n takes every top-level two-letter folder for a language).
        if language == settings.default_language and len(relative.parts) > 1 and _is_locale_folder(relative.parts[0]):
            continue
        names.add(relative.as_posix())
    return names


def check_pages(settings: SiteSettings, trial: Trial | None = None) -> list[Problem]:
    """Every page exists in every language and is one the build publishes as written.

    With the ``trial`` (when the data could be loaded), pages also may not name a medicine, city,
    site or identifier that the data does not hold: a leftover of another trial.
    """
    problems: list[Problem] = []
    trial_names = TrialNames.of(trial, settings.languages) if trial is not None else None
    reference = page_names(settings, settings.default_language)
    unsafe = file_problems(settings.docs_dir)
    for path, message in unsafe:
        problems.append(Problem(settings.relative(path), 0, 0, "(file)", message))
    refused = {path for path, _ in unsafe}
    site_files = frozenset(
        path.relative_to(settings.docs_dir).as_posix()
        for path in settings.docs_dir.rglob("*")
        if path not in refused and not path.is_symlink() and path.is_file()
    )
    for language in settings.languages:
        folder = settings.docs_folder(language)
        names = page_names(settings, language)
        for missing in sorted(reference - names):
            problems.append(
                Problem(
                    settings.relative(folder / missing),
                    0,
                    0,
                    "(page)",
                    f"is missing; every page needs a {language} version (copy "
                    f"{settings.relative(settings.docs_dir / missing)} and translate it)",
                )
            )
        for extra in sorted(names - reference):
            problems.append(
                Problem(
                    settings.relative(folder / extra),
                    0,
                    0,
                    "(page)",
                    f"has no English version at {settings.relative(settings.docs_dir / extra)}",
                )
            )
        for name in sorted(names):
            path = folder / name
            if path in refused:
                continue  # a link or a special file: never read
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                problems.append(Problem(settings.relative(path), 0, 0, "(page)", "cannot be read as UTF-8 text"))
                continue
            shown = settings.relative(path)
            for found in check_page(
                text,
                shown,
                settings.markdown_extensions,
                path,
                settings.docs_dir,
                site_files,
                settings.mdx_configs,
                names=trial_names,
                language=language,
            ):
                problems.append(Problem(shown, found.line, 1 if found.line else 0, found.field, found.message))
    return problems


def load_site(settings: SiteSettings, today: dt.date | None = None) -> SiteData:
    """Load and check everything; raise `SiteError` with all problems found.

    ``today``: the last day a `checked:` date may be; by default the real date (see
    `validation.latest_today`), so the build and the check agree."""
    problems: list[Problem] = []
    messages: dict[str, Messages] = {}
    trial = None
    try:
        messages = load_messages(settings.languages, cldr_locales=settings.cldr_locales)
    except CatalogueError as error:
        problems.extend(error.problems)
    try:
        trial = load_trial(
            settings.root / settings.data_file,
            settings.languages,
            settings.data_file,
            settings.known_languages or None,
            today,
        )
    except TrialDataError as error:
        problems.extend(error.problems)
    problems.extend(check_pages(settings, trial))
    if problems or trial is None:
        raise SiteError(problems)
    return SiteData(settings, trial, messages)


def fingerprint(settings: SiteSettings) -> tuple:
    """Changes whenever an input of `load_site` changes (for a one-slot cache across language builds,
    and across a preview's rebuilds): the data file, the catalogues, every file in docs/ (the pages,
    and the other files the file check reads and the links may point to), and the settings read."""
    from .catalogue import MESSAGES_DIR

    paths = [
        settings.root / settings.data_file,
        *sorted(MESSAGES_DIR.glob("*.yaml")),
        *sorted(settings.docs_dir.rglob("*")),
    ]
    stamps: list[tuple[str, int | None, int | None, int | None]] = []
    for path in paths:
        try:
            stat = path.lstat()  # a link is stamped as a link: replacing a file by one changes the stamp
            stamps.append((str(path), stat.st_mode, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((str(path), None, None, None))
    return (
        settings.root,
        settings.data_file,
        tuple(settings.languages),
        tuple(settings.known_languages),
        tuple(sorted(settings.cldr_locales.items())),
        tuple(settings.markdown_extensions),
        repr(settings.mdx_configs),
        tuple(stamps),
    )
