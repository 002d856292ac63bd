"""What is wrong with an input, as one line an editor can act on.

Every check (the loader, the data check, the catalogues, the pages, the site as a whole) reports
`Problem`s; a `ProblemsError` carries all of them at once, printed as
``file:line:column: field: what is wrong and what is expected``. This module imports nothing from
the rest of the package, so that every layer can use it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

#: A path into the data: keys and list positions, e.g. ("sites", 3, "status").
FieldPath = tuple[str | int, ...]

# What a message must not print as it is: control characters (C0, DEL, C1), lone surrogates, tab and
# line break (a message is one line), and the characters that reorder text in a terminal
# (bidirectional controls).
_UNPRINTABLE_RE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with what would break a one-line message written as an escape (\\n, \\x1b, \\ud800)."""
    return _UNPRINTABLE_RE.sub(lambda match: ascii(match.group())[1:-1], text)


def format_path(path: FieldPath) -> str:
    """Render a field path the way editors read it: ``sites[4].status`` (items counted from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, located for the editor."""

    file: str
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        # Values quoted in a message come from the file: they must not break the line or the terminal.
        return printable(f"{where}: {self.path}: {self.message}")


@dataclass
class PageProblem:
    """One thing wrong with a page in docs/, by its line in the page (`site.check_pages` adds the file)."""

    line: int
    field: str
    message: str


class ProblemsError(Exception):
    """Something cannot be used as it is; `problems` lists every reason, sorted by file and line."""

    #: The first line of the message; {count} and {s} (plural ending) are filled in.
    heading = "{count} problem{s}:"

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        title = self.heading.format(count=count, s="s" if count != 1 else "")
        super().__init__("\n".join([title, *(f"  {problem}" for problem in self.problems)]))


class LoadError(ProblemsError):
    """The file could not be read at all (not YAML, not UTF-8, ...), or has YAML traps."""


class TrialDataError(ProblemsError):
    """The trial data has problems; `problems` lists them all."""

    heading = "{count} problem{s} in the trial data:"


class CatalogueError(ProblemsError):
    heading = "{count} problem{s} in the interface texts:"


class SiteError(ProblemsError):
    """The site cannot be built; `problems` says why, one line each."""

    heading = "The site was not built: {count} problem{s} to fix."


def did_you_mean(word: object, choices: Any) -> str:
    """' (did you mean "x"?)' naming the choice closest to a misspelt ``word``, or "" if none is close."""
    match = difflib.get_close_matches(str(word), [str(choice) for choice in choices], n=1, cutoff=0.6)
    return f' (did you mean "{match[0]}"?)' if match else ""
