"""One place for the built graph's folder (reportgraph/paths.py): ``build --out DIR`` writes it,
every command that reads it takes ``--graph DIR``, and a folder without one is one error with
one message whichever command reads it. And serving does not import what drawing needs."""

import ast
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest

from helpers import ROOT, cli, server

ORGANISERS = "SELECT ?o WHERE { ?e <https://schema.org/organizer> ?o } ORDER BY ?o"
OTHER_BASE = "https://example.org/kg/"


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    """A graph built from the project into a folder of its own, under another IRI base, so
    that its answers differ from the committed graph/'s."""
    out = tmp_path_factory.mktemp("built") / "other"
    result = cli(ROOT, "--base", OTHER_BASE, "build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"wrote {out / 'knowledge_graph.nt'}" in result.stdout
    return out


def test_query_reads_the_graph_that_graph_names(other):
    result = cli(ROOT, "query", ORGANISERS, "--iris", "--graph", str(other))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2:] == [f"<{OTHER_BASE}entity/guangxi-government>",
                                              f"<{OTHER_BASE}entity/miit>", "(2 rows)"]
    default = cli(ROOT, "query", ORGANISERS, "--iris")   # graph/, under the project's base
    assert default.stdout.splitlines()[2:] == ["<https://reportgraph.example/id/entity/guangxi-government>",
                                               "<https://reportgraph.example/id/entity/miit>", "(2 rows)"]


def test_a_relative_graph_folder_is_under_root(other):
    result = cli(ROOT, "--root", str(other.parent), "query", ORGANISERS, "--iris", "--graph", "other")
    assert result.returncode == 0, result.stderr
    assert f"<{OTHER_BASE}entity/miit>" in result.stdout.splitlines()


def test_serve_answers_from_the_graph_that_graph_names(other):
    """The query workers, in processes of their own, open the folder the command was given."""
    with server("--graph", str(other)) as url:
        query = urllib.parse.urlencode({"query": ORGANISERS, "format": "csv"})
        with urllib.request.urlopen(f"{url}/sparql?{query}") as answer:
            assert answer.read().decode().split() == ["o", f"{OTHER_BASE}entity/guangxi-government",
                                                      f"{OTHER_BASE}entity/miit"]


READERS = {
    "query": ["query", "ASK {}"],
    "serve": ["serve", "--port", "0"],
    "push": ["push", "http://127.0.0.1:9/sparql-graph-crud"],
    "reports": ["reports"],
    "explain": ["explain", "南海铝协", "MIIT"],
    "analyse": ["analyse"],
    "screenshot": ["screenshot", "--out", "shot.png"],
}


def missing(folder):
    return f"error: {folder}: no built graph; run python build_graph.py first, or pass --graph DIR\n"


@pytest.mark.parametrize("command", READERS)
def test_a_missing_graph_is_one_message_for_every_command(command, tmp_path):
    nowhere = tmp_path / "nowhere"
    result = cli(ROOT, *READERS[command], "--graph", str(nowhere))
    assert (result.returncode, result.stdout, result.stderr) == (1, "", missing(nowhere))
    # the default folder of a project that has not been built: the same message, naming it
    result = cli(ROOT, "--root", str(tmp_path), *READERS[command])
    assert (result.returncode, result.stdout, result.stderr) == (1, "", missing(tmp_path / "graph"))
    assert not (tmp_path / "shot.png").exists()


def _folder_names(path):
    """Where module ``path`` writes the graph folder's name ("graph", "graph/…") in its code
    (docstrings aside). A dict key or the operand of ``+`` is no path: push's named graph
    ``<base>graph`` and the Graph Store Protocol's ``?graph=`` parameter."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))   # a docstring (or a bare string): prose
        if isinstance(node, ast.Dict):
            skip.update(id(k) for k in node.keys)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            skip.update((id(node.left), id(node.right)))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_element", "data"):
            skip.update(id(a) for a in node.args)   # graphfiles: the <graph> element of GraphML and GEXF
    return sorted(node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            and (node.value == "graph" or node.value.startswith("graph/")))


def test_only_paths_names_the_graph_folder():
    found = {p.name: _folder_names(p) for p in sorted((ROOT / "reportgraph").glob("*.py"))}
    assert found.pop("paths.py")   # the default, once
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_the_check_finds_a_hard_coded_folder(tmp_path):
    module = tmp_path / "module.py"
    module.write_text('"""Reads graph/."""\nfrom pathlib import Path\nNT = Path("graph") / "x.nt"\n'
                      'HTML = "graph/x.html"\nIRI = BASE + "graph"\nQUERY = {"graph": IRI}\n', encoding="utf-8")
    assert _folder_names(module) == [3, 4]


def test_serving_imports_neither_the_explorer_nor_networkx():
    check = ("import sys, reportgraph.serve\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'networkx' or m in "
             "('reportgraph.explorer', 'reportgraph.project', 'reportgraph.layout', 'reportgraph.analysis')))")
    result = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "[]\n"), result.stderr
