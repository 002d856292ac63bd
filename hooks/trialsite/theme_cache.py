"""Reuse the theme's templates and file list across the five language builds.

mkdocs-static-i18n runs a whole MkDocs build per language, and each build asks the theme for a
new Jinja environment: Material's ~200 templates were compiled again, and its ~10,000 theme files
listed again, five times per build. Here

- all the language builds of one build share one environment, so a template is loaded once
  (a preview's rebuild reads the configuration again: a new theme object, a new environment);
- environments share an in-memory bytecode cache: Jinja stores each template's compiled code
  with a checksum of its source, so a template changed during a preview is compiled again,
  never served stale;
- they share the list of the theme's files, keyed by the theme folders and the modification
  times of the project's own overrides (the installed theme does not change while MkDocs runs).

What is built does not change (tests/test_speed.py compares the output with the speed-ups
off: TRIAL_SPEEDUPS=0; see speedups.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jinja2
from mkdocs import localization

from .speedups import enabled


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """One entry per template (the key is its name and file), so it cannot grow across rebuilds."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()
_TEMPLATE_LIST: dict[tuple, list[str]] = {}


def _stamp(folder: str | None) -> tuple:
    if not folder or not os.path.isdir(folder):
        return ()
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in Path(folder).rglob("*") if path.is_file()))


def install(theme: Any, custom_dir: str | None) -> None:
    """Make ``theme.get_env`` (this theme object only) return environments that share the caches."""
    if not enabled() or getattr(theme, "_trial_cached_env", False):
        return
    original = type(theme).get_env

    def get_env() -> jinja2.Environment:
        # One environment for all the language builds of this theme object (a preview's rebuild
        # loads the configuration again, so it gets a new theme and a new environment): templates
        # loaded by the first language are not loaded again. Nothing in it depends on the
        # language but the gettext translations, installed again for each build.
        dirs = tuple(dict.fromkeys(theme.dirs))
        shared = getattr(theme, "_trial_env", None)
        if shared is not None and shared[0] == dirs:
            localization.install_translations(shared[1], theme.locale, theme.dirs)
            return shared[1]
        environment = original(theme)
        theme._trial_env = (dirs, environment)
        environment.bytecode_cache = _BYTECODE
        list_templates = environment.list_templates

        def cached_list(extensions: Any = None, filter_func: Any = None) -> list[str]:
            # MkDocs asks with the same filter (same code, same theme settings) in every build.
            # mkdocs-static-i18n inserts its sitemap folder into theme.dirs again in every language
            # build; repeats do not change what the folders hold.
            key = (tuple(dict.fromkeys(theme.dirs)), _stamp(custom_dir), tuple(sorted(theme.static_templates)),
                   repr(extensions), getattr(filter_func, "__code__", filter_func))
            if key not in _TEMPLATE_LIST:
                _TEMPLATE_LIST.clear()
                _TEMPLATE_LIST[key] = list_templates(extensions=extensions, filter_func=filter_func)
            return list(_TEMPLATE_LIST[key])

        environment.list_templates = cached_list
        return environment

    theme.get_env = get_env
    theme._trial_cached_env = True
