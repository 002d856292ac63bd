"""Issue 14's design check, kept as tests: what looking at every page on a phone found.

Every page type in every language at 390x844 (a phone): nothing wider than the screen, no text
in the page smaller than 16 px, no word of a heading wider than its line (a Danish or Norwegian
compound title broke as "Tilgængelighedserklærin / g"), and a way to "How to take part" at the
end of every page. Built from the seed trial (tests/trials/seed.yaml), a test input.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from helpers import LANGUAGES
from helpers import PAGES as ALL_PAGES

#: Every page type, and the 404 page (an address that does not exist).
PAGES = [*ALL_PAGES, "no-such-page/"]
PHONE = {"width": 390, "height": 844}

# Elements wider than the page that are not inside a scrolling or clipping box.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = element => { for (let box = element.parentElement; box; box = box.parentElement) {
    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(box).overflowX)) return true; } return false; };
  const wide = Array.from(document.querySelectorAll('body *')).filter(element => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.right > width + 0.5 && !clipped(element);
  }).map(element => element.tagName + '.' + element.className);
  return {scroll: document.documentElement.scrollWidth, client: width, wide};
}"""

# Text the visitor can see (not the map's numbers, which are drawn in the SVG's own units).
SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || element.closest('svg') || !element.getClientRects().length) continue;
    const box = element.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;  // visually hidden text (screen readers only)
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < 16) small.push(size + 'px: ' + node.textContent.trim().slice(0, 40));
  }
  return small;
}"""

# Words of headings that are wider than the heading's line: they can only be broken mid-word.
# A word with a soft hyphen breaks there, with a hyphen shown, and is left out.
WIDE_WORDS = """() => {
  const wide = [];
  for (const heading of document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3, .md-content h4')) {
    if (!heading.getClientRects().length) continue;
    const style = getComputedStyle(heading);
    const line = heading.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const word of heading.textContent.split(/[\\s\\-\\u2013\\/]+/)) {
      if (!word || word.includes('\\u00ad')) continue;
      const probe = document.createElement('span');
      probe.style.whiteSpace = 'nowrap';
      probe.textContent = word;
      heading.appendChild(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      if (width > line + 0.5) wide.push(word + ' (' + Math.round(width) + ' > ' + Math.round(line) + ' px)');
    }
  }
  return wide;
}"""

FOOTER_LINKS = "() => Array.from(document.querySelectorAll('footer a')).map(a => a.href)"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_fits_a_phone_with_readable_text_and_ends_with_how_to_take_part(visit, server, language):
    # One load of each page for both: nothing too wide or too small, and the footer's link.
    prefix = "" if language == "en" else f"{language}/"
    contact = urljoin(server.url, prefix + "contact/")
    page = visit(server.url + prefix, viewport=PHONE).page
    problems = []
    for path in PAGES:
        url = server.url + prefix + path
        page.goto(url, wait_until="load")
        links = page.evaluate(FOOTER_LINKS)
        # The 404 page is the site root's (GitHub Pages serves only that one): English.
        expected = urljoin(server.url, "contact/") if path == "no-such-page/" else contact
        assert links and links[0] == expected, (path, links)
        footer_link = page.locator("footer a").first
        assert footer_link.is_visible()
        box = footer_link.bounding_box()
        assert box["height"] >= 24 or box["width"] >= 24, box
        states = [path or "home"]
        if path == "eligibility/" and page.locator("[data-action=start]").count():
            page.click("[data-action=start]")  # the self-check's first question, which only a script shows
            states.append("self-check")
        for state in states:
            overflow = page.evaluate(OVERFLOW)
            if overflow["scroll"] > overflow["client"] or overflow["wide"]:
                problems.append(f"{state}: wider than the phone: {overflow}")
            if small := page.evaluate(SMALL_TEXT):
                problems.append(f"{state}: text under 16 px: {small[:5]}")
            if wide := page.evaluate(WIDE_WORDS):
                problems.append(f"{state}: heading words wider than the line: {wide}")
    assert not problems, "\n".join(problems)
