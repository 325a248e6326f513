"""Shared fixtures: the built seed graph, a scratch copy of the project, the eight-report corpus built
once for the run, Chromium and Virtuoso.
Shared functions and constants are in ``helpers.py``."""

import gc
import shutil

import pytest

from helpers import ROOT, copy_project, missing

# A worker holds the graphs its fixtures made (the corpora, the seed build) for the whole run, and each
# full collection scans them all: 68 full collections took 27 s of the two workers' time. With ten times
# as many younger collections between two full ones, 9 took 11.5 s (python -m pytest -n 2, this machine).
gc.set_threshold(700, 10, 100)


@pytest.fixture(scope="session")
def built():
    """The build result of the committed inputs (nothing written)."""
    from reportgraph.build import run

    return run(ROOT, write=False)


@pytest.fixture(scope="session")
def graph(built):
    return built.graph


@pytest.fixture
def project(tmp_path):
    """A scratch copy of the project's inputs and committed outputs."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright (reportgraph.browser)."""
    from reportgraph import browser

    try:
        with browser.chromium() as b:
            yield b
    except browser.BrowserMissing as e:
        missing(str(e))


@pytest.fixture(scope="session")
def virtuoso_url(tmp_path_factory):
    """The SPARQL endpoint of an OpenLink Virtuoso started for this test session (tests/virtuoso.py)."""
    import virtuoso

    if not virtuoso.SERVER or not virtuoso.ISQL:
        missing("Virtuoso is not installed: apt-get install virtuoso-opensource")
    with virtuoso.running(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url


@pytest.fixture(scope="session")
def devset_built(tmp_path_factory, worker_id):
    """The eight-report development corpus (the first report and tests/fixtures/devset), built with
    the command line into ``graph/``: its root. Built once for the whole run, whichever of pytest-xdist's
    workers asks first (the others wait for it, then read it); nothing may write into it."""
    import fcntl

    from helpers import cli, devset_project

    def made(root):
        devset_project(root)
        result = cli(root)
        assert result.returncode == 0, result.stderr
        assert "8 report(s)" in result.stdout
        return root

    if worker_id == "master":   # not under xdist: this process is the run
        return made(tmp_path_factory.mktemp("devset"))
    shared = tmp_path_factory.getbasetemp().parent   # the run's folder, above each worker's own
    root = shared / "devset"
    with open(shared / "devset.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)   # released when the file is closed, or the worker dies
        if not (root / "built").exists():
            shutil.rmtree(root, ignore_errors=True)   # what a worker that died while building left
            root.mkdir()
            made(root)
            (root / "built").touch()
    return root
