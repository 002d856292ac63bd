"""The editors' check: validate the data, the catalogues and the pages, then run the strict build.

    .venv/bin/python scripts/check.py            # the site in this folder
    .venv/bin/python scripts/check.py --data other-trial.yaml

Exit status 0 when everything is in order, 1 when there are problems (listed one per line,
as file:line:column: field: message), 2 when the configuration itself cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from . import ctgov
from .loader import load_yaml, load_yaml_bytes
from .problems import LoadError, SiteError, format_path
from .reports import passed_plans, stale_statuses, untranslated
from .schema import SCHEMA_PATH, schema_text
from .settings import ConfigError, read_config, site_settings, stale_after_days
from .site import SiteSettings, load_site
from .starter import StarterError, write_starter
from .validation import translations_to_write


def run(argv: list[str] | None = None) -> int:
    """`main` for the command line: a reader that stops early (`check.py | head`) ends the output
    quietly, as other command-line tools do, instead of with a traceback."""
    try:
        code = main(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python's own advice: point stdout at nothing, so that flushing it at exit cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = argparse.ArgumentParser(prog="check", description="Check the trial data, interface texts and pages.")
    parser.add_argument(
        "command",
        nargs="?",
        default="check",
        choices=["check", "schema", "new"],
        help="check (default): check everything; schema: write schema/trial.schema.json; "
        "new: write a starter trial file (with --from-ctgov FILE or --blank)",
    )
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    parser.add_argument("--data", help="a trial file to check instead of the configured one")
    parser.add_argument("--languages", help="check only these languages, e.g. en,fi (default: all the site's)")
    parser.add_argument(
        "--stale-after",
        type=int,
        metavar="DAYS",
        help="flag statuses not checked for this many days (default: extra.trial.stale_after_days, or 30)",
    )
    parser.add_argument(
        "--no-build",
        action="store_true",
        help="skip the final strict build (by default the check ends with one, into a temporary folder)",
    )
    # For tests: the day the freshness report and the "checked: not in the future" rule count from.
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    starting = parser.add_argument_group("new", "write a starter trial file (nothing is read from the network)")
    source = starting.add_mutually_exclusive_group()
    source.add_argument(
        "--from-ctgov",
        type=Path,
        metavar="FILE",
        help="a ClinicalTrials.gov study record: the JSON download of its study page (API v2)",
    )
    source.add_argument("--blank", action="store_true", help="every required field, with TODO where you write")
    starting.add_argument(
        "--output", type=Path, metavar="FILE", help="where to write it (default: the site's data file)"
    )
    starting.add_argument("--force", action="store_true", help="replace the file if it exists")
    options = parser.parse_args(argv)
    if options.command == "new" and not (options.from_ctgov or options.blank):
        parser.error("new needs --from-ctgov FILE or --blank")
    if options.command != "new" and (options.from_ctgov or options.blank or options.output or options.force):
        parser.error("--from-ctgov, --blank, --output and --force go with the new command")
    try:
        config = read_config(options.config)
        settings = site_settings(config, options.data)
        max_age = options.stale_after if options.stale_after is not None else stale_after_days(config)
    except ConfigError as error:
        print(error, file=err)
        return 2
    if options.languages:
        wanted = [language.strip() for language in options.languages.split(",") if language.strip()]
        unknown = [language for language in wanted if language not in settings.languages]
        if unknown:
            print(
                f"unknown language {', '.join(unknown)}; the site's languages are {', '.join(settings.languages)}",
                file=err,
            )
            return 2
        settings = replace(settings, languages=wanted)
    if options.command == "new":
        return new_trial(options, settings, out, err)
    if options.command == "schema":
        target = settings.root / SCHEMA_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(schema_text(settings.languages), encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}", file=out)
        return 0
    try:
        site = load_site(settings, today=options.today)
    except SiteError as error:
        print(str(error).replace("The site was not built: ", "", 1), file=err)
        print_translations_to_write(settings, out)  # a report, like those below: on stdout
        return 1
    print(f"{settings.data_file}: no problems found ({', '.join(settings.languages)}).", file=out)
    located = load_yaml(settings.root / settings.data_file, settings.data_file)

    print("\nTranslations (texts still word for word in English):", file=out)
    for language, findings in untranslated(site, located).items():
        if findings:
            print(f"  {language}: {len(findings)} to translate", file=out)
            for finding in findings:
                print(f"    {finding}", file=out)
        else:
            print(f"  {language}: all translated", file=out)

    today = options.today or dt.date.today()
    stale = stale_statuses(site, located, today, max_age)
    print(f"\nFreshness (statuses not checked in the last {max_age} days):", file=out)
    if stale:
        for finding in stale:
            print(f"  {finding}", file=out)
    else:
        print("  all statuses checked recently", file=out)
    passed = passed_plans(site, located, today)
    print("\nPlanned dates that have passed (the status still says otherwise):", file=out)
    for finding in passed:
        print(f"  {finding}", file=out)
    if not passed:
        print("  none", file=out)
    # The build can fail on what only MkDocs knows (a link to a heading that does not exist):
    # the check ends with the same strict build, so that it finds everything the build would.
    if options.data or options.languages or options.no_build:
        return 0
    print("\nStrict build of every language:", file=out)
    problems = strict_build_problems(options.config)
    for line in problems:
        print(f"  {line}", file=err)
    print("  no problems" if not problems else f"  {len(problems)} problem(s), listed above", file=out)
    return 1 if problems else 0


def new_trial(options: argparse.Namespace, settings: SiteSettings, out: TextIO, err: TextIO) -> int:
    """Write a starter trial file from a ClinicalTrials.gov record, or a blank one."""
    output = options.output or settings.root / settings.data_file
    try:
        if options.from_ctgov:
            starter = ctgov.starter_from_record(ctgov.read_record(options.from_ctgov))
        else:
            starter = ctgov.blank_starter()
        if output.exists() and not options.force:  # before any work is lost, but also checked when writing
            raise StarterError(
                f"{output}: already exists; not overwritten (add --force to replace it, or give --output)"
            )
        text = write_starter(starter, output, settings.root, options.force)
    except (ctgov.RecordError, StarterError) as error:
        print(error, file=err)
        return 2
    shown = settings.relative(output.resolve())
    print(f"wrote {shown} ({starter.summary})", file=out)
    todos = starter_todo_lines(text, starter, shown)
    if todos:
        print(
            f"{len(todos)} thing{'s' if len(todos) != 1 else ''} to decide or write, marked TODO in the file:", file=out
        )
        for line in todos:
            print(f"  {line}", file=out)
    others = [language for language in settings.languages if language != "en"]
    configured = output.resolve() == (settings.root / settings.data_file).resolve()
    print(
        f"Next: .venv/bin/python scripts/check.py{'' if configured else ' --data ' + shown} "
        f"lists every problem, and the texts still to write ({', '.join(others) or 'none'}).",
        file=out,
    )
    return 0


def starter_todo_lines(text: str, starter: ctgov.Starter, shown: str) -> list[str]:
    """The starter's TODOs as "file:line: field: what", in the order of the file."""
    located = load_yaml_bytes(text.encode("utf-8"), shown)
    found = []
    for path, what in starter.todos:
        line, _ = located.position(path, at_key=True)
        found.append((line, f"{shown}:{line}: {format_path(path)}: {what}"))
    return [entry for _, entry in sorted(found, key=lambda item: item[0])]


