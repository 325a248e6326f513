"""A draft written as files (reportgraph.draftfile, .draftcheck), from a draft made by hand here:
the registry's entities keep their ids, roles come from the titles table, a line the build would
reject becomes a comment with the reason, and the result loads."""

import hashlib

import yaml

from helpers import ROOT, copy_project
from reportgraph import draftfile
from reportgraph.load import load_corpus

TEXT = ("发布时间：2024/05/10\n甲市铝业协会代表团赴南海考察\n"
        "5月9日，甲市铝业协会会长王大明率代表团到访佛山市南海区铝型材行业协会。南海铝协秘书长李小红主持座谈会。\n")
NANHAI = "nanhai-aluminium-profile-association"


def at(quote, rule=None, **more):
    start = TEXT.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote), **({"rule": rule} if rule else {}), **more}


def entity(ident, type_, zh, new=True, mentions=()):
    return {"id": ident, "new": new, "type": type_, "zh": zh, "aliases_zh": [], "rule": "name",
            "mentions": [at(m) for m in mentions]}


def draft():
    return {"report": {"sha256": hashlib.sha256(TEXT.encode()).hexdigest(), "issued": "2024-05-10",
                       "title": "甲市铝业协会代表团赴南海考察"},
            "entities": [entity("o1", "IndustryAssociation", "甲市铝业协会"), entity("p1", "Person", "王大明"),
                         entity("p2", "Person", "李小红"), entity("e1", "Meeting", "座谈会"),
                         entity(NANHAI, "IndustryAssociation", "佛山市南海区铝型材行业协会", False, ["南海铝协"])],
            "posts": [at("甲市铝业协会会长王大明", "org-title-name", person="p1", role="会长", organization="o1"),
                      at("南海铝协秘书长李小红", "org-title-name", person="p2", role="秘书长", organization=NANHAI),
                      at("王大明", "title-name", person="p1", role="会长", organization="p2")],   # not an organisation
            "relations": [at("李小红主持座谈会", "chair", subject="p2", relation="chairs", object="e1")],
            "observations": []}


def test_a_rendered_draft_loads_with_its_rejected_line_kept_as_a_comment(tmp_path):
    root = copy_project(tmp_path / "project")
    entities, _ = draftfile.registry(root)
    rendered = draftfile.checked(draftfile.render(draft(), TEXT, "jia_2024", entities), TEXT, root)
    assert len(rendered.rejected) == 1 and "organization" in rendered.rejected[0]
    rejected = [line for line in rendered.facts.split("\n") if line.lstrip().startswith("# rejected")]
    assert len(rejected) == 1 and "王大明" in rejected[0] and "p2" not in rejected[0]
    facts = yaml.safe_load(rendered.facts)
    assert facts["report"]["issued"] == {"value": "2024-05-10", "quote": "2024/05/10", "drafted": "dateline"}
    assert facts["report"]["title"] == {"quote": "甲市铝业协会代表团赴南海考察", "drafted": "headline"}
    assert [p["role"] for p in facts["posts"]] == ["president", "secretary-general"]
    assert facts["posts"][1]["organization"] == NANHAI
    assert facts["mentions"] == [{"entity": NANHAI, "quote": "南海铝协", "drafted": "name"}]
    entries = {e["id"]: e for e in yaml.safe_load(rendered.registry)}
    assert entries["president"] == {"id": "president", "type": "Role", "zh": "会长", "en": "President",
                                     "heads": True, "drafted": "title"}
    assert NANHAI not in entries and {"jia-2024-person-1", "jia-2024-person-2"} <= set(entries)
    (root / "reports" / "jia_2024").mkdir()
    (root / "reports" / "jia_2024" / "report.txt").write_text(TEXT, encoding="utf-8")
    (root / "reports" / "jia_2024" / "facts.yaml").write_text(rendered.facts, encoding="utf-8")
    (root / "registry" / "drafts-jia_2024.yaml").write_text(rendered.registry, encoding="utf-8")
    report = [r for r in load_corpus(root).reports if r.id == "jia_2024"][0]
    assert len(report.posts) == 2 and all(p.drafted == "org-title-name" for p in report.posts)
    assert [s.drafted for s in report.statements if s.key == "chairs"] == ["chair"]


def test_sentences_split_where_chinese_ends_them():
    text = "一、总体情况\n全年产值增长。其中：“甲”！乙？丙；丁"
    assert [text[s:e] for s, e in draftfile.sentences(text)] == ["一、总体情况", "全年产值增长。", "其中：“甲”！",
                                                                 "乙？", "丙；", "丁"]


def test_the_titles_table_names_each_title_once_with_english():
    rows = yaml.safe_load(draftfile.TITLES_FILE.read_text(encoding="utf-8"))
    assert len({r["zh"] for r in rows}) == len(rows) == len({r["id"] for r in rows})
    assert all(r["en"] and r["id"].replace("-", "").isalnum() for r in rows)
    registry = {e.zh: e.id for e in load_corpus(ROOT).entities.values() if e.type == "Role"}
    clashes = {r["zh"] for r in rows if r["id"] in registry.values() and registry.get(r["zh"]) != r["id"]}
    assert not clashes   # an id the registry gives another title would be refused as a duplicate


def test_a_draft_breaking_a_shape_on_a_registry_entity_loses_the_lines_about_it_not_the_report(tmp_path):
    """Two start dates drafted for an event of the registry (an event has one): the lines giving them
    are rejected, with the shape's reason, and the rest of the draft stays."""
    root = copy_project(tmp_path / "project")
    entities, _ = draftfile.registry(root)
    event = "docking-activity-2023"
    made = draft()
    made["entities"].append(entity(event, "Event", entities[event].zh, False))
    made["relations"] += [at("5月9日", "date", subject=event, relation="startDate", value="2024-05-09"),
                          at("2024/05/10", "date", subject=event, relation="startDate", value="2024-05-10")]
    rendered = draftfile.checked(draftfile.render(made, TEXT, "jia_2024", entities), TEXT, root)
    rejected = [line for line in rendered.facts.split("\n") if line.lstrip().startswith("# rejected")]
    assert sum("startDate" in line and "schema:startDate" in line for line in rejected) == 2, rejected
    assert yaml.safe_load(rendered.facts)["relations"] == [
        {"subject": "jia-2024-person-2", "relation": "chairs", "object": "jia-2024-meeting-1",
         "quote": "李小红主持座谈会", "drafted": "chair"}]
