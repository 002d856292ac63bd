"""How long editors and CI wait: build times per number of languages, the preview's reaction
to a data edit, and a large generated trial next to the bundled one. Prints medians.

    .venv/bin/python scripts/benchmark_build.py [--runs 5]

A benchmark, not a test: it prints figures and the targets next to them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from trialsite.loader import MAX_FILE_BYTES, dump_yaml, load_yaml_bytes  # noqa: E402

LANGUAGES = ["en", "no", "da", "et", "fi"]
BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")


def _only(node, languages: list[str]):
    """The data with the texts of other languages left out (a site built in fewer languages)."""
    if isinstance(node, dict):
        if "en" in node and all(isinstance(value, str) for value in node.values()):
            return {key: value for key, value in node.items() if key in languages}
        return {key: _only(value, languages) for key, value in node.items()}
    if isinstance(node, list):
        return [_only(item, languages) for item in node]
    return node


def copy_project(destination: Path, data_text: str | None = None, languages: list[str] = LANGUAGES) -> Path:
    shutil.copy2(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides", "data"):
        shutil.copytree(ROOT / folder, destination / folder, ignore=shutil.ignore_patterns("__pycache__"))
    if data_text is not None:
        (destination / "data" / "trial.yaml").write_text(data_text, encoding="utf-8")
    if languages != LANGUAGES:
        data_file = destination / "data" / "trial.yaml"
        data = load_yaml_bytes(data_file.read_bytes(), "trial.yaml").data
        data_file.write_text(dump_yaml(_only(data, languages)), encoding="utf-8")
    config = (destination / "mkdocs.yml").read_text(encoding="utf-8")
    for language in LANGUAGES:
        if language not in languages:
            quoted = f'"{language}"' if language == "no" else language
            config = config.replace(
                f"        - locale: {quoted}\n          name: {quoted}\n          build: true",
                f"        - locale: {quoted}\n          name: {quoted}\n          build: false",
            )
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


def timed_build(project: Path, **environment: str) -> tuple[float, float]:
    """(seconds MkDocs reports for the build, wall-clock seconds of the whole command)."""
    site = project / "site"
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **environment),
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return float(BUILT_IN.findall(result.stderr)[-1]), wall


def median_build(project: Path, runs: int, **environment: str) -> tuple[float, float]:
    results = [timed_build(project, **environment) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def large_trial() -> str:
    """300 sites in 40 countries, 60 criteria, all five languages, from the bundled trial's texts."""
    from babel import Locale

    data = load_yaml_bytes((ROOT / "data" / "trial.yaml").read_bytes(), "trial.yaml").data
    countries = sorted(
        code
        for code in Locale("en").territories
        if len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "UN", "QO", "ZZ"}
    )[:40]
    countries = [code for code in countries]
    data["recruitment"] = [
        {"country": code, "status": "recruiting", "start": data["recruitment"][0]["start"]} for code in countries
    ]
    template = data["sites"][0]
    data["sites"] = [
        {**template, "name": f"Hospital {index}", "city": f"City {index}", "country": countries[index % 40]}
        for index in range(300)
    ]
    criteria = data["eligibility"]["inclusion"] + data["eligibility"]["exclusion"]
    data["eligibility"]["inclusion"] = [criteria[index % len(criteria)] for index in range(30)]
    data["eligibility"]["exclusion"] = [{"text": criteria[index % len(criteria)]["text"]} for index in range(30)]
    return dump_yaml(data)


def largest_trial() -> str:
    """As many sites (each with a place on the map) as the data file's size limit lets a pull request
    add: what an attacker can make a build do. The trial's texts are the bundled ones."""
    data = load_yaml_bytes((ROOT / "data" / "trial.yaml").read_bytes(), "trial.yaml").data
    template = {key: value for key, value in data["sites"][0].items() if key not in ("contact", "status")}

    def site(index: int) -> dict:
        # A place of its own (a shared one would be written once, as a YAML alias).
        return {**template, "name": f"H {index}", "location": {"latitude": 60 + index % 9, "longitude": 5 + index % 25}}

    base = len(dump_yaml(data).encode("utf-8"))
    per_site = len(dump_yaml({"sites": [site(10_000)]}).encode("utf-8")) - len("sites:\n")
    count = (MAX_FILE_BYTES - base) // per_site
    data["sites"] = [site(index) for index in range(count)]
    text = dump_yaml(data)
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise SystemExit("the largest trial came out over the size limit: fix largest_trial()")
    return text


