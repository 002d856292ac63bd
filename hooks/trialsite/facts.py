"""Facts in texts: ``{name}`` in a text of the data inserts a value of the trial, and the walkers
that find every text.

A *fact* is a value the data holds once (a medicine's dose, the number of cycles, a lab limit) that
its texts insert by name, as ``{cycles.planned}``, so that no translation can say another number.
Here are the pattern (`FACT_RE`), the facts a trial has (`fact_values`, and `fact_names` on the data
as read, before the model), how they are filled in (`fill`), and the two walkers over every
localized text: `iter_texts` on the model, `raw_texts` on the data as read.

The data check (validation.py) checks the names; the views format the values per language and the
rich text renderer fills them in. This module is below all of them: it imports no other module of
the package at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .problems import FieldPath

if TYPE_CHECKING:
    from .model import Trial

#: {name} in a text inserts a fact (validation.py checks the names).
FACT_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.-]*)\}")

# A fact is a value (a dose, a number of cycles, a lab limit with its local unit from the
# catalogues): it is inserted as text, never as Markdown or HTML that the text around it did not write.
_FACT_MARKDOWN = re.compile(r"([\\`*_\[\]{}()#+!|>-])")


def _as_text(value: str) -> str:
    value = value.replace("&", "&amp;").replace("<", "&lt;")
    return _FACT_MARKDOWN.sub(r"\\\1", value)


def fill(text: str, facts: dict[str, str]) -> str:
    """Insert facts for {name} as text; names were checked when the data was loaded."""
    return FACT_RE.sub(
        lambda match: _as_text(facts[match.group(1)]) if match.group(1) in facts else match.group(0), text
    )


def fact_values(trial: Trial) -> dict[str, Any]:
    """The facts texts may insert with {name}; values are formatted per language later."""
    values: dict[str, Any] = {}
    for drug in trial.drugs:
        if drug.dose is not None:
            values[f"{drug.id}.dose"] = drug.dose
    if trial.schedule.cycles is not None:
        values["cycles.planned"] = trial.schedule.cycles.planned
        if trial.schedule.cycles.maximum is not None:
            values["cycles.maximum"] = trial.schedule.cycles.maximum
    for lab in trial.labs:
        values[f"labs.{lab.id}"] = lab
    return values


def fact_names(data: Any) -> list[str]:
    """The {names} texts may insert, from the data as read (see `fact_values`)."""

    def items(key: str) -> list[Any]:
        value = data.get(key) if isinstance(data, dict) else None
        return value if isinstance(value, list) else []

    names = [
        f"{drug['id']}.dose"
        for drug in items("drugs")
        if isinstance(drug, dict) and isinstance(drug.get("id"), str) and isinstance(drug.get("dose"), dict)
    ]
    schedule = data.get("schedule") if isinstance(data, dict) else None
    cycles = schedule.get("cycles") if isinstance(schedule, dict) else None
    if isinstance(cycles, dict):
        names += [f"cycles.{key}" for key in ("planned", "maximum") if cycles.get(key) is not None]
    names += [f"labs.{lab['id']}" for lab in items("labs") if isinstance(lab, dict) and isinstance(lab.get("id"), str)]
    return names


# --- Every text -------------------------------------------------------------------------------


def iter_texts(node: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, dict[str, str]]]:
    """Every localized text in the model, with its field path."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from iter_texts(getattr(node, name), path + (name,))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from iter_texts(item, path + (index,))
    elif isinstance(node, dict):
        yield path, node


def is_text(node: Any) -> bool:
    """Whether ``node`` (data as read) is a localized text: {language code: text}."""
    return (
        isinstance(node, dict)
        and bool(node)
        and all(isinstance(key, str) and 2 <= len(key) <= 3 and key.isalpha() and key.islower() for key in node)
        and all(isinstance(value, str) for value in node.values())
    )


#: Fields that may hold one value per language but are names, not texts: shown as written (escaped),
#: with no facts, links or glossary terms, and not every language needs one (model.LocalName).
LOCAL_NAME_FIELDS = {("sites", "name"), ("sites", "city")}


def _is_local_name(path: FieldPath) -> bool:
    return len(path) == 3 and isinstance(path[1], int) and (path[0], path[2]) in LOCAL_NAME_FIELDS


def raw_texts(node: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, dict[str, str]]]:
    """Every localized text in the data as read (before the model), with its field path."""
    if _is_local_name(path):
        return
    if is_text(node):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from raw_texts(value, path + (key,))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from raw_texts(item, path + (index,))
