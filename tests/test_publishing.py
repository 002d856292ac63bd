"""Publishing: robots.txt only where crawlers read it, and scripts/build_site.py refusing, before
anything is built, every argument or environment value that would let it report a site it did not
build (or replace a folder that is not a site)."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import build_site  # scripts/ is on sys.path (conftest.py)
import pytest
from helpers import ROOT, build, run_build_site
from trialsite.robots import robots_txt

SCRIPT = ROOT / "scripts" / "build_site.py"


# robots.txt -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "site_url",
    ["https://trial.example.org/", "https://trial.example.org", "http://127.0.0.1:8000/", "https://owner.github.io/"],
)
def test_robots_txt_at_the_root_of_a_host_names_the_sitemap(site_url):
    text = robots_txt(site_url)
    host = site_url.split("://", 1)[1].split("/", 1)[0]
    assert text is not None and text.startswith("User-agent: *\n")
    assert f"Sitemap: {site_url.split('://', 1)[0]}://{host}/sitemap.xml\n" in text.splitlines(keepends=True)


@pytest.mark.parametrize(
    "site_url",
    [
        "https://owner.github.io/repo/",
        "https://owner.github.io/repo",
        "https://trial.example.org/studies/one/",
        "",
        None,
        "/",
        "relative/path/",
        "https://trial.example.org/?x=1",
    ],
)
def test_no_robots_txt_where_crawlers_do_not_look_for_it(site_url):
    # Crawlers read only https://host/robots.txt; under a path it would be a file nobody reads,
    # and an address without a host cannot name the sitemap.
    assert robots_txt(site_url) is None


@pytest.mark.build
@pytest.mark.parametrize(
    ("site_url", "robots"), [("https://owner.github.io/repo/", False), ("https://trial.example.org/", True)]
)
def test_a_project_site_gets_no_robots_txt_a_site_at_the_root_does(tmp_path, site_url, robots):
    # The hooks decide (trialsite/robots.py); scripts/build_site.py only passes SITE_URL on (tests below).
    site = tmp_path / "site"
    result = build(ROOT, site, environment={"SITE_URL": site_url, "SOURCE_DATE_EPOCH": "1764000000"})
    assert result.returncode == 0, result.output
    assert f"<loc>{site_url}</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (site / "robots.txt").exists() is robots
    if robots:
        assert (site / "robots.txt").read_text(encoding="utf-8") == robots_txt(site_url)


# build_site.py: refused before anything is built -------------------------------------------------


def tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "/"
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def published(tmp_path) -> Path:
    """A folder with a built site in it (as far as build_site.py can tell), the work folder around it."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body>as published</body></html>", encoding="utf-8")
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    return site


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("build_site.py: error: "), result.stderr
    for word in words:
        assert word in lines[0]
    assert "INFO" not in result.stdout + result.stderr  # MkDocs never started


@pytest.mark.parametrize(
    "arguments",
    [
        ["-d", "other"],
        ["-dother"],
        ["--site-dir=site", "-d", "other"],
        ["--site-dir", "site", "--site-dir", "other"],
        ["--site-dir", "site", "--site-dir=other"],
        ["--site", "other"],
        ["--site-d=other"],
        ["-f", "mkdocs.yml"],
        ["--config-file", "mkdocs.yml"],
        ["--config-file=mkdocs.yml"],
        ["--conf", "mkdocs.yml"],
        ["-cdother"],
        ["--no-strict"],
        ["-q"],
        ["--quiet"],
        ["-t", "mkdocs"],
        ["other"],
    ],
)
def test_arguments_that_would_build_elsewhere_or_differently_are_refused(tmp_path, published, arguments):
    before = tree(tmp_path)
    result = run_build_site(*arguments, cwd=tmp_path, SOURCE_DATE_EPOCH="1764000000")
    assert_refused(result)
    assert tree(tmp_path) == before  # no "other", no staging folder, the site untouched


