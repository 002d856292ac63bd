"""Per-language catalogues of interface texts (``messages/<lang>.yaml``).

English is the reference: every other catalogue must have exactly its keys, insert the
same {values}, and give the plural forms its language needs (from CLDR). A missing or
extra key is an error, never a silent fallback to English.

The catalogues are untrusted like every input: a text may insert only the {values} the code
passes for its key (`TEXT_VALUES`, the English catalogue included), by name, with no other
braces, so no catalogue can make formatting fail or print something the code did not give it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .grammar import CASES
from .loader import Located, load_yaml_bytes
from .locale_data import Formatter
from .problems import CatalogueError, FieldPath, LoadError, Problem
from .richtext import has_visible_text
from .vocabulary import RecruitmentStatus

MESSAGES_DIR = Path(__file__).parent / "messages"
REFERENCE_LANGUAGE = "en"
_PLURAL_TAGS = {"zero", "one", "two", "few", "many", "other"}
#: The values the code passes to each text that has any (views.py); every other text has none.
#: tests/test_catalogue_input.py reads the code's calls and checks that this list matches them.
TEXT_VALUES: dict[str, frozenset[str]] = {
    **{f"status_line.{status.value}": frozenset({"countries"}) for status in RecruitmentStatus},
    "status_line.listed": frozenset({"count", "status", "countries"}),
    "treatment.cycles": frozenset({"count"}),
    "treatment.up_to_cycles": frozenset({"count"}),
    "sites.none_in_country": frozenset({"country"}),
    "sites.count": frozenset({"count"}),
    "sites.category_empty": frozenset({"category"}),
    "related.more_countries": frozenset({"count"}),
    "contact.fallback": frozenset({"eu_ct_number"}),
    "checked.page": frozenset({"date"}),
    "map.description": frozenset({"countries"}),
    "map.sites_not_shown": frozenset({"count"}),
    "summary.medicines": frozenset({"medicines", "disease"}),
    "language_menu.button": frozenset({"language"}),
    "website_name.derived": frozenset({"medicines"}),
    **{f"dates.{which}_{kind}": frozenset({"date"}) for which in ("start", "end") for kind in ("planned", "actual")},
    "compare.active_comparator": frozenset({"tested", "standard"}),
    "compare.placebo_comparator": frozenset({"tested"}),
    "compare.sham_comparator": frozenset({"tested"}),
    "compare.no_intervention": frozenset({"tested"}),
    "ratio.first": frozenset({"count", "group", "others"}),
    "ratio.rest": frozenset({"count", "group"}),
    "ratio.plain": frozenset({"ratio"}),
    "design.participants_count": frozenset({"count"}),
    "arms.days": frozenset({"count"}),
    "related_intro": frozenset({"disease"}),
    "registry_nct.contact_fallback": frozenset({"nct_number"}),
    "labs.with_local": frozenset({"value", "local"}),
    "take_part.quote": frozenset({"eu_ct_number"}),
    "take_part.quote_nct": frozenset({"nct_number"}),
    # --- selfcheck ---
    "selfcheck_steps.count": frozenset({"count"}),
    "selfcheck_steps.progress": frozenset({"number", "total"}),
    "selfcheck_steps.status_other": frozenset({"countries"}),
    "takepart.lead_status": frozenset({"status", "countries"}),
}
# {name}, or {name:form} for a country's name in another form ({countries:in}, see grammar.py).
_NAME_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?\}")
#: The texts that may ask for a form of a country's name, and the {values} that may have one. The
#: views fill these texts with `grammar.CountryNames` and have a fallback for names no rule reaches.
INFLECTING_KEYS = frozenset({f"status_line.{status.value}" for status in RecruitmentStatus} | {"sites.none_in_country"})
_INFLECTING_VALUES = {"country", "countries"}


def _is_plural(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= _PLURAL_TAGS and "other" in value


def _flatten(data: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
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
        return _insert(self.entries[key], values) if values else self.entries[key]

    def plural(self, key: str, count: int, **values: Any) -> str:
        forms = self.entries[key]
        form = forms.get(self.formatter.plural_category(count), forms["other"])
        return _insert(form, {"count": self.formatter.number(count), **values})

    def has(self, key: str) -> bool:
        return key in self.entries


def _insert(text: str, values: dict[str, Any]) -> str:
    """Fill in {name} and {name:form} (not str.format: no attribute look-ups, other format specs or positions).

    A form is asked of the value itself (`grammar.CountryNames`), which raises `grammar.NoForm`
    when it has none; the check allows forms only where the views handle that.
    """

    def fill(match: re.Match) -> str:
        name, form = match.group(1), match.group(2)
        if name not in values:
            return match.group(0)
        return format(values[name], form) if form else str(values[name])

    return _NAME_RE.sub(fill, text)


def inserted_values(text: str) -> tuple[set[str], str | None]:
    """The {names} a catalogue text inserts, and what is wrong with its braces (or None).

    A {name:form} counts as {name}; whether the form is allowed is `_form_problems`' to say.
    """
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        parts = None
    if parts is None or any(
        "{" in literal or "}" in literal for literal, *_ in parts
    ):  # "{{" and "}}" come back as "{", "}"
        return (
            set(),
            'has a brace "{" or "}" that is not part of a {value}; values are written as {name}, and texts have no '
            "other braces",
        )
    names: set[str] = set()
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        written = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if not field.isidentifier() or conversion or (spec and not re.fullmatch(r"[a-z]+", spec)):
            return (
                names,
                f'has "{written}", which the site cannot fill in; write a value by its name alone, such as {{count}}',
            )
        names.add(field)
    return names, None


def _read(language: str, directory: Path) -> Located:
    path = directory / f"{language}.yaml"
    display = f"hooks/trialsite/messages/{language}.yaml" if directory == MESSAGES_DIR else str(path)
    if not path.exists():
        raise CatalogueError(
            [Problem(display, 0, 0, "(file)", f"is missing; copy messages/{REFERENCE_LANGUAGE}.yaml and translate it")]
        )
    try:
        located = load_yaml_bytes(path.read_bytes(), display)
        located.raise_problems()
    except OSError as error:
        raise CatalogueError([Problem(display, 0, 0, "(file)", f"cannot be read: {error.strerror}")]) from None
    except LoadError as error:
        raise CatalogueError(error.problems) from None
    if not isinstance(located.data, dict):
        raise CatalogueError([located.problem((), "expected keys with texts")])
    return located


def load_messages(
    languages: list[str], directory: Path | None = None, cldr_locales: dict[str, str] | None = None
) -> dict[str, Messages]:
    """Load and check the catalogues of all ``languages`` (from ``directory``, default `MESSAGES_DIR`);
    raise `CatalogueError` listing every problem."""
    directory = directory or MESSAGES_DIR
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
            problems.append(
                Problem(
                    located.file, 0, 0, ".".join(path), f"is missing; the English text is: {_show(reference[path])}"
                )
            )
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


def _check_entry(
    located: Located, path: tuple[str, ...], value: Any, reference: Any, formatter: Formatter
) -> Iterator[Problem]:
    key = ".".join(path)
    allowed = TEXT_VALUES.get(key, frozenset())
    if _is_plural(reference):
        if not _is_plural(value):
            yield located.problem(path, 'expected plural forms ("one:" and "other:" lines)')
            return
        needed = formatter.plural_categories
        if set(value) != needed:
            yield located.problem(
                path, f"has plural forms {', '.join(sorted(value))}; this language needs {', '.join(sorted(needed))}"
            )
        forms = [(path + (tag,), form) for tag, form in value.items()]
        reference_form = reference["other"]
    else:
        forms = [(path, value)]
        reference_form = reference
    wanted = inserted_values(reference_form)[0] & allowed if isinstance(reference_form, str) else set()
    for where, form in forms:
        if not isinstance(form, str) or not form.strip():
            yield located.problem(where, "expected a text")
            continue
        if "\n" in form.strip():
            yield located.problem(where, "has a blank line; an interface text is one paragraph")
            continue
        if not has_visible_text(form):
            yield located.problem(where, "has no visible text (only spaces or invisible characters); write the text")
            continue
        used, syntax = inserted_values(form)
        if syntax:
            yield located.problem(where, syntax)
            continue
        yield from _form_problems(located, where, key, _NAME_RE.findall(form), formatter.language)
        unknown = sorted(used - allowed)
        if unknown:
            yield located.problem(
                where,
                f"inserts {_names(unknown)}, which the site does not fill in here; "
                + (f"this text may insert {_names(sorted(allowed))}" if allowed else "this text inserts no {values}"),
            )
        elif used != wanted:
            yield located.problem(
                where,
                "must insert "
                + (_names(sorted(wanted)) or "no {values}")
                + " like the English text, but inserts "
                + (_names(sorted(used)) or "none"),
            )


def _names(names: list[str]) -> str:
    return ", ".join("{" + name + "}" for name in names)


def _form_problems(
    located: Located, where: FieldPath, key: str, found: list[tuple[str, str]], language: str
) -> Iterator[Problem]:
    """A {name:form} must name a form this language has, in a text and for a value that may take one."""
    for name, form in found:
        if not form:
            continue
        written = "{" + f"{name}:{form}" + "}"
        forms = CASES.get(language, ())
        if key not in INFLECTING_KEYS or name not in _INFLECTING_VALUES:
            yield located.problem(
                where,
                f"{written}: only a country's name in a status sentence or sites.none_in_country "
                f"can take another form; write {{{name}}}",
            )
        elif form not in forms:
            known = ", ".join("{" + f"{name}:{known_form}" + "}" for known_form in forms)
            yield located.problem(
                where,
                f"{written}: unknown form"
                + (f"; this language has {known}" if known else f"; this language writes {{{name}}} without a form"),
            )
