"""The explorer's search says when nothing matches, and offers the nearest names (headless Chromium)."""

import pytest

from helpers import ROOT
from reportgraph import analysis, browser, explorer
from reportgraph.paths import Paths

NANHAI = "nanhai-aluminium-profile-association"


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    """The explorer page made now from the templates (the committed page may predate them)."""
    path = tmp_path_factory.mktemp("explorer") / "knowledge_graph.html"
    path.write_text(explorer.build_html(analysis.read_network(Paths(ROOT))), encoding="utf-8")
    return path


@pytest.fixture
def visit(chromium, page_file):
    v = browser.open_page(chromium, page_file)
    yield v
    v.page.close()


def shown(page):
    """The result list as (data-id or None, text) pairs, if it is visible."""
    if page.is_hidden("#results"):
        return []
    return page.evaluate("""Array.from(document.querySelectorAll('#results li'))
        .map(li => [li.getAttribute('data-id'), li.textContent])""")


def test_a_misspelt_name_says_no_match_and_offers_the_nearest_names(visit):
    page = visit.page
    page.fill("#search", "南海铝会")   # 南海铝协, one character off
    rows = shown(page)
    assert rows[0] == [None, "无匹配 · 您是不是要找:"]
    assert rows[1][0] == NANHAI and "南海铝协" in rows[1][1]
    assert all(i for i, _ in rows[1:]) and 1 < len(rows) <= 6
    page.press("#search", "Enter")   # a guess is never taken for the reader
    assert page.is_hidden("#panel") or page.inner_text("#details") == ""

    page.click("#lang")               # the message follows the language switch
    page.click("#search")
    rows = shown(page)
    assert rows[0] == [None, "No match · Did you mean:"]
    assert rows[1][0] == NANHAI and "南海铝协" in rows[1][1]

    page.click(f"#results li[data-id='{NANHAI}']")   # a suggestion is a result like any other
    browser.settled(page)
    assert page.evaluate("network.getSelectedNodes()") == [NANHAI]
    assert page.inner_text("#details h2") == "Foshan Nanhai District Aluminium Profile Industry Association"
    assert visit.errors == [] and visit.blocked == []
    assert [m for m in visit.console if m[0] == "error"] == []


def test_nonsense_says_no_match_without_suggestions_and_keys_still_work(visit):
    page = visit.page
    page.fill("#search", "qqqqqqqqqqqq")
    assert shown(page) == [[None, "无匹配"]]
    page.fill("#search", "MIIIT")    # MIIT, one letter too many
    rows = shown(page)
    assert rows[0][0] is None and [i for i, _ in rows[1:]][0] == "miit"
    page.press("#search", "ArrowDown")
    page.press("#search", "Enter")
    browser.settled(page)
    assert page.inner_text("#details h2") == "工业和信息化部"
    page.fill("#search", "")
    assert shown(page) == []
    assert visit.errors == [] and visit.blocked == []
