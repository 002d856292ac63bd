"""A "null" entry in mkdocs-static-i18n's languages is a link in the language menu, not a language:
the build names and links only the languages it builds (the check command already did)."""

from __future__ import annotations

import pytest
from helpers import copy_project, run_mkdocs

NULL_ENTRY = '        - locale: "null"\n          name: Elsewhere\n          fixed_link: https://example.org/\n'


@pytest.mark.build
def test_a_null_locale_is_a_menu_link_for_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").rstrip("\n") + "\n" + NULL_ENTRY, encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" href="http://127.0.0.1:8000/fi/" hreflang="fi">' in home
    assert 'rel="alternate" href="https://example.org/"' not in home  # not a language of the page
    assert 'href="https://example.org/"' in home  # the menu's link is still there
    # ... without claiming a language "null" (hreflang="null" is not valid HTML)
    assert 'lang="null"' not in home and 'hreflang="null"' not in home
