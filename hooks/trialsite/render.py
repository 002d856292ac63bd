"""Markers in the Markdown pages, and the templates that fill them.

A page says where generated content goes with a marker on its own line, for example
``<!-- trial:sites -->``. Each marker has one template and one view. The output is
Markdown (headings, so they reach the table of contents) with HTML blocks; all values
pass through an autoescaping Jinja environment.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from . import views
from .views import Context

TEMPLATES_DIR = Path(__file__).parent / "templates"
# A marker stands on one line: [ \t] only, so that no marker can span lines (and so hide what is
# between its parts from the page check).
MARKER_RE = re.compile(r"<!--[ \t]*trial:[ \t]*([^\s>]*)[ \t]*-->")
# Anything that looks like an attempt at a marker, to catch typos such as "<!-- trail:sites -->".
LOOSE_MARKER_RE = re.compile(r"<!--\s*tri?a?i?l\w*\s*:", re.IGNORECASE)

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")


def _md_escape(text: Any) -> str:
    """A value for a generated Markdown line: Markdown's characters escaped. (< > and & are left to
    the environment's autoescaping, which makes them entities; a backslash before one would show.)"""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def _capfirst(text: Any) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def _lower_first(text: Any) -> str:
    text = str(text)
    return text[:1].lower() + text[1:]


@lru_cache(maxsize=1)
def shared_environment() -> jinja2.Environment:
    """One environment for all languages, so that each template is compiled once per process."""
    return make_environment()


def make_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(md_escape=_md_escape, capfirst=_capfirst, lower_first=_lower_first)
    environment.globals.update(shape=views.marker_shape)
    return environment


@dataclass(frozen=True)
class Marker:
    template: str
    data: Callable[[Context], dict[str, Any]]


MARKERS: dict[str, Marker] = {
    "title": Marker("title", lambda ctx: {"title": ctx.plain(ctx.trial.title)}),
    "heading": Marker("heading", lambda ctx: {"name": views.website_name(ctx)}),
    "lead": Marker("lead", lambda ctx: {"view": views.lead(ctx)}),
    "take_part": Marker("take_part", lambda ctx: {"view": views.take_part(ctx)}),
    "status": Marker("status", lambda ctx: {"lines": views.status_lines(ctx)}),
    "phase": Marker("phase", lambda ctx: {"view": views.identifiers(ctx)}),
    "summary": Marker("summary", lambda ctx: {"summary": ctx.block(ctx.trial.summary)}),
    "disease": Marker("disease", lambda ctx: {"description": ctx.block(ctx.trial.disease.description)}),
    "drugs": Marker("drugs", lambda ctx: {"view": views.medicines(ctx)}),
    "treatment": Marker("treatment", lambda ctx: {"view": views.treatment(ctx)}),
    "schedule": Marker("schedule", lambda ctx: {"steps": views.steps(ctx)}),
    "inclusion": Marker("criteria", lambda ctx: {"kind": "inclusion", "items": views.criteria(ctx, "inclusion")}),
    "exclusion": Marker("criteria", lambda ctx: {"kind": "exclusion", "items": views.criteria(ctx, "exclusion")}),
    "recruitment": Marker("recruitment", lambda ctx: {"rows": views.recruitment(ctx)}),
    "sites": Marker("sites", lambda ctx: {"view": views.sites(ctx)}),
    "identifiers": Marker("identifiers", lambda ctx: {"view": views.identifiers(ctx)}),
    "related": Marker("related", lambda ctx: {
        "trials": views.related(ctx),
        "intro": ctx.messages.text("related_intro", disease=ctx.plain(ctx.trial.disease.name)),
    }),
    "contact": Marker("contact", lambda ctx: {"view": views.contact(ctx)}),
    "selfcheck": Marker("selfcheck", lambda ctx: {"questions": views.questions(ctx)}),
    "map": Marker("map", lambda ctx: {"view": views.sites_map(ctx)}),
    "glossary": Marker("glossary", lambda ctx: {"terms": views.glossary(ctx)}),
    "handout": Marker("handout", lambda ctx: {"view": views.handout(ctx)}),
    "design": Marker("design", lambda ctx: {"view": views.design(ctx)}),
    "known_problems": Marker("known_problems", lambda ctx: {"problems": views.known_problems(ctx)}),
    "taking_part": Marker("taking_part", lambda ctx: {"view": views.taking_part(ctx)}),
}


