"""Adding a language takes a config entry, a docs/<lang>/ folder and the translations; the
check lists exactly what is still missing. Proven with a temporary Swedish."""

from __future__ import annotations

import io
import shutil

import pytest
from helpers import SEED, cached_trial, copy_project, own_catalogues, run_mkdocs
from trialsite.cli import main
from trialsite.facts import iter_texts
from trialsite.loader import dump_yaml, load_yaml_bytes

pytestmark = pytest.mark.build


def add_swedish_to_config(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entry = "        - locale: fi\n          name: fi\n          build: true\n"
    assert entry in text
    config.write_text(
        text.replace(entry, entry + "        - locale: sv\n          name: sv\n          build: true\n"),
        encoding="utf-8",
    )


def test_check_lists_exactly_what_a_new_language_needs(tmp_path, monkeypatch):
    copy_project(tmp_path)
    add_swedish_to_config(tmp_path)
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    assert main(["--config", "mkdocs.yml"], out=io.StringIO(), err=err) == 1
    lines = [line.strip() for line in err.getvalue().splitlines()[1:]]
    pages = sorted(path.name for path in (tmp_path / "docs").glob("*.md"))
    assert "hooks/trialsite/messages/sv.yaml: (file): is missing; copy messages/en.yaml and translate it" in lines
    for page in pages:
        assert (
            f"docs/sv/{page}: (page): is missing; every page needs a sv version (copy docs/{page} and translate it)"
            in lines
        )
    missing_texts = [line for line in lines if "missing the text in sv;" in line]
    text_count = len(list(iter_texts(cached_trial(SEED))))
    assert len(missing_texts) == text_count
    assert len(lines) == 1 + len(pages) + text_count


def _with_swedish(node):
    if isinstance(node, dict):
        if "en" in node and all(isinstance(value, str) for value in node.values()):
            return {**node, "sv": node["en"]}
        return {key: _with_swedish(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_with_swedish(item) for item in node]
    return node


def test_a_new_language_builds_once_everything_is_there(tmp_path, monkeypatch):
    project = tmp_path / "project"
    project.mkdir()
    data = _with_swedish(load_yaml_bytes(SEED.read_bytes(), "data/trial.yaml").data)
    copy_project(project, dump_yaml(data))
    add_swedish_to_config(project)
    shutil.copytree(project / "docs" / "fi", project / "docs" / "sv")
    messages = own_catalogues(project, monkeypatch)
    shutil.copy(messages / "en.yaml", messages / "sv.yaml")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "sv" / "sites" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in html
    assert "Estland" in html and "20 maj 2026" in html  # Swedish names and dates from CLDR
    assert 'hreflang="sv"' in (tmp_path / "site" / "fi" / "sites" / "index.html").read_text(encoding="utf-8")
