"""Run the notebooks of ``notebooks/`` (nbclient) and keep their committed outputs current.

``python build_graph.py notebooks`` executes every notebook top to bottom in its own
folder, with no network, and saves it with its outputs; ``--check`` only compares the
fresh text outputs with the committed ones (what the tests do) and names any cell
whose output changed.

A saved notebook records the SHA-256 of the N-Triples it ran on; the build runs the notebooks
again when the graph it wrote differs (:func:`refresh_if_stale`), so that adding a report and
building keeps their committed outputs current.
"""

import hashlib
import json
import re

import os
from pathlib import Path
from typing import Any

from .paths import GRAPH, MANIFEST, NT

NOTEBOOKS = Path("notebooks")
TIMEOUT = 300   # seconds a cell may run


def execute(path: str | os.PathLike) -> Any:
    """The notebook at ``path``, executed top to bottom (raises on the first failing cell)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", extra_arguments=["--IPKernelApp.log_level=ERROR"],
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    return nb


def text_outputs(nb: Any) -> list[str]:
    """Per code cell, its text outputs (streams and ``text/plain``, ``text/markdown``); images and
    execution counts left out, as they differ between machines without the content changing."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        texts = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                texts.append(out.get("text", ""))
            elif "data" in out:
                texts.extend(out["data"].get(kind, "") for kind in ("text/plain", "text/markdown")
                             if kind in out["data"])
        cells.append("".join(t if isinstance(t, str) else "".join(t) for t in texts))
    return cells


def stale(path: str | os.PathLike) -> list[tuple[int, str, str]]:
    """``[(cell number, committed text, fresh text)]`` for every code cell whose output changed."""
    import nbformat

    committed = text_outputs(nbformat.read(path, as_version=4))
    fresh = text_outputs(execute(path))
    return [(i, a, b) for i, (a, b) in enumerate(zip(committed, fresh), 1) if a != b] + \
        ([(0, f"{len(committed)} cells", f"{len(fresh)} cells")] if len(committed) != len(fresh) else [])


def refresh(root: str | os.PathLike = ".", graph: str | os.PathLike = GRAPH) -> list[Path]:
    """Execute every notebook and save it with its outputs and the digest of the graph it ran on
    (``graph``, the built folder under ``root``); returns the paths written.

    As many run at once as this process may use cores (its CPU affinity), each in a process and a
    kernel of its own (stopped with this process: Ctrl-C stops them all): ``python build_graph.py
    notebooks`` took 12.2 and 13.1 s running the project's three one after the other on two cores, 7.6
    to 8.5 s so. A notebook that fails is not saved; the others are, and then the first failure (by
    name) is raised."""
    import nbformat

    from .forks import forked

    digest, paths = graph_digest(Path(root, graph)), sorted(Path(root, NOTEBOOKS).glob("*.ipynb"))
    at_once = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    runs = []
    for first in range(0, len(paths), at_once):
        started = [forked(_executed, path) for path in paths[first:first + at_once]]
        try:
            runs.extend(run() for run in started)
        finally:
            for run in started:
                run.stop()
    written, failed = [], []
    for path, (nb, error) in zip(paths, runs):
        if error is not None:
            failed.append(error)
            continue
        for cell in nb.cells:   # no run-specific noise in the committed file
            cell.get("metadata", {}).pop("execution", None)
            if "outputs" in cell:
                cell.outputs = merged_streams(cell.outputs)
        nb.metadata["reportgraph"] = {"graph_sha256": digest}
        nbformat.write(nb, path)
        written.append(path)
    if failed:
        raise failed[0]
    return written


def _executed(path):
    """``(the notebook at path executed, None)``, or ``(None, what it raised)``."""
    try:
        return execute(path), None
    except Exception as e:
        return None, e


def merged_streams(outputs: list) -> list:
    """A cell's ``outputs`` with each run of stream outputs of one name (stdout, stderr) made one: how a
    kernel cuts a cell's printing into messages depends on timing (a busy machine cuts more), and the
    saved notebook should not.

    >>> merged_streams([{"output_type": "stream", "name": "stdout", "text": "a\\n"},
    ...                 {"output_type": "stream", "name": "stdout", "text": "b\\n"},
    ...                 {"output_type": "stream", "name": "stderr", "text": "c"}])
    [{'output_type': 'stream', 'name': 'stdout', 'text': 'a\\nb\\n'}, {'output_type': 'stream', 'name': 'stderr', 'text': 'c'}]
    """
    merged = []
    for out in outputs:
        last = merged[-1] if merged else {}
        if out.get("output_type") == "stream" == last.get("output_type") and out.get("name") == last.get("name"):
            last["text"] = _joined(last["text"]) + _joined(out["text"])
        else:
            merged.append(out)
    return merged


def _joined(text):
    return text if isinstance(text, str) else "".join(text)


def failure(error: BaseException) -> str:
    r"""What went wrong in running a notebook, on one line: the failing cell's error name and text
    (nbclient's CellExecutionError), else the first line of ``error``, without terminal colours.

    >>> failure(ValueError("no kernel\nmore"))
    'no kernel'
    """
    if hasattr(error, "ename"):
        text = f"{error.ename}: {error.evalue}"
    else:
        text = (str(error).strip().splitlines() or [""])[0]
    return re.sub(r"\x1b\[[0-9;]*m", "", text) or type(error).__name__


def graph_digest(folder: str | os.PathLike) -> str | None:
    """One SHA-256 of every file built in ``folder`` (from its manifest): the notebooks read the
    projection and the analysis too, which change with the code that makes them even when the
    N-Triples do not. None if not built."""
    try:
        files = json.loads(Path(folder, MANIFEST).read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(files, dict) or NT not in files:
        return None
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode("utf-8")).hexdigest()


def ran_on(path: str | os.PathLike) -> str | None:
    """The digest of the graph the saved notebook ``path`` ran on (None if it does not say)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data.get("metadata", {}).get("reportgraph", {}).get("graph_sha256")


def refresh_if_stale(root: str | os.PathLike = ".", graph: str | os.PathLike = GRAPH) -> list[Path]:
    """:func:`refresh` the notebooks if any of them ran on another graph than the one built in
    ``graph``; returns the paths written (none if all are current, or there are no notebooks)."""
    paths = sorted(Path(root, NOTEBOOKS).glob("*.ipynb"))
    digest = graph_digest(Path(root, graph))
    if not paths or digest is None or all(ran_on(p) == digest for p in paths):
        return []
    return refresh(root, graph)


CJK_FAMILY = "Noto Sans CJK SC"


def use_cjk_font(family: str = CJK_FAMILY) -> str:
    """Make matplotlib draw Chinese labels in ``family``; returns the family.

    matplotlib keeps a cache of the fonts it found when it first ran; a CJK font installed
    after that is missing from it (``findfont: Font family … not found``) until the cache
    is deleted. The font's files are registered with the font manager here instead, so
    the notebooks draw Chinese whatever the cache holds. Raises ``LookupError`` if no
    file of ``family`` is installed.
    """
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    def known():
        return {f.name for f in font_manager.fontManager.ttflist}

    if family not in known():
        stem = family.replace(" ", "").removesuffix("SC").removesuffix("TC")   # NotoSansCJK
        for path in font_manager.findSystemFonts():
            if Path(path).name.startswith(stem):
                font_manager.fontManager.addfont(path)
    if family not in known():
        raise LookupError(f"no font of the family {family!r} is installed "
                          "(Debian: apt-get install fonts-noto-cjk)")
    plt.rcParams["font.family"] = [family, "DejaVu Sans"]
    return family