def serve_latency(project: Path, edits: int) -> list[float]:
    """Seconds from saving data/trial.yaml to the new text being served in the last language built."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    url = f"http://127.0.0.1:{port}/fi/sites/"
    data_file = project / "data" / "trial.yaml"
    original = data_file.read_text(encoding="utf-8")
    # The edit: the first site's name (as the Finnish sites page shows it), whatever the trial.
    sites = load_yaml_bytes(data_file.read_bytes(), "trial.yaml").data.get("sites") or []
    if not sites:
        raise SystemExit("the preview benchmark edits a site's name: the trial needs at least one site")
    name = sites[0]["name"]
    name = name if isinstance(name, str) else name.get("fi") or next(iter(name.values()))
    if name not in original:
        raise SystemExit(f"the site name {name!r} is not written as such in the data file: cannot edit it")

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.time() + 60
        while name not in fetch():
            if time.time() > deadline:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.1)
        times = []
        for edit in range(edits):
            marker = f"{name} {edit + 1}"
            time.sleep(1.0)  # let the watcher settle
            started = time.perf_counter()
            data_file.write_text(original.replace(name, marker), encoding="utf-8")
            while marker not in fetch():
                if time.perf_counter() - started > 30:
                    raise SystemExit("the preview did not update within 30 s")
                time.sleep(0.02)
            times.append(time.perf_counter() - started)
        return times
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    runs = options.runs

    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary)
        print(f"Build times, median of {runs} runs (MkDocs' own figure; the whole command in brackets)")
        per_languages = {}
        for count in range(1, 6):
            project = base / f"languages-{count}"
            project.mkdir()
            copy_project(project, languages=LANGUAGES[:count])
            per_languages[count] = median_build(project, runs)
            built, wall = per_languages[count]
            added = "" if count == 1 else f"  (+{built - per_languages[count - 1][0]:.2f} s for {LANGUAGES[count - 1]})"
            print(f"  {count} language{'s' if count > 1 else ' '}: {built:5.2f} s  [{wall:5.2f} s]{added}")
        ratio = per_languages[5][1] / per_languages[1][1]
        print(
            f"  five languages / one language, whole command: {ratio:.2f}  (target <= 2.0); "
            f"MkDocs' figure: {per_languages[5][0] / per_languages[1][0]:.2f}"
        )

        plain_built, plain_wall = median_build(base / "languages-5", runs, TRIAL_SPEEDUPS="0")
        print(
            f"  five languages without the speed-ups (TRIAL_SPEEDUPS=0): {plain_built:5.2f} s  [{plain_wall:5.2f} s]; "
            f"they save {1 - per_languages[5][1] / plain_wall:.0%} of the whole command  (each is kept only above 10%)"
        )

        large = base / "large"
        large.mkdir()
        copy_project(large, large_trial())
        large_built, large_wall = median_build(large, runs)
        bundled = per_languages[5][0]
        print(
            f"\nLarge trial (300 sites, 40 countries, 60 criteria, 5 languages): {large_built:.2f} s "
            f"[{large_wall:.2f} s]"
        )
        print(f"  large / bundled: {large_built / bundled:.2f}  (target <= 1.5)")

        largest = base / "largest"
        largest.mkdir()
        largest_text = largest_trial()
        copy_project(largest, largest_text)
        largest_built, largest_wall = timed_build(largest)
        print(
            f"\nLargest trial a pull request can give ({largest_text.count('- name: H ')} sites with a place on "
            f"the map, {len(largest_text.encode('utf-8')):,} bytes, under the {MAX_FILE_BYTES:,}-byte limit): "
            f"{largest_built:.2f} s [{largest_wall:.2f} s], one run  (bounded: no target)"
        )

        preview = base / "serve"
        preview.mkdir()
        copy_project(preview)
        latencies = serve_latency(preview, runs)
        print(
            f"\nmkdocs serve, saving data/trial.yaml until all languages show it: median "
            f"{statistics.median(latencies):.2f} s, slowest {max(latencies):.2f} s  (target <= 1.0 s)"
        )


if __name__ == "__main__":
    main()
