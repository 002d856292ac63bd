"""The GitHub workflows, as far as they can be checked without GitHub: jobs, order, permissions,
pinned actions, zizmor's audit, and who owns which path (CODEOWNERS)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = ("check.yml", "publish.yml")
ZIZMOR = Path(sys.executable).with_name("zizmor")


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # PyYAML reads the key "on" as True (the YAML 1.1 trap this project guards against elsewhere).
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(job))


def uses(workflow: dict) -> list[str]:
    return [step["uses"] for job in workflow["jobs"].values() for step in steps(job) if "uses" in step]


def test_pull_requests_get_the_check_the_tests_the_strict_build_and_the_artifact():
    workflow = load("check.yml")
    assert "pull_request" in workflow["on"]
    job = workflow["jobs"]["test"]
    commands = runs(job)
    assert (
        commands.index("scripts/check.py")
        < commands.index("bash scripts/test.sh")
        < commands.index("scripts/build_site.py")
    )
    artifact = [step for step in steps(job) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert artifact and artifact[0]["with"]["path"] == "site/"
    assert workflow["permissions"] == {"contents": "read"}


def test_publishing_tests_then_builds_then_deploys():
    workflow = load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert "bash scripts/test.sh" in runs(jobs["test"])
    assert jobs["build"]["needs"] == "test"
    assert jobs["deploy"]["needs"] == "build"
    build = jobs["build"]
    configure = [step for step in steps(build) if step.get("uses", "").startswith("actions/configure-pages@")][0]
    build_step = [step for step in steps(build) if "build_site.py" in step.get("run", "")][0]
    assert build_step["env"]["SITE_URL"] == "${{ steps." + configure["id"] + ".outputs.base_url }}/"
    # --publish: a build without the published address is refused instead of published.
    assert [line for line in build_step["run"].splitlines() if "build_site.py" in line][0].split()[2] == "--publish"
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in steps(build))
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in steps(jobs["deploy"]))


def test_only_the_deploy_job_may_write_pages():
    workflow = load("publish.yml")
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    # configure-pages reads the site's address from the Pages API (GET /repos/{owner}/{repo}/pages).
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert "permissions" not in jobs["test"]
    assert set(jobs) == {"test", "build", "deploy"}


def test_every_publishing_job_runs_only_for_main():
    # workflow_dispatch can start the workflow on any branch: each job checks the branch itself.
    workflow = load("publish.yml")
    assert set(workflow["on"]) == {"push", "workflow_dispatch"}
    for name, job in workflow["jobs"].items():
        assert job.get("if") == "github.ref == 'refs/heads/main'", name


def test_no_dependency_cache_in_the_publishing_workflow():
    # What is published is built from packages fetched for that run, never from a cache.
    for job in load("publish.yml")["jobs"].values():
        for step in steps(job):
            assert not {"cache", "cache-dependency-path"} & set(step.get("with", {})), step


def test_no_checkout_keeps_the_token():
    checkouts = 0
    for name in WORKFLOW_FILES:
        for job in load(name)["jobs"].values():
            for step in steps(job):
                if step.get("uses", "").startswith("actions/checkout@"):
                    checkouts += 1
                    assert step["with"]["persist-credentials"] is False, (name, step)
    assert checkouts == 3


def test_one_deployment_at_a_time():
    concurrency = load("publish.yml")["concurrency"]
    assert concurrency["group"] and concurrency["cancel-in-progress"] is False


def test_actions_are_pinned_to_commits_with_the_version_in_a_comment():
    # A tag can be moved to other code; a commit cannot. Dependabot updates both the commit and
    # the comment. Read as text: YAML drops the comment.
    for name in WORKFLOW_FILES:
        lines = [line.strip() for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()]
        pinned = [line for line in lines if re.match(r"(- )?uses:", line)]
        assert len(pinned) == len(uses(load(name))) > 0
        for line in pinned:
            assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_the_pull_request_check_audits_the_workflows_with_the_pinned_zizmor():
    job = load("check.yml")["jobs"]["test"]
    commands = runs(job)
    assert "pip install -r requirements-dev.txt" in commands
    assert commands.index("zizmor") < commands.index("bash scripts/test.sh")
    pins = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    assert any(re.fullmatch(r"zizmor==\d+\.\d+\.\d+", line) for line in pins)


def zizmor(folder: Path) -> tuple[int, list[dict], str]:
    # The strictest persona, no network (the pull-request check adds the online audits), no
    # configuration file that could switch audits off; inline "zizmor: ignore[...]" comments,
    # each with its reason, are the only way to accept a finding.
    result = subprocess.run(
        [
            str(ZIZMOR),
            "--offline",
            "--persona",
            "auditor",
            "--no-config",
            "--strict-collection",
            "--no-progress",
            "--color",
            "never",
            "--format",
            "json",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, json.loads(result.stdout or "[]"), result.stderr


def test_zizmor_finds_nothing_in_the_workflows_and_dependabot():
    returncode, findings, stderr = zizmor(ROOT / ".github")
    assert [
        (finding["ident"], finding["locations"][0]["concrete"]["location"]["start_point"]["row"] + 1)
        for finding in findings
    ] == []
    assert returncode == 0, stderr
    assert "check.yml" in stderr and "publish.yml" in stderr and "dependabot.yml" in stderr  # all were read


def test_zizmor_would_catch_what_the_workflows_avoid(tmp_path):
    # The audit above can fail: the same run on a workflow with the mistakes avoided here.
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(
        "name: Bad\non:\n  pull_request_target:\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4.2.2\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    returncode, findings, _ = zizmor(tmp_path / ".github")
    assert returncode != 0
    assert {"unpinned-uses", "artipacked", "template-injection", "excessive-permissions"} <= {
        finding["ident"] for finding in findings
    }


CODE_PATHS = [
    "hooks/trial_hooks.py",
    "hooks/trialsite/messages/en.yaml",
    "overrides/partials/languages/no.html",
    "mkdocs.yml",
    "docs/assets/trial.js",
    "docs/assets/trial.css",
    "docs/assets/notes.md",
    "scripts/build_site.py",
    ".github/workflows/publish.yml",
    ".github/CODEOWNERS",
    ".ci/run",
    "tests/test_workflows.py",
    "requirements.txt",
    "requirements-dev.txt",
    "package.json",
    "package-lock.json",
    "pyproject.toml",
    "schema/trial.schema.json",
    ".pre-commit-config.yaml",
    "a-file-added-later.py",
    "docs/new-folder/script.js",
]
CONTENT_PATHS = ["data/trial.yaml", "docs/index.md", "docs/fi/sites.md", "docs/no/deeper/page.md"]


def codeowners_rules() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            assert owners and all(re.fullmatch(r"@[\w.-]+(/[\w.-]+)?", owner) for owner in owners), line
            rules.append((pattern, owners))
    return rules


def pattern_regex(pattern: str) -> str:
    """GitHub's CODEOWNERS patterns, for the forms the file allows (its header lists them)."""
    if pattern == "*":
        return r".+"
    assert re.fullmatch(r"/[\w.*/-]+", pattern) and "***" not in pattern, f"unsupported pattern {pattern}"
    body = pattern[1:]
    regex = re.escape(body).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
    return regex + (".*" if body.endswith("/") else "")


