"""robots.txt: only where crawlers read it.

Crawlers read robots.txt only at the root of a host (https://host/robots.txt). A GitHub project
site lives under a path (https://owner.github.io/repo/); a file at /repo/robots.txt is never
read, and the one crawlers do read belongs to owner.github.io, not to this site. So robots.txt
is written only when the site is the whole host (a user site or a custom domain); under a path,
none is written and the sitemap (/repo/sitemap.xml) is found through the search engines' own
tools (ARCHITECTURE.md, "CI and publishing").
"""

from __future__ import annotations

from urllib.parse import urlsplit


def robots_txt(site_url: str | None) -> str | None:
    """The robots.txt for a site published at ``site_url``, or None where none should be written."""
    parts = urlsplit(site_url or "")
    if not parts.scheme or not parts.netloc or parts.path not in ("", "/") or parts.query or parts.fragment:
        return None
    return f"User-agent: *\nAllow: /\n\nSitemap: {parts.scheme}://{parts.netloc}/sitemap.xml\n"
