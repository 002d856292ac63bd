"""The seam: every use of MkDocs, Material or mkdocs-static-i18n beyond their documented events
and configuration is here, and nowhere else.

The versions are pinned exactly (requirements.txt), so these hold today. Each assumption below has
a canary in tests/test_framework_canaries.py, named after it, that fails by name when an upgrade
breaks it; fix the function here that relies on it, not the hooks.

mkdocs-static-i18n 1.3.1 (the plugin; its source is the only documentation of these):

1. ``i18n_plugin_is_registered_as_i18n``: the plugin is ``config.plugins["i18n"]``.
2. ``i18n_language_entries_carry_locale_build_default_name_site_name``: ``plugin.config.languages``
   holds one entry per language with ``locale``, ``build`` and ``default``; ``name`` (the
   language menu) and ``site_name`` may be set by a hook running before the plugin's on_config.
   The special ``locale: "null"`` entry (a link in the language menu) is never built.
3. ``i18n_plugin_exposes_current_language``: ``plugin.current_language`` is the language being
   built (None before its first on_config: the default language).
4. ``i18n_plugin_exposes_building_flag``: ``plugin.building`` is False while the default language
   is built and True while the plugin builds the others.
5. ``i18n_builds_other_languages_inside_its_on_post_build``: the default language is built first;
   the plugin then calls MkDocs' ``build()`` for each other language synchronously from its own
   on_post_build (priority -100). The hooks' priorities below depend on it: ``AFTER_I18N_BUILDS``
   runs once every language is written; ``BEFORE_I18N``, ``AFTER_I18N_NAV`` and
   ``AFTER_I18N_PAGE_CONTEXT`` run before/after the plugin's own handlers of the same event
   (``i18n_event_priorities_are_those_the_hooks_are_ordered_against``).
6. ``i18n_keeps_the_site_folder_between_language_builds``: the plugin replaces MkDocs'
   ``clean_directory`` during the other languages' builds, so what the default language's build
   wrote (the theme's files, copied only there) stays.
7. ``i18n_sets_page_alternates_on_config_extra``: before a page's on_page_context (priority -50
   here) the plugin sets ``config.extra.alternate`` (as an attribute) to that page's links in each
   language: ``[{"lang": ..., "link": ...}]``.
8. ``i18n_marks_files_with_locale``: each file of a language build carries ``file.locale``; a
   page that fell back to another language carries that language's.
9. ``i18n_folder_layout_serves_a_language_under_its_locale``: with ``docs_structure: folder``
   a language's home page is ``<locale>/`` (the default language's is the site root), and
   (``i18n_takes_top_level_folders_named_like_locales_for_languages``) every top-level folder of
   docs/ named like a locale is a language's, which site.LOCALE_FOLDER writes out for the check.

MkDocs 1.6.1:

10. ``theme_environment_can_be_shared_per_theme_object``: a build asks ``config.theme.get_env()``
    for its Jinja environment (an instance attribute may replace the method), lists the theme's
    files with ``env.list_templates(filter_func=...)``, and ``Theme`` has ``dirs``, ``locale`` and
    ``static_templates``; ``mkdocs.localization.install_translations(env, locale, dirs)`` installs
    one build's translations into an environment.

MkDocs 1.6.1's preview server (``mkdocs serve``) and watchdog 7.1.0, its file watcher:

11. ``preview_watches_poll_at_the_observers_timeout``: the server passed to on_serve
    (``LiveReloadServer``) watches files with a watchdog polling observer, ``server.observer``.
    Each watched path has an emitter (``observer.emitters``) that waits ``emitter.timeout`` seconds
    before each poll, and a path watched later gets an emitter with ``observer.timeout``; both
    properties read a ``_timeout`` attribute, which `poll_more_often` sets. MkDocs watches docs_dir
    and mkdocs.yml before on_serve and mkdocs.yml's ``watch:`` paths after it.

Material 9.8.1 is used through its documented templates and configuration only (its markup,
which postprocess.py fixes, is checked there).
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
from mkdocs import localization
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .speedups import enabled as speedups_enabled

#: Hook priorities relative to mkdocs-static-i18n's handlers (assumption 5).
BEFORE_I18N = 100  # the plugin's on_config and on_files run at -100
AFTER_I18N_PAGE_CONTEXT = -50  # the plugin's on_page_context runs at 50
AFTER_I18N_NAV = -200  # the plugin's on_nav runs at -100
AFTER_I18N_BUILDS = -200  # the plugin's on_post_build (which builds the other languages) runs at -100


# --- mkdocs-static-i18n -------------------------------------------------------------------------


def has_i18n(config: MkDocsConfig) -> bool:
    """Whether this configuration enables mkdocs-static-i18n (assumption 1)."""
    return "i18n" in config.plugins


def i18n(config: MkDocsConfig) -> Any:
    """The mkdocs-static-i18n plugin of this configuration (assumption 1)."""
    if not has_i18n(config):
        raise PluginError("mkdocs.yml must enable the i18n plugin (mkdocs-static-i18n)")
    return config.plugins["i18n"]


def language_entries(config: MkDocsConfig) -> list[Any]:
    """The plugin's language entries, in mkdocs.yml's order (assumption 2)."""
    return list(i18n(config).config.languages)


def built_languages(config: MkDocsConfig) -> list[str]:
    return [entry.locale for entry in language_entries(config) if entry.build]


def known_languages(config: MkDocsConfig) -> list[str]:
    """Every configured language, built or not; "null" is a menu link, not a language."""
    return [entry.locale for entry in language_entries(config) if entry.locale != "null"]


def default_language(config: MkDocsConfig) -> str:
    for entry in language_entries(config):
        if entry.default:
            return entry.locale
    return built_languages(config)[0]


def current_language(config: MkDocsConfig) -> str:
    """The language this build writes (assumption 3)."""
    return i18n(config).current_language or default_language(config)


def building_other_language(config: MkDocsConfig) -> bool:
    """True while the plugin builds a language other than the default one, which is built first;
    False during the default language's build, and in its on_post_build once all are built
    (assumptions 4 and 5)."""
    return bool(i18n(config).building)


def name_languages(config: MkDocsConfig, names: dict[str, str], site_names: dict[str, str]) -> None:
    """Set the language menu's names and each language's site name (assumption 2)."""
    for entry in language_entries(config):
        if entry.locale in names:
            entry.name = names[entry.locale]
        if entry.locale in site_names:
            entry.site_name = site_names[entry.locale]


def page_alternates(config: MkDocsConfig) -> dict[str, str]:
    """This page's address in each language, by language (assumption 7)."""
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate", [])
    return {alternate["lang"]: alternate["link"] for alternate in alternates}


