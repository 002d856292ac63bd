"""Load and check a trial file; every problem becomes one line an editor can act on.

`load_trial` is the only entry point the build uses. It collects all problems it can
find in one run (YAML, types, vocabularies, translations, cross-references) and raises
`TrialDataError` with them, sorted by line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .facts import FACT_RE, fact_names, is_text, raw_texts
from .loader import Located, load_yaml, load_yaml_bytes
from .model import COUNTRY_CODES, DEFAULT_LANGUAGE, MAX_CYCLES, Trial
from .problems import FieldPath, LoadError, Problem, TrialDataError
from .problems import did_you_mean as _did_you_mean
from .richtext import GLOSSARY_LINK_RE, check_text, link_problem
from .vocabulary import Allocation, DateType, RecruitmentStatus, status_from_registry_term

#: A note the starter file (``python -m trialsite new``) leaves where an editor must write a text.
TODO_RE = re.compile(r"^\s*TODO\b")


def latest_today(now: dt.datetime | None = None) -> dt.date:
    """The latest date anywhere on Earth right now (UTC+14): a `checked:` date after it has not come yet.

    The real clock, not SOURCE_DATE_EPOCH: that is the last commit's time, so an editor who writes
    today's date and builds before committing would be refused. A date that is refused today is
    accepted once it has come, and one that is accepted stays accepted: the same commit never
    goes from building to failing, and what it builds does not depend on the day.
    """
    now = now or dt.datetime.now(dt.UTC)
    return (now.astimezone(dt.UTC) + dt.timedelta(hours=14)).date()


def load_trial(
    path: Path,
    languages: list[str],
    display_name: str | None = None,
    known_languages: list[str] | None = None,
    today: dt.date | None = None,
) -> Trial:
    """Read, validate and cross-check the trial file at ``path`` for the given (built) site languages.

    ``known_languages`` may add configured languages that are not built: their texts are allowed.
    ``today``: the last day a `checked:` date may be (default: `latest_today`).
    """
    try:
        located = load_yaml(path, display_name)
    except LoadError as error:
        raise TrialDataError(error.problems) from None
    return validate_trial(located, languages, known_languages, today)


def load_trial_bytes(raw: bytes, languages: list[str], display_name: str, today: dt.date | None = None) -> Trial:
    """Like `load_trial`, for data that is already in memory."""
    try:
        located = load_yaml_bytes(raw, display_name)
    except LoadError as error:
        raise TrialDataError(error.problems) from None
    return validate_trial(located, languages, today=today)


def validate_trial(
    located: Located, languages: list[str], known_languages: list[str] | None = None, today: dt.date | None = None
) -> Trial:
    """The trial, or `TrialDataError` with every problem: YAML traps, types and codes, cross-checks."""
    problems = list(located.problems)
    if not isinstance(located.data, dict):
        kind = _describe(located.data)
        raise TrialDataError(
            [located.problem((), f"the file holds {kind}; expected fields such as identifiers:, title:, sites:")]
        )
    trial = None
    try:
        trial = Trial.model_validate(located.data, context={"languages": languages, "known_languages": known_languages})
    except ValidationError as error:
        problems += [
            _problem_from_pydantic(located, item)
            for item in error.errors()
            if not _already_reported(located, item["loc"])
        ]
    problems += cross_check(located.data, located, today or latest_today())
    if problems or trial is None:
        raise TrialDataError(problems)
    return trial


def translations_to_write(
    located: Located, languages: list[str], known_languages: list[str] | None = None
) -> dict[str, list[FieldPath]]:
    """Per language, the texts that have no version (or an empty one) in it yet, in file order.

    These are the model's own "missing the text in ..." findings, so they cover exactly the texts
    the model requires in every language.
    """
    found: dict[str, list[FieldPath]] = {language: [] for language in languages}
    if not isinstance(located.data, dict):
        return found
    try:
        Trial.model_validate(located.data, context={"languages": languages, "known_languages": known_languages})
    except ValidationError as error:
        for item in error.errors():
            for language in (item.get("ctx") or {}).get("still_to_write", ()):
                if language in found:
                    found[language].append(_clean_loc(item["loc"]))
    for paths in found.values():
        paths.sort(key=lambda path: located.position(path))
    return found


def _already_reported(located: Located, loc: tuple[Any, ...]) -> bool:
    """True when the loader already said what is wrong at this path (or the key above it)."""
    path = tuple(loc)
    return any(path[: len(reported)] == reported or reported[: len(path)] == path for reported in located.problem_paths)


# --- cross-field checks ---------------------------------------------------------------


def _list(node: Any, key: str) -> list:
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, list) else []


def _at(node: Any, *keys: str) -> Any:
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def cross_check(data: Any, located: Located, today: dt.date) -> Iterator[Problem]:
    """Checks across fields. They work on the data as read, so that they run even when other
    fields have the wrong type: every problem is reported in one run."""
    yield from _site_countries(data, located)
    yield from _checked_dates(data, located, today)
    yield from _rendered_texts(data, located)
    drugs = _list(data, "drugs")
    yield from _duplicates(located, "drugs", [_at(drug, "id") for drug in drugs], "id", "a drug")
    recruitment = _list(data, "recruitment")
    yield from _duplicates(
        located, "recruitment", [_at(entry, "country") for entry in recruitment], "country", "a country"
    )
    yield from _duplicate_sites(data, located)
    labs = _list(data, "labs")
    yield from _duplicates(located, "labs", [_at(lab, "id") for lab in labs], "id", "a lab limit")
    dose_facts = {f"{_at(drug, 'id')}.dose" for drug in drugs if isinstance(_at(drug, "id"), str)}
    for index, lab in enumerate(labs):
        if isinstance(_at(lab, "id"), str) and f"labs.{lab['id']}" in dose_facts:
            yield located.problem(
                ("labs", index, "id"),
                f'{{labs.{lab["id"]}}} is also the dose of the medicine "labs"; '
                "give the lab limit or the medicine another id",
            )
    for index, related in enumerate(_list(data, "related_trials")):
        seen: set[str] = set()
        for position, country in enumerate(_list(related, "countries")):
            if not isinstance(country, str):
                continue  # the model reports a value that is not a country code
            if country in seen:
                yield located.problem(("related_trials", index, "countries", position), f"{country} is listed twice")
            seen.add(country)

    yield from _cycles(located, ("schedule", "cycles"), _at(data, "schedule", "cycles"))
    yield from _arms(data, located)
    yield from _design(data, located)
    yield from _recruitment_dates(data, located)

    yield from _glossary_checks(data, located)

    for path, texts in raw_texts(data):
        for lang, text in texts.items():
            if TODO_RE.match(text):
                yield located.problem(
                    path + (lang,), "still holds the starter file's TODO note; write the text it asks for"
                )

    known = fact_names(data)
    for path, texts in raw_texts(data):
        used_by_language = {lang: FACT_RE.findall(text) for lang, text in texts.items()}
        for lang, names in used_by_language.items():
            for name in names:
                if name not in known:
                    choices = ", ".join("{" + key + "}" for key in known) or "none in this file"
                    yield located.problem(
                        path + (lang,),
                        f"{{{name}}} is not a known fact{_did_you_mean(name, known)}; expected one of: {choices}",
                    )
        if "en" not in used_by_language:
            continue
        reference = sorted(used_by_language["en"])
        for lang, names in used_by_language.items():
            if lang != "en" and sorted(names) != reference:
                yield located.problem(
                    path + (lang,),
                    f"must insert the same facts as the English text ({_fact_list(reference)}), "
                    f"but inserts {_fact_list(sorted(names))}",
                )


def _whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _cycles(located: Located, path: FieldPath, cycles: Any) -> Iterator[Problem]:
    planned, maximum = _at(cycles, "planned"), _at(cycles, "maximum")
    if _whole_number(planned) and _whole_number(maximum) and maximum < planned <= MAX_CYCLES:
        yield located.problem(path + ("maximum",), f"is {maximum}, fewer than the {planned} planned cycles")


def _arms(data: Any, located: Located) -> Iterator[Problem]:
    """Each group's medicines are drugs of the file; with groups, each drug belongs to one at least."""
    arms = _list(data, "arms")
    yield from _duplicates(located, "arms", [_at(arm, "id") for arm in arms], "id", "a group")
    drug_ids = [drug_id for drug_id in (_at(drug, "id") for drug in _list(data, "drugs")) if isinstance(drug_id, str)]
    in_arms: set[str] = set()
    for index, arm in enumerate(arms):
        seen: set[str] = set()
        for position, medicine in enumerate(_list(arm, "medicines")):
            if not isinstance(medicine, str):
                continue  # the model reports a value that is not text
            where = ("arms", index, "medicines", position)
            if medicine not in drug_ids:
                yield located.problem(
                    where,
                    f'"{medicine}" is not the id of a drug under drugs:{_did_you_mean(medicine, drug_ids)}; '
                    f"expected one of: {', '.join(drug_ids) or 'none (add the drug under drugs:)'}",
                )
            elif medicine in seen:
                yield located.problem(where, f"{medicine} is listed twice in this group")
            seen.add(medicine)
            in_arms.add(medicine)
        yield from _cycles(located, ("arms", index, "cycles"), _at(arm, "cycles"))
    if not arms:
        return
    if any(
        isinstance(medicine, str) and medicine not in drug_ids for arm in arms for medicine in _list(arm, "medicines")
    ):
        return  # a group names a drug that is not there (reported above): which drug was meant is unknown
    for index, drug in enumerate(_list(data, "drugs")):
        drug_id = _at(drug, "id")
        if isinstance(drug_id, str) and drug_id not in in_arms:
            yield located.problem(
                ("drugs", index, "id"),
                f"{drug_id} is not in any group; add it to the medicines: of the "
                "group under arms: that gets it, or remove the drug",
            )


