"""How the views show the projection: each category's names, colour and shape, and every word
of the explorer's interface, in Chinese and English.

The explorer (:mod:`reportgraph.explorer`) and the GEXF file (:mod:`reportgraph.graphfiles`)
read these tables; the explorer's page gets them as data, so its script and template hold no
wording of their own. Which entity types make up a category is the projection's business
(:data:`reportgraph.project.CATEGORY_TYPES`); this module only says how each one looks.

>>> CATEGORIES["person"].colour, CATEGORIES["person"].symbol
('#2ca02c', '◆')
>>> INTERFACE["fit"].en
'Fit'
"""

from typing import NamedTuple

#: The legend's symbol of each vis-network shape.
SYMBOLS = {"dot": "●", "square": "■", "diamond": "◆", "triangle": "▲", "star": "★", "hexagon": "⬢",
           "triangleDown": "▼", "box": "▬"}


class Category(NamedTuple):
    """How nodes of one category are named, coloured and drawn."""

    key: str
    zh: str
    en: str
    colour: str   # "#rrggbb"
    shape: str    # a vis-network node shape

    @property
    def symbol(self) -> str:
        """The character that stands for :attr:`shape` in the legend."""
        return SYMBOLS.get(self.shape, "●")


#: The categories in the legend's order; ``statistic`` is the category of observations.
CATEGORIES = {c.key: c for c in (
    Category("government", "政府与党政机构", "government and party bodies", "#d62728", "dot"),
    Category("association", "协会与联盟", "associations and alliances", "#1f77b4", "dot"),
    Category("company", "企业", "companies", "#8c564b", "dot"),
    Category("organization", "其他组织", "other organisations", "#7f7f7f", "dot"),
    Category("unit", "内设机构", "organisational units", "#ff9896", "square"),
    Category("group", "群体与代表团", "groups and delegations", "#aec7e8", "square"),
    Category("person", "人物", "people", "#2ca02c", "diamond"),
    Category("event", "活动", "events", "#ff7f0e", "triangle"),
    Category("agreement", "协议", "agreements", "#dbdb8d", "square"),
    Category("place", "地点", "places", "#9467bd", "star"),
    Category("industry", "产业与产业链", "industries and chains", "#17becf", "hexagon"),
    Category("stage", "产业链环节", "chain stages", "#bcbd22", "hexagon"),
    Category("concept", "概念", "concepts", "#c7c7c7", "triangleDown"),
    Category("statistic", "统计数据", "statistics", "#e377c2", "square"),
)}

#: Colours of the communities (reportgraph.analysis) when the explorer colours by community,
#: in turn; nodes outside the actor graph are :data:`NO_COMMUNITY`.
COMMUNITY_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                     "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39")
NO_COMMUNITY = "#dddddd"


def rgb(colour: str) -> tuple[int, int, int]:
    """The red, green and blue of a ``#rrggbb`` colour.

    >>> rgb("#d62728")
    (214, 39, 40)
    """
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return r, g, b


class Words(NamedTuple):
    """One piece of the interface in Chinese and English."""

    zh: str
    en: str


#: Every word of the explorer's interface. The page shows ``{n}`` as a number; an element of
#: the template names its words by key (``data-ui="fit"``, ``data-ui-placeholder="search"``).
INTERFACE = {
    # the bar, the legend and the path form of the template
    "search": Words("搜索:中文名、英文名或简称(如 南海铝协、MIIT)",
                    "Search: Chinese or English name, or alias (南海铝协, MIIT …)"),
    "linkMode": Words("关联路径", "How are these linked?"),
    "fit": Words("全图", "Fit"),
    "colourByCommunity": Words("按社群着色", "Colour by community"),
    "otherLanguage": Words("English", "中文"),
    "entityTypes": Words("实体类型(图例)", "Entity types (legend)"),
    "relationTypes": Words("关系类型", "Relation types"),
    "dashedHint": Words("虚线:编者推断的关系;实线:原文陈述。",
                        "Dashed: inferred by the curator; solid: stated in the text."),
    "linkQuestion": Words("这两者如何关联?", "How are these linked?"),
    "from": Words("从", "From"),
    "to": Words("到", "To"),
    "findPath": Words("查找最短路径", "Find the shortest path"),
    # the counts, the search results and the side panel
    "nodes": Words("节点", "nodes"), "edges": Words("条边", "edges"),
    "type": Words("类型", "Type"), "aliases": Words("别称", "Aliases"),
    "searchTerms": Words("检索词", "Search terms"), "iri": Words("IRI", "IRI"),
    "note": Words("编者注", "Curator's note"), "facts": Words("相关事实", "Facts"),
    "attributes": Words("属性", "Attributes"), "mentions": Words("原文提及", "Mentions in the report"),
    "mentioned": Words("在 {k} 篇报告中被提及 {n} 次", "named {n} time(s) in {k} report(s)"),
    "showMentions": Words("在原文中标出", "highlight in the report"),
    "showText": Words("原文", "show in text"), "inferred": Words("推断", "inferred"),
    "chars": Words("字符", "chars"), "report": Words("报告", "Report"),
    "relation": Words("关系", "Relation"), "statistic": Words("统计数据", "Statistic"),
    "value": Words("数值", "Value"), "unit": Words("单位", "Unit"), "raw": Words("原文写法", "As written"),
    "year": Words("年份", "Year"), "qualifiers": Words("限定词", "Qualifiers"),
    "denominator": Words("占比基数", "Share of"), "defect": Words("原文缺陷", "Defect in the text"),
    "context": Words("场合", "At"), "heads": Words("(负责人)", " (heads it)"),
    "noMatch": Words("未找到:", "No entity matches: "),
    "searchNone": Words("无匹配", "No match"), "didYouMean": Words("您是不是要找:", "Did you mean:"),
    "noPath": Words("在当前显示的关系中,两者之间没有路径。", "No path links them through the relations shown."),
    "pathOf": Words("最短关联路径:{n} 步", "Shortest linkage path: {n} hop(s)"),
    "same": Words("起点与终点相同。", "Both ends are the same entity."),
    "noFacts": Words("(无)", "(none)"),
    # the report text, and names that several entities share
    "issued": Words("发布", "Issued"), "source": Words("来源", "Source"),
    "otherReports": Words("所在报告({n} 篇):", "In {n} reports:"),
    "reports": Words("报告", "reports"), "more": Words("等 {n} 篇", "and {n} more"),
    "ambiguous": Words("{n} 个实体同名,请选择:", "{n} entities have this name; choose one:"),
    "ambiguousName": Words("多个实体同名,请选择:", "Several entities have this name; choose one:"),
}
