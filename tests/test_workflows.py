"""The GitHub workflows, as far as they can be checked without GitHub: jobs, order, permissions."""

from __future__ import annotations

import re

import yaml
from helpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


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
    assert commands.index("scripts/check.py") < commands.index("bash scripts/test.sh") < commands.index("scripts/build_site.py")
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
    site_url = [step for step in steps(build) if "build_site.py" in step.get("run", "")][0]["env"]["SITE_URL"]
    assert site_url == "${{ steps." + configure["id"] + ".outputs.base_url }}/"
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in steps(build))
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in steps(jobs["deploy"]))


def test_only_the_deploy_job_may_write_pages():
    workflow = load("publish.yml")
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        if name == "deploy":
            assert job["permissions"] == {"pages": "write", "id-token": "write"}
            assert job["environment"]["name"] == "github-pages"
        else:
            assert "permissions" not in job


def test_one_deployment_at_a_time():
    concurrency = load("publish.yml")["concurrency"]
    assert concurrency["group"] and concurrency["cancel-in-progress"] is False


def test_actions_are_pinned_to_versions():
    for name in ("check.yml", "publish.yml"):
        for action in uses(load(name)):
            assert re.fullmatch(r"actions/[\w-]+@v\d+\.\d+\.\d+", action), action


def test_dependabot_watches_pip_npm_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in config["updates"]} == {"pip", "npm", "github-actions"}


def test_pre_commit_runs_yaml_ruff_and_the_data_check():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"check-yaml", "ruff", "trial-check"} <= hooks
