"""Every command the README gives is true: CI runs its test command, and the others are run here."""

import os
import re
import shlex
import sys
from pathlib import Path

import pytest

from helpers import ROOT, cli, server

README = (ROOT / "README.md").read_text(encoding="utf-8")
SETUP = [line.split("#")[0].strip() for line in README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()]


def test_readme_starts_with_the_two_setup_commands():
    venv = "python3 -m venv .venv && . .venv/bin/activate && pip install -r requirements.txt"
    assert SETUP == [f"{venv} && python build_graph.py", f"{venv} && python -m pytest -n 2"]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert SETUP[1] in ci


def test_ci_runs_in_a_virtual_environment_made_from_requirements_alone():
    """Under CI the tests run in the README's fresh venv, which sees no system site-packages:
    a dependency missing from requirements.txt fails here (as scipy once did)."""
    if os.environ.get("CI") != "true":
        pytest.skip("only CI is bound to run in the README's fresh venv")
    assert sys.prefix != sys.base_prefix
    config = (Path(sys.prefix) / "pyvenv.cfg").read_text(encoding="utf-8")
    assert re.search(r"include-system-site-packages\s*=\s*false", config)


def test_every_imported_package_is_pinned():
    """Each third-party module that the package, tests, notebooks or benchmarks import comes
    from a distribution named in requirements.txt."""
    import ast
    from importlib.metadata import packages_distributions

    pinned = {re.split("==", line)[0].lower().replace("_", "-") for line in
              (ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")}
    local = {"reportgraph", "conftest", "virtuoso", "helpers"} | {
        p.stem for folder in ("tests", "benchmarks") for p in (ROOT / folder).glob("*.py")}
    distributions = packages_distributions()
    sources = [*ROOT.glob("reportgraph/*.py"), *ROOT.glob("tests/*.py"), *ROOT.glob("benchmarks/*.py"),
               ROOT / "build_graph.py"]
    missing = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in local:
                    continue
                dists = {d.lower().replace("_", "-") for d in distributions.get(top, [top])}
                if not dists & pinned:
                    missing.add(f"{path.relative_to(ROOT)}: {top}")
    assert not missing, sorted(missing)


def test_requirements_are_pinned_exactly():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", line.strip()), line


COMMANDS = sorted(set(re.findall(r"`(python build_graph\.py[^`]*)`", README)))


#: Commands with placeholders (``<file>``, ``<id>``) are run by test_add.py with a report of its own; the build
#: itself (``python build_graph.py``) by test_readme_summary_is_what_the_build_prints, which reads what it prints.
@pytest.mark.parametrize("command", [c for c in COMMANDS if " serve" not in c and " push " not in c and "<" not in c
                                     and c != "python build_graph.py"])
def test_readme_command_runs(project, command):
    args = shlex.split(command)[2:]
    result = cli(project, *args)
    assert result.returncode == 0, result.stderr


def test_readme_serve_command_serves(project):
    import urllib.request

    assert "`python build_graph.py serve`" in README
    with server(root=project) as url:
        with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D") as r:
            assert r.status == 200


def test_readme_push_command_pushes(project, virtuoso_url):
    assert "`python build_graph.py push URL`" in README
    result = cli(project, "push", virtuoso_url.replace("/sparql", "/sparql-graph-crud"))
    assert result.returncode == 0, result.stderr


def test_readme_error_example_is_what_the_build_says(project):
    example = README.split("```\nerror:", 1)[1].split("```", 1)[0].strip().splitlines()[-1]
    facts = project / "reports" / "000_7ed03d3179984da0" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("quote: 南海铝协已与之缔结友好协会关系}", "quote: 南海铝协已与之缔结友好关系}"),
                     encoding="utf-8")
    result = cli(project)
    assert result.returncode == 1
    assert example in result.stderr


def test_readme_summary_is_what_the_build_prints(project):
    block = README.split("`python build_graph.py` prints what it built:\n\n```\n", 1)[1].split("```", 1)[0]
    result = cli(project)
    assert "python build_graph.py" in COMMANDS and result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    for line in block.strip().splitlines():
        assert line in out


EXAMPLES = [b.split("```", 1)[0] for b in README.split("```\n$ python build_graph.py ")[1:]]


@pytest.mark.parametrize("block", EXAMPLES, ids=lambda b: b.split("\n", 1)[0])
def test_readme_example_is_what_the_command_prints(project, block):
    command, *expected = block.rstrip("\n").split("\n")
    assert cli(project, *shlex.split(command)).stdout.rstrip("\n").split("\n") == expected
