"""Read a YAML file into plain Python data, remembering where each value came from.

PyYAML's own constructors are not used: they raise bare exceptions on an invalid date,
keep the last of two duplicate keys silently, and turn an unquoted ``no`` into ``False``.
Here the composed node tree is walked by hand, so every such case becomes a `Problem`
with a file, a line and a field path that an editor can act on.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, cast

import yaml

from .problems import FieldPath, LoadError, Problem, format_path

MAX_FILE_BYTES = 1_000_000
#: Bound on values built from the file; aliases can otherwise multiply a tiny file.
MAX_NODES = 200_000

# YAML 1.1 booleans that are almost always meant as text in this project
# ("NO" is Norway, "no" is Norwegian).
_BOOL_TRAPS = {"y", "n", "yes", "no", "on", "off"}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Characters no value may hold (YAML lets them in through escapes such as "\x1b" or "\ud800"):
# control characters other than tab and line break (C0, DEL, C1) and lone surrogates, halves of
# a character pair that cannot be written out as UTF-8 at all.
_BAD_CHARACTER_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def bad_character(text: str) -> str | None:
    """Why ``text`` cannot be used as it is (a control character, a lone surrogate), or None."""
    match = _BAD_CHARACTER_RE.search(text)
    if match is None:
        return None
    code = ord(match.group())
    where = f"at character {match.start() + 1}"
    if 0xD800 <= code <= 0xDFFF:
        return (
            f"holds U+{code:04X} {where}, half of a character pair (a lone surrogate), which cannot be shown; "
            "write the whole character or remove it"
        )
    return f"holds an invisible control character (U+{code:04X}) {where}; remove it"


def dump_yaml(data: Any) -> str:
    """Data back to YAML text that `load_yaml_bytes` reads as the same data (decimals keep their digits)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value)))


@dataclass
class Located:
    """Plain data from a YAML file plus the position of every value in it."""

    file: str
    data: Any
    #: Where each value is: the value itself for a scalar, its key for a list or mapping.
    marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    #: Where each key is written.
    key_marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    #: Problems that still left readable data (an unquoted no, a duplicate key, an impossible
    #: date), so that later checks can report theirs in the same run.
    problems: list[Problem] = field(default_factory=list)
    #: The field paths those problems are about.
    problem_paths: set[FieldPath] = field(default_factory=set)

    def position(self, path: FieldPath, at_key: bool = False) -> tuple[int, int]:
        """Line and column of a path, or of its nearest parent that has one."""
        marks = self.key_marks if at_key and path in self.key_marks else self.marks
        while path not in marks and path:
            path = path[:-1]
        return marks.get(path, (0, 0))

    def raise_problems(self) -> None:
        if self.problems:
            raise LoadError(self.problems)

    def problem(self, path: FieldPath, message: str, at_key: bool = False) -> Problem:
        line, column = self.position(path, at_key)
        return Problem(self.file, line, column, format_path(path), message)


def load_yaml(path: Path, display_name: str | None = None) -> Located:
    """Load ``path`` strictly.

    Raises `LoadError` when the file cannot be read as YAML at all; other problems are
    listed in `Located.problems` (the caller decides; see `Located.raise_problems`).
    """
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise LoadError([Problem(name, 0, 0, "(file)", f"cannot be read: {error.strerror}")]) from None
    return load_yaml_bytes(raw, name)


