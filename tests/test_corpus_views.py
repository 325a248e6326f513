"""Every view names the report of what it shows, on the eight reports of the development corpus
(the first report and tests/fixtures/devset, built once for the module): ``reports``, the named
questions, ``explain``, names that several entities share, and the explorer in Chromium."""

import json
import re

import pytest
import yaml
from rdflib import Graph
from rdflib.namespace import DCTERMS, PROV, RDF

from helpers import DEVSET, REPORT, ask_path, in_process
from reportgraph import analysis, browser, lookup, queries, reports
from reportgraph.paths import Paths
from reportgraph.sparql import open_store
from reportgraph.vocab import OA, RG, SCHEMA, URL

NANHAI = "nanhai-aluminium-profile-association"
IDS = sorted([REPORT, *(p.name for p in (DEVSET / "reports").iterdir())])
#: The named questions that list facts, and so name the report of each.
FACT_QUESTIONS = {"facts-about-nanhai-association", "quotes-for-friendly-association", "inviters-of-nanhai-delegation",
                  "delegation-leader", "inferred-parts-of-aluminium-sub-event", "report-metadata"}


@pytest.fixture(scope="module")
def corpus(devset_built):
    """The project of eight reports, built (its graph in ``graph/``)."""
    return devset_built


@pytest.fixture(scope="module")
def texts(corpus):
    return {r: (corpus / "reports" / r / "report.txt").read_text(encoding="utf-8") for r in IDS}


@pytest.fixture(scope="module")
def named(graph):
    """How the explorer names each report in its lists: "title (id)", or the id of a report with no title."""
    titles = {str(graph.value(r, DCTERMS.identifier)): str(title) for r, title in graph.subject_objects(DCTERMS.title)}
    return {r: f"{titles[r]} ({r})" if r in titles else r for r in IDS}


@pytest.fixture(scope="module")
def graph(corpus):
    return Graph().parse(corpus / "graph" / "knowledge_graph.nt", format="nt")


def expected_summaries(g):
    """What ``reports`` must say of each report, counted here with rdflib's triple patterns."""
    out = {}
    named = {}
    for node in g.subjects(RDF.type, SCHEMA.NewsArticle):
        rid = str(g.value(node, DCTERMS.identifier))
        facts = {"stated": 0, "inferred": 0, "drafted": 0}
        for fact, assertion in g.subject_objects(RG.assertion):
            if any(g.value(m, OA.hasSource) == node for m in g.objects(fact, PROV.wasDerivedFrom)):
                key = str(assertion).rsplit("#", 1)[1].lower()
                facts[key] = facts.get(key, 0) + 1
        named[rid] = set(g.objects(node, SCHEMA.mentions))
        source = g.value(node, URL) or g.value(node, DCTERMS.publisher) or g.value(node, DCTERMS.source)
        out[rid] = {"id": rid, "title": str(g.value(node, DCTERMS.title) or ""),
                    "date": str(g.value(node, DCTERMS.issued) or ""), "source": str(source or ""),
                    "facts": facts, "entities": len(named[rid])}
    for rid, data in out.items():
        shared = [(other, len(named[rid] & named[other])) for other in out if other != rid]
        data["shared"] = [{"report": o, "entities": n} for o, n in sorted(shared, key=lambda s: (-s[1], s[0])) if n]
    return [out[r] for r in sorted(out)]


