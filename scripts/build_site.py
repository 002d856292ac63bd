"""Build the site so that only a complete, checked build can ever be published.

    .venv/bin/python scripts/build_site.py [--site-dir site]

MkDocs writes into its output folder as it goes, and this site is built five times (once per
language): a failure in the fourth language would leave three languages of a new site next
to two of the old one. This script builds into a fresh folder beside the target and swaps it
in only when the whole build succeeded; on any failure the target is left exactly as it was
and the partial build is deleted.

The build is reproducible: SOURCE_DATE_EPOCH (the sitemap's dates, the gzip header) is taken
from the last commit when it is not set, so two builds of one commit are byte-identical.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def source_date_epoch() -> str | None:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip() or None


def build(site_dir: Path, config_file: Path, extra_args: list[str]) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    epoch = source_date_epoch()
    if epoch:
        environment["SOURCE_DATE_EPOCH"] = epoch
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config_file), "-d", str(staging), *extra_args],
            env=environment,
        )
        if result.returncode != 0:
            print(f"Build failed: {site_dir} was not changed.", file=sys.stderr)
            return result.returncode
        previous = None
        if site_dir.exists():
            previous = site_dir.with_name(f".{site_dir.name}.previous-{staging.name.rsplit('-', 1)[-1]}")
            site_dir.rename(previous)
        staging.rename(site_dir)
        if previous is not None:
            shutil.rmtree(previous)
        print(f"Site built in {site_dir}")
        return 0
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    options, extra = parser.parse_known_args()
    if {"-q", "--quiet"} & set(extra):
        parser.error("-q would hide the warnings that --strict turns into errors")
    return build(options.site_dir, options.config, extra)


if __name__ == "__main__":
    sys.exit(main())