def language_file(files: Files, language: str, src_uri: str) -> File | None:
    """This language build's own file ``src_uri`` (a page of the default language's folder), or
    None when the language has none of its own: a page that fell back to another language is not
    this language's (assumptions 8 and 9)."""
    for candidate in (f"{language}/{src_uri}", src_uri):
        file = files.get_file_from_path(candidate)
        if file is not None and getattr(file, "locale", language) == language:
            return file
    return None


def home_path(config: MkDocsConfig, language: str) -> str:
    """The path of a language's home page on the site's host ("/", "/no/"; assumption 9).

    For a page that knows no other language's files (the 404 page, written once for all)."""
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    return base if language == default_language(config) else f"{base}{language}/"


def absolute_url(config: MkDocsConfig, url: str) -> str:
    """The full address of a page's ``url`` (MkDocs' own ``file.url``) on the site."""
    return urljoin(config.site_url or "/", url)


def from_theme(file: File, docs_dir: str) -> bool:
    """Whether ``file`` comes from the theme, not from docs_dir. MkDocs joins docs_dir and each
    file's path, so a prefix test tells them apart without resolving hundreds of paths."""
    return not (file.abs_src_path or "").startswith(os.path.join(os.path.normpath(docs_dir), ""))


# --- MkDocs' theme environment (assumption 10) --------------------------------------------------
#
# mkdocs-static-i18n runs a whole MkDocs build per language, and each asks the theme for a new
# Jinja environment: Material's templates were compiled, and its thousands of files listed, once
# per language. Here the language builds of one build share one environment (a preview's rebuild
# reads the configuration again: a new theme object, a new environment), environments share an
# in-memory bytecode cache (Jinja keeps a checksum of each template's source, so a template
# edited during a preview is compiled again), and the list of the theme's files is kept, keyed by
# the theme folders and the modification times of the project's overrides. TRIAL_SPEEDUPS=0 turns
# this off; tests/test_speed.py builds both ways and compares.


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
_sharing: list[weakref.ref] = []  # the theme object whose get_env was replaced last


def _stamp(folder: str | None) -> tuple:
    if not folder or not os.path.isdir(folder):
        return ()
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in Path(folder).rglob("*") if path.is_file()))


def share_theme_environment(theme: Any, custom_dir: str | None) -> None:
    """Make ``theme.get_env`` (this theme object only) return one environment for every language."""
    if not speedups_enabled() or any(ref() is theme for ref in _sharing):
        return
    original = type(theme).get_env
    shared: dict[str, Any] = {}  # this theme object's environment and the folders it was made for

    def get_env() -> jinja2.Environment:
        # Nothing in the environment depends on the language but the gettext translations,
        # installed again for each language build.
        dirs = tuple(dict.fromkeys(theme.dirs))
        if shared.get("dirs") == dirs:
            localization.install_translations(shared["environment"], theme.locale, theme.dirs)
            return shared["environment"]
        environment = original(theme)
        shared.update(dirs=dirs, environment=environment)
        environment.bytecode_cache = _BYTECODE
        list_templates = environment.list_templates

        def cached_list(extensions: Any = None, filter_func: Any = None) -> list[str]:
            # MkDocs asks with the same filter in every build; mkdocs-static-i18n inserts its
            # sitemap folder into theme.dirs again in every language build (repeats change nothing).
            key = (
                tuple(dict.fromkeys(theme.dirs)),
                _stamp(custom_dir),
                tuple(sorted(theme.static_templates)),
                repr(extensions),
                getattr(filter_func, "__code__", filter_func),
            )
            if key not in _TEMPLATE_LIST:
                _TEMPLATE_LIST.clear()
                _TEMPLATE_LIST[key] = list_templates(extensions=extensions, filter_func=filter_func)
            return list(_TEMPLATE_LIST[key])

        environment.list_templates = cached_list  # this environment only
        return environment

    _sharing[:] = [weakref.ref(theme)]
    theme.get_env = get_env  # an instance attribute: this theme object only


# --- MkDocs' preview server (assumption 11) ------------------------------------------------------


def poll_more_often(server: Any, interval: float) -> None:
    """Make every watch of ``server`` (MkDocs' LiveReloadServer) look for changes every ``interval``
    seconds: those already scheduled and those scheduled later (mkdocs.yml's ``watch:``).

    MkDocs gives its watchdog observer a fixed polling interval and no way to change it. The
    server's ``build_delay`` (several quick saves make one rebuild) is left as MkDocs has it. Should
    watchdog keep the interval elsewhere one day, the preview keeps MkDocs' own interval (and the
    canary fails)."""
    observer = getattr(server, "observer", None)
    if observer is None or not hasattr(observer, "_timeout"):
        return
    observer._timeout = interval
    for emitter in getattr(observer, "emitters", ()):
        if hasattr(emitter, "_timeout"):
            emitter._timeout = interval
