"""The templates' environment, and the site's components (templates/components.jinja) for Python.

All markup the generator writes is in ``templates/``: the marker templates (`render.py`) and the
components they share, each a Jinja macro laid out once, in the manner of the NHS.UK design
system's components (a summary-list row, a status line, a badge, a medicine, ...). A component
takes plain values and view objects, never the catalogue or the trial, so each can be rendered
and tested alone.

The few places that must insert markup into HTML they did not write (`terms.py` in a page's
content, `postprocess.py` in Material's page) call a component through `component`, so that they
too take their markup from the templates and their values through the same autoescaping.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

TEMPLATES_DIR = Path(__file__).parent / "templates"
COMPONENTS = "components.jinja"

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
    return environment


def component(name: str, *args: Any, **kwargs: Any) -> Markup:
    """The component ``name`` of templates/components.jinja, rendered with these arguments.

    Markup, so that a template prints it as it is. Code that splices it into an HTML string takes
    ``str()`` of it first: ``"<p>" + Markup(...)`` would escape the "<p>" (Markup's own ``+``)."""
    macro = getattr(shared_environment().get_template(COMPONENTS).module, name)
    return Markup(macro(*args, **kwargs))
