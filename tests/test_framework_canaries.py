"""Canaries for hooks/trialsite/framework.py: one test per assumption it lists, named after it.

The seam relies on MkDocs, Material and mkdocs-static-i18n beyond their documented events and
configuration. When an upgrade breaks one of those assumptions, the test of that name fails: fix
the function in framework.py that relies on it. Most are unit tests; those about what happens
during a build share one small two-language build (no trial data: a recording hook only).
"""

from __future__ import annotations

import inspect
import json
import time
from pathlib import Path

import pytest
from helpers import build
from mkdocs import localization
from mkdocs.config import load_config
from mkdocs.theme import Theme
from mkdocs_static_i18n.plugin import I18n
from trialsite import framework

_CONFIG = """\
site_name: Canary
site_url: https://canary.example.org/sub/
theme:
  name: material
hooks:
  - recorder.py
plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      languages:
        - locale: en
          default: true
          name: en
          build: true
        - locale: fr
          name: fr
          build: true
        - locale: de
          name: de
          build: false
        - locale: "null"
          name: Elsewhere
          fixed_link: https://example.org/
"""

# Records what the plugin and MkDocs show the hooks at each event, raw and through the seam.
_RECORDER = """\
import json
from pathlib import Path

from mkdocs.plugins import event_priority
from trialsite import framework

records = {"config": [], "nav": [], "alternates": {}, "env": [], "theme_files": []}


@event_priority(framework.BEFORE_I18N)
def on_config(config):
    plugin = config.plugins["i18n"]
    records["config"].append({"current_language": plugin.current_language, "building": plugin.building,
                              "seam_language": framework.current_language(config),
                              "other": framework.building_other_language(config)})
    framework.share_theme_environment(config.theme, config.theme.custom_dir)
    return config


@event_priority(framework.AFTER_I18N_NAV)
def on_nav(nav, config, files):
    language = framework.current_language(config)
    home = framework.language_file(files, language, "index.md")
    records["nav"].append({
        "language": language,
        "pages": sorted([f.src_uri, f.url, getattr(f, "locale", None)] for f in files.documentation_pages()),
        "home_url": framework.absolute_url(config, home.url) if home else None,
        "home_path": framework.home_path(config, language),
        "theme_files": sum(framework.from_theme(f, config.docs_dir) for f in files),
    })
    return nav


@event_priority(framework.AFTER_I18N_PAGE_CONTEXT)
def on_page_context(context, page, config, nav):
    raw = getattr(config.extra, "alternate", None)
    records["alternates"][framework.current_language(config) + ":" + page.file.src_uri] = {
        "raw": [dict(entry) for entry in raw] if raw else None, "seam": framework.page_alternates(config)}
    return context


def on_env(env, config, files):
    records["env"].append(id(env))
    return env


def on_post_page(output, page, config):
    if framework.current_language(config) == "en":  # written after MkDocs cleaned the site folder
        (Path(config.site_dir) / "written-by-the-default-build.txt").write_text("x")
    return output


@event_priority(framework.AFTER_I18N_BUILDS)
def on_post_build(config):
    plugin = config.plugins["i18n"]
    if not framework.building_other_language(config):
        records["end"] = {"building": plugin.building, "current_language": plugin.current_language,
                          "kept": (Path(config.site_dir) / "written-by-the-default-build.txt").exists()}
        (Path(config.config_file_path).parent / "records.json").write_text(json.dumps(records))
"""


