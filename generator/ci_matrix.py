"""EDGE: run the CI workflow (.github/workflows/site.yml) on this machine, its jobs one after another.

    python -m generator.ci_matrix [--compare site] [--scratch .build/ci-local]

The workflow file itself is read: its jobs in the order `needs` gives, a matrix job once per entry (the matrix
evaluated from the earlier jobs' outputs, as GitHub does), each run in a fresh checkout under the scratch folder, its
`run:` steps with bash as a runner runs them. The actions it uses are played by folders:

    actions/checkout              a copy of the project without what .gitignore leaves out
    actions/setup-python          this machine's .venv, already set up (its stamps fresh: make installs nothing)
    actions/cache                 restored from and saved to <scratch>/cache/<key>, restore-keys as prefixes
    actions/upload-artifact       copied to <scratch>/artifacts/<name>; hidden files left out, as v4 does
    actions/download-artifact     copied back, by name, or by pattern into a folder per artifact
    actions/upload-pages-artifact the artifact `github-pages`
    actions/deploy-pages          that artifact copied to <scratch>/deployed: the site GitHub Pages would serve

Anything else (an `if:`, another action, an expression this reader does not know) stops the run with a message:
the proof never skips a step silently. The cache folder is kept between runs, as GitHub keeps a workflow's caches.
"""

from __future__ import annotations

import argparse
import filecmp
import fnmatch
import hashlib
import itertools
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import BuildError

log = logging.getLogger(__name__)

WORKFLOW = Path(".github/workflows/site.yml")
#: What a job or a step may say; anything else is refused (see the module's docstring).
JOB_KEYS = frozenset({"name", "runs-on", "needs", "strategy", "outputs", "permissions", "environment", "timeout-minutes", "env", "steps"})
STEP_KEYS = frozenset({"name", "id", "uses", "with", "run", "env"})
#: What a runner's environment has and a shell here may not: make's own variables would reach the jobs' make.
NOT_INHERITED = ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")

_EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)
_CALL = re.compile(r"([A-Za-z]\w*)\((.*)\)", re.S)
_PATH = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*")
_STRING = re.compile(r"'((?:[^']|'')*)'")


@dataclass
class Run:
    """One run of the workflow: where it happens, and what its jobs left behind."""

    project: Path
    scratch: Path
    venv: Path
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Every matrix job's entries, in the order they ran: what the test holds against the configured locales.
    matrices: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def artifacts(self) -> Path:
        return self.scratch / "artifacts"

    @property
    def deployed(self) -> Path:
        return self.scratch / "deployed"


def _split_args(text: str) -> list[str]:
    """A function's arguments, split at the commas outside quotes and parentheses."""
    args, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(text):
        if char == "'":
            quoted = not quoted
        elif not quoted and char in "()":
            depth += 1 if char == "(" else -1
        elif not quoted and depth == 0 and char == ",":
            args.append(text[start:i])
            start = i + 1
    return [*args, text[start:]] if text.strip() else args


def hash_files(workspace: Path, patterns: list[str]) -> str:
    """hashFiles(): a digest of the files the patterns match under the workspace ('' if none), in path order."""
    files = sorted({p for pattern in patterns for p in workspace.glob(pattern) if p.is_file()})
    if not files:
        return ""
    digest = hashlib.sha256()
    for path in files:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def evaluate(expr: str, context: Mapping[str, Any], workspace: Path) -> Any:
    """The value of one expression: a 'string', a context path (matrix.locale), fromJSON() or hashFiles()."""
    expr = expr.strip()
    if string := _STRING.fullmatch(expr):
        return string[1].replace("''", "'")
    if call := _CALL.fullmatch(expr):
        args = [evaluate(arg, context, workspace) for arg in _split_args(call[2])]
        if call[1].lower() == "fromjson" and len(args) == 1:
            return json.loads(str(args[0]))
        if call[1].lower() == "hashfiles":
            return hash_files(workspace, [str(a) for a in args])
        raise BuildError(f"${{{{ {expr} }}}}: {call[1]}() is not supported by the local runner")
    if _PATH.fullmatch(expr):
        value: Any = context
        for part in expr.split("."):
            if not isinstance(value, Mapping) or part not in value:
                raise BuildError(f"${{{{ {expr} }}}}: {part!r} is not defined here")
            value = value[part]
        return value
    raise BuildError(f"${{{{ {expr} }}}}: not an expression the local runner knows")