def _design(data: Any, located: Located) -> Iterator[Problem]:
    """A ratio belongs to a randomised study, with one number per group; one group is one group."""
    design = _at(data, "design")
    if not isinstance(design, dict):
        return
    allocation, ratio = design.get("allocation"), design.get("ratio")
    arms = _list(data, "arms")
    if isinstance(ratio, str) and ("design", "ratio") not in located.problem_paths:
        if allocation != Allocation.RANDOMISED.value:
            shown = f"allocation: {allocation}" if isinstance(allocation, str) else "no allocation:"
            yield located.problem(
                ("design", "ratio"),
                f"a ratio says how chance shares people between groups, but the design "
                f"has {shown}; write allocation: randomised, or remove the ratio",
            )
        parts = ratio.split(":")
        if all(part.isdigit() for part in parts) and any(int(part) == 0 for part in parts):
            yield located.problem(
                ("design", "ratio"),
                f"{ratio} puts 0 people into a group; write how many people go into each group, for example 2:1",
            )
        if arms and all(part.isdigit() for part in parts) and len(parts) != len(arms):
            yield located.problem(
                ("design", "ratio"),
                f"{ratio} has {len(parts)} numbers but arms: lists {len(arms)} groups; "
                "write one number per group, in the order of arms:",
            )
    if allocation == Allocation.SINGLE_GROUP.value and len(arms) > 1:
        yield located.problem(
            ("design", "allocation"),
            f"single_group means one group, but arms: lists {len(arms)}; "
            "write randomised or non_randomised, or list one group",
        )