def print_translations_to_write(settings: SiteSettings, out: TextIO) -> None:
    """After the problems: how many texts each language still lacks, and which (a translator's to-do list)."""
    try:
        located = load_yaml(settings.root / settings.data_file, settings.data_file)
    except LoadError:
        return  # the file cannot be read: its problems are listed above
    missing = translations_to_write(located, settings.languages, settings.known_languages or None)
    if not any(missing.values()):
        return
    counts = ", ".join(f"{language} {len(paths)}" for language, paths in missing.items() if paths)
    print(f"\nTranslations still to write: {counts}", file=out)
    # Texts missing in the same languages are listed together, in the order of the file.
    groups: dict[tuple[str, ...], list[str]] = {}
    for path in sorted({path for paths in missing.values() for path in paths}, key=located.position):
        languages = tuple(language for language, paths in missing.items() if path in paths)
        groups.setdefault(languages, []).append(format_path(path))
    for languages, fields in groups.items():
        line = f"{', '.join(languages)} ({len(fields)} text{'s' if len(fields) != 1 else ''}): {', '.join(fields)}"
        print(
            textwrap.fill(line, width=100, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False),
            file=out,
        )


def strict_build_problems(config_file: Path) -> list[str]:
    """The warnings and errors of `mkdocs build --strict` into a temporary folder (nothing is published)."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryDirectory(prefix="trial-check-") as folder:
        try:
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", folder],
                capture_output=True,
                text=True,
                env=environment,
                timeout=600,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            return [f"the build could not run ({error})"]
    lines = [line.strip() for line in result.stderr.splitlines()]
    problems = [line for line in lines if line.startswith(("WARNING", "ERROR")) or line.startswith("docs/")]
    if result.returncode != 0 and not problems:
        problems = [f"the build failed (exit {result.returncode}): {lines[-1] if lines else 'no output'}"]
    return problems
