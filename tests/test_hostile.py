"""Hostile input and build safety: payloads never run, builds are reproducible, a failed build
publishes nothing, and every internal link resolves."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from helpers import ROOT, SEED, build, copy_project, made_once, run_build_site, run_mkdocs
from trialsite.loader import dump_yaml, load_yaml_bytes

pytestmark = pytest.mark.build

# Payloads the check lets through (they are shown as text, or stripped): the built site must
# keep them inert. Links to other schemes or relative links are refused by the check instead
# (see the hostile-values case in test_build_errors.py).
PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '"><img src=x onerror="window.__pwned = 2">',
    '<iframe src="https://evil.example/"></iframe>',
    "<form action=https://evil.example/><input name=q></form>",
    '<a href="https://evil.example/" onclick="window.__pwned=4">x</a>',
    "<style>body{display:none}</style>",
    '<svg onload="window.__pwned=5"></svg>',
    "{{ config }}",
]


def _hostile(node):
    """Every localized text, site name and city gets every payload appended."""
    if isinstance(node, dict):
        if node and all(
            isinstance(key, str) and len(key) == 2 and isinstance(value, str) for key, value in node.items()
        ):
            return {key: value + " " + " ".join(PAYLOADS) for key, value in node.items()}
        return {
            key: (
                value + " " + " ".join(PAYLOADS)
                if key in ("name", "city") and isinstance(value, str)
                else _hostile(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_hostile(item) for item in node]
    return node


@pytest.fixture(scope="module")
def hostile_site(built_sites) -> Path:
    return built_sites(dump_yaml(_hostile(load_yaml_bytes(SEED.read_bytes(), "data/trial.yaml").data)))


class _Elements(HTMLParser):
    """Every element with its attributes, and the text of each script and style element."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.bodies: list[tuple[str, dict, str]] = []
        self._open: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag in ("script", "style"):
            self._open = (tag, attributes)
            self.bodies.append((tag, attributes, ""))

    def handle_data(self, data):
        if self._open:
            tag, attributes, text = self.bodies[-1]
            self.bodies[-1] = (tag, attributes, text + data)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._open = None


def test_payloads_are_inert_in_the_html(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        parsed = _Elements()
        parsed.feed(page.read_text(encoding="utf-8"))
        for tag, attributes in parsed.elements:
            assert tag not in ("iframe", "object", "embed"), (page, tag)
            if tag == "form":  # only the self-check's own form, which sends nothing anywhere
                assert attributes == {"class": "trial-selfcheck__form"}, (page, attributes)
            assert not [name for name in attributes if name.startswith("on")], (page, tag, attributes)
            assert not (attributes.get("href") or "").strip().lower().startswith("javascript:"), (page, attributes)
            assert "evil.example" not in (attributes.get("src") or "") + (attributes.get("action") or ""), page
        for tag, attributes, text in parsed.bodies:
            if attributes.get("type") == "application/ld+json":
                assert "<" not in text  # data only; "</script>" cannot occur in it
            else:
                assert "__pwned" not in text and "display:none" not in text, (page, tag)
    # The payloads did reach the pages, as visible text.
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in (
        hostile_site / "fi" / "sites" / "index.html"
    ).read_text(encoding="utf-8")


def test_payloads_never_run_in_a_browser(hostile_site, browser):
    sys.path.insert(0, str(ROOT / "scripts"))
    from static_server import StaticServer

    with StaticServer(hostile_site) as server:
        context = browser.new_context()
        page = context.new_page()
        dialogs, requests = [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: requests.append(request.url))
        for language in ("", "no/", "da/", "et/", "fi/"):
            for path in ("", "schedule/", "eligibility/", "sites/", "facts/", "contact/"):
                page.goto(server.url + language + path, wait_until="load")
                for link in page.locator("article a").all():
                    href = link.get_attribute("href") or ""
                    assert not href.startswith("javascript:"), href
                assert page.evaluate("window.__pwned") is None
                assert (
                    page.evaluate(
                        "document.querySelectorAll('article iframe, article form:not(.trial-selfcheck__form), "
                        "article style, article img').length"
                    )
                    == 0
                )
                assert page.evaluate("document.body.offsetHeight") > 0  # no injected style hid the page
        context.close()
    assert dialogs == []
    assert [url for url in requests if not url.startswith(server.url.rstrip("/"))] == []


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _build_site(
    site_dir: Path, project: Path = ROOT, epoch: str | None = "1764000000", **environment: str
) -> subprocess.CompletedProcess:
    pinned = {"SOURCE_DATE_EPOCH": epoch} if epoch is not None else {}
    return run_build_site("--site-dir", str(site_dir), "--config", str(project / "mkdocs.yml"), **pinned, **environment)


PUBLISHED = "https://trial.example.org/"


@pytest.fixture(scope="module")
def script_built(tmp_path_factory) -> Path:
    """scripts/build_site.py run once per test run, in a process of its own, on a copy of the project
    with its hooks: no SOURCE_DATE_EPOCH (the script takes the last commit's time), SITE_URL the
    published address."""

    def make(base: Path) -> None:
        project = copy_project(base / "project", hooks=True)
        result = _build_site(base / "site", project, epoch=None, SITE_URL=PUBLISHED)
        assert result.returncode == 0, result.stderr

    return made_once(tmp_path_factory, "script-built", make) / "site"


def test_two_builds_are_byte_identical(tmp_path, script_built):
    # The script passes SITE_URL on to the build (the published address in the sitemap and robots.txt).
    project = script_built.parent / "project"
    assert _build_site(tmp_path / "two", project, epoch=None, SITE_URL=PUBLISHED).returncode == 0
    one, two = _tree_digest(script_built), _tree_digest(tmp_path / "two")
    assert "sitemap.xml" in one and "sitemap.xml.gz" in one and "fi/sites/index.html" in one
    assert f"<loc>{PUBLISHED}</loc>" in (script_built / "sitemap.xml").read_text(encoding="utf-8")
    assert "robots.txt" in one
    assert one == two


def test_the_build_date_reaches_the_output_so_it_must_be_pinned(tmp_path, pinned_build):
    # Why the date is pinned: builds on different days differ in the sitemap's dates. Monday is the
    # session's pinned build (SOURCE_DATE_EPOCH=1764000000); Tuesday is the same project a day later.
    result = build(ROOT, tmp_path / "tuesday", environment={"SOURCE_DATE_EPOCH": "1764086400"})
    assert result.returncode == 0, result.output
    monday, tuesday = _tree_digest(pinned_build.site_dir), _tree_digest(tmp_path / "tuesday")
    assert monday["sitemap.xml"] != tuesday["sitemap.xml"]
    assert "<lastmod>2025-11-24</lastmod>" in (pinned_build.site_dir / "sitemap.xml").read_text(encoding="utf-8")


def _break_build(project: Path, language: str = "fi") -> None:
    # A link to a heading that does not exist: the page check cannot know the headings MkDocs
    # makes, so only this language's build fails (strict mode), after the languages before it
    # (en, no, da, et, fi in that order) are already written.
    page = project / "docs" / language / "facts.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Katso](sites.md#ei-ole)\n", encoding="utf-8")