def _raw_date(value: Any) -> tuple[dt.date | None, Any, FieldPath]:
    """(date, type as written or None, the path of the type) of a recruitment date as read."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value, None, ()
    if isinstance(value, dict):
        day = value.get("date")
        return (
            (day if isinstance(day, dt.date) and not isinstance(day, dt.datetime) else None),
            value.get("type"),
            ("type",),
        )
    return None, None, ()


_NOT_ENDED = {
    RecruitmentStatus.NOT_YET_RECRUITING.value,
    RecruitmentStatus.RECRUITING.value,
    RecruitmentStatus.ENROLLING_BY_INVITATION.value,
}


def _recruitment_dates(data: Any, located: Located) -> Iterator[Problem]:
    """A date that has happened cannot contradict the status; an end comes after the start."""
    for index, entry in enumerate(_list(data, "recruitment")):
        status = _at(entry, "status")
        start, start_type, start_type_path = _raw_date(_at(entry, "start"))
        end, end_type, end_type_path = _raw_date(_at(entry, "end"))
        if start_type == DateType.ACTUAL.value and status == RecruitmentStatus.NOT_YET_RECRUITING.value:
            yield located.problem(
                ("recruitment", index, "start") + start_type_path,
                "type: actual says recruitment has started, but the status is not_yet_recruiting; "
                "write type: planned, or change the status",
            )
        if end_type == DateType.ACTUAL.value and status in _NOT_ENDED:
            yield located.problem(
                ("recruitment", index, "end") + end_type_path,
                f"type: actual says recruitment has ended, but the status is {status}; "
                "write type: planned, or change the status",
            )
        if start is not None and end is not None and end < start:
            yield located.problem(
                ("recruitment", index, "end"),
                f"{end.isoformat()} is before the start ({start.isoformat()}); check both dates",
            )


def _names_by_language(value: Any) -> dict[str, str] | None:
    """A site's name or city as read: {language: name}, "" standing for every language; None if mistyped."""
    if isinstance(value, str):
        return {"": value}
    if isinstance(value, dict) and isinstance(value.get(DEFAULT_LANGUAGE), str):
        return {key: name for key, name in value.items() if isinstance(key, str) and isinstance(name, str)}
    return None