def substitute(value: Any, context: Mapping[str, Any], workspace: Path) -> Any:
    """A workflow value with its expressions evaluated: a value that is one expression keeps the expression's type."""
    if isinstance(value, dict):
        return {k: substitute(v, context, workspace) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, context, workspace) for v in value]
    if not isinstance(value, str):
        return value
    if whole := _EXPR.fullmatch(value.strip()):
        return evaluate(whole[1], context, workspace)
    return _EXPR.sub(lambda m: str(evaluate(m[1], context, workspace)), value)


def job_order(jobs: Mapping[str, Any]) -> list[str]:
    """The jobs in an order that runs each after those it needs (the file's order where free)."""
    done: list[str] = []
    while len(done) < len(jobs):
        ready = [name for name, job in jobs.items() if name not in done and set(_as_list(job.get("needs"))) <= set(done)]
        if not ready:
            raise BuildError(f"jobs {sorted(set(jobs) - set(done))}: their `needs` name a missing job or form a circle")
        done.append(ready[0])
    return done


def _as_list(value: Any) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else [str(v) for v in value]


def matrix_entries(job: Mapping[str, Any], context: Mapping[str, Any], workspace: Path) -> list[dict[str, Any]]:
    """The entries of a job's matrix, its expressions evaluated; [{}] for a job without one."""
    matrix = substitute((job.get("strategy") or {}).get("matrix") or {}, context, workspace)
    if not isinstance(matrix, dict) or {"include", "exclude"} & set(matrix):
        raise BuildError("strategy.matrix: only lists of values are supported by the local runner (no include/exclude)")
    for key, values in matrix.items():
        if not isinstance(values, list) or not values:
            raise BuildError(f"strategy.matrix.{key}: expected a non-empty list, got {values!r}")
    return [dict(zip(matrix, combo, strict=True)) for combo in itertools.product(*matrix.values())]


def gitignored(root: Path) -> Callable[[str, list[str]], set[str]]:
    """A copytree `ignore` that leaves out .git and what the project's .gitignore lists (anchored or anywhere)."""
    anchored: set[str] = {".git"}
    anywhere: list[str] = []
    gitignore = root / ".gitignore"
    lines = gitignore.read_text(encoding="utf-8").splitlines() if gitignore.is_file() else []
    for line in (line.strip() for line in lines):
        if line and not line.startswith(("#", "!")):
            (anchored.add if line.startswith("/") else anywhere.append)(line.strip("/"))

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == root
        return {n for n in names if (top and n in anchored) or any(fnmatch.fnmatch(n, p) for p in anywhere)}

    return ignore


def link_venv(venv: Path, dest: Path) -> None:
    """dest/.venv: this machine's environment seen from another folder, with stamps newer than any requirements file."""
    dest.mkdir()
    for part in venv.iterdir():
        if part.name == "pyvenv.cfg":
            shutil.copy2(part, dest / part.name)
        elif part.is_dir():
            (dest / part.name).symlink_to(part.resolve(), target_is_directory=True)
    for stamp in (".site", ".dev"):
        (dest / stamp).touch()


def _copy_files(source: Path, dest: Path, *, hidden: bool) -> int:
    """Copy the files under source to dest (contents only, as an artifact keeps them); how many."""
    count = 0
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_file() and (hidden or not any(part.startswith(".") for part in rel.parts)):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest / rel)
            count += 1
    return count


def _truthy(value: Any) -> bool:
    return str(value).lower() == "true"


