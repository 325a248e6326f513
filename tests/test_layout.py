"""The package reads one way: the README's Layout section lists every module with what it may
import, in order, and the code keeps to it (imports parsed with ``ast``, wherever they stand)."""

import ast
import re
from functools import lru_cache

import pytest

from helpers import ROOT

PACKAGE = ROOT / "reportgraph"
ENTRY = re.compile(r"^- `(?P<module>\w+)` — .*?(?:Imports: (?P<imports>[\w, ]+)\.|Imports nothing\.)$")

#: The views: they read the RDF graph (or its projection) and never the facts files.
VIEWS = {"wording", "project", "layout", "graphfiles", "explorer", "analysis", "analysis_text", "analysis_rdf"}
#: What the endpoint must never load: the projection, the views, and with them networkx.
NOT_FOR_SERVE = VIEWS | {"build", "load", "facts", "checks"}
FACTS = {"yamlfile", "spans", "quantities", "checks", "facts", "load"}


def package_imports(source, name="module"):
    """The modules of the package that ``source`` imports, relatively (``from .x import``,
    ``from . import x``) or by name (``import reportgraph.x``, ``from reportgraph.x import``).

    >>> sorted(package_imports("from . import a, b\\nfrom .c import d\\ndef f():\\n    import reportgraph.e"))
    ['a', 'b', 'c', 'e']
    """
    found = set()
    for node in ast.walk(ast.parse(source, name)):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 1 and not module:
                found.update(alias.name for alias in node.names)
            elif node.level == 1:
                found.add(module.split(".")[0])
            elif module.startswith("reportgraph."):
                found.add(module.split(".")[1])
            elif module == "reportgraph":
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[1] for alias in node.names
                         if alias.name.startswith("reportgraph."))
    return found


def readme_layout():
    """``{module: set of modules it may import}`` in the README's order (a dict keeps it)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    layout = {}
    for line in section.splitlines():
        m = ENTRY.match(line)
        if m:
            layout[m["module"]] = {x.strip() for x in (m["imports"] or "").split(",") if x.strip()}
    return layout


@lru_cache(maxsize=1)
def code_layout():
    """``{module: set of modules it imports}``, read when a test first asks (not while the tests are collected)."""
    return {p.stem: package_imports(p.read_text(encoding="utf-8"), str(p))
            for p in sorted(PACKAGE.glob("*.py")) if p.stem != "__init__"}


LAYOUT = readme_layout()
MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")


def closure(module, graph):
    """Every module ``module`` imports, directly or through others."""
    seen, todo = set(), [module]
    while todo:
        for m in graph.get(todo.pop(), ()):
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return seen


def test_the_readme_names_every_module_of_the_package_and_no_other():
    assert len(LAYOUT) > 20   # the section is parsed at all
    code = set(code_layout())
    assert set(LAYOUT) == code, f"README only: {set(LAYOUT) - code}; code only: {code - set(LAYOUT)}"


@pytest.mark.parametrize("module", MODULES)
def test_a_module_imports_what_the_readme_says(module):
    assert code_layout()[module] == LAYOUT.get(module), \
        f"{module} imports {sorted(code_layout()[module])}; the README's Layout says {sorted(LAYOUT.get(module, ()))}"


def test_every_module_imports_only_modules_before_it():
    order = list(LAYOUT)
    late = [(m, i) for m, imports in code_layout().items() for i in imports if order.index(i) >= order.index(m)]
    assert late == [], "imports against the order facts → RDF → views → queries: " + \
        ", ".join(f"{m} imports {i}" for m, i in late)


def test_views_never_read_facts_files_nothing_imports_cli_and_serve_stays_lean():
    code = code_layout()
    for view in VIEWS:
        assert not closure(view, code) & FACTS, f"{view} reaches {closure(view, code) & FACTS}"
    assert not any("cli" in imports for imports in code.values())
    assert not closure("serve", code) & NOT_FOR_SERVE, closure("serve", code) & NOT_FOR_SERVE


def test_the_checks_catch_a_module_importing_against_the_order():
    planted = {**code_layout(), "vocab": package_imports("def f():\n    from .build import run\n")}
    order = list(LAYOUT)
    assert [(m, i) for m, imports in planted.items() for i in imports
            if order.index(i) >= order.index(m)] == [("vocab", "build")]
    planted["wording"] = {"load"}
    assert closure("project", planted) & FACTS == {"load"} | closure("load", planted) & FACTS
    assert ENTRY.match("- `x` — does x. Imports: a, b.")["imports"] == "a, b"
    assert ENTRY.match("- `x` — does x. Imports nothing.")["imports"] is None


def _functions(tree):
    """``(qualified name, node)`` of every function of a module, methods of its public classes included."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for inner in node.body:
                if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    yield f"{node.name}.{inner.name}", inner


def _unhinted(node):
    args = node.args
    params = [a for a in args.posonlyargs + args.args + args.kwonlyargs if a.arg not in ("self", "cls")]
    params += [a for a in (args.vararg, args.kwarg) if a is not None]
    return node.returns is None or any(a.annotation is None for a in params)


def test_modules_stay_short_functions_shorter_and_public_ones_typed():
    long_modules, long_functions, unhinted = [], [], []
    for path in sorted(PACKAGE.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > 400:
            long_modules.append(path.name)
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 60:
                long_functions.append(f"{path.stem}.{node.name}")
        unhinted += [f"{path.stem}.{name}" for name, node in _functions(tree)
                     if not name.split(".")[-1].startswith("_") and not name.startswith("_") and _unhinted(node)]
    assert (long_modules, long_functions, unhinted) == ([], [], [])


def test_the_size_check_sees_a_long_function_and_a_missing_hint():
    tree = ast.parse("def f(a: int) -> int:\n" + "    a += 1\n" * 60 + "    return a\n\ndef g(b):\n    return b\n")
    nodes = dict(_functions(tree))
    assert nodes["f"].end_lineno - nodes["f"].lineno >= 60 and not _unhinted(nodes["f"]) and _unhinted(nodes["g"])