def _name_in(names: dict[str, str], language: str) -> str:
    return names[""] if "" in names else names.get(language) or names[DEFAULT_LANGUAGE]


def _duplicate_sites(data: Any, located: Located) -> Iterator[Problem]:
    """Two sites with the same name, city and country in any one language would look like one on that
    language's pages (names compared per language, a missing one falling back to English)."""
    sites = _list(data, "sites")
    read = [
        (_names_by_language(_at(site, "name")), _names_by_language(_at(site, "city")), _at(site, "country"))
        for site in sites
    ]
    languages = {language for name, city, _ in read for names in (name, city) if names for language in names} - {""}
    first: dict[tuple[str, str, str], int] = {}
    for index, (name, city, country) in enumerate(read):
        if name is None or city is None or not isinstance(country, str):
            continue  # a missing or mistyped value is reported by the model
        keys = {
            (_name_in(name, language).casefold(), _name_in(city, language).casefold(), country)
            for language in languages | {DEFAULT_LANGUAGE}
        }
        earlier = min((first[key] for key in keys if key in first), default=None)
        if earlier is not None:
            line, _ = located.position(("sites", earlier))
            yield located.problem(
                ("sites", index, "name"),
                f"the same site (name, city and country) is listed twice (first at sites[{earlier + 1}], line {line})",
            )
            continue
        for key in keys:
            first.setdefault(key, index)


def _site_countries(data: Any, located: Located) -> Iterator[Problem]:
    """A site's country needs a recruitment row: the status, the summary and the handout come from it."""
    recruitment = _list(data, "recruitment")
    countries = [_at(entry, "country") for entry in recruitment]
    if (
        not all(isinstance(country, str) and country in COUNTRY_CODES for country in countries)
        or len(set(countries)) < len(countries)
        or any(("recruitment", index, "country") in located.problem_paths for index in range(len(recruitment)))
    ):
        return  # a recruitment country is mistyped or listed twice (reported on its own): which was meant is unknown
    listed = set(countries)
    for index, site in enumerate(_list(data, "sites")):
        country = _at(site, "country")
        if isinstance(country, str) and country in COUNTRY_CODES and country not in listed:
            yield located.problem(
                ("sites", index, "country"),
                f"{country} has no entry under recruitment:; add one for {country} (its status and start date), "
                "or correct the site's country",
            )


def _checked_dates(data: Any, located: Located, today: dt.date) -> Iterator[Problem]:
    """A `checked:` date says when someone looked: it cannot be a day that has not come yet."""
    entries: list[tuple[FieldPath, Any]] = [((), data)]
    entries += [(("recruitment", index), entry) for index, entry in enumerate(_list(data, "recruitment"))]
    entries += [(("sites", index), site) for index, site in enumerate(_list(data, "sites"))]
    for path, entry in entries:
        checked = entry.get("checked") if isinstance(entry, dict) else None
        if isinstance(checked, dt.date) and checked > today:
            yield located.problem(
                path + ("checked",),
                f"{checked.isoformat()} has not come yet; write the day the entry was last checked, as YYYY-MM-DD",
            )


def _rendered_texts(data: Any, located: Located) -> Iterator[Problem]:
    """Every text as a reader gets it: something must be visible, and links may only lead to
    https://, mailto:, tel: or glossary: addresses."""
    for path, texts in raw_texts(data):
        for lang, text in texts.items():
            if not text.strip() or (path + (lang,)) in located.problem_paths:
                continue  # an empty text and a bad character are reported already
            checked = check_text(text)
            if not checked.visible:
                yield located.problem(
                    path + (lang,),
                    "has no visible text (only spaces, invisible characters or empty markup such as <b></b> "
                    "or &nbsp;); write the text",
                )
            for href in checked.hrefs:
                reason = link_problem(href)
                if reason:
                    yield located.problem(path + (lang,), reason)