def run_action(run: Run, uses: str, inputs: Mapping[str, Any], workspace: Path, saves: list[tuple[Path, str]]) -> dict[str, str]:
    """Play one action of the workflow with folders; its outputs."""
    name, _, version = uses.partition("@")
    if not re.fullmatch(r"v\d+", version):
        raise BuildError(f"{uses}: pin the action by its major version tag (@v4), as GitHub's documentation does")
    if name == "actions/checkout":
        shutil.copytree(run.project, workspace, ignore=gitignored(run.project), dirs_exist_ok=True, symlinks=True)
    elif name == "actions/setup-python":
        link_venv(run.venv, workspace / ".venv")
    elif name == "actions/cache":
        store, key = run.scratch / "cache", str(inputs["key"])
        found = store / key if (store / key).is_dir() else None
        for prefix in [] if found else [k.strip() for k in str(inputs.get("restore-keys", "")).splitlines() if k.strip()]:
            older = sorted(store.glob(glob_escape(prefix) + "*"), key=lambda p: p.stat().st_mtime)
            if older:
                found = older[-1]
                break
        if found is not None:
            shutil.copytree(found, workspace / str(inputs["path"]), dirs_exist_ok=True)
        if found != store / key:  # saved at the end of a successful job, under its own key
            saves.append((workspace / str(inputs["path"]), key))
        log.info("  cache %s: %s", key, "hit" if found == store / key else f"restored {found.name}" if found else "miss")
        return {"cache-hit": str(found == store / key).lower()}
    elif name == "actions/upload-artifact":
        artifact, source = run.artifacts / str(inputs.get("name", "artifact")), workspace / str(inputs["path"])
        if artifact.exists():
            raise BuildError(f"artifact {artifact.name!r} uploaded twice (v4 artifacts are immutable)")
        count = _copy_files(source, artifact, hidden=_truthy(inputs.get("include-hidden-files", False))) if source.is_dir() else 0
        if count == 0 and inputs.get("if-no-files-found", "warn") == "error":
            raise BuildError(f"artifact {artifact.name!r}: no files in {inputs['path']}")
        log.info("  artifact %s: %d file(s)", artifact.name, count)
    elif name == "actions/download-artifact":
        dest = workspace / str(inputs.get("path", "."))
        if "name" in inputs:
            shutil.copytree(run.artifacts / str(inputs["name"]), dest, dirs_exist_ok=True)
        else:
            matched = sorted(p for p in run.artifacts.iterdir() if fnmatch.fnmatchcase(p.name, str(inputs.get("pattern", "*"))))
            merged = _truthy(inputs.get("merge-multiple", False))
            for artifact in matched:
                shutil.copytree(artifact, dest if merged else dest / artifact.name, dirs_exist_ok=True)
    elif name == "actions/upload-pages-artifact":
        artifact = run.artifacts / str(inputs.get("name", "github-pages"))
        shutil.copytree(workspace / str(inputs.get("path", "_site/")), artifact, ignore=shutil.ignore_patterns(".git", ".github"))
    elif name == "actions/deploy-pages":
        shutil.rmtree(run.deployed, ignore_errors=True)
        shutil.copytree(run.artifacts / str(inputs.get("artifact_name", "github-pages")), run.deployed)
        return {"page_url": run.deployed.as_uri()}
    else:
        raise BuildError(f"{uses}: an action the local runner does not know (generator/ci_matrix.py run_action)")
    return {}


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def run_shell(script: str, env: Mapping[str, str], workspace: Path, label: str) -> dict[str, str]:
    """A `run:` step, as a runner runs it (bash -eo pipefail); the outputs it wrote to $GITHUB_OUTPUT."""
    temp = workspace.parent / f"{workspace.name}.tmp"
    temp.mkdir(exist_ok=True)
    output, script_file = temp / "output", temp / "step.sh"
    output.write_text("", encoding="utf-8")
    script_file.write_text(script, encoding="utf-8")
    full_env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    full_env |= {"CI": "true", "GITHUB_OUTPUT": str(output), "GITHUB_WORKSPACE": str(workspace), "RUNNER_TEMP": str(temp), **env}
    cmd = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_file)]
    result = subprocess.run(cmd, cwd=workspace, env=full_env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-30:])
        raise BuildError(f"{label}: exit {result.returncode}\n{tail}")
    return parse_outputs(output.read_text(encoding="utf-8"))


