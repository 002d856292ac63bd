"""The preview's rebuild rechecks only what changed: a page's check is kept for the same page text and
settings, and never reused when one of them differs (another path, other files, other options)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from trialsite import pages
from trialsite.pages import check_page
from trialsite.site import SiteSettings, check_pages, fingerprint

EXTENSIONS = ("toc", "tables", "fenced_code")
FRONT = "---\ntitle: A page\ndescription: What the page is for.\n---\n\n"
# A link to a page next to this one: whether it resolves depends on where the page is and which
# files the site has, not on the page's text.
LINKING = FRONT + "Read [the other page](other.md).\n"
NOT_A_PAGE = 'links to "other.md", which is not a page of this site'


def _messages(found) -> list[tuple[int, str, str]]:
    return [(problem.line, problem.field, problem.message) for problem in found]


def _check(text=LINKING, name="docs/page.md", extensions=EXTENSIONS, path=None, docs=None, files=None, configs=None):
    docs = docs or Path("/project/docs")
    path = path or docs / "page.md"
    files = {"page.md", "other.md"} if files is None else files
    return _messages(check_page(text, name, extensions, path, docs, files, configs))


def test_an_unchanged_page_checked_again_gives_the_same_problems():
    text = FRONT + "Text with <b>HTML</b> and [a link](gone.md).\n"
    first = _check(text)
    assert first, "the page has problems to keep"
    assert _check(text) == first


def test_problems_handed_out_can_be_changed_without_changing_the_next_check():
    text = FRONT + "Text with <b>HTML</b>.\n"
    docs = Path("/project/docs")
    found = check_page(text, "docs/page.md", EXTENSIONS, docs / "page.md", docs, {"page.md"})
    expected = _messages(found)
    found[0].message = "changed by a caller"
    found.append(found[0])
    again = check_page(text, "docs/page.md", EXTENSIONS, docs / "page.md", docs, {"page.md"})
    assert _messages(again) == expected


def test_the_same_text_under_another_path_is_checked_there():
    assert _check() == []
    docs = Path("/project/docs")
    moved = _check(path=docs / "folder" / "page.md", files={"folder/page.md", "other.md"})
    assert [message for _, _, message in moved] == [NOT_A_PAGE]


def test_the_same_page_with_other_files_in_the_site_is_checked_again():
    assert _check(files={"page.md", "other.md"}) == []
    assert [message for _, _, message in _check(files={"page.md"})] == [NOT_A_PAGE]
    assert _check(files={"page.md", "other.md"}) == []


def test_the_same_page_in_another_docs_folder_is_checked_there():
    page = Path("/project/docs/page.md")
    assert _check(path=page, docs=Path("/project/docs")) == []
    # Seen from /project, the page is docs/page.md and its link points to docs/other.md.
    assert [message for _, _, message in _check(path=page, docs=Path("/project"))] == [NOT_A_PAGE]


def test_the_same_page_with_other_extensions_is_checked_with_them():
    text = FRONT + "~~~\n<br>\n~~~\n"
    assert _check(text, extensions=("toc", "tables", "fenced_code")) == []
    assert [message for _, _, message in _check(text, extensions=("toc", "tables"))] == [
        'has HTML ("<br>"); pages are written in Markdown only'
    ]


def test_the_same_page_with_other_extension_options_is_checked_with_them():
    text = FRONT + "See [[other]].\n"
    extensions = (*EXTENSIONS, "wikilinks")
    to_a_page = {"wikilinks": {"base_url": "", "end_url": ".md"}}
    to_the_root = {"wikilinks": {"base_url": "/", "end_url": "/"}}
    assert _check(text, extensions=extensions, configs=to_a_page) == []
    assert [message for _, _, message in _check(text, extensions=extensions, configs=to_the_root)] == [
        'links to "/other/"; links must be https:, mailto: or tel: addresses, or a page of this site written '
        "as a relative link (sites.md)"
    ]
    assert _check(text, extensions=extensions, configs=to_a_page) == []


def test_a_change_of_any_one_input_is_not_answered_from_the_cache():
    """Inputs that change no message here (the name) must still not share a result."""
    docs = Path("/project/docs")
    base = {
        "text": LINKING,
        "name": "docs/page.md",
        "extensions": EXTENSIONS,
        "path": docs / "page.md",
        "docs": docs,
        "files": {"page.md", "other.md"},
        "configs": {"toc": {"permalink": False}},
    }
    changes = {
        "text": LINKING + "More.\n",
        "name": "docs/fi/page.md",
        "extensions": ("toc", "fenced_code", "tables"),
        "path": docs / "fi" / "page.md",
        "docs": Path("/project"),
        "files": {"page.md", "other.md", "assets/logo.png"},
        "configs": {"toc": {"permalink": True}},
    }
    _check(**base)
    for key, value in changes.items():
        before = pages._read_and_check_cached.cache_info()
        _check(**{**base, key: value})
        after = pages._read_and_check_cached.cache_info()
        assert after.misses == before.misses + 1, f"a page with another {key} was answered from the cache"
    before = pages._read_and_check_cached.cache_info()
    _check(**base)
    assert pages._read_and_check_cached.cache_info().hits == before.hits + 1


def test_the_same_page_at_the_same_place_in_a_copy_of_the_project_is_answered_from_the_cache():
    # The check reads where a page is only relative to docs/ (its links start there).
    _check(path=Path("/one/docs/fi/page.md"), docs=Path("/one/docs"), files={"fi/page.md", "fi/other.md"})
    before = pages._read_and_check_cached.cache_info()
    found = _check(path=Path("/two/docs/fi/page.md"), docs=Path("/two/docs"), files={"fi/page.md", "fi/other.md"})
    assert found == [] and pages._read_and_check_cached.cache_info().hits == before.hits + 1


@pytest.mark.parametrize(
    ("one", "other"),
    [(True, 1), (1, 1.0), (0.0, -0.0), ("1", 1), ([1], (1,)), ({"a": 1}, [("a", 1)]), (None, False)],
)
def test_options_that_python_takes_for_equal_are_told_apart(one, other):
    assert pages._frozen(one) != pages._frozen(other)
    assert pages._thawed(pages._frozen(one)) == one
    assert type(pages._thawed(pages._frozen(one))) is type(one)


def test_options_holding_a_function_are_checked_every_time():
    def slugify(value, separator):
        return "x"

    before = pages._read_and_check_cached.cache_info()
    found = _check(FRONT + "## Heading\n", configs={"toc": {"slugify": slugify}})
    assert found == []
    after = pages._read_and_check_cached.cache_info()
    assert (after.hits, after.misses) == (before.hits, before.misses)


def _site(root: Path) -> SiteSettings:
    docs = root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(FRONT + "See the [logo](assets/logo.png).\n", encoding="utf-8")
    (docs / "assets").mkdir()
    (docs / "assets" / "logo.png").write_bytes(b"png")
    return SiteSettings(root, "trial.yaml", docs, ["en"], "en", markdown_extensions=EXTENSIONS)


def test_the_site_check_sees_a_file_removed_between_two_builds(tmp_path):
    settings = _site(tmp_path)
    assert check_pages(settings) == []
    (settings.docs_dir / "assets" / "logo.png").unlink()
    assert [str(problem) for problem in check_pages(settings)] == [
        'docs/index.md:6:1: (page): links to "assets/logo.png", which is not a page of this site'
    ]


def test_the_site_check_sees_a_page_edited_between_two_builds(tmp_path):
    settings = _site(tmp_path)
    assert check_pages(settings) == []
    (settings.docs_dir / "index.md").write_text(FRONT + "\n\nOne line<br>and the next.\n", encoding="utf-8")
    assert [str(problem) for problem in check_pages(settings)] == [
        'docs/index.md:8:1: (page): has HTML ("<br>"); pages are written in Markdown only'
    ]


def test_the_preview_looks_for_saved_files_more_often_than_mkdocs(tmp_path):
    """on_serve (build.watch) sets the polling interval of what MkDocs watched before it and of what
    it watches after (mkdocs.yml's watch:), and watches the interface texts."""
    from mkdocs.livereload import LiveReloadServer
    from trialsite import build
    from trialsite.catalogue import MESSAGES_DIR

    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(tmp_path / "docs"))
    mkdocs_interval = server.observer.timeout
    build.watch(server)
    server.watch(str(tmp_path / "data"))
    assert 0 < build.PREVIEW_POLLING_INTERVAL < mkdocs_interval
    watched = {emitter.watch.path: emitter.timeout for emitter in server.observer.emitters}
    assert watched == {
        str(tmp_path / "docs"): build.PREVIEW_POLLING_INTERVAL,
        str(MESSAGES_DIR): build.PREVIEW_POLLING_INTERVAL,
        str(tmp_path / "data"): build.PREVIEW_POLLING_INTERVAL,
    }
    assert server.build_delay == LiveReloadServer(lambda: None, "127.0.0.1", 0, str(tmp_path)).build_delay


def test_a_preview_rebuild_sees_a_file_added_to_docs_or_other_markdown_settings(tmp_path):
    # The build keeps what it loaded while its inputs' fingerprint stays the same (the languages of
    # one build, and a preview's rebuilds in one process): a file added under docs/ (the file check
    # reads it, links may point to it) and the Markdown settings are inputs too.
    settings = _site(tmp_path)
    before = fingerprint(settings)
    assert fingerprint(settings) == before
    (settings.docs_dir / "assets" / "drawing.svg").write_text("<svg><script>alert(1)</script></svg>", encoding="utf-8")
    added = fingerprint(settings)
    assert added != before
    assert fingerprint(replace(settings, markdown_extensions=("toc",))) != added
    assert fingerprint(replace(settings, mdx_configs={"toc": {"permalink": True}})) != added