def _glossary_checks(data: Any, located: Located) -> Iterator[Problem]:
    """Marked terms need an entry; entries need a text that marks them, in every language."""
    entries = _list(data, "glossary")
    ids = [_at(entry, "id") for entry in entries]
    yield from _duplicates(located, "glossary", ids, "id", "a term")
    known = [entry_id for entry_id in ids if isinstance(entry_id, str)]
    used: dict[str, set[str]] = {}
    for path, texts in raw_texts(data):
        in_glossary = bool(path) and path[0] == "glossary"
        marked = {lang: [match.group(2) for match in GLOSSARY_LINK_RE.finditer(text)] for lang, text in texts.items()}
        for lang, names in marked.items():
            if in_glossary and names:
                yield located.problem(
                    path + (lang,), "glossary entries cannot mark other terms; write the word without [ ](glossary:...)"
                )
                continue
            for name in names:
                if name not in known:
                    choices = ", ".join(known) or "none yet (add a glossary: entry)"
                    yield located.problem(
                        path + (lang,),
                        f'marks the term "{name}", which the glossary does not have{_did_you_mean(name, known)}; '
                        f"known terms: {choices}",
                    )
                used.setdefault(name, set()).add(lang)
        if "en" in marked and not in_glossary:
            reference = sorted(set(marked["en"]))
            for lang, names in marked.items():
                if lang != "en" and sorted(set(names)) != reference:
                    yield located.problem(
                        path + (lang,),
                        f"must mark the same glossary terms as the English text ({', '.join(reference) or 'none'}), "
                        f"but marks {', '.join(sorted(set(names))) or 'none'}",
                    )
    for index, entry in enumerate(entries):
        entry_id, term = _at(entry, "id"), _at(entry, "term")
        if not isinstance(entry_id, str) or not is_text(term):
            continue
        unused = [lang for lang in term if lang not in used.get(entry_id, set())]
        if unused:
            yield located.problem(
                ("glossary", index, "id"),
                f'no text in {", ".join(unused)} marks the term "{entry_id}"; mark it where it is used, '
                f"as [word](glossary:{entry_id}), or remove the entry",
            )


def _fact_list(names: list[str]) -> str:
    return ", ".join("{" + name + "}" for name in names) if names else "none"


def _duplicates(located: Located, list_name: str, keys: list[Any], field: str, what: str) -> Iterator[Problem]:
    first: dict[Any, int] = {}
    for index, key in enumerate(keys):
        if key is None or not isinstance(key, str | tuple):
            continue  # a missing or mistyped value is reported by the model
        if key in first:
            line, _ = located.position((list_name, first[key]))
            yield located.problem(
                (list_name, index, field),
                f"{what} is listed twice (first at {list_name}[{first[key] + 1}], line {line})",
            )
        else:
            first[key] = index


# --- pydantic errors to editor messages ------------------------------------------------


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int):
        return f"a whole number ({_shorten(str(value))})"
    if isinstance(value, Decimal | float):
        return f"a number ({_shorten(str(value))})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, str):
        return f'the text "{_shorten(value)}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return type(value).__name__


def _shorten(text: str, limit: int = 80) -> str:
    """A value quoted in a message: a 20,000-character text or number is cut short."""
    return text if len(text) <= limit else f"{text[: limit - 21]}…{text[-20:]}"


#: An address with the insecure scheme, in any case (Http://, HTTP://).
_INSECURE_URL_RE = re.compile(r"http://", re.I)

#: Language codes editors write by mistake: a country's code, or Norwegian's two written forms.
_LANGUAGE_MIXUPS = {"dk": "da", "ee": "et", "nb": "no", "nn": "no", "gb": "en"}


def _language_hint(texts: object) -> str:
    """ "did you mean ..." for a language key that is a country's code or another form of Norwegian."""
    if not isinstance(texts, dict):
        return ""
    hints = [
        f'for "{key}" write "{_LANGUAGE_MIXUPS[key.lower()]}"'
        for key in texts
        if isinstance(key, str) and key.lower() in _LANGUAGE_MIXUPS
    ]
    if not hints:
        return ""
    return (
        f"; {', '.join(hints)} (a language's code is not its country's: "
        'Danish is da, Estonian et, Norwegian "no" in quotes)'
    )


def _unwrap(annotation: Any) -> Any:
    """The model class inside Optional[...], list[...] or Annotated[...], if any."""
    origin = get_origin(annotation)
    if origin is None:
        return annotation
    for arg in get_args(annotation):
        inner = _unwrap(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel | Enum):
            return inner
    return annotation


def _model_at(loc: tuple[Any, ...]) -> Any:
    """The model (or enum) class that the data at ``loc`` is validated against, if known."""
    current: Any = Trial
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current