def parse_outputs(text: str) -> dict[str, str]:
    """$GITHUB_OUTPUT's lines: name=value, or name<<DELIMITER ... DELIMITER."""
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body: list[str] = []
            for text_line in lines:
                if text_line == delimiter:
                    break
                body.append(text_line)
            outputs[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


def run_job(run: Run, name: str, job: Mapping[str, Any], entry: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    """One job (one matrix entry of it) in a fresh workspace; its outputs."""
    label = "-".join([name, *map(str, entry.values())])
    workspace = run.scratch / "jobs" / label
    workspace.mkdir(parents=True)
    needs = {n: {"outputs": run.outputs[n]} for n in _as_list(job.get("needs"))}
    context: dict[str, Any] = {"matrix": entry, "needs": needs, "steps": {}, "runner": {"os": "Linux"}, "github": {}}
    env = env | {k: str(v) for k, v in substitute(job.get("env") or {}, context, workspace).items()}
    saves: list[tuple[Path, str]] = []
    for number, step in enumerate(job["steps"], 1):
        if set(step) - STEP_KEYS or ("uses" in step) == ("run" in step):
            raise BuildError(f"jobs.{name}.steps[{number}]: {sorted(set(step) - STEP_KEYS) or 'one of uses/run'}: not supported locally")
        title = f"{label} step {number}: {step.get('name') or step.get('uses') or step['run'].splitlines()[0]}"
        log.info("%s", substitute(title, context, workspace))
        if "uses" in step:
            outputs = run_action(run, step["uses"], substitute(step.get("with") or {}, context, workspace), workspace, saves)
        else:
            step_env = env | {k: str(v) for k, v in substitute(step.get("env") or {}, context, workspace).items()}
            outputs = run_shell(substitute(step["run"], context, workspace), step_env, workspace, title)
        if "id" in step:
            context["steps"][step["id"]] = {"outputs": outputs}
    for path, key in saves:  # actions/cache's post-job step: a new entry under the key that missed
        if path.is_dir() and not (run.scratch / "cache" / key).exists():
            shutil.copytree(path, run.scratch / "cache" / key)
    return dict(substitute(job.get("outputs") or {}, context, workspace))


def run_workflow(project: Path, scratch: Path, venv: Path, workflow: Path = WORKFLOW) -> Run:
    """Run every job of the workflow, one after another, in `scratch`; the site it deploys is in `Run.deployed`."""
    spec = yaml.safe_load((project / workflow).read_text(encoding="utf-8"))
    jobs: dict[str, Any] = spec["jobs"]
    run = Run(project.resolve(), scratch.resolve(), venv.resolve())
    for folder in ("jobs", "artifacts", "deployed"):  # the cache stays, as GitHub keeps it between runs
        shutil.rmtree(run.scratch / folder, ignore_errors=True)
    run.artifacts.mkdir(parents=True)
    env = {k: str(v) for k, v in (spec.get("env") or {}).items()}
    for name in job_order(jobs):
        job = jobs[name]
        if set(job) - JOB_KEYS:
            raise BuildError(f"jobs.{name}: {', '.join(sorted(set(job) - JOB_KEYS))}: not supported by the local runner")
        if not str(job.get("runs-on", "")).startswith("ubuntu-"):
            raise BuildError(f"jobs.{name}: runs-on {job.get('runs-on')!r}: the local runner plays Ubuntu runners only")
        context = {"needs": {n: {"outputs": run.outputs[n]} for n in _as_list(job.get("needs"))}}
        entries = matrix_entries(job, context, run.project)
        if "strategy" in job:
            run.matrices[name] = entries
        # A matrix job's outputs are the last entry's, as on GitHub when every entry sets them.
        for entry in entries:
            run.outputs[name] = run_job(run, name, job, entry, env)
    if not run.deployed.is_dir():
        raise BuildError(f"{workflow}: no job deployed a site (actions/deploy-pages)")
    return run


def differences(a: Path, b: Path) -> list[str]:
    """The relative paths whose bytes differ between two trees, or which only one has."""
    files_a = {p.relative_to(a).as_posix(): p for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix(): p for p in b.rglob("*") if p.is_file()}
    both = sorted(set(files_a) & set(files_b))
    return sorted(set(files_a) ^ set(files_b)) + [r for r in both if not filecmp.cmp(files_a[r], files_b[r], shallow=False)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.ci_matrix", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: the current one)")
    parser.add_argument("--workflow", type=Path, default=WORKFLOW, help=f"default: {WORKFLOW}")
    parser.add_argument("--scratch", type=Path, help="where the jobs run (default: .build/ci-local)")
    parser.add_argument("--venv", type=Path, help="the environment the jobs use (default: the project's .venv)")
    parser.add_argument("--compare", type=Path, help="a site to compare the deployed one with, byte for byte (e.g. site)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    root = args.root.resolve()
    try:
        run = run_workflow(root, args.scratch or root / ".build" / "ci-local", args.venv or root / ".venv", args.workflow)
    except (BuildError, OSError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    shown = ", ".join(f"{job} × {len(entries)}" for job, entries in run.matrices.items())
    log.info("workflow run: %s; the deployed site is in %s", shown, run.deployed)
    if args.compare:
        differ = differences(run.deployed, args.compare)
        if differ:
            listed = "".join(f"  {rel}\n" for rel in differ[:20]) + (f"  and {len(differ) - 20} more\n" if len(differ) > 20 else "")
            sys.stderr.write(f"error: the deployed site differs from {args.compare}/ in {len(differ)} file(s):\n{listed}")
            return 1
        log.info("the deployed site is %s/, byte for byte", args.compare)
    return 0


if __name__ == "__main__":
    sys.exit(main())