def test_reports_lists_every_report_with_its_counts(corpus, graph):
    expected = expected_summaries(graph)
    result = in_process(corpus, "reports", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected
    assert [r["id"] for r in expected] == IDS and all(r["facts"]["stated"] > 0 for r in expected)
    seed, visit = expected[0], expected[1]
    assert (seed["title"], seed["date"], seed["source"]) == ("", "2023-08-02", "网络")   # no title, no URL
    assert (visit["date"], visit["source"]) == ("2019-10-24", "https://example.org/devset/dev_01_visit.html")
    assert visit["shared"][0] == {"report": REPORT, "entities": seed["shared"][0]["entities"]}

    table = in_process(corpus, "reports").stdout.splitlines()
    assert table[0].split()[:8] == ["report", "date", "title", "source", "stated", "inferred", "drafted", "entities"]
    assert table[-1] == "(8 reports)" and len(table) == 2 + 8 + 1
    for line, r in zip(table[2:], expected):
        f = r["facts"]
        assert line.startswith(r["id"]) and r["date"] in line and r["title"] in line
        assert f" {f['stated']}  " in line and f" {f['inferred']}  " in line and f" {r['entities']}  " in line
        top = ", ".join(f"{s['report']} ({s['entities']})" for s in r["shared"][:reports.SHOWN_SHARED])
        assert top in line


def test_reports_counts_any_assertion_the_graph_holds(corpus, tmp_path):
    """A third status (rg:Drafted) and one nobody planned are counted, in columns of their own."""
    lines = (corpus / "graph" / "knowledge_graph.nt").read_text(encoding="utf-8").splitlines()
    stated = f"<{RG.assertion}> <{RG.Stated}> ."
    facts = [line for line in lines if line.endswith(stated) and "/relation/" in line]
    changed = {facts[0]: facts[0].replace(str(RG.Stated), str(RG.Drafted)),
               facts[1]: facts[1].replace(str(RG.Stated), str(RG.Disputed))}
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "knowledge_graph.nt").write_text(
        "\n".join(changed.get(line, line) for line in lines) + "\n", encoding="utf-8")
    before = {r.id: r.facts for r in reports.summaries(Paths(corpus))}
    after = {r.id: r.facts for r in reports.summaries(Paths(tmp_path, "g"))}
    assert sum(r["drafted"] for r in after.values()) >= 1 and sum(r.get("disputed", 0) for r in after.values()) >= 1
    assert all(sum(after[r].values()) == sum(before[r].values()) for r in IDS)
    assert "disputed" in reports.as_table(reports.summaries(Paths(tmp_path, "g"))).splitlines()[0]


@pytest.fixture(scope="module")
def answers(corpus):
    store = open_store(Paths(corpus))
    return {q.name: store.query(q.text).result for q in queries.questions(corpus).values()}


def rows_of(result):
    return [{str(v): row.get(v) for v in result.vars} for row in result.bindings]


def test_every_named_question_runs_on_the_corpus(answers):
    assert len(answers) >= 20
    for name, result in answers.items():
        assert result.bindings, f"{name}: no rows on the corpus"
        names = [str(v) for v in result.vars]
        if name in FACT_QUESTIONS or {"quote", "start", "end"} & set(names):
            assert "report" in names, f"{name} lists facts without their report"
            assert {str(row["report"]) for row in rows_of(result)} <= set(IDS), name


def test_every_quote_of_every_answer_is_its_reports_text_at_its_offsets(answers, texts):
    checked = 0
    for name, result in answers.items():
        for row in rows_of(result):
            if row.get("quote") is not None:
                start, end = int(row["start"]), int(row["end"])
                assert texts[str(row["report"])][start:end] == str(row["quote"]), (name, row)
                checked += 1
    assert checked >= 17


def test_questions_stay_on_their_subject_across_reports(answers):
    table = {name: [tuple(str(v) for v in row) for row in result] for name, result in answers.items()}
    assert table["inviters-of-nanhai-delegation"] == [("百色市人民政府", REPORT), ("百色市铝产业协会", REPORT)]
    leaders = table["delegation-leader"]
    assert len(leaders) == len(set(leaders)) and {(r[0], r[2]) for r in leaders} == {
        ("卢继延", REPORT), ("黄志坚", "dev_01_visit")}
    assert [r[0] for r in table["report-metadata"]] == IDS
    friendly = table["quotes-for-friendly-association"]
    assert {r[0] for r in friendly} == {REPORT, "dev_01_visit"}


QUOTE = re.compile(r"^ {6}“(.*)” \((\S+), chars (\d+)–(\d+)\)$")


