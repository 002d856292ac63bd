"""One settings source: the check command reads mkdocs.yml through MkDocs, as the hooks do."""

from __future__ import annotations

import io

from helpers import FIXTURES, copy_project
from trialsite.cli import main
from trialsite.settings import read_config, read_settings, site_settings

_NULL_LOCALE = """\
        - locale: "null"
          name: Elsewhere
          fixed_link: https://example.org/
"""


def _project_with_a_null_locale(tmp_path):
    project = copy_project(tmp_path / "project", (FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").rstrip("\n") + "\n" + _NULL_LOCALE, encoding="utf-8")
    return project


def test_a_null_locale_is_a_menu_link_for_the_check_as_for_the_build(tmp_path):
    # mkdocs-static-i18n's "null" locale adds a link to the language menu; it is never built.
    project = _project_with_a_null_locale(tmp_path)
    settings = read_settings(project / "mkdocs.yml")
    assert "null" not in settings.languages and "null" not in settings.known_languages
    assert settings.languages == ["en", "no", "da", "et", "fi"]
    assert settings == site_settings(read_config(project / "mkdocs.yml"))
    err = io.StringIO()
    assert (
        main(["--config", str(project / "mkdocs.yml"), "--languages", "null", "--no-build"], out=io.StringIO(), err=err)
        == 2
    )
    assert err.getvalue().startswith("unknown language null; the site's languages are en, no, da, et, fi"), (
        err.getvalue()
    )
    out, err = io.StringIO(), io.StringIO()
    # (the minimal trial has English and Finnish texts only)
    assert (
        main(["--config", str(project / "mkdocs.yml"), "--languages", "en,fi", "--no-build"], out=out, err=err) == 0
    ), err.getvalue()


def test_the_check_takes_mkdocs_own_reading_of_the_config(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project", (FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    config = project / "mkdocs.yml"
    # !ENV, as MkDocs reads it: the variable when set, else the default.
    config.write_text(
        config.read_text(encoding="utf-8").replace("docs_dir: docs", "docs_dir: !ENV [DOCS, docs]"), encoding="utf-8"
    )
    (project / "elsewhere").mkdir()
    monkeypatch.setenv("DOCS", "elsewhere")
    assert read_settings(config).docs_dir == project / "elsewhere"
    monkeypatch.delenv("DOCS")
    assert read_settings(config).docs_dir == project / "docs"
    # Options MkDocs sets itself (its default Markdown extensions) are there too.
    assert read_settings(config).markdown_extensions[:3] == ("toc", "tables", "fenced_code")


def test_an_unreadable_config_is_one_line_and_exit_status_2(tmp_path):
    bad = tmp_path / "mkdocs.yml"
    bad.write_text("site_name: [unclosed\n", encoding="utf-8")
    err = io.StringIO()
    assert main(["--config", str(bad), "--no-build"], out=io.StringIO(), err=err) == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{bad}: cannot be read ("), lines
    missing = tmp_path / "missing.yml"
    err = io.StringIO()
    assert main(["--config", str(missing), "--no-build"], out=io.StringIO(), err=err) == 2
    assert err.getvalue().startswith(f"{missing}: cannot be read ("), err.getvalue()
