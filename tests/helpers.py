"""What the tests share: the project's place, polling instead of sleeping, processes and servers
started and checked, and a tool's absence turned into a failure under CI.

Tests import these by name (``from helpers import ROOT, cli``); ``conftest.py`` holds only the
fixtures.
"""

import os
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from reportgraph.build import SOURCES

ROOT = Path(__file__).resolve().parent.parent
REPORT = "000_7ed03d3179984da0"

# pyproject.toml configures tools only; mutmut's mutated code reads it in subprocesses too
INPUTS = (*SOURCES, "graph", "queries", "pyproject.toml")


def copy_project(dest):
    """Copy the project's inputs and committed outputs into the folder ``dest``; returns it."""
    for name in INPUTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


#: The development corpus: seven more reports, and the registry entries they add.
DEVSET = ROOT / "tests" / "fixtures" / "devset"
#: The held-out set: five more reports with their gold, never used to write the draft's rules.
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
#: A second development set: six more reports with their gold, phrased unlike the first.
DEV2 = ROOT / "tests" / "fixtures" / "dev2"
#: A third development set: six reports of other sub-genres (an expo, an inspection tour, a standard …),
#: first scored before any rule was written against it.
DEV3 = ROOT / "tests" / "fixtures" / "dev3"
#: A fourth development set: six reports of still other sub-genres (a groundbreaking, a visiting business
#: delegation, a list of recognised enterprises …), first scored before any rule was written against it.
DEV4 = ROOT / "tests" / "fixtures" / "dev4"
DEV5 = ROOT / "tests" / "fixtures" / "dev5"


def devset_project(dest, fixtures=None):
    """A project of eight reports in the folder ``dest``: the first report and the seven of the
    development corpus, over the main registry plus the devset's entries (as ``devset-*.yaml``),
    with this checkout's code, ontology, shapes and questions; returns ``dest``. Not built: run
    ``cli(dest)`` (or ``reportgraph.build.run(dest)``). ``fixtures`` names another set of the same
    layout instead of the devset (``HELDOUT``)."""
    fixtures = fixtures or DEVSET
    for name in ("ontology.ttl", "shapes.ttl", "build_graph.py", "reportgraph", "queries"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(ROOT / "registry", dest / "registry")
    for path in sorted((fixtures / "registry").glob("*.yaml")):
        shutil.copy2(path, dest / "registry" / f"{fixtures.name}-{path.name}")
    shutil.copytree(ROOT / "reports", dest / "reports")
    for report in sorted((fixtures / "reports").iterdir()):
        shutil.copytree(report, dest / "reports" / report.name)
    return dest


def ask_path(page, a, b):
    """In the explorer open in ``page`` (Playwright), ask the path form how ``a`` and ``b`` are linked."""
    page.click("#link-mode")
    page.fill("#link-from", a)
    page.fill("#link-to", b)
    page.click("#link-go")


def until(condition, timeout=15.0, step=0.02):
    """Poll ``condition()`` until it is true or ``timeout`` s have passed; returns its last value.
    A test waits for a condition this way, never for a fixed time."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


def children(pid):
    """Process ids whose parent is ``pid`` (from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            pass
    return out


def gone(pid):
    """Whether process ``pid`` has ended (exited, or a zombie waiting to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        return True


def subclasses(ontology, cls):
    """``cls`` and every class below it by ``rdfs:subClassOf`` in the graph ``ontology``."""
    from rdflib.namespace import RDFS

    found, todo = {cls}, [cls]
    while todo:
        for sub in ontology.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def cli(root, *args):
    """Run ``python build_graph.py ARGS`` in ``root``; returns the CompletedProcess."""
    return subprocess.run([sys.executable, "build_graph.py", *args], cwd=root,
                          capture_output=True, text=True, encoding="utf-8")


def in_process(root, *args):
    """``python build_graph.py --root ROOT ARGS`` run by its handler in this process (no interpreter to
    start, no package to import again), for commands that only read; returns a CompletedProcess."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from reportgraph.cli import main

    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8") for _ in range(2))   # text, and bytes (.buffer)
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["--root", str(root), *args])
        except SystemExit as e:   # argparse's usage errors, as the process would exit
            code = e.code if isinstance(e.code, int) else 1
            if isinstance(e.code, str):
                err.write(e.code + "\n")
    out.flush(), err.flush()
    return subprocess.CompletedProcess(["build_graph.py", *args], code, out.buffer.getvalue().decode("utf-8"),
                                       err.buffer.getvalue().decode("utf-8"))


def missing(reason):
    """A tool a test needs is not installed: fail under CI (which must install it), else skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must install it: {reason}")
    pytest.skip(reason)


@contextmanager
def serving(*options, root=ROOT):
    """``python build_graph.py serve --port 0 OPTIONS`` in ``root``; yields ``(base URL, process)``,
    and on exit stops it with Ctrl-C and checks that it stopped cleanly."""
    process = subprocess.Popen([sys.executable, "build_graph.py", "serve", "--port", "0", *options],
                               cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("serving http://127.0.0.1:"), line + process.stderr.read()
        yield line.split()[1].removesuffix("/sparql"), process
    finally:
        process.send_signal(signal.SIGINT)   # a clean stop: the workers are stopped too
        try:
            code = process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
    assert code == 0, process.stderr.read()


@contextmanager
def server(*options, root=ROOT):
    """:func:`serving`, yielding only the base URL."""
    with serving(*options, root=root) as (url, _):
        yield url
