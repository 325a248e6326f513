"""Shared fixtures: the built seed graph, and a scratch copy of the project for bad-input tests."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORT = "000_7ed03d3179984da0"
from reportgraph.build import SOURCES

INPUTS = (*SOURCES, "graph", "queries")


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
    for name in INPUTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, tmp_path / name)
    return tmp_path


def cli(root, *args):
    """Run ``python build_graph.py ARGS`` in ``root``; returns the CompletedProcess."""
    return subprocess.run([sys.executable, "build_graph.py", *args], cwd=root,
                          capture_output=True, text=True, encoding="utf-8")
