"""Write a starter trial file (`ctgov.Starter`) as YAML, with its comments.

PyYAML drops comments, so the layout is written here, in the style of the bundled data file
(two-space indents, texts in double quotes or as | blocks, small fact groups on one line), and
each scalar is written by PyYAML itself, so quoting is always right ("NO", "no", "2020-05").
`starter_yaml` reads its own output back with the project's loader and refuses to return
anything that would not read back as the same data.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .ctgov import Starter
from .facts import is_text
from .loader import load_yaml_bytes
from .problems import FieldPath, LoadError, format_path

#: Small groups of facts written on one line: `location: {latitude: 59.91, longitude: 10.75}`.
_FLOW_KEYS = {"latitude", "longitude", "date", "type", "amount", "unit", "planned", "maximum"}
_INDENT = 2
#: What YAML cannot hold unescaped (so not in a comment or a | block), and tabs (the loader
#: refuses them at the start of a line).
_NOT_PLAIN = re.compile("[^\x0a\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]")
#: Long texts are folded onto lines of about this width (a double-quoted YAML text may span lines).
_WIDTH = 100


class StarterError(Exception):
    """The starter file cannot be written; the message is one line."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value)))


def _comment(indent: int, text: str) -> str:
    """One comment line; YAML allows no control characters, even in a comment."""
    return f"{' ' * indent}# {_NOT_PLAIN.sub(' ', text)}".rstrip()


def _dump(value: Any, style: str | None = None, width: int = 1_000_000) -> str:
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=width, default_style=style)
    text = text.removesuffix("\n...\n").removesuffix("\n")
    return text


def _folded(text: str, column: int, indent: int) -> list[str]:
    """A text in double quotes, broken at single spaces onto lines indented by ``indent``.

    YAML reads a line break inside double quotes as one space, so the text stays the same.
    """
    quoted = _dump(text, '"')
    breaks = [
        index
        for index in range(1, len(quoted) - 1)
        if quoted[index] == " " and quoted[index - 1] not in " \\" and quoted[index + 1] != " "
    ]
    lines: list[str] = []
    start, limit, previous = 0, _WIDTH - column, None
    for index in [*breaks, len(quoted)]:
        if index - start > limit and previous is not None and previous > start:
            lines.append(quoted[start:previous])
            start, limit = previous + 1, _WIDTH - indent
        previous = index if index < len(quoted) else previous
    lines.append(quoted[start:])
    return [lines[0]] + [" " * indent + line for line in lines[1:]]