def marker_problems(markdown: str) -> list[tuple[int, str]]:
    """(line, message) for every unknown or malformed marker in a page."""
    problems = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        known = MARKER_RE.search(line)
        if known:
            name = known.group(1)
            if name not in MARKERS:
                problems.append((number, f'unknown marker "trial:{name}"; known markers: {", ".join(MARKERS)}'))
            elif line.strip() != known.group(0):
                problems.append((number, f'the marker "trial:{name}" must stand alone on its line'))
        elif LOOSE_MARKER_RE.search(line):
            problems.append((number, f'"{line.strip()}" looks like a marker but is not one; write <!-- trial:NAME -->'))
    return problems


class Renderer:
    """Fills the markers of pages in one language."""

    def __init__(self, context: Context, environment: jinja2.Environment | None = None):
        self.context = context
        self.environment = environment or shared_environment()
        # A section is the same on every page that uses it (the contact block is on four).
        self._sections: dict[str, str] = {}

    def section(self, name: str) -> str:
        if name not in self._sections:
            marker = MARKERS.get(name)
            if marker is None:  # the page check reports it first; this is the build's own guard
                raise UnknownMarker(name)
            template = self.environment.get_template(f"{marker.template}.md.jinja")
            self._sections[name] = template.render(t=self.context.messages.text, **marker.data(self.context)).strip("\n")
        return self._sections[name]

    def page(self, markdown: str, stash: Stash) -> str:
        """The page's Markdown with every marker replaced by its content.

        The generated HTML blocks are set aside in ``stash`` and replaced by placeholder
        paragraphs, put back by `Stash.restore` after Markdown and after the page's own HTML has
        been sanitised: generated HTML is made by our templates, the rest is the editor's.
        """
        def replace(match: re.Match) -> str:
            return "\n" + stash.set_aside(self.section(match.group(1))) + "\n"

        return MARKER_RE.sub(replace, markdown)


_GENERATED_HEADING = re.compile(r"#{1,6} [^\n]*")


class UnknownMarker(KeyError):
    """A page names a marker the site does not have."""


class StashError(Exception):
    """Markdown did not keep a placeholder as its own paragraph (a template changed its layout)."""


@dataclass
class Stash:
    """Generated HTML blocks of one page, set aside while Markdown and the sanitiser run.

    Each placeholder carries a random token made for this page, so that no text in a page or
    in the data can name a block (and so duplicate or misplace generated content).
    """

    token: str = field(default_factory=lambda: secrets.token_hex(12))
    blocks: list[str] = field(default_factory=list)

    def set_aside(self, section: str) -> str:
        """The section with its HTML blocks replaced by placeholders; its headings stay Markdown.

        Templates write Markdown headings (one line each, for the table of contents) and HTML
        blocks. Whatever else follows a blank line belongs to the HTML block before it, so that no
        value inside generated HTML can become page Markdown.
        """
        out: list[str] = []
        after_block = False
        for chunk in section.split("\n\n"):
            if chunk.startswith("<"):
                self.blocks.append(chunk.strip("\n"))
                out.append(f"trialblock{self.token}n{len(self.blocks) - 1}")
                after_block = True
            elif after_block and not _GENERATED_HEADING.fullmatch(chunk):
                self.blocks[-1] += "\n\n" + chunk.strip("\n")
            else:
                out.append(chunk)
                after_block = False
        return "\n\n".join(out)

    def clashing_ids(self, page_html: str) -> list[str]:
        """Ids the page's own HTML sets that a generated block of this page also uses."""
        ids = re.compile(r'\sid="([^"]*)"')
        own = set(ids.findall(page_html))
        return sorted(own & {found for block in self.blocks for found in ids.findall(block)})

    def restore(self, page_html: str) -> str:
        pattern = re.compile(rf"<p>trialblock{self.token}n(\d+)</p>")
        restored: list[int] = []

        def put_back(match: re.Match) -> str:
            restored.append(int(match.group(1)))
            return self.blocks[int(match.group(1))]

        result = pattern.sub(put_back, page_html)
        if sorted(restored) != list(range(len(self.blocks))):
            raise StashError(f"{len(self.blocks)} generated blocks, {len(restored)} found after Markdown")
        return result
