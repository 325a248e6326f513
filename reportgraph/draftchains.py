"""Industry chains of a draft (:mod:`reportgraph.draft`): a chain written as its stages joined by
dashes or arrows (“铝土矿-氧化铝-电解铝-铝加工”, 生铁—铸造、锻造—机加工—整机装配):

- each stage a ``ChainStage``; the stage written just before a dash ``feedsInto`` every stage written
  just after it (生铁—铸造、锻造: both; 铸造、锻造—机加工: only 锻造), quoted from one to the other;
- the chain itself, named by its stages as written, an ``IndustryChain`` that the regional industry of
  its sentence (else the one written last before it) has (``hasIndustryChain``).

Three stages at least, so that a range (1—6月) or a pair of words is no chain. The registry's
stage or chain of that name is used if there is one.
"""

import re
from collections.abc import Mapping

from .draftconcepts import concept, concepts
from .draftnames import Doc, relation, sentence_of
from .model import Entity

_STAGE = r"[\u4e00-\u9fff]{2,10}"
_GROUP = rf"{_STAGE}(?:、{_STAGE})*"
_DASH = r"(?:——|—|－|-|→|―|～|~)"
_CHAIN = re.compile(rf"{_GROUP}(?:{_DASH}{_GROUP}){{2,}}")


def find_chains(doc: Doc, registry: Mapping[str, Entity]) -> None:
    """Every chain of stages the text writes (see the module docstring)."""
    stages, chains = concepts(registry, "ChainStage"), concepts(registry, "IndustryChain")
    text = doc.text
    for m in _CHAIN.finditer(text):
        groups, pos = [], m.start()
        for part in re.split(f"({_DASH})", m.group()):
            if re.fullmatch(_DASH, part):
                pos += len(part)
                continue
            group = []
            for item in re.split("(、)", part):
                if item != "、":
                    group.append((pos, pos + len(item)))
                pos += len(item)
            groups.append(group)
        keys = {span: concept(doc, stages, "ChainStage", *span, "chain:A—B—C") for group in groups for span in group}
        for before, after in zip(groups, groups[1:]):
            last = before[-1]
            for span in after:
                doc.relations.append(relation(doc, keys[last], "feedsInto", keys[span], last[0], span[1], "chain:A—B—C"))
        industry = _industry(doc, m.start())
        if industry is not None:
            chain = concept(doc, chains, "IndustryChain", m.start(), m.end(), "chain:A—B—C")
            s_start, s_end = sentence_of(text, m.start())
            q_start = min([s for s, e in doc.entities[industry].mentions if s_start <= s < m.start()] or [m.start()])
            doc.relations.append(relation(doc, industry, "hasIndustryChain", chain, q_start, m.end(), "chain:A—B—C"))


def _industry(doc: Doc, pos: int) -> str | None:
    """The regional industry of the sentence at ``pos`` (the first it writes), else the one
    written last within 600 characters before."""
    s_start, s_end = sentence_of(doc.text, pos)
    inside = [k for s, e, k in doc.at(s_start, s_end) if doc.kind(k) == "industry"]
    if inside:
        return inside[0]
    before = [k for s, e, k in doc.at(max(0, s_start - 600), s_start) if doc.kind(k) == "industry"]
    return before[-1] if before else None
