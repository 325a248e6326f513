"""How the views show the projection: each category's names, colour and shape, and every word
of the explorer's interface, in Chinese and English.

The explorer (:mod:`reportgraph.explorer`) and the GEXF file (:mod:`reportgraph.graphfiles`)
read these tables; the explorer's page gets them as data, so its script and template hold no
wording of their own. Which entity types make up a category is the projection's business
(:data:`reportgraph.attributes.CATEGORY_TYPES`); this module only says how each one looks.

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


#: The categories in the legend's order; ``statistic`` is the category of observations. Colours are
#: from Okabe and Ito's and Paul Tol's colour-blind-safe palettes; categories that share a shape
#: differ in colour for every common colour vision (tests/test_explorer_firstview.py checks), and
#: every node has a dark border (:data:`BORDER`), so light colours stand out from the white page.
CATEGORIES = {c.key: c for c in (
    Category("government", "政府与党政机构", "government and party bodies", "#d55e00", "dot"),
    Category("association", "协会与联盟", "associations and alliances", "#0072b2", "dot"),
    Category("company", "企业", "companies", "#882255", "dot"),
    Category("organization", "其他组织", "other organisations", "#999999", "dot"),
    Category("unit", "内设机构", "organisational units", "#cc79a7", "square"),
    Category("group", "群体与代表团", "groups and delegations", "#56b4e9", "square"),
    Category("person", "人物", "people", "#2ca02c", "diamond"),
    Category("event", "活动", "events", "#e69f00", "triangle"),
    Category("agreement", "协议", "agreements", "#f0e442", "square"),
    Category("place", "地点", "places", "#9467bd", "star"),
    Category("industry", "产业与产业链", "industries and chains", "#009e73", "hexagon"),
    Category("stage", "产业链环节", "chain stages", "#ddcc77", "hexagon"),
    Category("concept", "概念", "concepts", "#c7c7c7", "triangleDown"),
    Category("statistic", "统计数据", "statistics", "#332288", "square"),
)}

#: The categories that describe an entity rather than act: shown in the panel of the entity they
#: describe (a place's statistics as a table), not on the map, until the reader asks for them.
COLLAPSED = frozenset({"concept", "statistic", "stage"})

#: Every node's border: dark enough (9.7:1 on white) that a light fill still stands out.
BORDER = "#444444"

#: Colours of the communities (reportgraph.analysis) when the explorer colours by community,
#: in turn (Paul Tol's muted palette, then Okabe and Ito's); nodes outside the actor graph are
#: :data:`NO_COMMUNITY`.
COMMUNITY_COLOURS = ("#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677",
                     "#882255", "#aa4499", "#0072b2", "#d55e00", "#e69f00", "#009e73", "#56b4e9")
NO_COMMUNITY = "#dddddd"


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21).

    >>> round(contrast("#444444", "#ffffff"), 1)
    9.7
    """
    def luminance(colour):
        c = [v / 255 for v in rgb(colour)]
        r, g, b = (v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


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
    "dashedHint": Words("实线:原文陈述;虚线:编者推断;点线:草拟、待审核。",
                        "Solid: stated in the text; dashed: inferred by the curator; dotted: drafted, unreviewed."),
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
    "drafted": Words("待审核", "unreviewed"),
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
    # the first view: what is collapsed, the chain strip, communities, citing, saving, keys
    "showCollapsed": Words("显示概念与统计", "Show concepts, statistics"),
    "statistics": Words("统计数据", "Statistics"), "variable": Words("指标", "Measure"),
    "describedBy": Words("相关概念", "Described as"),
    "chain": Words("产业链:", "Industry chain:"),
    "communities": Words("社群(以最核心成员命名)", "Communities (named by their most central member)"),
    "copyCitation": Words("复制引用", "Copy citation"), "copied": Words("已复制", "Copied"),
    "savePng": Words("保存 PNG", "Save PNG"), "saveSvg": Words("保存 SVG", "Save SVG"),
    "whyInferred": Words("推断依据:", "Why inferred:"),
    "inEnglish": Words("(编者原注为英文)", " (in English)"),
    "whyDrafted": Words("草拟规则:", "Drafted by rule:"),
    "keys": Words("快捷键:/ 搜索 · Esc 关闭面板 · ↑↓ 选择结果 · 放大可见更多名称",
                  "Keys: / search · Esc closes the panel · ↑↓ pick a result · zoom in for more names"),
    "citation": Words("“{quote}”——{title},{date},字符 {start}–{end}",
                      "\u201c{quote}\u201d \u2014 {title}, {date}, chars {start}\u2013{end}"),
}
