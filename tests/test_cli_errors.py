"""Every CLI error is one line on stderr with exit status 1 (2 for usage), never a traceback.

Each test runs ``python build_graph.py`` as a subprocess in one scratch copy of the project
(made once for the module; a test that edits an input puts it back).
"""

import os
import subprocess
import sys
from contextlib import contextmanager

import pytest

from helpers import REPORT, cli, copy_project

FACTS = f"reports/{REPORT}/facts.yaml"
QUERY_ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("project"))


@contextmanager
def edited(path, data):
    """``path`` holds ``data`` (text or bytes) for the duration."""
    before = path.read_bytes()
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    try:
        yield
    finally:
        path.write_bytes(before)


def one_line(result, status, *expected):
    """The command failed with ``status``, saying so in exactly one line that holds ``expected``."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.returncode == status, result.stderr
    for text in expected:
        assert text in lines[0]
    return lines[0]


def line_of(text, needle):
    return text[:text.index(needle)].count("\n") + 1


# --- YAML nested past any sane depth: RecursionError (1,000 levels), segfault (50,000) --------------

@pytest.mark.parametrize("rel, levels", [("registry/places.yaml", 1000), (FACTS, 50_000)])
def test_deep_nesting_is_a_problem_at_its_line(project, rel, levels):
    path = project / rel
    text = path.read_text(encoding="utf-8")
    anchor = text.split("\n")[5] + "\n"   # a line of the file's first entry
    deep = text.replace(anchor, anchor + "  deep: " + "[" * levels + "]" * levels + "\n", 1)
    with edited(path, deep):
        result = cli(project, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    line = line_of(deep, "  deep: ")
    problems = result.stderr.splitlines()[1:]   # after "error: the input has 1 problem(s) …"
    assert problems == [f"{rel}:{line}: nesting deeper than 100 levels of lists and mappings"]


def test_a_facts_file_that_is_not_utf8_is_a_problem_at_its_line(project):
    path = project / FACTS
    data = path.read_bytes()
    with edited(path, data.replace("百色".encode(), b"\xb0\xd9\xc9\xab", 1)):   # GBK, not UTF-8
        result = cli(project, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = data[:data.index("百色".encode())].count(b"\n") + 1
    assert f"{FACTS}:{line}: not UTF-8 text: byte 0xb0" in result.stderr


# --- query ----------------------------------------------------------------------------------------

def test_a_binary_query_file(project):
    (project / "binary.rq").write_bytes(b"\xff\xfe\x00S\x00E\x00L")
    one_line(cli(project, "query", "binary.rq"), 1, "error: binary.rq: not UTF-8 text")


def test_a_folder_named_like_a_query_file(project):
    (project / "folder.rq").mkdir(exist_ok=True)
    one_line(cli(project, "query", "folder.rq"), 1, "error: folder.rq: is a folder, not a query file")


def test_a_missing_query_file_is_named_once(project):
    line = one_line(cli(project, "query", "nosuch.rq"), 1, "no such query file")
    assert line.count("nosuch.rq") == 1
    one_line(cli(project, "query", "queries/keynote.rq"), 1, "did you mean keynotes")


def test_a_misspelt_question_name_gets_the_nearest_names(project):
    one_line(cli(project, "query", "organizers-of-docking-activity"), 1, "--list",
             "did you mean organisers-of-docking-activity?")


@pytest.mark.parametrize("text", ["SELEC ?x WHERE { ?x ?p ?o }", "SELEC ?x", "SELCT"])
def test_a_query_attempt_gets_the_parsers_message(project, text):
    line = one_line(cli(project, "query", text), 1, "error: query: line 1, column 1:")
    assert "neither a named question" not in line


def test_a_closed_pipe_ends_the_command_quietly(project):
    for fmt in ("table", "csv"):   # the output is far larger than a pipe holds
        process = subprocess.Popen([sys.executable, "build_graph.py", "query", QUERY_ALL, "--format", fmt],
                                   cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout.readline()
        process.stdout.close()   # as `| head -1` does
        err = process.stderr.read().decode()
        assert process.wait() == 1 and err == ""   # Python's convention for EPIPE, and quiet


# --- explain --------------------------------------------------------------------------------------

@pytest.mark.parametrize("k", ["-1", "0", "two"])
def test_k_below_one_is_a_usage_error(project, k):
    one_line(cli(project, "explain", "南海铝协", "MIIT", "-k", k), 2,
             "build_graph.py explain: error: argument -k: must be a whole number of 1 or more")


def test_empty_names_are_an_error_not_every_entity(project):
    one_line(cli(project, "explain", "", ""), 1, "an entity name is empty")
    one_line(cli(project, "explain", "南海铝协", " "), 1, "an entity name is empty")


def test_a_misspelt_entity_gets_the_nearest_names_and_an_ambiguous_one_the_candidates(project):
    one_line(cli(project, "explain", "南海铝会", "MIIT"), 1, "no entity is called '南海铝会'",
             "did you mean 南海铝协 (nanhai-aluminium-profile-association)")
    one_line(cli(project, "explain", "南海铝协", "Ministry"), 1, "'Ministry' could be any of 3 entities: ",
             f"工业和信息化部 (miit, rg:GovernmentBody, named in {REPORT})", "give the id of the one you mean")


# --- usage and build ------------------------------------------------------------------------------

def test_usage_errors_are_one_line(project):
    one_line(cli(project, "nosuch"), 2, "build_graph.py: error: argument command: invalid choice")
    one_line(cli(project, "analyse", "--top", "-3"), 2, "argument --top: must be a whole number")


def test_a_build_into_a_folder_it_cannot_write(project, tmp_path):
    if os.geteuid() == 0:   # root writes anywhere it may: put a file where a folder must be
        (tmp_path / "file").write_text("not a folder", encoding="utf-8")
        out = tmp_path / "file" / "graph"
    else:
        (tmp_path / "locked").mkdir()
        (tmp_path / "locked").chmod(0o555)
        out = tmp_path / "locked" / "graph"
    try:
        line = one_line(cli(project, "build", "--out", str(out)), 1, "error: ")
    finally:
        (tmp_path / "locked").exists() and (tmp_path / "locked").chmod(0o755)
    assert str(out) in line or str(out.parent) in line
    assert not out.exists()


def test_a_project_without_its_shapes(tmp_path, project):
    one_line(cli(project, "--root", str(tmp_path), "validate"), 1,
             f"error: {tmp_path / 'shapes.ttl'}: No such file or directory")


@pytest.mark.parametrize("option,value", [("--workers", "0"), ("--workers", "-2"), ("--max-rows", "-1"),
                                          ("--timeout", "0"), ("--timeout", "-1"), ("--timeout", "nan")])
def test_serve_refuses_limits_that_are_not_positive(project, option, value):
    result = cli(project, "serve", "--port", "0", option, value)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert f"argument {option}: must be a" in result.stderr
