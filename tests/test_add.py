"""``add`` and ``draft`` end to end, on a report this test writes (invented, of the genre): the text
copied byte for byte, a draft that passes ``validate`` as it stands, every drafted line marked and
grouped under its sentence, ``validate --strict`` failing until review, drafted facts built as
rg:Drafted, counted by ``reports``, filtered by SPARQL and drawn as unreviewed in Chromium.

The draft's rules are tested in test_draft.py; this file holds invariants any draft must keep."""

import hashlib
import json
import re

import pytest
import yaml
from rdflib import Graph
from rdflib.namespace import PROV, RDF

from helpers import ROOT, cli, copy_project, in_process
from reportgraph import browser
from reportgraph.vocab import RG

NANHAI = "nanhai-aluminium-profile-association"
ID = "hechi_2024"
#: An invented report of the genre (a delegation's visit, a talk, a signing, numbers).
TEXT = ("发布时间：2024年4月12日  来源：河池市有色金属行业协会\n"
        "河池市有色金属行业协会代表团赴南海考察交流\n"
        "4月10日至11日，应佛山市南海区铝型材行业协会邀请，河池市有色金属行业协会会长覃志强率代表团一行25人"
        "赴佛山市南海区考察交流。\n"
        "11日上午，两地协会在南海召开铝产业合作座谈会。座谈会由南海铝协秘书长何丽娟主持。"
        "覃志强介绍了河池市有色金属产业的发展情况：2023年，河池市有色金属产业实现产值约420亿元，"
        "规模以上企业56家。\n"
        "会上，河池市有色金属行业协会与南海铝协签署了战略合作协议。代表团还参观了佛山市恒润铝材有限公司等会员企业。\n")
DRAFTED = (f"reports/{ID}/report.txt", f"reports/{ID}/facts.yaml", f"registry/drafts-{ID}.yaml")