def test_explain_names_the_report_of_every_quote(corpus, texts):
    result = in_process(corpus, "explain", "黄志坚", "MIIT")
    assert result.returncode == 0, result.stderr
    quoted = [QUOTE.match(line).groups() for line in result.stdout.splitlines() if QUOTE.match(line)]
    assert {report for _, report, _, _ in quoted} == {"dev_01_visit", REPORT}
    for quote, report, start, end in quoted:
        assert texts[report][int(start):int(end)] == quote
    paths = json.loads(in_process(corpus, "explain", "黄志坚", "MIIT", "--format", "json").stdout)
    for hop in (h for p in paths for h in p):
        assert hop["evidence"][0]["report"] == hop["report"]
        assert all(texts[s["report"]][s["start"]:s["end"]] == s["quote"] for s in hop["evidence"])


def test_a_fact_stated_in_two_reports_gives_every_quote(corpus, texts):
    lines = in_process(corpus, "explain", NANHAI, "baise-aluminium-association").stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "—友好协会→" in line)
    quoted = []
    for line in lines[at + 1:]:
        if not QUOTE.match(line):
            break
        quoted.append(QUOTE.match(line).groups())
    assert [(r, int(s)) for _, r, s, _ in quoted] == [(REPORT, 937), (REPORT, 1123), ("dev_01_visit", 1269)]
    assert all(texts[r][int(s):int(e)] == q for q, r, s, e in quoted)


@pytest.mark.parametrize("name, ids", [("市政府", ["chuzhou-government", "yingtan-government"]),
                                       ("考察团", ["nanhai-delegation-2019", "xiangtan-delegation-2023"])])
def test_a_shared_name_is_an_error_listing_every_candidate(corpus, name, ids):
    result = in_process(corpus, "explain", name, "MIIT")
    assert result.returncode == 1 and result.stdout == ""
    line, = result.stderr.splitlines()
    assert line.startswith(f"error: '{name}' could be any of {len(ids)} entities: ") and "give the id" in line
    G = analysis.read_network(Paths(corpus))
    for node in ids:
        assert f"({node}, {G.nodes[node]['type']}, named in {', '.join(lookup.reports_of(G, node))})" in line
    assert in_process(corpus, "explain", ids[0], "MIIT").returncode == 0   # an id chooses


# --- the explorer, in Chromium ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def explorer(chromium, corpus):
    """The eight-report explorer, opened once for the module (3 to 4 s each time under the suite's load)."""
    v = browser.open_page(chromium, corpus / "graph" / "knowledge_graph.html")
    yield v
    v.page.close()


@pytest.fixture
def visit(explorer):
    """The explorer as a reader finds it: its panel closed (and the report text, the path form in it), an empty
    search; no error, console error or request off the page during the test."""
    page = explorer.page
    if page.is_visible("#panel"):
        page.click("#close")
    page.fill("#search", "")
    browser.settled(page)
    assert page.is_hidden("#panel") and page.is_hidden("#results")
    yield explorer
    assert explorer.errors == [] and explorer.blocked == []
    assert [m for m in explorer.console if m[0] == "error"] == []


def test_search_lists_every_entity_a_name_is_shared_by(visit):
    page = visit.page
    page.fill("#search", "市政府")
    rows = page.evaluate("""Array.from(document.querySelectorAll('#results li'))
        .map(li => [li.getAttribute('data-id'), li.textContent])""")
    assert rows[0] == [None, "2 个实体同名,请选择:"]
    assert [r[0] for r in rows[1:]] == ["chuzhou-government", "yingtan-government"]
    assert rows[1][1].endswith("政府机关 · 报告 dev_05_government_meeting")
    assert rows[2][1].endswith("政府机关 · 报告 dev_03_signing")
    page.press("#search", "Enter")   # no guess is taken for the reader
    assert page.is_hidden("#panel")
    page.press("#search", "ArrowDown")
    page.press("#search", "Enter")
    browser.settled(page)
    assert page.inner_text("#details h2") == "滁州市人民政府"


