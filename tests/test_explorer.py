"""The explorer page in a real headless Chromium (Debian's), with every non-file request aborted."""

import os
import re
import struct

import networkx as nx
import pytest
from rdflib import Graph

from helpers import REPORT, ROOT, ask_path, cli
from reportgraph import browser, explorer, layout, project
from reportgraph.presentation import COLLAPSED

PAGE = ROOT / "graph" / "knowledge_graph.html"
TEXT = (ROOT / "reports" / REPORT / "report.txt").read_text(encoding="utf-8")
NANHAI = "nanhai-aluminium-profile-association"


@pytest.fixture(scope="module")
def G(graph):
    return project.project(graph, Graph().parse(ROOT / "ontology.ttl"))


@pytest.fixture
def seed(chromium):
    visit = browser.open_page(chromium, PAGE)
    yield visit
    visit.page.close()


def clean(visit):
    """No uncaught error, no console error, and no request that left the page."""
    assert visit.errors == []
    assert [m for m in visit.console if m[0] == "error"] == []
    assert visit.blocked == []


def test_page_has_no_link_to_any_host():
    page = PAGE.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc=", page) and not re.search(r"<link[^>]*\bhref=", page)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "default-src 'none'" in page and "'sha256-" in page


def test_page_renders_the_projection_offline(seed, G):
    page = seed.page
    assert page.evaluate("network instanceof vis.Network")   # pyvis's global, for scripts and tests
    counts = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert counts == [G.number_of_nodes(), G.number_of_edges()]
    assert page.get_attribute("#stats", "data-nodes") == str(G.number_of_nodes())
    assert page.get_attribute("#stats", "data-edges") == str(G.number_of_edges())
    drawn = page.evaluate("""() => {
        const c = document.querySelector('#mynetwork canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let ink = 0; for (let i = 0; i < d.length; i += 4) if (d[i+3] > 0 && d[i] < 200) ink++;
        return ink / (c.width * c.height); }""")
    assert drawn > 0.005, "the canvas is (nearly) blank"
    legend = page.locator("#categories li").all_inner_texts()
    assert any("协会与联盟" in item for item in legend) and any("统计数据" in item for item in legend)
    assert page.evaluate("network.physics.options.enabled") is False   # laid out once, then still
    clean(seed)


def node_on_screen(page, node):
    box = page.locator("#mynetwork").bounding_box()
    p = page.evaluate(f"network.canvasToDOM(network.getPositions(['{node}'])['{node}'])")
    return box["x"] + p["x"], box["y"] + p["y"]


def test_search_by_alias_focuses_the_node_and_a_click_shows_its_quotes(seed):
    page = seed.page
    page.fill("#search", "南海铝协")
    assert page.get_attribute("#results li >> nth=0", "data-id") == NANHAI
    page.press("#search", "Enter")
    browser.settled(page)   # the focus animation has ended
    assert page.evaluate("network.getSelectedNodes()") == [NANHAI]
    view, node = page.evaluate(f"[network.getViewPosition(), network.getPositions(['{NANHAI}'])['{NANHAI}']]")
    assert abs(view["x"] - node["x"]) < 1 and abs(view["y"] - node["y"]) < 1   # centred on it
    assert page.inner_text("#details h2") == "佛山市南海区铝型材行业协会"
    for query, expected in (("MIIT", "miit"), ("工信部", "miit"), ("ministry of industry", "miit")):
        assert page.evaluate(f"rgExplorer.search({query!r}, 1)") == [expected]

    page.click("#close")
    assert page.is_hidden("#panel")
    page.mouse.click(*node_on_screen(page, NANHAI))   # a real click on the canvas
    assert page.is_visible("#panel") and page.inner_text("#details h2") == "佛山市南海区铝型材行业协会"
    friendly = page.locator(".fact", has_text="友好协会")
    assert friendly.count() == 1
    quotes = friendly.locator("blockquote").all_inner_texts()
    assert "南海铝协已与之缔结友好协会关系" in quotes and all(q in TEXT for q in quotes)
    friendly.locator("button").first.click()          # show the quote in the report
    mark = page.locator("#report-text mark.current")
    assert mark.inner_text() == "南海铝协已与之缔结友好协会关系"
    start = int(mark.get_attribute("data-start"))
    assert TEXT[start:int(mark.get_attribute("data-end"))] == mark.inner_text()
    assert page.inner_text("#report-text") == TEXT      # the whole text, unaltered
    assert REPORT in page.inner_text("#report-title") and "2023-08-02" in page.inner_text("#report-meta")
    assert page.is_hidden("#report-choice")              # one report: nothing to switch to
    assert [REPORT] == friendly.locator(".where").evaluate_all("ws => [...new Set(ws.map(w => w.dataset.report))]")
    clean(seed)