def files(root):
    """``{relative path: sha256}`` of every input and output file of the project ``root``."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """A copy of the project, its files before, and ``add`` of the report (not yet built)."""
    root = copy_project(tmp_path_factory.mktemp("add") / "project")
    source = root.parent / "河池 visit.txt"
    source.write_bytes(TEXT.encode("utf-8"))
    before = files(root)
    result = cli(root, "add", str(source), "--id", ID, "--url", "https://example.org/hechi-2024")
    assert result.returncode == 0, result.stderr
    return root, source, before, result


def test_add_copies_the_text_byte_for_byte_and_writes_only_its_draft(added):
    root, source, before, result = added
    after = files(root)
    changed = {p for p in after if before.get(p) != after[p]} | (set(before) - set(after))
    assert changed == set(DRAFTED)
    assert (root / DRAFTED[0]).read_bytes() == source.read_bytes()
    assert all(f"wrote {p}" in result.stdout.replace(str(root) + "/", "") for p in DRAFTED)
    assert "drafted" in result.stdout and "validate --strict" in result.stdout


def test_every_drafted_line_is_marked_and_grouped_under_its_sentence(added):
    root = added[0]
    facts = yaml.safe_load((root / DRAFTED[1]).read_text(encoding="utf-8"))
    items = [i for section in ("mentions", "relations", "posts", "observations") for i in facts[section]]
    assert items and all(i.get("drafted") for i in items)
    assert facts["relations"] and facts["posts"]
    entries = yaml.safe_load((root / DRAFTED[2]).read_text(encoding="utf-8"))
    assert entries and all(e.get("drafted") for e in entries)
    assert NANHAI not in {e["id"] for e in entries}   # the registry's entity is used, never proposed again
    section = None
    for line in (root / DRAFTED[1]).read_text(encoding="utf-8").split("\n"):
        if re.match(r"^[a-z]+:", line):
            section, sentence = line.split(":")[0], None
        elif section != "report" and line.startswith("  # ") and not line.startswith(("  # rejected", "  # (")):
            sentence = line[4:]
            assert sentence in TEXT
        elif line.startswith("  - "):
            assert sentence is not None, f"an item before any sentence comment: {line}"
            quote = yaml.safe_load(line[4:])["quote"]
            assert quote in sentence or sentence in quote, (quote, sentence)


def test_the_draft_passes_validate_and_strict_names_every_drafted_line(added):
    root = added[0]
    result = cli(root, "validate")
    assert result.returncode == 0, result.stderr
    assert "drafted line(s) not reviewed" in result.stdout
    strict = cli(root, "validate", "--strict")
    assert strict.returncode == 1
    lines = strict.stderr.strip().split("\n")
    assert lines[0].startswith("error: --strict: ")
    assert len(lines) > 1 and all(re.match(rf"^({DRAFTED[1]}|{DRAFTED[2]}):\d+: .* drafted by rule \S+, not reviewed$", line)
                                  for line in lines[1:]), lines[1:5]
    marked = sum(1 for path in DRAFTED[1:] for line in (root / path).read_text(encoding="utf-8").split("\n")
                 if "drafted:" in line and not line.lstrip().startswith("#"))
    assert len(lines) - 1 == marked


def test_a_reviewed_draft_passes_strict(added, tmp_path):
    root = copy_project(tmp_path / "reviewed")
    for path in DRAFTED:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes((added[0] / path).read_bytes())
    for path in DRAFTED[1:]:   # the curator accepts every line as it stands
        text = (root / path).read_text(encoding="utf-8")
        (root / path).write_text(re.sub(r", drafted: [^,}]+(?=})", "", text), encoding="utf-8")
    result = cli(root, "validate", "--strict")
    assert result.returncode == 0, result.stderr
    assert "not reviewed" not in result.stdout


@pytest.fixture(scope="module")
def built(added):
    root = added[0]
    result = cli(root)
    assert result.returncode == 0, result.stderr
    return root, Graph().parse(root / "graph" / "knowledge_graph.nt", format="nt")


def test_drafted_facts_are_built_with_their_rule_and_only_from_the_new_report(built):
    root, g = built
    drafted = set(g.subjects(RG.assertion, RG.Drafted))
    assert drafted
    for node in drafted:
        assert g.value(node, RG.draftRule) is not None
        for span in g.objects(node, PROV.wasDerivedFrom):
            assert f"/report/{ID}/" in str(span)
    for node in set(g.subjects(RG.assertion, None)) - drafted:   # reviewed: stated by an earlier report too
        assert any(f"/report/{ID}/" not in str(s) for s in g.objects(node, PROV.wasDerivedFrom)), node


def test_reports_counts_drafted_facts_and_sparql_filters_them(built):
    root, g = built
    rows = {r["id"]: r for r in json.loads(in_process(root, "reports", "--format", "json").stdout)}
    drafted = set(g.subjects(RG.assertion, RG.Drafted))
    assert rows[ID]["facts"]["drafted"] == len(drafted)
    assert rows[ID]["facts"]["stated"] == 0
    query = ("PREFIX rg: <https://reportgraph.example/ontology#> SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { "
             "?f a rg:Relation . FILTER NOT EXISTS { ?f rg:assertion rg:Drafted } }")
    answer = in_process(root, "query", query, "--format", "json")
    assert answer.returncode == 0, answer.stderr
    reviewed = {n for n in g.subjects(RDF.type, RG.Relation) if n not in drafted}
    assert int(json.loads(answer.stdout)["results"]["bindings"][0]["n"]["value"]) == len(reviewed)


def test_the_explorer_draws_drafted_facts_dotted_and_labels_them_unreviewed(built, chromium):
    root, g = built
    visit = browser.open_page(chromium, root / "graph" / "knowledge_graph.html")
    page = visit.page
    edge = page.evaluate("edges.get({filter: e => e.rg.assertion === 'drafted'})[0]")
    assert edge["dashes"] == [2, 4]
    assert page.evaluate("edges.get({filter: e => e.rg.assertion !== 'drafted' && Array.isArray(e.dashes)}).length") == 0
    page.evaluate(f"rgExplorer.focusNode('{edge['from']}')")
    browser.settled(page)
    badges = page.locator(".fact.drafted .badge").all_inner_texts()
    assert badges and set(badges) == {"待审核"}
    notes = page.locator(".fact.drafted .note").all_inner_texts()   # the rule, as the draft step named it
    assert notes and all(n.startswith("草拟规则: ") and "编者" not in n for n in notes), notes
    page.evaluate("rgExplorer.setLanguage('en')")
    browser.settled(page)
    assert set(page.locator(".fact.drafted .badge").all_inner_texts()) == {"unreviewed"}
    assert all(n.startswith("Drafted by rule: ") for n in page.locator(".fact.drafted .note").all_inner_texts())
    assert visit.errors == [] and visit.blocked == []
    page.close()


def test_adding_a_report_that_exists_is_refused_and_changes_nothing(added):
    root, source = added[0], added[1]
    before = files(root)
    result = cli(root, "add", str(source), "--id", ID)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and f"reports/{ID}" in result.stderr and "exists" in result.stderr
    assert files(root) == before


def test_draft_prints_what_add_wrote_and_a_json_whose_quotes_slice_the_text(added):
    root, source = added[0], added[1]
    fresh = copy_project(root.parent / "fresh")
    before = files(fresh)
    as_yaml = cli(fresh, "draft", str(source), "--id", ID, "--url", "https://example.org/hechi-2024")
    assert as_yaml.returncode == 0, as_yaml.stderr
    facts, _, registry = as_yaml.stdout.partition(f"---\n# registry/drafts-{ID}.yaml\n")
    undated = lambda text: re.sub(r"(?m)^  accessed: .*$", "", text).rstrip("\n")   # noqa: E731 (a day may pass)
    assert undated(facts) == undated((root / DRAFTED[1]).read_text(encoding="utf-8"))
    assert registry.rstrip("\n") == (root / DRAFTED[2]).read_text(encoding="utf-8").rstrip("\n")
    assert files(fresh) == before   # printed, nothing written
    draft = json.loads(cli(fresh, "draft", str(source), "--format", "json").stdout)
    assert draft["report"]["sha256"] == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    spans = [m for e in draft["entities"] for m in e["mentions"]]
    spans += [x for key in ("posts", "relations", "observations") for x in draft[key]]
    assert spans and all(TEXT[x["start"]:x["end"]] == x["quote"] for x in spans)
    nanhai = [e for e in draft["entities"] if e["id"] == NANHAI]
    assert len(nanhai) == 1 and nanhai[0]["new"] is False
    ids = {e["id"] for e in draft["entities"]}
    assert all(r["subject"] in ids and r["object"] in ids for r in draft["relations"])


@pytest.mark.parametrize("content, expected", [
    (None, "cannot read the report text"),
    (b"\xe6\xb2\xb3\xe6\xb1\xa0\n\xff\xfe\n", ":2: the report text is not UTF-8"),
    ("甲\u0001乙".encode("utf-8"), ":1: "),
    (b"\x00\x01\x02\x89PNG\r\n", ":1: "),                       # binary
    (b"", ": the report text is empty"),
    (("铝" * 70 + "。\n") * 25_000, "more than one report"),     # 5 MB
], ids=["missing", "not utf-8", "control character", "binary", "empty", "5 MB"])
def test_a_bad_report_file_is_one_error_naming_it_and_nothing_is_written(tmp_path, content, expected):
    root = copy_project(tmp_path / "project")
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = files(root)
    for command in ("add", "draft"):
        result = cli(root, command, str(path))
        assert result.returncode == 1, result.stdout
        assert result.stderr.startswith(f"error: {path}") and expected in result.stderr
        assert len(result.stderr.strip().split("\n")) == 1
    assert files(root) == before


README_DRAFTING = sorted(set(re.findall(r"`(python build_graph\.py (?:add|draft) <file>[^`]*)`",
                                        (ROOT / "README.md").read_text(encoding="utf-8"))))


@pytest.mark.parametrize("command", README_DRAFTING)
def test_readme_drafting_commands_run_on_a_report(tmp_path, command):
    root = copy_project(tmp_path / "project")
    source = tmp_path / "visit.txt"
    source.write_bytes(TEXT.encode("utf-8"))
    filled = {"<file>": str(source), "<id>": "readme_example", "<url>": "https://example.org/readme"}
    args = [filled.get(word, word) for word in command.split()[2:]]
    result = cli(root, *args)
    assert result.returncode == 0, result.stderr
    assert ("readme_example" in result.stdout) == ("--id" in args)


def test_readme_names_both_drafting_commands():
    assert {c.split()[2] for c in README_DRAFTING} == {"add", "draft"}


def test_a_text_naming_no_entity_gives_an_empty_draft_that_validates(tmp_path):
    root = copy_project(tmp_path / "project")
    path = tmp_path / "weather.txt"
    path.write_text("今天天气晴朗，气温适宜。\n大家心情都很好。\n", encoding="utf-8")
    draft = json.loads(cli(root, "draft", str(path), "--format", "json").stdout)
    assert (draft["entities"], draft["posts"], draft["relations"], draft["observations"]) == ([], [], [], [])
    result = cli(root, "add", str(path), "--id", "weather")
    assert result.returncode == 0, result.stderr
    assert "0 relations, 0 posts, 0 observations drafted" in result.stdout
    assert cli(root, "validate", "--strict").returncode == 0


def test_explain_marks_a_drafted_hop_unreviewed(built):
    root, g = built
    edges = sorted(e for e in g.subjects(RG.assertion, RG.Drafted) if (e, RDF.type, RG.Relation) in g
                   and all("/entity/" in str(g.value(e, p)) for p in (RG.subject, RG.object)))
    names = [str(g.value(edges[0], p)).rsplit("/", 1)[1] for p in (RG.subject, RG.object)]
    zh = in_process(root, "explain", *names)
    en = in_process(root, "explain", *names, "--lang", "en")
    assert zh.returncode == 0 and en.returncode == 0, zh.stderr + en.stderr
    assert "[待审核]" in zh.stdout and "[drafted, unreviewed]" in en.stdout
