"""Build the site so that only a complete, checked build can ever be published.

    .venv/bin/python scripts/build_site.py [--site-dir site] [--config mkdocs.yml] [--publish] [-v]

MkDocs writes into its output folder as it goes, and this site is built five times (once per
language): a failure in the fourth language would leave three languages of a new site next
to two of the old one. This script builds into a fresh folder beside the target and swaps it
in only when the whole build succeeded; on any failure the target is left exactly as it was
and the partial build is deleted.

The build is reproducible: SOURCE_DATE_EPOCH (the sitemap's dates, the gzip header) is taken
from the last commit when it is not set, so two builds of one commit are byte-identical.

Everything that could make a build "succeed" without a site in the target is refused before
anything is built, with one line and exit status 2: any other argument (mkdocs' own -d/--site-dir
or -f/--config-file in any spelling would send the build elsewhere, -q would hide the warnings
--strict turns into errors), a target that is the project itself or a folder that is not a
built site (it would be replaced whole), and a SOURCE_DATE_EPOCH that is not a whole number of
seconds.

Without SITE_URL the site's links, sitemap and QR code point to the local preview address
(http://127.0.0.1:8000/): the build goes on with a warning on stderr, and with --publish (the
publishing workflow) it is refused like the rest, exit status 2, nothing built.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROG = "build_site.py"
#: The build time goes into the gzip header of sitemap.xml.gz, which has 32 bits for it.
LATEST_EPOCH = 2**32 - 1
NO_SITE_URL = (
    "SITE_URL is not set: links and the QR code point to http://127.0.0.1:8000/; set SITE_URL to the published address"
)


class Refused(Exception):
    """A bad argument or environment value, told in one line before anything is built."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print the usage as well: one line is enough
        if message.startswith("unrecognized arguments"):
            message += (
                "; this script gives mkdocs its own output folder, config file and --strict:"
                " use --site-dir DIR and --config FILE (-v is passed on)"
            )
        raise Refused(message)


class _Once(argparse.Action):
    """An option that may be given once: with two, which one wins would be a guess."""

    def __call__(self, parser, namespace, values, option_string=None):
        if getattr(namespace, f"_given_{self.dest}", False):
            parser.error(f"{option_string} is given twice; give it once")
        setattr(namespace, f"_given_{self.dest}", True)
        setattr(namespace, self.dest, values)


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    quiet = [argument for argument in argv if argument in ("-q", "--quiet")]
    if quiet:
        raise Refused(f"{quiet[0]} would hide the warnings that --strict turns into errors")
    # allow_abbrev=False: only the exact option names, so nothing is read as something else.
    parser = _Parser(prog=PROG, description=__doc__.splitlines()[0], allow_abbrev=False)
    parser.add_argument(
        "--site-dir",
        type=Path,
        default=ROOT / "site",
        action=_Once,
        help="the folder to publish (default: site/); replaced only by a complete build",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=ROOT / "mkdocs.yml",
        action=_Once,
        help="the MkDocs configuration (default: mkdocs.yml)",
    )
    parser.add_argument(
        "--publish",
        action="store_true",
        help="building for publishing: refuse to build without SITE_URL (the published address)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="MkDocs' debug output")
    return parser.parse_args(argv)


def _shown(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "...")


def source_date_epoch(environ: os._Environ[str] | dict[str, str]) -> str | None:
    """SOURCE_DATE_EPOCH if set (checked), else the last commit's time, else None (now)."""
    value = environ.get("SOURCE_DATE_EPOCH", "")
    if value:
        digits = value.lstrip("0")
        # Length first: int() of thousands of digits is refused by Python itself (a traceback).
        if not re.fullmatch(r"[0-9]+", value, flags=re.ASCII) or len(digits) > 10 or int(digits or "0") > LATEST_EPOCH:
            raise Refused(
                f"SOURCE_DATE_EPOCH={_shown(value)} is not a build time; expected a whole number of seconds"
                f" since 1970-01-01 UTC from 0 to {LATEST_EPOCH} (e.g. $(git log -1 --format=%ct)),"
                " or leave it unset to use the last commit's time"
            )
        return value
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    commit_time = result.stdout.strip()
    return commit_time if re.fullmatch(r"[0-9]+", commit_time, flags=re.ASCII) else None


def check_target(site_dir: Path, config_file: Path) -> None:
    """Refuse a target whose replacement would destroy something that is not a built site."""
    if not config_file.is_file():
        raise Refused(f"--config {config_file}: no such file")
    target = site_dir.resolve()
    for protected in {ROOT, Path.cwd().resolve(), config_file.resolve().parent}:
        if target == protected or target in protected.parents:
            raise Refused(
                f"--site-dir {site_dir}: this folder holds the project ({protected}), and the built site"
                " replaces the whole folder; give a folder of its own, such as site"
            )
    if target.exists() and not target.is_dir():
        raise Refused(f"--site-dir {site_dir}: this is a file, not a folder")
    if (
        target.is_dir()
        and any(target.iterdir())
        and not ((target / "index.html").is_file() and (target / "sitemap.xml").is_file())
    ):
        raise Refused(
            f"--site-dir {site_dir}: this folder is not a built site (no index.html and sitemap.xml),"
            " and the built site replaces the whole folder; give an empty or new folder"
        )


def build(site_dir: Path, config_file: Path, epoch: str | None, mkdocs_args: list[str]) -> int:
    site_dir = site_dir.resolve()
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    except OSError as error:
        print(
            f"{PROG}: error: --site-dir {site_dir}: cannot make a folder beside it: {error.strerror}", file=sys.stderr
        )
        return 2
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    environment.pop("SOURCE_DATE_EPOCH", None)  # an empty one would stop MkDocs with a traceback
    if epoch:
        environment["SOURCE_DATE_EPOCH"] = epoch
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "--clean",
                "-f",
                str(config_file),
                "-d",
                str(staging),
                *mkdocs_args,
            ],
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


def main(argv: list[str] | None = None) -> int:
    try:
        options = parse_arguments(sys.argv[1:] if argv is None else argv)
        check_target(options.site_dir, options.config)
        epoch = source_date_epoch(os.environ)
        if not os.environ.get("SITE_URL", "").strip():
            if options.publish:
                raise Refused(NO_SITE_URL)
            print(f"{PROG}: warning: {NO_SITE_URL}", file=sys.stderr)
    except Refused as problem:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
        return 2
    return build(options.site_dir, options.config, epoch, ["-v"] if options.verbose else [])


if __name__ == "__main__":
    sys.exit(main())