def test_the_path_form_lists_the_entities_of_a_shared_name(visit):
    page = visit.page
    ask_path(page, "考察团", "MIIT")
    items = page.locator("#details ul.candidates li")
    assert items.evaluate_all("lis => lis.map(li => li.getAttribute('data-id'))") == [
        "nanhai-delegation-2019", "xiangtan-delegation-2023"]
    assert "dev_07_chamber_visit" in items.nth(1).inner_text()
    assert page.locator("#hops").count() == 0


def test_mentions_are_marked_in_every_report_that_names_the_entity(visit, corpus, texts, named):
    page = visit.page
    G = analysis.read_network(Paths(corpus))
    mentions = {}
    for m in G.nodes[NANHAI]["mentions"]:
        mentions.setdefault(m["report"], []).append((m["start"], m["end"]))
    assert sorted(mentions) == [REPORT, "dev_01_visit"]
    page.evaluate(f"rgExplorer.focusNode('{NANHAI}')")
    page.click("button[data-mentions]")
    options = page.locator("#report-choice option").all_inner_texts()
    assert options == [f"{named[r]} ({len(spans)})" for r, spans in sorted(mentions.items())]
    for i, report in enumerate(sorted(mentions)):
        page.select_option("#report-choice", str(i))
        assert page.get_attribute("#report", "data-report") == report
        assert report in page.inner_text("#report-title")
        marks = page.locator("#report-text mark.mention")
        spans = marks.evaluate_all("ms => ms.map(m => [+m.dataset.start, +m.dataset.end, m.textContent])")
        assert [(s, e) for s, e, _ in spans] == sorted(mentions[report])
        assert all(texts[report][s:e] == text for s, e, text in spans)
        assert page.inner_text("#report-text") == texts[report]


def test_a_quote_opens_its_own_report_and_the_fact_names_every_report(visit, texts, named):
    page = visit.page
    page.evaluate(f"rgExplorer.focusNode('{NANHAI}')")
    fact = page.locator(".fact", has_text="友好协会").first
    wheres = fact.locator(".where")
    assert sorted(set(wheres.evaluate_all("ws => ws.map(w => w.dataset.report)"))) == [REPORT, "dev_01_visit"]
    for i in range(wheres.count()):
        report = wheres.nth(i).get_attribute("data-report")
        assert report in wheres.nth(i).inner_text()
    quotes = fact.locator("blockquote").all_inner_texts()
    last = wheres.count() - 1
    wheres.nth(last).locator("button").click()   # the quote of the devset report
    assert page.get_attribute("#report", "data-report") == "dev_01_visit"
    mark = page.locator("#report-text mark.current")
    start, end = int(mark.get_attribute("data-start")), int(mark.get_attribute("data-end"))
    assert texts["dev_01_visit"][start:end] == mark.inner_text() == quotes[last]
    assert page.locator("#report-choice option").all_inner_texts() == [f"{named[REPORT]} (2)", f"{named['dev_01_visit']} (1)"]
    page.select_option("#report-choice", "0")   # the same fact, in the first report: both its quotes
    marks = page.locator("#report-text mark").evaluate_all("ms => ms.map(m => m.textContent)")
    assert marks == quotes[:last]
    assert "2023-08-02" in page.inner_text("#report-meta")


def test_a_post_won_at_a_meeting_links_its_holder_to_the_meeting_with_the_quote(corpus, texts):
    from reportgraph.analysis import read_network

    G = read_network(Paths(corpus))
    elected = [(u, v, d) for u, v, d in G.edges(data=True) if d["predicate"] == str(RG.electedAt)]
    facts = {}
    for report in IDS:
        path = corpus / "reports" / report / "facts.yaml"
        for post in (yaml.safe_load(path.read_text(encoding="utf-8")).get("posts") or []):
            if post.get("how") == "elected":
                facts.setdefault((post["person"], post["event"]), []).append(report)
    assert facts and {(u, v) for u, v, _ in elected} == set(facts)
    for u, v, d in elected:
        assert d["report"] in facts[(u, v)] and texts[d["report"]][d["start"]:d["end"]] == d["quote"]