def test_clicking_an_edge_shows_its_relation_and_quote(seed):
    page = seed.page
    edge = page.evaluate(f"""edges.get({{filter: e => e.from === '{NANHAI}' && e.rg.key === 'rg:friendlyAssociationOf'}})[0].id""")
    point = page.evaluate(f"""() => {{
        network.fit({{nodes: network.getConnectedNodes('{edge}')}});   // zoom in, as a reader would
        const curve = network.body.edges['{edge}'].edgeType;   // edges between one pair fan out
        for (let t = 0.5, i = 1; i < 40; t = 0.5 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) * 0.02, i++) {{
            const p = network.canvasToDOM(curve.getPoint(t));
            if (network.getEdgeAt(p) === '{edge}' && network.getNodeAt(p) === undefined) return p;
        }} }}""")
    assert point, "no clear spot on the edge to click"
    box = page.locator("#mynetwork").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    assert "友好协会" in page.inner_text("#details h2")
    assert "南海铝协已与之缔结友好协会关系" in page.locator("#details blockquote").all_inner_texts()
    clean(seed)


def test_linkage_mode_shows_the_shortest_path_with_a_quote_on_every_hop(seed, G):
    page = seed.page
    ask_path(page, "南海铝协", "工业和信息化部")
    hops = page.locator("#hops > li")
    expected = nx.shortest_path_length(G.to_undirected(as_view=True), NANHAI, "miit")
    assert hops.count() == expected >= 1
    for i in range(hops.count()):
        quotes = hops.nth(i).locator("blockquote").all_inner_texts()
        assert quotes and all(q and q in TEXT for q in quotes)
    path = page.evaluate("network.getSelectedNodes()")
    assert NANHAI in path and "miit" in path and len(path) == expected + 1
    assert page.evaluate("network.getSelectedEdges().length") == expected
    clean(seed)


def test_filters_and_language_switch(seed, G):
    page = seed.page
    collapsed = sum(1 for _, d in G.nodes(data=True) if d["category"] in COLLAPSED)   # in the panels
    assert page.evaluate("nodes.get({filter: n => n.hidden}).length") == collapsed
    places = sum(1 for _, d in G.nodes(data=True) if d["category"] == "place")
    page.uncheck('#categories input[data-key="place"]')
    assert page.evaluate("nodes.get({filter: n => n.hidden}).length") == collapsed + places
    shown = G.number_of_nodes() - places - collapsed
    assert page.inner_text("#stats").startswith(f"{shown} / {G.number_of_nodes()}")
    attendees = sum(1 for *_, k in G.edges(keys=True) if k == "schema:attendee")
    page.uncheck('#relations input[data-key="schema:attendee"]')
    assert page.evaluate("edges.get({filter: e => e.hidden}).length") == attendees
    page.check('#categories input[data-key="place"]')
    page.check('#relations input[data-key="schema:attendee"]')
    page.click("#collapsed")   # the switch: concepts, statistics and stages as nodes
    assert page.evaluate("nodes.get({filter: n => n.hidden}).length + edges.get({filter: e => e.hidden}).length") == 0

    page.click("#lang")
    assert page.evaluate("nodes.get('miit').label") == "MIIT"   # the short name; the full one in the tooltip
    assert "Ministry of Industry and Information Technology" in page.evaluate("nodes.get('miit').title")
    assert page.get_attribute("#search", "placeholder").startswith("Search")
    assert page.inner_text("#link-mode") == "How are these linked?"
    page.click("#lang")
    assert page.evaluate("nodes.get('miit').label") == "工业和信息化部"
    clean(seed)


def test_nodes_are_sized_by_pagerank_and_can_be_coloured_by_community(seed):
    from reportgraph import analysis
    from reportgraph.paths import Paths

    page = seed.page
    G = analysis.read_network(Paths(ROOT))
    rank = analysis.centrality(G)["pagerank"]
    sizes = page.evaluate("Object.fromEntries(nodes.get().map(n => [n.id, n.size]))")
    biggest = max(rank, key=rank.get)
    assert max(sizes, key=sizes.get) == biggest
    assert sizes["miit"] > sizes["alumina-output"]   # a statistic's variable is not an actor
    page.click("#colour")
    colours = page.evaluate("Object.fromEntries(nodes.get().map(n => [n.id, n.color.background]))")
    groups = analysis.communities(G)
    for members in groups:
        assert len({colours[m] for m in members}) == 1
    assert colours[groups[0][0]] != colours[groups[1][0]]
    page.click("#colour")
    assert page.evaluate("nodes.get('miit').color.background") == "#d55e00"   # back to its type's colour
    clean(seed)


