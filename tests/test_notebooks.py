"""The notebooks run top to bottom (nbclient, no network) and their committed outputs are current."""


import nbformat
import pytest

from helpers import ROOT
from reportgraph import notebooks

PATHS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_three_notebooks_are_there():
    assert [p.name for p in PATHS] == ["01_explore_linkages.ipynb", "02_baise_statistics.ipynb",
                                       "03_add_your_own_query.ipynb"]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_notebook_runs_cleanly_and_its_outputs_are_current(path):
    committed = notebooks.text_outputs(nbformat.read(path, as_version=4))
    nb = notebooks.execute(path)   # raises CellExecutionError on the first failing cell
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error"
            assert not (out.get("output_type") == "stream" and out.get("name") == "stderr"), out.get("text")
    fresh = notebooks.text_outputs(nb)
    assert fresh == committed, f"{path.name}: outputs are stale; run python build_graph.py notebooks"


def test_notebooks_import_the_package_instead_of_copying_it():
    for path in PATHS:
        source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
        assert "from reportgraph import" in source and "def " not in source, path.name


def test_notebooks_show_charts_and_the_explorer():
    first, second = (nbformat.read(p, as_version=4) for p in PATHS[:2])
    html = [o["data"]["text/html"] for c in first.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert html and html[0].startswith("<iframe srcdoc=")
    images = [o for c in second.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 2


def test_the_cjk_font_is_found_whatever_matplotlibs_cache_holds(tmp_path):
    """A font cache written before the CJK fonts were installed (here: one with them taken
    out) made notebook 02 fail with "findfont: Font family 'Noto Sans CJK SC' not found"."""
    import json
    import os
    import subprocess
    import sys

    from helpers import missing

    config = tmp_path / "mplconfig"
    script = ("import json, pathlib, sys\nfrom matplotlib import font_manager as fm\n"
              "cache = next(pathlib.Path(sys.argv[1]).glob('fontlist-*.json'))\n"
              "print(cache)\n")
    env = {**os.environ, "MPLCONFIGDIR": str(config)}
    made = subprocess.run([sys.executable, "-c", script, str(config)], env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    cache = made.stdout.strip()
    data = json.loads(open(cache, encoding="utf-8").read())
    if not any("CJK" in f["name"] for f in data["ttflist"]):
        missing("no CJK font is installed: apt-get install fonts-noto-cjk")
    data["ttflist"] = [f for f in data["ttflist"] if "CJK" not in f["name"]]   # a stale cache
    open(cache, "w", encoding="utf-8").write(json.dumps(data))
    check = ("import warnings\nwarnings.simplefilter('error')\n"
             "from matplotlib import font_manager as fm\nfrom reportgraph import notebooks\n"
             "family = notebooks.use_cjk_font()\n"
             "print(fm.findfont(fm.FontProperties(family=family), fallback_to_default=False))\n")
    used = subprocess.run([sys.executable, "-c", check], cwd=ROOT, env=env, capture_output=True, text=True)
    assert used.returncode == 0, used.stderr
    assert "NotoSansCJK" in used.stdout


def test_the_build_runs_the_notebooks_again_when_the_graph_they_ran_on_changes(tmp_path):
    """Adding a report, or a fact, and building is enough: the notebooks follow the graph."""
    import shutil

    from helpers import REPORT, cli, copy_project

    project = copy_project(tmp_path)
    (project / "notebooks").mkdir()
    # the quickest (02 draws charts, 9 s in a test of its own); that each of several notebooks is run
    # again is the next test's
    shutil.copy2(PATHS[2], project / "notebooks" / PATHS[2].name)
    assert {notebooks.ran_on(p) for p in PATHS} == {notebooks.graph_digest(ROOT / "graph")}   # committed: current
    facts = project / "reports" / REPORT / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("  comments: {value: 0, quote: 评论(0)}\n", ""), encoding="utf-8")   # one fact fewer
    result = cli(project)
    assert result.returncode == 0, result.stderr
    digest = notebooks.graph_digest(project / "graph")
    assert digest != notebooks.graph_digest(ROOT / "graph")
    ran = sorted(project.glob("notebooks/*.ipynb"))
    assert [notebooks.ran_on(p) for p in ran] == [digest]
    assert all(f"wrote {p.relative_to(project)}" in result.stdout or f"wrote {p}" in result.stdout for p in ran)
    again = cli(project)   # nothing changed: the notebooks are not run again
    assert again.returncode == 0 and "notebooks/" not in again.stdout


def test_a_notebook_that_fails_after_the_build_is_a_warning_not_a_lost_build(tmp_path):
    import shutil

    from helpers import REPORT, cli, copy_project

    project = copy_project(tmp_path)
    (project / "notebooks").mkdir()
    shutil.copy2(PATHS[2], project / "notebooks" / PATHS[2].name)
    for name, error in (("00_broken.ipynb", "KeyError('no such column')"), ("04_broken.ipynb", "ValueError('no such table')")):
        broken = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"raise {error}")])
        nbformat.write(broken, project / "notebooks" / name)
    facts = project / "reports" / REPORT / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("  comments: {value: 0, quote: 评论(0)}\n", ""),
                     encoding="utf-8")
    result = cli(project)
    assert result.returncode == 0, result.stderr
    assert notebooks.graph_digest(project / "graph") != notebooks.graph_digest(ROOT / "graph")   # written
    warning = [line for line in result.stdout.splitlines() if line.startswith("warning: the notebooks")]
    assert len(warning) == 1 and "KeyError" in warning[0] and "\x1b" not in warning[0], result.stdout   # the first
    ran = {p.name: notebooks.ran_on(p) for p in (project / "notebooks").glob("*.ipynb")}
    assert ran == {"00_broken.ipynb": None, PATHS[2].name: notebooks.graph_digest(project / "graph"),
                   "04_broken.ipynb": None}   # the one that ran cleanly is saved, on the graph built
