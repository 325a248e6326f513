"""Every command the README gives is true: CI runs its test command, and the others are run here."""

import re
import shlex

import pytest

from conftest import ROOT, cli, server

README = (ROOT / "README.md").read_text(encoding="utf-8")
SETUP = [line.split("#")[0].strip() for line in README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()]


def test_readme_starts_with_the_two_setup_commands():
    assert SETUP == ["pip install -r requirements.txt && python build_graph.py",
                     "pip install -r requirements.txt && python -m pytest"]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert SETUP[1] in ci


def test_requirements_are_pinned_exactly():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", line.strip()), line


COMMANDS = sorted(set(re.findall(r"`(python build_graph\.py[^`]*)`", README)))


@pytest.mark.parametrize("command", [c for c in COMMANDS if " serve" not in c and " push " not in c])
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
    out = cli(project).stdout.splitlines()
    for line in block.strip().splitlines():
        assert line in out


EXAMPLES = [b.split("```", 1)[0] for b in README.split("```\n$ python build_graph.py ")[1:]]


@pytest.mark.parametrize("block", EXAMPLES, ids=lambda b: b.split("\n", 1)[0])
def test_readme_example_is_what_the_command_prints(project, block):
    command, *expected = block.rstrip("\n").split("\n")
    assert cli(project, *shlex.split(command)).stdout.rstrip("\n").split("\n") == expected
