"""The explorer's first view reads at a glance, measured in headless Chromium from vis-network's own
geometry (reportgraph.browser.geometry: ``getBoundingBox`` mapped with ``canvasToDOM``, font size
times scale): no two node boxes overlap, no label under 11 px, nothing off screen, the 25 most
central entities labelled, in zh and en, on the first report and on the eight-report corpus."""

import pytest

from helpers import ROOT, ask_path
from reportgraph import analysis, browser, explorer, layout, untangle
from reportgraph.paths import Paths

NANHAI = "nanhai-aluminium-profile-association"
WINDOW = (1400, 900)


def fresh_page(G, folder):
    """The explorer page of projection G, laid out and made now from this checkout's code."""
    path = folder / "knowledge_graph.html"
    path.write_text(explorer.build_html(layout.place(G)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_graph():
    return analysis.read_network(Paths(ROOT))


@pytest.fixture(scope="module")
def seed_page(seed_graph, tmp_path_factory):
    return fresh_page(seed_graph, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def corpus(devset_built):
    """The eight-report development corpus, built with the command line: (its network, its page)."""
    return analysis.read_network(Paths(devset_built)), devset_built / "graph" / "knowledge_graph.html"


@pytest.fixture
def visit(chromium, seed_page):
    v = browser.open_page(chromium, seed_page, *WINDOW)
    yield v
    assert v.errors == [] and v.blocked == []
    assert [m for m in v.console if m[0] == "error"] == []
    v.page.close()


def most_central(G, n=25):
    rank = analysis.centrality(G)["pagerank"]
    return sorted(rank, key=lambda k: (-rank[k], str(k)))[:n]


def assert_reads(g, top):
    assert g["overlaps"] == []
    assert g["smallest_px"] >= 11
    assert g["offscreen"] == 0
    assert set(top) <= set(g["labelled"]), set(top) - set(g["labelled"])


def test_the_first_view_of_the_first_report_reads(chromium, seed_page, seed_graph):
    v = browser.open_page(chromium, seed_page, *WINDOW)
    top = most_central(seed_graph)
    actors = [n for n, d in seed_graph.nodes(data=True) if d["category"] not in ("concept", "statistic", "stage")]
    for lang in ("zh", "en"):   # the page as drawn (zh), then switched
        v.page.evaluate(f"rgExplorer.setLanguage('{lang}')")
        g = browser.geometry(v.page)
        assert_reads(g, top)
        assert g["shown"] == len(actors), lang   # actors first: concepts, statistics and stages are in the panels
    v.page.close()


def test_the_first_view_of_an_eight_report_corpus_reads(chromium, corpus):
    G, page = corpus
    assert len(G.graph["reports"]) == 8
    v = browser.open_page(chromium, page, *WINDOW)
    for lang in ("zh", "en"):
        v.page.evaluate(f"rgExplorer.setLanguage('{lang}')")
        assert_reads(browser.geometry(v.page), most_central(G))
    v.page.close()


def test_fewer_edges_cross_the_first_views_labels_than_before_nodes_are_moved_off_them(
        chromium, seed_graph, seed_page, tmp_path, monkeypatch):
    monkeypatch.setattr(untangle, "UNTANGLED", 0)
    plain_page = fresh_page(seed_graph.copy(), tmp_path)
    counts = {"zh": [], "en": []}
    for page in (seed_page, plain_page):   # each page opened once, its language switched in place
        v = browser.open_page(chromium, page, *WINDOW)
        for lang in counts:
            v.page.evaluate(f"rgExplorer.setLanguage('{lang}')")
            g = browser.geometry(v.page)
            assert {node for _, node in g["crossings"]} <= set(g["labelled"])
            counts[lang].append(len(g["crossings"]))
        v.page.close()
    assert all(ours < plain for ours, plain in counts.values()), counts


def test_labels_wait_for_zoom_and_appear_without_overlap(chromium, corpus):
    v = browser.open_page(chromium, corpus[1], *WINDOW)
    first = browser.geometry(v.page)
    for factor in (2, 4):
        v.page.evaluate(f"network.moveTo({{scale: {first['scale'] * factor}}})")
        g = browser.geometry(v.page)
        shown = {n for pair in g["overlaps"] for n in pair}
        assert g["overlaps"] == [], shown
        assert g["smallest_px"] >= 11
        assert len(g["labelled"]) > len(first["labelled"])
    v.page.close()


def test_short_names_on_the_map_full_names_in_tooltip_and_panel(visit):
    page = visit.page
    assert page.evaluate(f"nodes.get('{NANHAI}').label") == "南海铝协"
    assert page.evaluate(f"nodes.get('{NANHAI}').title").startswith("佛山市南海区铝型材行业协会")
    page.fill("#search", "南海铝协")
    page.press("#search", "Enter")
    browser.settled(page)
    assert page.inner_text("#details h2") == "佛山市南海区铝型材行业协会"


def test_a_places_statistics_are_a_table_in_its_panel(visit, seed_graph):
    page = visit.page
    page.evaluate("rgExplorer.focusNode('baise')")
    browser.settled(page)
    about = [u for u, _, k in seed_graph.in_edges("baise", keys=True) if k.startswith("schema:observationAbout")]
    rows = page.locator("table.statistics tr[data-statistic]")
    assert rows.count() == len(about) == 13
    assert "959.33万吨" in page.inner_text("table.statistics")
    assert page.evaluate("nodes.get({filter: n => n.rg.category === 'statistic' && !n.hidden}).length") == 0
    page.click("#strip a >> nth=1")   # the chain strip: its second stage opens its panel
    assert page.inner_text("#details h2") == "氧化铝"


def test_path_mode_dims_everything_off_the_path_and_labels_every_hop(visit):
    page = visit.page
    ask_path(page, "南海铝协", "工业和信息化部")
    browser.settled(page)
    on = set(page.evaluate("network.getSelectedNodes()"))
    colours = page.evaluate("Object.fromEntries(nodes.get({filter: n => !n.hidden}).map(n => [n.id, n.color.background]))")
    assert {n for n, c in colours.items() if c != "#eeeeee"} == on
    faint_edges = page.evaluate("edges.get({filter: e => e.color && e.color.color === '#ececec'}).length")
    assert faint_edges == page.evaluate("edges.length") - len(on) + 1
    g = browser.geometry(page)
    assert on <= set(g["labelled"]) and g["smallest_px"] >= 11
    page.press("body", "Escape")   # closing the panel ends the path: nothing is faint any more
    assert page.is_hidden("#panel")
    assert page.evaluate("nodes.get({filter: n => n.color.background === '#eeeeee'}).length") == 0


def test_the_legend_follows_colouring_by_community(visit, seed_graph):
    page = visit.page
    assert page.is_hidden("#community-legend")
    page.click("#colour")
    assert page.is_visible("#community-legend")
    groups = analysis.communities(seed_graph)
    items = page.locator("#communities li")
    assert items.count() == len(groups)
    rank = analysis.centrality(seed_graph)["pagerank"]
    for i, members in enumerate(groups):
        top = min(members, key=lambda n: (-round(rank[n], 6), n))
        assert seed_graph.nodes[top]["label_zh"] in items.nth(i).inner_text()
        swatch = items.nth(i).locator(".swatch").evaluate("s => getComputedStyle(s).color")
        node = page.evaluate(f"nodes.get('{top}').color.background")
        assert swatch == "rgb({}, {}, {})".format(*(int(node[k:k + 2], 16) for k in (1, 3, 5)))
    page.click("#lang")
    assert seed_graph.nodes[groups[0][0]]["label_en"] or True
    assert "Communities" in page.inner_text("#community-legend h3")


def test_each_quote_copies_its_citation(visit):
    page = visit.page
    page.evaluate(f"rgExplorer.focusNode('{NANHAI}')")
    browser.settled(page)
    fact = page.locator(".fact", has_text="友好协会")
    button = fact.locator("button.cite").first
    button.click()
    text = button.get_attribute("data-citation")
    where = fact.locator(".where").first.get_attribute("data-report")
    assert text.startswith("“南海铝协已与之缔结友好协会关系”——")
    assert where in text and "2023-08-02" in text and "字符 " in text
    start = text.rsplit("字符 ", 1)[1].split("–")[0]
    source = (ROOT / "reports" / where / "report.txt").read_text(encoding="utf-8")
    assert source[int(start):].startswith("南海铝协已与之缔结友好协会关系")
    assert button.inner_text() == "已复制"
    page.evaluate("rgExplorer.setLanguage('en')")
    assert page.evaluate(f"rgExplorer.citation({{quote: 'q', report: '{where}', start: 1, end: 2}})").endswith(
        ", 2023-08-02, chars 1\u20132")


def test_inference_notes_are_shown_in_the_language_shown(visit):
    page = visit.page
    edge = page.evaluate("edges.get({filter: e => e.rg.assertion === 'inferred'})[0]")
    page.evaluate(f"rgExplorer.showEdge('{edge['id']}')")
    browser.settled(page)
    assert edge["rg"]["note"] and edge["rg"]["note_zh"]   # the first report gives every reason in both
    note = page.locator(".fact.inferred .note").first
    assert note.inner_text() == "推断依据: " + edge["rg"]["note_zh"]
    page.evaluate("rgExplorer.setLanguage('en')")
    assert page.locator(".fact.inferred .note").first.inner_text() == "Why inferred: " + edge["rg"]["note"]


def test_a_reason_given_in_english_only_is_marked_so_on_the_chinese_page(visit):
    page = visit.page
    edge = page.evaluate("edges.get({filter: e => e.rg.assertion === 'inferred'})[0]")
    page.evaluate(f"edges.update({{id: '{edge['id']}', rg: Object.assign({{}}, edges.get('{edge['id']}').rg, "
                  "{note_zh: ''})}); rgExplorer.showEdge('" + edge["id"] + "')")
    browser.settled(page)
    assert page.locator(".fact.inferred .note").first.inner_text() == (
        "推断依据: " + edge["rg"]["note"] + "(编者原注为英文)")
    assert page.locator(".fact.inferred .note span[lang=en]").first.inner_text() == edge["rg"]["note"]


def test_an_entitys_note_is_in_the_language_shown(visit):
    page = visit.page
    noted = page.evaluate("nodes.get({filter: n => n.rg.note && n.rg.note_zh})[0]")
    page.evaluate(f"rgExplorer.focusNode('{noted['id']}')")
    browser.settled(page)
    assert noted["rg"]["note_zh"] in page.locator("#details dd").all_inner_texts()
    page.evaluate("rgExplorer.setLanguage('en')")
    assert noted["rg"]["note"] in page.locator("#details dd").all_inner_texts()


def test_keyboard_search_results_and_panel(visit):
    page = visit.page
    page.locator("#mynetwork").click(position={"x": 5, "y": 5})
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type("铝")
    first = page.get_attribute("#results li[aria-selected=true]", "data-id")
    page.keyboard.press("ArrowDown")
    second = page.get_attribute("#results li[aria-selected=true]", "data-id")
    assert first and second and first != second
    page.keyboard.press("Enter")
    browser.settled(page)
    assert page.is_visible("#panel") and page.evaluate("network.getSelectedNodes()") in ([second], [])
    page.keyboard.press("Escape")
    assert page.is_hidden("#panel")


def test_the_view_saves_as_png_and_svg(visit):
    page = visit.page
    with page.expect_download() as png:
        page.click("#save-png")
    assert png.value.suggested_filename == "knowledge_graph.png"
    assert open(png.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as svg:
        page.click("#save-svg")
    text = open(svg.value.path(), encoding="utf-8").read()
    assert text.startswith("<svg") and "南海铝协" in text and "<script" not in text


# Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
SIMULATIONS = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def lab(linear):
    """CIE L*a*b* (D65) of a linear RGB triple."""
    r, g, b = (min(max(v, 0.0), 1.0) for v in linear)
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           0.0193 * r + 0.1192 * g + 0.9505 * b)
    f = [(v / w) ** (1 / 3) if v / w > 0.008856 else 7.787 * v / w + 16 / 116 for v, w in zip(xyz, (0.9505, 1.0, 1.089))]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def seen(colour, simulation=None):
    from reportgraph.presentation import rgb

    linear = [(c / 255 / 12.92) if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb(colour)]
    if simulation:
        linear = [sum(m * v for m, v in zip(row, linear)) for row in SIMULATIONS[simulation]]
    return lab(linear)


def test_categories_that_share_a_shape_differ_in_colour_for_colour_blind_readers():
    from itertools import combinations

    from reportgraph.presentation import BORDER, CATEGORIES, contrast

    for a, b in combinations(CATEGORIES.values(), 2):
        if a.shape != b.shape:
            continue   # the shape tells them apart
        for simulation in (None, *SIMULATIONS):
            d = sum((p - q) ** 2 for p, q in zip(seen(a.colour, simulation), seen(b.colour, simulation))) ** 0.5
            assert d >= 15, (a.key, b.key, simulation, round(d, 1))
    assert contrast(BORDER, "#ffffff") >= 4.5   # every node's outline stands out from the page
