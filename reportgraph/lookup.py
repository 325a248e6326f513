"""Names to nodes of the projection: the entity a researcher means by an id, a zh or en name or an
alias (:func:`find`), with the nearest names for a misspelt one and every candidate, with its type and
reports, for one that several entities share."""

import difflib
from collections.abc import Hashable

import networkx as nx


def find(G: nx.MultiDiGraph, text: str) -> Hashable:
    """The node named ``text``: its id, zh or en label, alias or search term (case does not matter).

    A name that is part of exactly one entity's names finds it too. Raises ``LookupError``
    for an empty name, for an unknown one (with the nearest names: "did you mean …"), and
    for one that several entities share: the error lists each with its id, type and the
    reports that name it, and asks for an id.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("miit", label_zh="工业和信息化部", label_en="Ministry of Industry and Information Technology",
    ...            aliases_zh=["工信部"], aliases_en=["MIIT"])
    >>> G.add_node("nanhai-association", label_zh="佛山市南海区铝型材行业协会", aliases_zh=["南海铝协"])
    >>> find(G, "MIIT"), find(G, "工信部"), find(G, "nanhai-association"), find(G, "型材")
    ('miit', 'miit', 'nanhai-association', 'nanhai-association')
    >>> find(G, "南海铝会")
    Traceback (most recent call last):
    ...
    LookupError: no entity is called '南海铝会'; did you mean 南海铝协 (nanhai-association)?
    >>> find(G, "部会")
    Traceback (most recent call last):
    ...
    LookupError: no entity is called '部会'
    >>> G.add_node("chuzhou-government", label_zh="滁州市人民政府", aliases_zh=["市政府"], type="rg:GovernmentBody",
    ...            mentions=[{"report": "r2"}, {"report": "r1"}])
    >>> G.add_node("yingtan-government", label_zh="鹰潭市人民政府", aliases_zh=["市政府"], type="rg:GovernmentBody")
    >>> find(G, "市政府")
    Traceback (most recent call last):
    ...
    LookupError: '市政府' could be any of 2 entities: 滁州市人民政府 (chuzhou-government, rg:GovernmentBody, named in r1, r2); 鹰潭市人民政府 (yingtan-government, rg:GovernmentBody, named in no report); give the id of the one you mean
    """
    if text in G:
        return text
    wanted = text.strip().casefold()
    if not wanted:
        raise LookupError("an entity name is empty: give an id, a zh or en name, or an alias")
    exact, partial, named = [], [], {}
    for node, d in G.nodes(data=True):
        names = [n for n in (d.get("label_zh"), d.get("label_en"), *d.get("aliases_zh", []),
                             *d.get("aliases_en", []), *d.get("search", [])) if n]
        for n in [*names, str(node)]:   # ids too, for "did you mean"
            named.setdefault(n.casefold(), (n, node))
        folded = [n.casefold() for n in names]
        if wanted in folded:
            exact.append(node)
        elif any(wanted in n for n in folded):
            partial.append(node)
    matches = exact or partial
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise LookupError(f"no entity is called {text!r}{_nearest(wanted, named)}")
    raise LookupError(_candidates(G, text, matches))


def _nearest(wanted, named):
    """"; did you mean …?" with up to three entities whose names (``{folded: (name, node)}``) are near."""
    shown = []
    for n in difflib.get_close_matches(wanted, list(named), n=8, cutoff=0.6):
        name, node = named[n]
        entry = name if name == node else f"{name} ({node})"
        if node not in (other for _, other in shown) and len(shown) < 3:
            shown.append((entry, node))
    return f"; did you mean {', '.join(e for e, _ in shown)}?" if shown else ""


def _candidates(G, text, matches, most=8):
    """The error for a name that several entities share: each (up to ``most``) with its id, type
    and the reports that name it."""
    def entry(m):
        named = reports_of(G, m)
        where = "named in " + (", ".join(named[:5]) + (f" and {len(named) - 5} more" if len(named) > 5 else "")
                               if named else "no report")
        return f"{G.nodes[m]['label_zh']} ({m}, {G.nodes[m].get('type', '')}, {where})"

    listed = [entry(m) for m in sorted(matches, key=lambda m: (G.nodes[m]["label_zh"], str(m)))]
    more = f" … and {len(listed) - most} more" if len(listed) > most else ""
    return (f"{text!r} could be any of {len(listed)} entities: {'; '.join(listed[:most])}{more}; "
            f"give the id of the one you mean")


def reports_of(G: nx.MultiDiGraph, node: Hashable) -> list[str]:
    """The ids of the reports that name ``node``, sorted: those of its mentions, else those
    that state a fact about it.

    >>> G = nx.MultiDiGraph([("a", "b", {"evidence": [{"report": "r2"}]})])
    >>> G.nodes["a"]["mentions"] = [{"report": "r1"}]
    >>> reports_of(G, "a"), reports_of(G, "b")
    (['r1'], ['r2'])
    """
    found = {m["report"] for m in G.nodes[node].get("mentions", [])}
    if not found:
        edges = [*G.out_edges(node, data=True), *G.in_edges(node, data=True)]
        found = {span["report"] for *_, d in edges for span in d.get("evidence", [])}
    return sorted(found)
