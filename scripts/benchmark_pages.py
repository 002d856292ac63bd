"""Page weight and Lighthouse figures for the built site, served as GitHub Pages serves it.

Prints, for each language's home page and sites page: bytes transferred on a first view
(compressed), request count, and Lighthouse mobile scores and metrics. A benchmark, not a
test: it prints figures and the targets next to them.

    .venv/bin/python scripts/benchmark_pages.py [--no-lighthouse] [--site DIR]

Needs: the Python test requirements, Chromium (CHROMIUM_PATH or /usr/bin/chromium) and the
npm tools (`npm ci`) for Lighthouse.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from static_server import StaticServer, free_port  # noqa: E402

LANGUAGES = ["en", "no", "da", "et", "fi"]
PAGES = ["", "taking-part/", "eligibility/", "sites/", "summary/"]
TARGETS = {
    "kb": 45,
    "requests": 6,
    "performance": 100,
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
    "lcp_s": 1.5,
}


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def build(site_dir: Path, site_url: str) -> None:
    environment = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
    )


def first_view(url: str) -> tuple[int, int]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        page = browser.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        page.goto(url, wait_until="networkidle")
        total = 0
        for request in responses:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        browser.close()
        return total, len(responses)


def lighthouse(url: str) -> dict:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise SystemExit("Lighthouse is not installed: run `npm ci` first (or pass --no-lighthouse).")
    with tempfile.TemporaryDirectory() as profile:
        flags = (
            "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
            f"--user-data-dir={profile}"
        )
        result = subprocess.run(
            [
                str(binary),
                url,
                "--output=json",
                "--quiet",
                f"--chrome-flags={flags}",
                "--only-categories=performance,accessibility,best-practices,seo",
            ],
            capture_output=True,
            text=True,
            env=dict(os.environ, CHROME_PATH=chromium_path()),
            timeout=180,
        )
    if result.returncode != 0:
        raise SystemExit(f"Lighthouse failed for {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    return {
        **scores,
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "failed": [
            audit_id
            for audit_id, audit in audits.items()
            if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-lighthouse", action="store_true", help="only page weight and requests")
    parser.add_argument("--site", type=Path, help="an already built site (built for http://127.0.0.1:PORT/)")
    parser.add_argument("--port", type=int, default=0)
    options = parser.parse_args()

    port = options.port or free_port()
    with tempfile.TemporaryDirectory() as temporary:
        site_dir = options.site or Path(temporary) / "site"
        if not options.site:
            build(site_dir, f"http://127.0.0.1:{port}/")
        with StaticServer(site_dir, port) as server:
            header = f"{'page':<17}{'KB':>7}{'req':>5}"
            if not options.no_lighthouse:
                header += f"{'perf':>6}{'a11y':>6}{'bp':>5}{'seo':>5}{'LCP s':>7}{'TBT ms':>8}{'CLS':>7}  failed audits"
            print(header)
            worst = {
                "kb": 0.0,
                "requests": 0,
                "lcp_s": 0.0,
                "performance": 100,
                "accessibility": 100,
                "best-practices": 100,
                "seo": 100,
            }
            for language in LANGUAGES:
                for page in PAGES:
                    path = ("" if language == "en" else f"{language}/") + page
                    url = server.url + path
                    size, requests = first_view(url)
                    kb = size / 1000
                    worst["kb"] = max(worst["kb"], kb)
                    worst["requests"] = max(worst["requests"], requests)
                    line = f"/{path:<16}{kb:>7.1f}{requests:>5}"
                    if not options.no_lighthouse:
                        figures = lighthouse(url)
                        for key in ("performance", "accessibility", "best-practices", "seo"):
                            worst[key] = min(worst[key], figures[key])
                        worst["lcp_s"] = max(worst["lcp_s"], figures["lcp_s"])
                        line += (
                            f"{figures['performance']:>6}{figures['accessibility']:>6}{figures['best-practices']:>5}"
                            f"{figures['seo']:>5}{figures['lcp_s']:>7.2f}"
                            f"{figures['tbt_ms']:>8.0f}{figures['cls']:>7.3f}  " + (", ".join(figures["failed"]) or "-")
                        )
                    print(line, flush=True)
            print()
            print(
                f"worst first view: {worst['kb']:.1f} KB (target <= {TARGETS['kb']}), "
                f"{worst['requests']} requests (target <= {TARGETS['requests']})"
            )
            if not options.no_lighthouse:
                print(
                    f"worst Lighthouse: performance {worst['performance']} (target >= {TARGETS['performance']}), "
                    f"accessibility {worst['accessibility']}, best practices {worst['best-practices']}, "
                    f"SEO {worst['seo']} (targets 100), LCP {worst['lcp_s']:.2f} s (target <= {TARGETS['lcp_s']})"
                )


if __name__ == "__main__":
    main()