def _project(folder: Path) -> Path:
    (folder / "docs" / "fr").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(_CONFIG, encoding="utf-8")
    (folder / "recorder.py").write_text(_RECORDER, encoding="utf-8")
    for prefix in ("", "fr/"):
        (folder / "docs" / f"{prefix}index.md").write_text("# Home\n", encoding="utf-8")
        (folder / "docs" / f"{prefix}glossary.md").write_text("# Words\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> dict:
    """One build of a two-language site (plus a language not built and a "null" link)."""
    project = _project(tmp_path_factory.mktemp("canary"))
    # In this process, as `mkdocs build --strict` (helpers.build), with the recorder as the only hook.
    result = build(project, project / "site", hooks=[str(project / "recorder.py")])
    assert result.returncode == 0, result.output[-3000:]
    return json.loads((project / "records.json").read_text(encoding="utf-8"))


# 1-2: the plugin and its language entries ---------------------------------------------------------


def test_i18n_plugin_is_registered_as_i18n(tmp_path):
    config = load_config(str(_project(tmp_path) / "mkdocs.yml"))
    assert isinstance(framework.i18n(config), I18n)


def test_i18n_language_entries_carry_locale_build_default_name_site_name(tmp_path):
    config = load_config(str(_project(tmp_path) / "mkdocs.yml"))
    entries = framework.language_entries(config)
    assert [(entry.locale, entry.build, entry.default) for entry in entries] == [
        ("en", True, True),
        ("fr", True, False),
        ("de", False, False),
        ("null", False, False),
    ]
    framework.name_languages(config, {"fr": "Français"}, {"fr": "Site"})
    assert (entries[1].name, entries[1].site_name) == ("Français", "Site")
    assert framework.built_languages(config) == ["en", "fr"]
    assert framework.known_languages(config) == ["en", "fr", "de"]  # "null" is a menu link
    assert framework.default_language(config) == "en"


# 3-5: which language is being built, and in what order ---------------------------------------------


def test_i18n_plugin_exposes_current_language(recorded):
    # Before the plugin's first on_config it is None (the default language); then the language built.
    assert [entry["current_language"] for entry in recorded["config"]] == [None, "fr"]
    assert [entry["seam_language"] for entry in recorded["config"]] == ["en", "fr"]


def test_i18n_plugin_exposes_building_flag(recorded):
    assert [entry["building"] for entry in recorded["config"]] == [False, True]
    assert recorded["end"]["building"] is False


def test_i18n_builds_other_languages_inside_its_on_post_build(recorded):
    # The default language first; the others during its on_post_build, which our last handler
    # (AFTER_I18N_BUILDS) follows: by then every language's pages exist.
    assert [entry["other"] for entry in recorded["config"]] == [False, True]
    assert [entry["language"] for entry in recorded["nav"]] == ["en", "fr"]
    assert "end" in recorded


def test_i18n_event_priorities_are_those_the_hooks_are_ordered_against():
    def priority(name: str) -> int:
        return getattr(getattr(I18n, name), "mkdocs_priority", 0)

    assert priority("on_config") < framework.BEFORE_I18N
    assert priority("on_files") < framework.BEFORE_I18N
    assert framework.AFTER_I18N_NAV < priority("on_nav")
    assert framework.AFTER_I18N_PAGE_CONTEXT < priority("on_page_context")
    assert framework.AFTER_I18N_BUILDS < priority("on_post_build")


# 6-9: files and addresses --------------------------------------------------------------------------


def test_i18n_keeps_the_site_folder_between_language_builds(recorded):
    assert recorded["end"]["kept"] is True


def test_i18n_sets_page_alternates_on_config_extra(recorded):
    page = recorded["alternates"]["fr:fr/glossary.md"]
    # Set as an attribute, for this page: every language's entry, each with its link.
    assert {entry["lang"]: entry["link"] for entry in page["raw"] or []} == {
        "en": "glossary/",
        "fr": "fr/glossary/",
        "null": "https://example.org/",
    }
    # Each language's page, relative to the site's root (head.py makes them absolute with site_url).
    assert page["seam"] == {"en": "glossary/", "fr": "fr/glossary/", "null": "https://example.org/"}


def test_i18n_marks_files_with_locale(recorded):
    by_language = {entry["language"]: entry["pages"] for entry in recorded["nav"]}
    assert by_language["en"] == [["glossary.md", "glossary/", "en"], ["index.md", "./", "en"]]
    assert by_language["fr"] == [["fr/glossary.md", "fr/glossary/", "fr"], ["fr/index.md", "fr/", "fr"]]


def test_i18n_folder_layout_serves_a_language_under_its_locale(recorded):
    homes = {entry["language"]: (entry["home_url"], entry["home_path"]) for entry in recorded["nav"]}
    assert homes["en"] == ("https://canary.example.org/sub/", "/sub/")
    assert homes["fr"] == ("https://canary.example.org/sub/fr/", "/sub/fr/")


def test_i18n_takes_top_level_folders_named_like_locales_for_languages():
    from mkdocs_static_i18n.config import RE_LOCALE
    from trialsite.site import LOCALE_FOLDER

    names = [
        "no",
        "fi",
        "en_GB",
        "zh-Hant",
        "zh-Hant-TW",
        "pt-BR",
        "en_gb",
        "EN",
        "eng",
        "my_pages",
        "assets",
        "n0",
        "x",
        "fr-",
        "sr-Latn-RS",
        "de_DE_x",
    ]
    assert {name: bool(RE_LOCALE.match(name)) for name in names} == {
        name: bool(LOCALE_FOLDER.fullmatch(name)) for name in names
    }


# 10: MkDocs' theme environment ------------------------------------------------------------------------


def test_theme_environment_can_be_shared_per_theme_object(recorded):
    assert set(inspect.signature(localization.install_translations).parameters) >= {"env", "locale", "theme_dirs"}
    theme = Theme(name="mkdocs")
    assert {"dirs", "locale", "static_templates"} <= set(dir(theme)) and callable(theme.get_env)
    # In a build: every language renders with the one environment, and the theme's files are
    # still listed (through the cached list) for the default language, which copies them.
    assert len(set(recorded["env"])) == 1 and len(recorded["env"]) == 2
    assert recorded["nav"][0]["theme_files"] > 10


# 11: the preview's file watcher ----------------------------------------------------------------------


def test_preview_watches_poll_at_the_observers_timeout(tmp_path):
    from mkdocs.livereload import LiveReloadServer

    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    # Not bound to a port until it serves; its observer starts then too.
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(tmp_path / "docs"))  # before on_serve, as MkDocs watches docs_dir
    mkdocs_interval = server.observer.timeout
    framework.poll_more_often(server, mkdocs_interval / 4)
    server.watch(str(tmp_path / "data"))  # after on_serve, as MkDocs watches mkdocs.yml's watch:
    observer = server.observer
    assert observer.timeout == mkdocs_interval / 4
    assert len(observer.emitters) == 2
    assert {emitter.timeout for emitter in observer.emitters} == {mkdocs_interval / 4}
    # And each emitter waits that long before each poll: record what its wait is asked for.
    asked: list[float | None] = []
    for emitter in observer.emitters:
        wait = emitter.stopped_event.wait

        def recording(timeout=None, wait=wait):
            asked.append(timeout)
            return wait(timeout)

        emitter.stopped_event.wait = recording
    observer.start()
    try:
        deadline = time.monotonic() + 10
        while len(asked) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        observer.stop()
        observer.join(timeout=10)
    assert len(asked) >= 4 and set(asked) == {mkdocs_interval / 4}


# Not in the seam: Material's own scripts and styles ---------------------------------------------------


def test_material_keeps_its_scripts_and_styles_where_the_hooks_leave_them_out():
    """build.UNUSED_THEME_FILES names the folders of Material's bundle, search worker and styles:
    if Material moves them, the site would publish (unused) theme files again."""
    from material import templates
    from trialsite.build import UNUSED_THEME_FILES

    theme_dir = Path(templates.__file__).parent
    for prefix in UNUSED_THEME_FILES:
        assert (theme_dir / prefix).exists(), prefix
    assert any((theme_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert any((theme_dir / "assets" / "stylesheets").glob("main.*.min.css"))
