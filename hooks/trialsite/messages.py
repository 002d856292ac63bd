"""Per-language catalogues of interface texts (``messages/<lang>.yaml``).

English is the reference: every other catalogue must have exactly its keys, insert the
same {values}, and give the plural forms its language needs (from CLDR). A missing or
extra key is an error, never a silent fallback to English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .grammar import CASES
from .loader import FieldPath, LoadError, Located, Problem, ProblemsError, load_yaml
from .locale_data import Formatter
from .vocabulary import RecruitmentStatus

MESSAGES_DIR = Path(__file__).parent / "messages"
REFERENCE_LANGUAGE = "en"
_PLURAL_TAGS = {"zero", "one", "two", "few", "many", "other"}
# {name}, or {name:form} for a country's name in another form ({countries:in}, see grammar.py).
_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.-]*)(?::([^{}]*))?\}")
#: The texts that may ask for a form of a country's name, and the {values} that may have one. The
#: views fill these texts with `grammar.CountryNames` and have a fallback for names no rule reaches.
INFLECTING_KEYS = frozenset({f"status_line.{status.value}" for status in RecruitmentStatus} | {"sites.none_in_country"})
_INFLECTING_VALUES = {"country", "countries"}


class CatalogueError(ProblemsError):
    heading = "{count} problem{s} in the interface texts:"


def _is_plural(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= _PLURAL_TAGS and "other" in value


def _flatten(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    if isinstance(data, dict) and not _is_plural(data):
        for key, value in data.items():
            yield from _flatten(value, path + (key,))
    else:
        yield path, data


@dataclass(frozen=True)
class Messages:
    """The interface texts of one language."""

    language: str
    entries: dict[str, Any]
    formatter: Formatter

    def text(self, key: str, **values: Any) -> str:
        return self.entries[key].format(**values) if values else self.entries[key]

    def plural(self, key: str, count: int, **values: Any) -> str:
        forms = self.entries[key]
        form = forms.get(self.formatter.plural_category(count), forms["other"])
        return form.format(count=self.formatter.number(count), **values)

    def has(self, key: str) -> bool:
        return key in self.entries


def _read(language: str, directory: Path) -> Located:
    path = directory / f"{language}.yaml"
    display = f"hooks/trialsite/messages/{language}.yaml" if directory == MESSAGES_DIR else str(path)
    if not path.exists():
        raise CatalogueError([Problem(display, 0, 0, "(file)", f"is missing; copy messages/{REFERENCE_LANGUAGE}.yaml and translate it")])
    try:
        located = load_yaml(path, display)
        located.raise_problems()
    except LoadError as error:
        raise CatalogueError(error.problems) from None
    if not isinstance(located.data, dict):
        raise CatalogueError([located.problem((), "expected keys with texts")])
    return located


def load_messages(languages: list[str], directory: Path = MESSAGES_DIR, cldr_locales: dict[str, str] | None = None) -> dict[str, Messages]:
    """Load and check the catalogues of all ``languages``; raise `CatalogueError` listing every problem."""
    cldr_locales = cldr_locales or {}
    reference_file = _read(REFERENCE_LANGUAGE, directory)
    reference = dict(_flatten(reference_file.data))
    problems: list[Problem] = []
    catalogues: dict[str, Messages] = {}
    for language in languages:
        located = reference_file if language == REFERENCE_LANGUAGE else _read(language, directory)
        formatter = Formatter(language, cldr_locales.get(language))
        entries = dict(_flatten(located.data))
        for path in reference.keys() - entries.keys():
            problems.append(Problem(located.file, 0, 0, ".".join(path), f"is missing; the English text is: {_show(reference[path])}"))
        for path in entries.keys() - reference.keys():
            problems.append(located.problem(path, "is not a key of the English catalogue; remove it or fix its name"))
        for path in entries.keys() & reference.keys():
            problems.extend(_check_entry(located, path, entries[path], reference[path], formatter))
        catalogues[language] = Messages(language, {".".join(path): value for path, value in entries.items()}, formatter)
    if problems:
        raise CatalogueError(problems)
    return catalogues


def _show(value: Any) -> str:
    return str(value["other"] if _is_plural(value) else value)


def _check_entry(located: Located, path: FieldPath, value: Any, reference: Any, formatter: Formatter) -> Iterator[Problem]:
    if _is_plural(reference):
        if not _is_plural(value):
            yield located.problem(path, 'expected plural forms ("one:" and "other:" lines)')
            return
        needed = formatter.plural_categories
        if set(value) != needed:
            yield located.problem(path, f"has plural forms {', '.join(sorted(value))}; this language needs {', '.join(sorted(needed))}")
        forms = value.values()
        wanted = {name for name, _ in _PLACEHOLDER_RE.findall(reference["other"])}
    else:
        if not isinstance(value, str) or not value.strip():
            yield located.problem(path, "expected a text")
            return
        forms = [value]
        wanted = {name for name, _ in _PLACEHOLDER_RE.findall(reference)}
    for form in forms:
        if not isinstance(form, str):
            yield located.problem(path, "expected a text")
            continue
        placeholders = _PLACEHOLDER_RE.findall(form)
        yield from _form_problems(located, path, placeholders, formatter.language)
        used = {name for name, _ in placeholders}
        if used != wanted:
            yield located.problem(
                path,
                "must insert " + (", ".join("{" + n + "}" for n in sorted(wanted)) or "no {values}")
                + " like the English text, but inserts " + (", ".join("{" + n + "}" for n in sorted(used)) or "none"),
            )


def _form_problems(located: Located, path: FieldPath, placeholders: list[tuple[str, str]], language: str) -> Iterator[Problem]:
    """A {name:form} must name a form this language has, in a text and for a value that may take one."""
    for name, form in placeholders:
        if not form:
            continue
        written = "{" + f"{name}:{form}" + "}"
        forms = CASES.get(language, ())
        if ".".join(map(str, path)) not in INFLECTING_KEYS or name not in _INFLECTING_VALUES:
            yield located.problem(path, f"{written}: only a country's name in a status sentence or sites.none_in_country "
                                        f"can take another form; write {{{name}}}")
        elif form not in forms:
            known = ", ".join("{" + f"{name}:{known_form}" + "}" for known_form in forms)
            yield located.problem(path, f"{written}: unknown form" + (f"; this language has {known}" if known else
                                                                       f"; this language writes {{{name}}} without a form"))
