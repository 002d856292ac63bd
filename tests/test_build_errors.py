"""Bad input stops `mkdocs build` with the check's own problems, a non-zero exit and the published
site untouched. The wording of each message is tested where it is made (test_validation.py,
test_loader.py, test_pages.py, test_catalogue_input.py); here: the build reports exactly what the
check finds, with its heading, and publishes nothing."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import SEED, build, copy_project, own_catalogues, replace_once
from trialsite.facts import raw_texts
from trialsite.loader import dump_yaml, load_yaml_bytes
from trialsite.problems import SiteError
from trialsite.settings import read_settings
from trialsite.site import load_site

pytestmark = pytest.mark.build

PUBLISHED = "<html><body>the site as it was published</body></html>"
_SITE = (
    '  - name: {en: "Tartu University Hospital", et: "SA Tartu Ülikooli Kliinikum"}\n'
    "    city: {en: Tartu, fi: Tartto}\n    country: EE\n    category: other\n"
)


def _data(old: str, new: str):
    return lambda project: _edit(project / "data" / "trial.yaml", old, new)


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(replace_once(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")


def _drop_lines(path: Path, needle: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if needle not in line) + "\n", encoding="utf-8")


def _hostile_values(project: Path) -> None:
    # Each of these once gave a traceback (1e400, a lone surrogate, {0} in a catalogue) or was
    # published (a javascript: or "//host" link, an invisible text).
    trial = project / "data" / "trial.yaml"
    data = load_yaml_bytes(trial.read_bytes(), "data/trial.yaml").data
    data["drugs"][0]["dose"]["amount"] = Decimal("1.0E+400")
    _, text = next(raw_texts(data))  # the first localized text in the data
    text.update(
        fi="\ud800", da="\u200b", et="Vaata [siit](javascript:window.__pwned=3)", no="Se [her](//evil.example/)"
    )
    trial.write_text(dump_yaml(data), encoding="utf-8")
    catalogue = project / "messages" / "fi.yaml"
    catalogue.write_text(
        re.sub(
            r'^menu: ".*"$', 'menu: "Valikko {0}"', catalogue.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE
        ),
        encoding="utf-8",
    )


# (name, how the copy of the project is broken): data, pages, a catalogue.
CASES = [
    ("unknown-status", _data("status: not_yet_recruiting", "status: recuiting")),
    ("unquoted-norway", _data('country: "NO"', "country: NO")),
    ("missing-translation", _data('  fi: "Teklistamabi- ja pomalidomiditutkimus"\n', "")),
    ("invalid-date", _data("start: 2026-05-20", "start: 2026-13-01")),
    ("duplicate-site", _data(_SITE, _SITE + _SITE)),
    ("not-yaml", lambda project: (project / "data" / "trial.yaml").write_text("title: [unclosed\n", encoding="utf-8")),
    (
        "unknown-marker",
        lambda project: _edit(project / "docs" / "fi" / "sites.md", "<!-- trial:sites -->", "<!-- trial:sitse -->"),
    ),
    ("missing-page", lambda project: (project / "docs" / "et" / "facts.md").unlink()),
    (
        "html-in-a-page",
        lambda project: _edit(project / "docs" / "da" / "contact.md", "\n", '\n\n<script>alert("hi")</script>\n\n'),
    ),
    ("missing-interface-text", lambda project: _drop_lines(project / "messages" / "da.yaml", "  recruiting:")),
    ("hostile-values", _hostile_values),
]


EXPECTED_COUNT = {"hostile-values": 6, "missing-interface-text": 3}


@pytest.mark.parametrize(("name", "breakage"), CASES, ids=[case[0] for case in CASES])
def test_bad_input_stops_the_build_with_the_checks_problems(tmp_path, monkeypatch, name, breakage):
    project = copy_project(tmp_path / "project")
    own_catalogues(project, monkeypatch)
    breakage(project)
    with pytest.raises(SiteError) as found:
        load_site(read_settings(project / "mkdocs.yml"))
    expected = [str(problem) for problem in found.value.problems]
    assert len(expected) == EXPECTED_COUNT.get(name, 1), expected

    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text(PUBLISHED, encoding="utf-8")
    result = build(project, site_dir)

    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    count = len(expected)
    lines = result.output.splitlines()
    heading = lines.index(f"ERROR   -  The site was not built: {count} problem{'s' if count != 1 else ''} to fix.")
    assert [line.strip() for line in lines[heading + 1 : heading + 1 + count]] == expected
    assert (site_dir / "index.html").read_text(encoding="utf-8") == PUBLISHED
    assert sorted(path.name for path in site_dir.iterdir()) == ["index.html"]


def test_a_quote_in_a_page_description_stays_text(tmp_path):
    project = copy_project(tmp_path / "project", SEED.read_text(encoding="utf-8"))
    _edit(project / "docs" / "fi" / "contact.md", "description: ", 'description: Say "hi" onmouseover=alert(1) & ')
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    html = (tmp_path / "site" / "fi" / "contact" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Say &quot;hi&quot; onmouseover=alert(1) &amp; ' in html
