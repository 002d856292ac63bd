"""The sections that fill the markers of the Markdown pages: templates and their views.

A page says where generated content goes with a marker on its own line, for example
``<!-- trial:sites -->`` (pages.py says which markers there are and checks them). Each marker is
filled by one `Section`: a template and a view. The output is
Markdown (headings, so they reach the table of contents) with HTML blocks; all values
pass through an autoescaping Jinja environment.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2

from . import views
from .components import shared_environment
from .pages import MARKER_RE
from .views import Context

__all__ = ["SECTIONS", "Renderer", "Stash"]


@dataclass(frozen=True)
class Section:
    """What fills a marker: a template (templates/<template>.md.jinja) and the view data it gets."""

    template: str
    data: Callable[[Context], dict[str, Any]]


SECTIONS: dict[str, Section] = {
    "title": Section("title", lambda ctx: {"title": ctx.plain(ctx.trial.title)}),
    "heading": Section("heading", lambda ctx: {"name": views.website_name(ctx)}),
    "lead": Section("lead", lambda ctx: {"view": views.lead(ctx)}),
    "take_part": Section("take_part", lambda ctx: {"view": views.take_part(ctx)}),
    "status": Section("status", lambda ctx: {"lines": views.status_lines(ctx)}),
    "phase": Section("phase", lambda ctx: {"view": views.identifiers(ctx)}),
    "summary": Section("prose", lambda ctx: {"text": ctx.block(ctx.trial.summary)}),
    "disease": Section("prose", lambda ctx: {"text": ctx.block(ctx.trial.disease.description)}),
    "drugs": Section("drugs", lambda ctx: {"view": views.medicines(ctx)}),
    "treatment": Section("treatment", lambda ctx: {"view": views.treatment(ctx)}),
    "schedule": Section("schedule", lambda ctx: {"steps": views.steps(ctx)}),
    "inclusion": Section("criteria", lambda ctx: {"kind": "inclusion", "items": views.criteria(ctx, "inclusion")}),
    "exclusion": Section("criteria", lambda ctx: {"kind": "exclusion", "items": views.criteria(ctx, "exclusion")}),
    "recruitment": Section("recruitment", lambda ctx: {"rows": views.recruitment(ctx)}),
    "sites": Section("sites", lambda ctx: {"view": views.sites(ctx)}),
    "identifiers": Section("identifiers", lambda ctx: {"view": views.identifiers(ctx)}),
    "related": Section(
        "related",
        lambda ctx: {
            "trials": views.related(ctx),
            "intro": ctx.messages.text("related_intro", disease=ctx.plain(ctx.trial.disease.name)),
        },
    ),
    "contact": Section("contact", lambda ctx: {"view": views.contact(ctx)}),
    "selfcheck": Section("selfcheck", lambda ctx: {"view": views.selfcheck(ctx)}),
    "map": Section("map", lambda ctx: {"view": views.sites_map(ctx)}),
    "glossary": Section("glossary", lambda ctx: {"terms": views.glossary(ctx)}),
    "handout": Section("handout", lambda ctx: {"view": views.handout(ctx)}),
    "design": Section("design", lambda ctx: {"view": views.design(ctx)}),
    "known_problems": Section("known_problems", lambda ctx: {"problems": views.known_problems(ctx)}),
    "taking_part": Section("taking_part", lambda ctx: {"view": views.taking_part(ctx)}),
}


class Renderer:
    """Fills the markers of pages in one language."""

    def __init__(self, context: Context, environment: jinja2.Environment | None = None):
        self.context = context
        self.environment = environment or shared_environment()
        # A section is the same on every page that uses it (the contact block is on several).
        self._sections: dict[str, str] = {}

    def section(self, name: str) -> str:
        if name not in self._sections:
            section = SECTIONS.get(name)
            if section is None:  # the page check reports it first; this is the build's own guard
                raise UnknownMarker(name)
            template = self.environment.get_template(f"{section.template}.md.jinja")
            self._sections[name] = template.render(t=self.context.messages.text, **section.data(self.context)).strip(
                "\n"
            )
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
