"""The GitHub Actions workflow (.github/workflows/site.yml), run here job by job (generator/ci_matrix.py): the site it
deploys is the site one `generator site` builds, byte for byte, and its matrix is every configured locale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.ci_matrix import WORKFLOW, differences, evaluate, link_venv, matrix_entries, parse_outputs, run_shell, run_workflow
from generator.config import load_project
from generator.errors import BuildError
from tests.conftest import ROOT, copy_project, generator


def test_the_workflow_run_job_by_job_deploys_the_site_of_one_build(tmp_path: Path) -> None:
    run = run_workflow(ROOT, tmp_path / "ci", ROOT / ".venv")

    codes = load_project(ROOT).codes
    assert run.matrices == {"build": [{"locale": code} for code in codes]}
    # Every job had a checkout of its own; each part was built from the docs/ of the artifact.
    jobs = sorted(p.name for p in (tmp_path / "ci" / "jobs").iterdir() if p.is_dir() and not p.name.endswith(".tmp"))
    assert jobs == sorted(["prepare", *(f"build-{code}" for code in codes), "merge", "deploy"])
    parts = [json.loads((tmp_path / "ci" / "artifacts" / f"part-{c}" / "part.json").read_text(encoding="utf-8")) for c in codes]
    assert len({part["docs"] for part in parts}) == 1

    # The same project (the prepare job's checkout and docs/), built in one go as `make site` does.
    prepare = tmp_path / "ci" / "jobs" / "prepare"
    generator(prepare, "site")
    assert (run.deployed / "index.html").is_file()
    assert differences(run.deployed, prepare / "site") == []


def _with_draft_locale(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    (project / ".github" / "workflows").mkdir(parents=True)
    (project / WORKFLOW).write_text((ROOT / WORKFLOW).read_text(encoding="utf-8"), encoding="utf-8")
    config = project / "locales" / "locales.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("locales:\n", "locales:\n  ur:\n    status: draft\n", 1), encoding="utf-8")
    return project


def test_the_build_matrix_is_every_configured_locale_read_from_the_project(tmp_path: Path) -> None:
    """Not a list in the workflow: the prepare job prints the configured locales, and a locale added is built."""
    project = _with_draft_locale(tmp_path)
    assert set(load_project(project).codes) == {"hi", "en", "ur"}
    jobs = yaml.safe_load((project / WORKFLOW).read_text(encoding="utf-8"))["jobs"]
    assert not isinstance(jobs["build"]["strategy"]["matrix"]["locale"], list)

    link_venv(ROOT / ".venv", project / ".venv")
    step = next(s for s in jobs["prepare"]["steps"] if s.get("id") == "locales")
    outputs = run_shell(step["run"], {}, project, "locales")
    prepared = evaluate(jobs["prepare"]["outputs"]["locales"].strip("${} "), {"steps": {"locales": {"outputs": outputs}}}, project)
    entries = matrix_entries(jobs["build"], {"needs": {"prepare": {"outputs": {"locales": prepared}}}}, project)
    assert [e["locale"] for e in entries] == list(load_project(project).codes)


def test_expressions_and_step_outputs_are_read_as_github_reads_them(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    context = {"needs": {"prepare": {"outputs": {"locales": '["hi", "en"]'}}}, "runner": {"os": "Linux"}}
    assert evaluate("fromJSON(needs.prepare.outputs.locales)", context, tmp_path) == ["hi", "en"]
    assert len(evaluate("hashFiles('*.txt', 'none/**')", context, tmp_path)) == 64
    assert evaluate("hashFiles('none/**')", context, tmp_path) == ""
    assert parse_outputs("a=1=2\nb<<EOF\nx\ny\nEOF\nc=3\n") == {"a": "1=2", "b": "x\ny", "c": "3"}
    with pytest.raises(BuildError, match="'missing' is not defined here"):
        evaluate("needs.missing.outputs.x", context, tmp_path)


@pytest.mark.parametrize(
    ("job", "message"),
    [
        ({"runs-on": "ubuntu-latest", "if": "false", "steps": [{"run": "true"}]}, "jobs.only: if: not supported"),
        ({"runs-on": "ubuntu-latest", "steps": [{"uses": "someone/else@v1"}]}, "an action the local runner does not know"),
        ({"runs-on": "ubuntu-latest", "steps": [{"uses": "actions/checkout@main"}]}, "pin the action by its major version tag"),
        ({"runs-on": "ubuntu-latest", "steps": [{"run": "exit 3"}]}, "exit 3"),
        ({"runs-on": "ubuntu-latest", "steps": [{"run": "true"}]}, "no job deployed a site"),
    ],
)
def test_what_the_local_runner_cannot_play_stops_the_run(tmp_path: Path, job: dict[str, object], message: str) -> None:
    """The proof never passes by skipping a step: an unknown construct, a failed step or no deployment is an error."""
    (tmp_path / WORKFLOW).parent.mkdir(parents=True)
    (tmp_path / WORKFLOW).write_text(yaml.safe_dump({"name": "t", "on": "push", "jobs": {"only": job}}), encoding="utf-8")
    with pytest.raises(BuildError, match=message):
        run_workflow(tmp_path, tmp_path / "scratch", ROOT / ".venv")