@pytest.mark.parametrize(
    "value", ["abc", "-1", "1.5", " 1764000000", "1764000000\n", "1e9", "0x10", "+5", "١٢٣", str(2**32), "9" * 5000]
)
def test_a_source_date_epoch_that_is_not_a_build_time_is_refused(tmp_path, published, value):
    before = tree(tmp_path)
    result = run_build_site("--site-dir", str(published), cwd=tmp_path, SOURCE_DATE_EPOCH=value)
    assert_refused(result, "SOURCE_DATE_EPOCH")
    assert len(result.stderr) < 400
    assert tree(tmp_path) == before


@pytest.mark.parametrize("value", ["0", "1764000000", str(2**32 - 1), "0001764000000"])
def test_source_date_epoch_takes_any_whole_number_of_seconds_that_fits_the_gzip_header(value):
    assert build_site.source_date_epoch({"SOURCE_DATE_EPOCH": value}) == value


def test_an_empty_source_date_epoch_counts_as_unset():
    # Not passed on as "" (MkDocs would fail on int("")): the last commit's time, or none.
    epoch = build_site.source_date_epoch({"SOURCE_DATE_EPOCH": ""})
    assert epoch is None or (epoch.isascii() and epoch.isdigit())


def test_the_project_folder_or_a_folder_around_it_is_never_the_target(tmp_path):
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    before = tree(tmp_path)
    for target in (".", "..", str(project)):
        result = run_build_site("--site-dir", target, "--config", "mkdocs.yml", cwd=project)
        assert_refused(result, "holds the project")
    # The script's own folder too, whatever the working folder.
    assert_refused(run_build_site("--site-dir", str(ROOT), cwd=tmp_path), "holds the project")
    assert tree(tmp_path) == before


def test_a_folder_that_is_not_a_built_site_is_not_replaced(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("keep me", encoding="utf-8")
    (tmp_path / "a-file").write_text("keep me too", encoding="utf-8")
    before = tree(tmp_path)
    assert_refused(run_build_site("--site-dir", "notes", cwd=tmp_path), "not a built site")
    assert_refused(run_build_site("--site-dir", "a-file", cwd=tmp_path), "not a folder")
    assert_refused(run_build_site("--config", "missing.yml", cwd=tmp_path), "no such file")
    assert tree(tmp_path) == before


# build_site.py: SITE_URL -----------------------------------------------------------------------


@pytest.mark.parametrize("site_url", [None, "", "  "])
def test_publishing_without_site_url_is_refused_before_anything_is_built(tmp_path, published, site_url):
    # Links, sitemap and the handout's QR code would point to the local preview address.
    before = tree(tmp_path)
    environment = {} if site_url is None else {"SITE_URL": site_url}
    result = run_build_site(
        "--publish", "--site-dir", str(published), cwd=tmp_path, SOURCE_DATE_EPOCH="1764000000", **environment
    )
    assert_refused(result, "SITE_URL is not set", "http://127.0.0.1:8000/", "set SITE_URL to the published address")
    assert tree(tmp_path) == before


@pytest.mark.parametrize(
    ("arguments", "site_url", "warned"),
    [
        ([], None, True),
        ([], "", True),
        ([], "https://trial.example.org/", False),
        (["--publish"], "https://trial.example.org/", False),
    ],
)
def test_a_build_without_site_url_warns_loudly(monkeypatch, capsys, published, arguments, site_url, warned):
    # The build itself is replaced by a stand-in: only what happens before it is under test.
    builds = []
    monkeypatch.setattr(build_site, "build", lambda *args: builds.append(args) or 0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    if site_url is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", site_url)
    assert build_site.main([*arguments, "--site-dir", str(published)]) == 0
    assert len(builds) == 1
    warnings = [line for line in capsys.readouterr().err.splitlines() if "SITE_URL" in line]
    if warned:
        assert warnings == [
            "build_site.py: warning: SITE_URL is not set: links and the QR code point to"
            " http://127.0.0.1:8000/; set SITE_URL to the published address"
        ]
    else:
        assert warnings == []