def owners_of(path: str) -> list[str]:
    matching = [owners for pattern, owners in codeowners_rules() if re.fullmatch(pattern_regex(pattern), path)]
    return matching[-1]  # the last matching line wins


@pytest.mark.parametrize("path", CODE_PATHS)
def test_code_and_publishing_paths_are_owned_by_the_maintainers_only(path):
    owners = owners_of(path)
    assert owners and all(owner.endswith("/maintainers") for owner in owners), (path, owners)


@pytest.mark.parametrize("path", CONTENT_PATHS)
def test_editors_may_approve_content(path):
    assert any(owner.endswith("/editors") for owner in owners_of(path)), path


def test_every_code_path_of_the_project_is_named_in_codeowners():
    # Named, not only covered by "*": so that a change to the default cannot hand them to anyone else.
    named = {pattern for pattern, _ in codeowners_rules()}
    assert {
        "/hooks/",
        "/overrides/",
        "/mkdocs.yml",
        "/docs/assets/",
        "/scripts/",
        "/.github/",
        "/.ci/",
        "/tests/",
        "/schema/",
        "/requirements*.txt",
        "/package*.json",
        "/pyproject.toml",
    } <= named
    assert codeowners_rules()[0][0] == "*"  # first, so every line after it overrides it


def test_dependabot_watches_pip_npm_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in config["updates"]} == {"pip", "npm", "github-actions"}
    # A new release waits a week before it is proposed (a hijacked release is usually pulled by then).
    assert all(update["cooldown"]["default-days"] >= 7 for update in config["updates"])


def test_pre_commit_runs_yaml_ruff_and_the_data_check():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"check-yaml", "ruff", "trial-check"} <= hooks