def _field_description(loc: tuple[Any, ...]) -> str:
    parent = _model_at(loc[:-1])
    if isinstance(parent, type) and issubclass(parent, BaseModel):
        field = parent.model_fields.get(str(loc[-1]))
        if field is not None and field.description:
            return field.description
    return ""


def _clean_loc(loc: tuple[Any, ...]) -> FieldPath:
    """A pydantic error location as a field path (without the names of the validators it went through)."""
    return tuple(part for part in loc if not (isinstance(part, str) and "[" in part and "]" in part))


def _problem_from_pydantic(located: Located, error: Any) -> Problem:
    loc = _clean_loc(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    description = _field_description(loc)

    if kind == "missing":
        message = "is missing" + (f"; expected {description[0].lower()}{description[1:]}" if description else "")
    elif kind == "extra_forbidden":
        parent = _model_at(loc[:-1])
        allowed = list(parent.model_fields) if isinstance(parent, type) and issubclass(parent, BaseModel) else []
        message = f"is not a known field{_did_you_mean(loc[-1], allowed)}; expected one of: {', '.join(allowed)}"
        return located.problem(loc, message, at_key=True)
    elif kind == "enum":
        enum_class = _model_at(loc)
        choices = (
            [member.value for member in enum_class]
            if isinstance(enum_class, type) and issubclass(enum_class, Enum)
            else []
        )
        registry = status_from_registry_term(value) if isinstance(value, str) else None
        if registry:
            message = f'"{value}" is the {registry[0]} wording; write {registry[1].value}'
        else:
            shown = f'"{value}"' if isinstance(value, str) else _describe(value)
            message = (
                f"{shown} is not allowed here{_did_you_mean(value, choices)}; expected one of: {', '.join(choices)}"
            )
    elif kind == "local_name":
        message = (
            f"expected a name, or one name per language (en: required, the others optional), got {_describe(value)}"
        )
    elif kind in ("string_type", "str_type"):
        message = f"expected text, got {_describe(value)}"
        if isinstance(value, (int, float, Decimal, dt.date)):
            # An unquoted phone number (+4512345678) or code is read as a number and loses its "+".
            message += "; write it in quotes, exactly as published"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"expected a whole number, got {_describe(value)}"
    elif kind in ("decimal_type", "decimal_parsing", "finite_number"):
        message = f"expected a number, got {_describe(value)}"
    elif kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        message = (
            f"expected a date written as YYYY-MM-DD, for example 2026-05-20 (without quotes), got {_describe(value)}"
        )
    elif kind == "list_type":
        message = f"expected a list (lines starting with '- '), got {_describe(value)}"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = f"expected a group of fields (name: value lines), got {_describe(value)}"
    elif (
        kind == "string_pattern_mismatch"
        and loc[-1] == "url"
        and isinstance(value, str)
        and _INSECURE_URL_RE.match(value)
    ):
        secure = _INSECURE_URL_RE.sub("https://", value, count=1)
        message = (
            f'"{value}" starts with http://, which is not a secure address; write it with https://, '
            f'"{secure}" (open that address in a browser first to check it works)'
        )
    elif kind == "string_pattern_mismatch":
        message = f"{_describe(value)} does not have the expected form" + (f"; {description}" if description else "")
    elif kind == "question_not_rule":
        # Point at the question in the language that asks it, and say what the criterion names instead.
        loc = (*loc, "question", ctx.get("language", ""))
        ruled = ctx.get("ruled") or ""
        message = (
            f"names {ctx.get('numbers', '')}, but its criterion's text "
            + (f"names {ruled}" if ruled else "names no number")
            + "; write the criterion's own numbers and units (digits, not words), so that the question asks "
            'exactly what the criterion says (EDITING.md, "Add a self-check question")'
        )
    elif kind == "unknown_language":
        message = error["msg"] + _language_hint(value)
    elif kind == "string_too_short":
        message = "is empty; write a value or leave the field out"
    elif kind == "too_short":
        message = f"needs at least {ctx.get('min_length', 1)} item(s)"
    elif kind in ("greater_than", "greater_than_equal"):
        bound = ctx.get("gt", ctx.get("ge"))
        relation = "greater than" if kind == "greater_than" else "at least"
        message = f"must be {relation} {bound}, got {_describe(value)}"
    elif kind in ("less_than", "less_than_equal"):
        bound = ctx.get("lt", ctx.get("le"))
        relation = "less than" if kind == "less_than" else "at most"
        message = f"must be {relation} {bound}, got {_describe(value)}"
    else:
        message = error["msg"]
    return located.problem(loc, message)
