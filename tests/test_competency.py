"""The named competency questions of queries/, each with its exact expected answer."""

from decimal import Decimal

import pytest

from helpers import REPORT, ROOT

NANHAI = "佛山市南海区铝型材行业协会"
UNIT, CNY = "http://qudt.org/vocab/unit/", "http://qudt.org/vocab/currency/CNY"
INVITATION = "应百色市人民政府和百色市铝产业协会的邀请,广东(南海)铝加工产业联盟、佛山市南海区铝型材行业协会"
ATTENDED = ("广东(南海)铝加工产业联盟、佛山市南海区铝型材行业协会由产业联盟常务副理事长卢继延率领"
            "近20多位联盟会员企业负责人参加了产业转移对接会议")
EXCHANGES = ATTENDED + "并在对接会后同百色市铝产业协会进行多次联谊交流"

EXPECTED = {
    "organisers-of-docking-activity": [("工业和信息化部",), ("广西壮族自治区人民政府",)],
    "inviters-of-nanhai-delegation": [("百色市人民政府", REPORT), ("百色市铝产业协会", REPORT)],
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
    "delegation-leader": [("卢继延", "广东(南海)铝加工产业联盟常务副理事长", REPORT)],
    "keynotes": [
        ("卢建", "中国铝加工产业运行及焦点分析", "中国有色金属加工工业协会"),
        ("卢建", "中国铝加工产业运行及焦点分析", "中国有色金属加工工业协会铝业部"),
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
        (REPORT, 937, 952, "南海铝协已与之缔结友好协会关系"), (REPORT, 1123, 1143, "作为百色市铝产业协会的友好协会,南海铝协")],
    "docking-activity-place-and-date": [("南宁市", __import__("datetime").date(2023, 7, 30))],
    "report-metadata": [(REPORT, __import__("datetime").date(2023, 8, 2), "网络", 1920, 0)],
    "facts-about-nanhai-association": [
        ("百色市人民政府", "invited", NANHAI, REPORT, 180, 228, INVITATION),
        ("百色市铝产业协会", "invited", NANHAI, REPORT, 180, 228, INVITATION),
        ("2023中国产业转移发展对接活动(广西)", "attendee", NANHAI, REPORT, 201, 269, ATTENDED),
        ("联谊交流", "attendee", NANHAI, REPORT, 201, 292, EXCHANGES),
        ("产业联盟一行人", "delegationOf", NANHAI, REPORT, 201, 244,
         "广东(南海)铝加工产业联盟、佛山市南海区铝型材行业协会由产业联盟常务副理事长卢继延率领"),
        (NANHAI, "exchangedWith", "百色市铝产业协会", REPORT, 201, 292, EXCHANGES),
        (NANHAI, "location", "南海区", REPORT, 215, 228, NANHAI),
        (NANHAI, "friendlyAssociationOf", "百色市铝产业协会", REPORT, 937, 952, "南海铝协已与之缔结友好协会关系"),
        (NANHAI, "designation", "铝产业阵线上的“好兄弟”", REPORT, 1011, 1025, "成为铝产业阵线上的“好兄弟”"),
        (NANHAI, "friendlyAssociationOf", "百色市铝产业协会", REPORT, 1123, 1143, "作为百色市铝产业协会的友好协会,南海铝协")],
    "organisations-within-two-hops-of-miit": [
        ("工业和信息化部相关司局", 1), (NANHAI, 2), ("广东(南海)铝加工产业联盟", 2), ("广西壮族自治区人民政府", 2)],
    "baise-statistics-2022": [
        ("百色市", "工业增加值排名", "第三", Decimal("3"), UNIT + "UNITLESS", "广西壮族自治区"),
        ("百色市", "氧化铝产量", "11.38%", Decimal("11.38"), UNIT + "PERCENT", "中国"),
        ("百色市", "氧化铝产量", "79%", Decimal("79"), UNIT + "PERCENT", "广西壮族自治区"),
        ("百色市", "氧化铝产量", "959.33万吨", Decimal("9593300"), UNIT + "TONNE", None),
        ("百色市", "电解铝产量", "5.24%", Decimal("5.24"), UNIT + "PERCENT", "中国"),
        ("百色市", "电解铝产量", "79.8%", Decimal("79.8"), UNIT + "PERCENT", "广西壮族自治区"),
        ("百色市", "电解铝产量", "172.43万吨", Decimal("1724300"), UNIT + "TONNE", None),
        ("百色市", "铝加工产量", "3.5%", Decimal("3.5"), UNIT + "PERCENT", "中国"),
        ("百色市", "铝加工产量", "78.6", Decimal("78.6"), UNIT + "PERCENT", "广西壮族自治区"),
        ("百色市", "铝加工产量", "206.04万吨", Decimal("2060400"), UNIT + "TONNE", None),
        ("百色市", "铝及配套产业总产值", "1300亿元", Decimal("130000000000"), CNY, None),
        ("百色铝产业", "铝产业总产值", "千亿元", Decimal("100000000000"), CNY, None),
        ("百色铝产业", "铝产业总产值", "1045亿元", Decimal("104500000000"), CNY, None),
        ("百色铝产业", "铝产业总产值", "80%以上", Decimal("80"), UNIT + "PERCENT", "广西壮族自治区")],
    "events-attended-by-nanhai-alliance": [
        ("2023中国产业转移发展对接活动(广西)", "南宁市", __import__("datetime").date(2023, 7, 30)),
        ("联谊交流", None, None)],
    "guangdong-guangxi-links": [
        ("2023中国产业转移发展对接活动(广西)", NANHAI, "广西壮族自治区人民政府"),
        ("2023中国产业转移发展对接活动(广西)", "广东(南海)铝加工产业联盟", "广西壮族自治区人民政府"),
        ("联谊交流", NANHAI, "百色市铝产业协会"),
        ("联谊交流", "广东(南海)铝加工产业联盟", "百色市铝产业协会"),
        ("铝产业阵线上的“好兄弟”", NANHAI, "百色市铝产业协会")],
}


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def store(request, tmp_path_factory):
    """Each store the query command offers, holding the committed graph/."""
    from reportgraph.paths import Paths
    from reportgraph.sparql import open_store

    if request.param == "rdflib":
        return open_store(Paths(ROOT))
    return open_store(Paths(ROOT), f"oxigraph:{tmp_path_factory.mktemp('oxigraph')}")


def answers(store, name):
    query = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    return [tuple(None if v is None else v.toPython() for v in row) for row in store.query(query).rows()]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_competency_question(store, name):
    assert answers(store, name) == EXPECTED[name]


def test_inferred_parts_of_the_aluminium_sub_event(store):
    rows = answers(store, "inferred-parts-of-aluminium-sub-event")
    assert [r[0] for r in rows] == sorted([
        "中国铝加工产业运行及焦点分析", "中国铝行业发展关注要点解析", "何辛幸致欢迎词",
        "现代铝业发展与新产业应用", "葛国科致辞"])
    assert all("会上" in why or "keynotes" in why for _, why, _, _ in rows)
    assert all("会上" in why_zh or "主旨演讲" in why_zh for *_, why_zh in rows)   # the reason in Chinese too
    assert {report for _, _, report, _ in rows} == {REPORT}


def test_every_named_question_is_tested_and_states_itself_in_en_and_zh():
    names = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert len(names) >= 20
    assert set(names) == set(EXPECTED) | {"inferred-parts-of-aluminium-sub-event"}
    for name in names:
        head = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8").splitlines()[:2]
        assert head[0].startswith("# en: ") and head[1].startswith("# zh: "), name
