"""Bad input stops `mkdocs build` with a clean message, a non-zero exit and the published site untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SEED, copy_project, line_of, replace_once, run_mkdocs

pytestmark = pytest.mark.build

REAL = SEED.read_text(encoding="utf-8")
PUBLISHED = "<html><body>the site as it was published</body></html>"


def build_broken(tmp_path: Path, data: str | None = None, edit=None) -> tuple[str, Path]:
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project, data)
    if edit:
        edit(project)
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text(PUBLISHED, encoding="utf-8")
    result = run_mkdocs(project, site_dir)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert (site_dir / "index.html").read_text(encoding="utf-8") == PUBLISHED
    assert sorted(path.name for path in site_dir.iterdir()) == ["index.html"]
    return output, project


def test_unknown_status(tmp_path):
    data = replace_once(REAL, "status: not_yet_recruiting", "status: recuiting")
    output, _ = build_broken(tmp_path, data)
    line = line_of(data, "status: recuiting")
    assert "ERROR   -  The site was not built: 1 problem to fix." in output
    assert f'data/trial.yaml:{line}:13: recruitment[1].status: "recuiting" is not allowed here (did you mean "recruiting"?)' in output


def test_unquoted_norway(tmp_path):
    data = replace_once(REAL, 'country: "NO"', "country: NO")
    output, _ = build_broken(tmp_path, data)
    line = line_of(data, "country: NO")
    assert f"data/trial.yaml:{line}:14: recruitment[4].country: NO is read by YAML as true/false" in output


def test_missing_translation(tmp_path):
    data = replace_once(REAL, '  fi: "Teklistamabi- ja pomalidomiditutkimus"\n', "")
    output, _ = build_broken(tmp_path, data)
    assert "short_title: missing the text in fi; every text needs all of: en, no, da, et, fi" in output


def test_invalid_date(tmp_path):
    data = replace_once(REAL, "start: 2026-05-20", "start: 2026-13-01")
    output, _ = build_broken(tmp_path, data)
    assert "recruitment[1].start: 2026-13-01 is not a real date; expected a date as YYYY-MM-DD" in output


def test_duplicate_site(tmp_path):
    block = ('  - name: {en: "Tartu University Hospital", et: "SA Tartu Ülikooli Kliinikum"}\n'
             "    city: {en: Tartu, fi: Tartto}\n    country: EE\n    category: other\n")
    output, _ = build_broken(tmp_path, replace_once(REAL, block, block + block))
    assert "sites[8].name: the same site (name, city and country) is listed twice" in output


def test_not_yaml_at_all(tmp_path):
    output, _ = build_broken(tmp_path, "title: [unclosed\n")
    assert "data/trial.yaml:2:1: (file): is not valid YAML" in output


def test_unknown_marker_in_a_translated_page(tmp_path):
    def edit(project):
        page = project / "docs" / "fi" / "sites.md"
        page.write_text(page.read_text(encoding="utf-8").replace("<!-- trial:sites -->", "<!-- trial:sitse -->"))

    output, _ = build_broken(tmp_path, edit=edit)
    assert 'docs/fi/sites.md:' in output and 'unknown marker "trial:sitse"' in output


def test_missing_page_in_one_language(tmp_path):
    output, _ = build_broken(tmp_path, edit=lambda project: (project / "docs" / "et" / "facts.md").unlink())
    assert "docs/et/facts.md: (page): is missing; every page needs a et version (copy docs/facts.md and translate it)" in output


def test_missing_interface_text(tmp_path):
    def edit(project):
        catalogue = project / "hooks" / "trialsite" / "messages" / "da.yaml"
        catalogue.write_text(
            "\n".join(line for line in catalogue.read_text(encoding="utf-8").splitlines() if "  recruiting:" not in line) + "\n"
        )

    output, _ = build_broken(tmp_path, edit=edit)
    assert "hooks/trialsite/messages/da.yaml: status.recruiting: is missing; the English text is: Recruiting" in output


def test_html_in_a_page_is_refused(tmp_path):
    lines = []

    def edit(project):
        page = project / "docs" / "da" / "contact.md"
        text = page.read_text(encoding="utf-8").rstrip("\n") + "\n"
        lines.append(text.count("\n") + 2)
        page.write_text(text + '\n<script>alert("hi")</script>\n', encoding="utf-8")

    output, _ = build_broken(tmp_path, edit=edit)
    # The exact messages are tested where they are made (tests/test_pages.py); here: the build refuses.
    assert f'docs/da/contact.md:{lines[0]}:1: (page): has HTML ("<script>alert("hi")</script>")' in output


def test_a_quote_in_a_page_description_stays_text(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    page = project / "docs" / "fi" / "contact.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("description: ", 'description: Say "hi" onmouseover=alert(1) & ', 1), encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "fi" / "contact" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Say &quot;hi&quot; onmouseover=alert(1) &amp; ' in html
