"""The named competency questions of queries/, each with its exact expected answer."""

from decimal import Decimal

import pytest

from conftest import ROOT

EXPECTED = {
    "organisers-of-docking-activity": [("工业和信息化部",), ("广西壮族自治区人民政府",)],
    "inviters-of-nanhai-delegation": [("百色市人民政府",), ("百色市铝产业协会",)],
    "friendly-association-of-baise-association": [("佛山市南海区铝型材行业协会",)],
    "posts-of-ge-guoke": [("副书记", "百色市委"), ("市长", "百色市人民政府")],
    "units-of-national-associations": [
        ("中国有色金属加工工业协会", "中国有色金属加工工业协会铝业部"),
        ("中国有色金属工业协会", "中国有色金属工业协会轻金属部")],
    "baise-alumina-2022": [
        ("959.33万吨", Decimal("9593300"), "http://qudt.org/vocab/unit/TONNE", None, None),
        ("79%", Decimal("79"), "http://qudt.org/vocab/unit/PERCENT", "全区", None),
        ("11.38%", Decimal("11.38"), "http://qudt.org/vocab/unit/PERCENT", "全国", "approximately")],
    "chain-stage-after-electrolytic-aluminium": [("铝加工",)],
    "industry-chain-in-order": [(1, "铝土矿"), (2, "氧化铝"), (3, "电解铝"), (4, "铝加工"), (5, "再生铝")],
    "delegation-leader": [("卢继延", "广东(南海)铝加工产业联盟常务副理事长")],
    "keynotes": [
        ("卢建", "中国铝加工产业运行及焦点分析", "中国有色金属加工工业协会 / 中国有色金属加工工业协会铝业部"),
        ("莫欣达", "中国铝行业发展关注要点解析", "中国有色金属工业协会轻金属部"),
        ("蔡奇峰", "现代铝业发展与新产业应用", "阿拉丁资本管理有限公司")],
    "heads-of-organisations": [
        ("卢建", "中国有色金属加工工业协会铝业部"), ("联盟会员企业负责人", "联盟会员企业"),
        ("葛国科", "百色市人民政府"), ("蔡奇峰", "阿拉丁资本管理有限公司")],
    "approximate-national-shares": [("氧化铝产量", "11.38%"), ("电解铝产量", "5.24%"), ("铝加工产量", "3.5%")],
    "designations-of-baise": [
        ("全国生态型铝产业示范基地",), ("全国首个地级全域覆盖的沿边重点开发开放试验区",),
        ("我国面向东盟开放合作的前沿和窗口",)],
    "quotes-for-friendly-association": [
        (937, 952, "南海铝协已与之缔结友好协会关系"), (1123, 1143, "作为百色市铝产业协会的友好协会,南海铝协")],
    "docking-activity-place-and-date": [("南宁市", __import__("datetime").date(2023, 7, 30))],
    "report-metadata": [(__import__("datetime").date(2023, 8, 2), "网络", 1920, 0)],
}


def answers(graph, name):
    query = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    return [tuple(None if v is None else v.toPython() for v in row) for row in graph.query(query)]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_competency_question(graph, name):
    assert answers(graph, name) == EXPECTED[name]


def test_inferred_parts_of_the_aluminium_sub_event(graph):
    rows = answers(graph, "inferred-parts-of-aluminium-sub-event")
    assert [r[0] for r in rows] == sorted([
        "中国铝加工产业运行及焦点分析", "中国铝行业发展关注要点解析", "何辛幸致欢迎词",
        "现代铝业发展与新产业应用", "葛国科致辞"])
    assert all("会上" in why or "keynotes" in why for _, why in rows)


def test_every_named_question_is_tested_and_states_itself_in_en_and_zh():
    names = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert set(names) == set(EXPECTED) | {"inferred-parts-of-aluminium-sub-event"}
    for name in names:
        head = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8").splitlines()[:2]
        assert head[0].startswith("# en: ") and head[1].startswith("# zh: "), name