def test_a_failed_build_publishes_nothing(tmp_path, script_built):
    # The site published before is the script's own build (copied); the broken project is a copy of
    # its own, with the hooks: scripts/build_site.py builds in a process of its own. Finnish, the
    # last language, fails: four languages of the new site were built when it did.
    published = tmp_path / "site"
    shutil.copytree(script_built, published)
    before = _tree_digest(published)
    project = copy_project(tmp_path / "project", hooks=True)
    _break_build(project, "fi")
    (project / "docs" / "index.md").write_text(
        (project / "docs" / "index.md").read_text(encoding="utf-8") + "\nNew sentence.\n", encoding="utf-8"
    )
    result = _build_site(published, project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert _tree_digest(published) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "site"]  # no half-built folder left


def test_without_the_guard_a_failed_build_is_half_written(tmp_path):
    # Why scripts/build_site.py exists: plain `mkdocs build` leaves earlier languages written. The
    # second language (Norwegian) fails (strict mode counts its warning once it is built), after
    # English was written; the languages after it are not.
    project = copy_project(tmp_path / "project")
    _break_build(project, "no")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    assert (tmp_path / "site" / "index.html").exists()
    assert not (tmp_path / "site" / "da").exists()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(site):
    base = "http://127.0.0.1:8000/"
    parsed: dict[Path, _Links] = {}
    checked = 0
    for page in sorted(site.rglob("*.html")):
        page_url = base + page.relative_to(site).as_posix().removesuffix("index.html")
        links = parsed.setdefault(page, _parse(page))
        for href in links.links:
            target = urlsplit(urljoin(page_url, href))
            if target.scheme not in ("http", "https") or target.netloc != "127.0.0.1:8000":
                continue
            path = site / unquote(target.path).lstrip("/")
            if path.is_dir() or target.path.endswith("/"):
                path = path / "index.html"
            assert path.is_file(), f"{page}: {href} -> {path}"
            if target.fragment and path.suffix == ".html":
                ids = parsed.setdefault(path, _parse(path)).ids
                assert unquote(target.fragment) in ids, f"{page}: {href} (no id {target.fragment})"
            checked += 1
    assert checked > 500