def load_yaml_bytes(raw: bytes, name: str) -> Located:
    def fail(message: str, line: int = 0, column: int = 0) -> LoadError:
        return LoadError([Problem(name, line, column, "(file)", message)])

    if len(raw) > MAX_FILE_BYTES:
        raise fail(f"is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail("starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise fail("is not valid UTF-8 text; save it with UTF-8 encoding", line, 1) from None
    if not text.strip():
        raise fail("is empty; expected the trial's data")
    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            raise fail("has a tab in its indentation; indent with spaces only", number, indent.index("\t") + 1)
    try:
        root = _compose(text)
    except RecursionError:
        raise fail("nests lists or groups too deeply to be a trial file") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise fail(
            "is not valid YAML here; check the quotes and the indentation on this line and the line above",
            mark.line + 1 if mark else 0,
            mark.column + 1 if mark else 0,
        ) from None
    except yaml.YAMLError as error:  # pragma: no cover - composer errors are all marked
        raise fail(f"is not valid YAML ({error})") from None
    if root is None:
        raise fail("is empty; expected the trial's data")

    builder = _Builder(name)
    try:
        data = builder.build(root, ())
    except RecursionError:
        raise fail("nests lists or groups too deeply to be a trial file") from None
    return Located(name, data, builder.marks, builder.key_marks, builder.problems, builder.problem_paths)


#: What the kept node trees may take together, as `_weight` estimates it (in bytes, roughly).
_KEPT_WEIGHT = 64_000_000
_kept: OrderedDict[str, tuple[yaml.Node, int]] = OrderedDict()  # text -> (tree, weight), oldest first
_kept_weight = 0  # of the trees in _kept
_kept_lock = threading.Lock()  # the preview builds in a thread of its own


def _compose(text: str) -> yaml.Node | None:
    """PyYAML's node tree of ``text``: the same text is composed once per process (most of the time
    spent reading a file goes to PyYAML's composer, which is pure Python). A tree is only read
    (by `_Builder`), never changed, so it can be shared. A preview's rebuild after a page edit,
    each check of the same catalogues and the builds of the same data reuse it.

    Kept by weight, not by number: a tree takes many times its text's memory, and how many times
    depends on the text (each short value makes a node with its own marks), so that a few texts
    of the size a pull request may give cannot hold much of the machine's memory. The least
    recently used trees go first; a tree heavier than the whole allowance is not kept."""
    global _kept_weight
    with _kept_lock:
        kept = _kept.get(text)
        if kept is not None:
            _kept.move_to_end(text)
            return kept[0]
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return None
    weight = _weight(text, root)
    if weight <= _KEPT_WEIGHT:
        with _kept_lock:
            if text not in _kept:  # another thread may have composed it meanwhile
                _kept[text] = (root, weight)
                _kept_weight += weight
                while _kept_weight > _KEPT_WEIGHT:
                    _, (_, dropped) = _kept.popitem(last=False)
                    _kept_weight -= dropped
    return root


#: A node with its two marks, in bytes: above what CPython takes for one with a short value, so that
#: `_weight` stays above a tree's real size (tests/test_kept_trees.py measures it).
_NODE_WEIGHT = 1_200


def _weight(text: str, root: yaml.Node) -> int:
    """An estimate of what keeping a tree holds, above the real size: the text three times (the key,
    the copy PyYAML's reader keeps and every mark points into, and the values cut from it), and each
    distinct node (an alias is the node it names, counted once). Stops counting past `_KEPT_WEIGHT`."""
    weight = 3 * sys.getsizeof(text)  # in memory, a character takes 1, 2 or 4 bytes
    seen: set[int] = set()
    waiting = [root]
    while waiting and weight <= _KEPT_WEIGHT:
        node = waiting.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        weight += _NODE_WEIGHT
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                waiting.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            waiting.extend(node.value)
    return weight


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


class _Builder:
    def __init__(self, name: str):
        self.name = name
        self.marks: dict[FieldPath, tuple[int, int]] = {}
        self.key_marks: dict[FieldPath, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.problem_paths: set[FieldPath] = set()
        self.nodes_built = 0

    def _problem(self, node: yaml.Node, path: FieldPath, message: str) -> None:
        self.problem_paths.add(path)
        self.problems.append(
            Problem(self.name, node.start_mark.line + 1, node.start_mark.column + 1, format_path(path), message)
        )

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.nodes_built += 1
        if not isinstance(node, yaml.ScalarNode) and node.tag not in (
            "tag:yaml.org,2002:map",
            "tag:yaml.org,2002:seq",
            "tag:yaml.org,2002:omap",
        ):
            self._problem(node, path, f"the YAML tag {_short_tag(node.tag)} is not allowed; write plain values")
        if self.nodes_built > MAX_NODES:
            raise LoadError(
                [Problem(self.name, 0, 0, "(file)", f"expands to more than {MAX_NODES:,} values (too many aliases?)")]
            )
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._scalar(cast(yaml.ScalarNode, node), path)  # the composer makes only these three kinds

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, path, "'<<' (merge keys) is not supported; write the fields out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a key must be a plain word")
                continue
            key = key_node.value
            bad = bad_character(key)
            if bad:
                self._problem(key_node, path + (key,), f"the key {bad}")
                continue
            if key_node.tag == "tag:yaml.org,2002:bool" and key.lower() in _BOOL_TRAPS:
                self._problem(
                    key_node,
                    path + (key,),
                    f'the key {key} is read by YAML as true/false; write it in quotes: "{key}"',
                )
                continue
            if key in first_seen:
                self._problem(
                    key_node,
                    path + (key,),
                    f"is written twice (first on line {first_seen[key]}); keep only one",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            key_position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            self.key_marks[path + (key,)] = key_position
            if not isinstance(value_node, yaml.ScalarNode):
                # A list or mapping is easiest found by its key: "sites:", not its first item.
                self.marks[path + (key,)] = key_position
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath) -> Any:
        value = node.value
        tag = node.tag
        bad = bad_character(value)
        if bad:
            self._problem(node, path, bad)
            # Reported; later checks see U+FFFD instead (pydantic cannot even quote a lone surrogate).
            return _BAD_CHARACTER_RE.sub("\ufffd", value)
        if not tag.startswith("tag:yaml.org,2002:"):
            self._problem(node, path, f"the YAML tag {_short_tag(tag)} is not allowed; write plain values")
            return value
        if node.style in ("'", '"', "|", ">"):
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            if value.lower() in _BOOL_TRAPS:
                self._problem(
                    node,
                    path,
                    f'{value} is read by YAML as true/false; if you mean the text, write it in quotes: "{value}"',
                )
                return value
            return value.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            try:
                return int(value.replace("_", ""), 10)
            except ValueError:  # octal, hex or sexagesimal forms: left as text for the model to reject
                return value
        if tag == "tag:yaml.org,2002:float":
            try:
                return Decimal(value.replace("_", ""))
            except InvalidOperation:
                return value
        if tag == "tag:yaml.org,2002:timestamp":
            if _DATE_RE.match(value):
                try:
                    return dt.date.fromisoformat(value)
                except ValueError:
                    self._problem(node, path, f"{value} is not a real date; expected a date as YYYY-MM-DD")
                    return value
            if ":" in value:
                self._problem(node, path, f"{value} has a time; expected a date only, as YYYY-MM-DD")
            else:
                self._problem(node, path, f"{value} is not written as YYYY-MM-DD (two digits for month and day)")
            return value
        return value
