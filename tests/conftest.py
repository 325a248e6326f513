"""Shared fixtures: the built seed graph, a scratch copy of the project, Chromium and Virtuoso.
Shared functions and constants are in ``helpers.py``."""

import pytest

from helpers import ROOT, copy_project, missing


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