def test_untrusted_text_is_shown_as_text_and_never_run(project, chromium):
    payload = "<img src=x onerror=window.__pwned=1>"
    alias = "<script>window.__pwned=2</script>\"'"
    registry = project / "registry" / "organizations.yaml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("  zh: 佛山市南海区铝型材行业协会\n", f"  zh: '{payload}'\n", 1)
    text = text.replace("    zh: [南海铝协]\n", f"    zh: [南海铝协, '{alias.replace(chr(39), chr(39) * 2)}']\n", 1)
    registry.write_text(text, encoding="utf-8")
    result = cli(project)
    assert result.returncode == 0, result.stderr
    visit = browser.open_page(chromium, project / "graph" / "knowledge_graph.html")
    page = visit.page
    page.fill("#search", "<script>")
    assert page.inner_text("#results li >> nth=0").startswith(payload)
    page.press("#search", "Enter")
    browser.settled(page)
    assert page.inner_text("#details h2") == payload
    assert alias in page.inner_text("#details dl")
    page.mouse.move(*node_on_screen(page, NANHAI))       # the tooltip of the node, not of an edge
    page.locator(".vis-tooltip", has_text=payload).wait_for(state="visible")
    assert page.evaluate("nodes.get('%s').title" % NANHAI).startswith(payload)
    assert page.evaluate("nodes.get('%s').label" % NANHAI) == "南海铝协"   # its short name
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert visit.errors == [] and visit.blocked == []
    visit.page.close()


def test_notebook_helper_shows_the_explorer_inline_offline(chromium, tmp_path, G):
    wrapper = tmp_path / "notebook.html"
    wrapper.write_text("<!DOCTYPE html><meta charset='utf-8'>" + explorer.notebook(PAGE)._repr_html_(),
                       encoding="utf-8")
    visit = browser.open_page(chromium, wrapper, ready=None)
    frame = visit.page.frame_locator("iframe")
    frame.locator("body[data-ready=true]").wait_for(timeout=30000)
    inner = visit.page.frames[1]
    assert inner.evaluate("network.body.data.nodes.length") == G.number_of_nodes()
    assert visit.errors == [] and visit.blocked == []
    visit.page.close()


def test_large_graphs_draw_without_physics(chromium, tmp_path):
    from reportgraph.rdf import build_graph
    from reportgraph.synthetic import corpus

    H = layout.place(project.project(build_graph(corpus(1100, 2500)), Graph().parse(ROOT / "ontology.ttl")))
    assert H.number_of_nodes() > explorer.LARGE   # large, as the page counts it
    path = tmp_path / "large.html"
    path.write_text(explorer.build_html(H), encoding="utf-8")
    visit = browser.open_page(chromium, path)
    assert visit.page.evaluate("[nodes.length, edges.length]") == [H.number_of_nodes(), H.number_of_edges()]
    assert visit.page.evaluate("network.physics.options.enabled") is False
    assert visit.page.evaluate("rgExplorer.shortestPath(nodes.getIds()[0], nodes.getIds()[1]) !== undefined")
    clean(visit)
    visit.page.close()


def test_screenshot_is_committed_and_shown_in_the_readme():
    png = (ROOT / "docs" / "explorer.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1600, 1000) and len(png) > 100_000
    assert "![" in (readme := (ROOT / "README.md").read_text(encoding="utf-8")) and "docs/explorer.png" in readme


def test_screenshot_command_writes_a_png(project, chromium):
    result = cli(project, "screenshot", "--out", "shot.png", "--width", "800", "--height", "600", "--focus", "MIIT")
    assert result.returncode == 0, result.stderr
    png = (project / "shot.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (800, 600)


def test_build_under_an_ascii_locale_writes_the_same_utf8_files(project):
    import subprocess
    import sys

    env = dict(os.environ, LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    result = subprocess.run([sys.executable, "build_graph.py"], cwd=project, env=env, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert b"\\u2014" in result.stdout   # the summary's dash, escaped for the ASCII terminal
    for name in ("knowledge_graph.html", "knowledge_graph.graphml", "knowledge_graph.gexf"):
        assert (project / "graph" / name).read_bytes() == (ROOT / "graph" / name).read_bytes()