def _scalar(value: Any, quoted: bool = False) -> str:
    """One value on one line, quoted where YAML needs it (or always, for a text)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise StarterError(f"cannot write a {type(value).__name__} as a value")
    if not quoted and not _NOT_PLAIN.search(value):
        plain = _dump(value)
        if "\n" not in plain:
            return plain
    return _dump(value, '"')


def _literal(text: str, indent: int) -> list[str] | None:
    """A multi-line text as a | block, or None when a block cannot hold it exactly."""
    lines = text.split("\n")
    if (
        text != text.strip()
        or any(line != line.rstrip() for line in lines)
        or lines[0].startswith(" ")
        or _NOT_PLAIN.search(text)
    ):
        return None
    pad = " " * indent
    return ["|-", *[(pad + line) if line else "" for line in lines]]


class _Writer:
    def __init__(self, notes: dict[FieldPath, list[str]]):
        self.notes = notes
        self.used: set[FieldPath] = set()
        self.lines: list[str] = []

    def comments(self, path: FieldPath, indent: int) -> None:
        for note in self.notes.get(path, []):
            self.used.add(path)
            lines = (
                [note]
                if note.startswith(" ")
                else textwrap.wrap(note, max(40, _WIDTH - indent - 2), subsequent_indent="  ", break_on_hyphens=False)
            )
            self.lines += [_comment(indent, line) for line in lines]

    def value(self, head: str, value: Any, path: FieldPath, indent: int, quoted: bool = False) -> None:
        """``head`` is everything before the value on its line ("  key:" or "  - "); ``quoted``: a text's language."""
        separator = "" if head.endswith("- ") else " "
        if isinstance(value, dict) and value and not is_text(value) and set(value) <= _FLOW_KEYS:
            inner = ", ".join(f"{_scalar(key)}: {_scalar(item)}" for key, item in value.items())
            self.lines.append(f"{head}{separator}{{{inner}}}")
        elif isinstance(value, dict) and value:
            self.lines.append(head)
            self.mapping(value, path, indent + _INDENT)
        elif isinstance(value, list) and value:
            self.lines.append(head)
            self.sequence(value, path, indent + _INDENT)
        elif isinstance(value, dict | list):
            self.lines.append(f"{head}{separator}{'{}' if isinstance(value, dict) else '[]'}")
        elif isinstance(value, str) and "\n" in value and (block := _literal(value, indent + _INDENT)):
            self.lines.append(f"{head}{separator}{block[0]}")
            self.lines.extend(block[1:])
        elif quoted and isinstance(value, str) and len(head) + len(value) > _WIDTH:
            folded = _folded(value, len(head) + 1, indent + _INDENT)
            self.lines.append(f"{head}{separator}{folded[0]}")
            self.lines.extend(folded[1:])
        else:
            self.lines.append(f"{head}{separator}{_scalar(value, quoted=quoted)}")

    def mapping(self, mapping: dict[str, Any], path: FieldPath, indent: int, first_head: str | None = None) -> None:
        text = is_text(mapping)
        for position, (key, item) in enumerate(mapping.items()):
            child = path + (key,)
            if position == 0 and first_head is not None:
                head = f"{first_head}{_scalar(key)}:"  # its comments were written above the "- "
            else:
                self.comments(child, indent)
                head = f"{' ' * indent}{_scalar(key)}:"
            self.value(head, item, child, indent, quoted=text)

    def sequence(self, items: list[Any], path: FieldPath, indent: int) -> None:
        for index, item in enumerate(items):
            child = path + (index,)
            self.comments(child, indent)
            if isinstance(item, dict) and item and not set(item) <= _FLOW_KEYS:
                self.comments(child + (next(iter(item)),), indent)
                self.mapping(item, child, indent + _INDENT, first_head=f"{' ' * indent}- ")
            else:
                self.value(f"{' ' * indent}- ", item, child, indent)


def starter_yaml(starter: Starter, schema_path: str = "../schema/trial.schema.json") -> str:
    """The starter file's text: a schema line, the header, the data with its comments, the footer."""
    writer = _Writer(starter.notes)
    lines = [f"# yaml-language-server: $schema={schema_path}"]
    lines += [
        _comment(0, line)
        for note in starter.header
        for line in ([note] if note.startswith(" ") else textwrap.wrap(note, _WIDTH - 2, break_on_hyphens=False))
    ]
    lines.append("")
    writer.mapping(starter.data, (), 0)
    lines += writer.lines
    # Comments about a field the file leaves out (design: when the registry gives nothing that fits)
    # go to the end, naming the field.
    footer = list(starter.footer) + [
        f"{format_path(path)}: {note}"
        for path, notes in starter.notes.items()
        if path not in writer.used
        for note in notes
    ]
    if footer:
        lines.append("")
        lines += [
            _comment(0, line)
            for note in footer
            for line in textwrap.wrap(note, _WIDTH - 2, subsequent_indent="  ", break_on_hyphens=False)
        ]
    text = "\n".join(lines) + "\n"
    try:
        located = load_yaml_bytes(text.encode("utf-8"), "starter")
        located.raise_problems()
    except LoadError as error:
        raise StarterError(f"the starter file would not read back ({error.problems[0]})") from None
    if located.data != starter.data:
        raise StarterError("the starter file would not read back as the same data")
    return text


def write_starter(starter: Starter, output: Path, root: Path, force: bool = False) -> str:
    """Write the starter file to ``output`` (not over an existing file unless ``force``); return its text."""
    if output.exists() and not force:
        raise StarterError(f"{output}: already exists; not overwritten (add --force to replace it, or give --output)")
    if output.exists() and not output.is_file():
        raise StarterError(f"{output}: is not a file")
    schema = os.path.relpath(root.resolve() / "schema" / "trial.schema.json", output.resolve().parent)
    text = starter_yaml(starter, Path(schema).as_posix())
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(output)
    except OSError as error:
        raise StarterError(f"{output}: cannot be written ({error.strerror or error})") from None
    return text
