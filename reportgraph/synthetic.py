"""Synthetic corpora of any size, for benchmarks and scale tests.

A generated report states ``relations`` facts between ``entities`` organisations,
people and events, each fact with its own sentence, so every fact has a real quote
and offsets, exactly as a curated report's facts do. The same arguments always
give the same corpus.
"""

import random

from .model import Corpus, Entity, Post, Report, Span, Statement, Where

# (subject type, relation key, object type) of the generated facts, and how often
_FACTS = [
    ("IndustryAssociation", "attends", "Event", 4),
    ("GovernmentBody", "organizes", "Event", 2),
    ("IndustryAssociation", "memberOf", "IndustryAlliance", 2),
    ("Company", "memberOf", "IndustryAssociation", 3),
    ("IndustryAssociation", "exchangesWith", "GovernmentBody", 2),
    ("IndustryAssociation", "friendlyAssociationOf", "IndustryAssociation", 1),
    ("Event", "partOf", "Event", 1),
]
_KINDS = {"IndustryAssociation": ("协会", "Association", 4), "GovernmentBody": ("政府", "Government", 2),
          "IndustryAlliance": ("联盟", "Alliance", 1), "Company": ("公司", "Company", 4),
          "Event": ("活动", "Event", 2), "Person": ("人员", "Person", 3)}


def corpus(entities: int = 5000, relations: int = 15000, seed: int = 1,
           report_id: str = "synthetic") -> Corpus:
    """A :class:`~reportgraph.model.Corpus` of ``entities`` entities and ``relations`` facts.

    About one fact in eight is a post (a person's role in an organisation); the rest
    are relation statements. Every quote is the fact's own sentence of the report.

    >>> c = corpus(50, 120)
    >>> len(c.entities), len(c.reports[0].statements) + len(c.reports[0].posts)
    (51, 120)
    """
    rng = random.Random(seed)
    where = Where("synthetic", 1)
    by_type, registry = {}, {}
    weights = [w for _, _, w in _KINDS.values()]
    types = rng.choices(list(_KINDS), weights=weights, k=entities)
    for i, type_ in enumerate(types):
        zh, en, _ = _KINDS[type_]
        e = Entity(id=f"e{i:06d}", type=type_, zh=f"{zh}{i:06d}", en=f"{en} {i}", aliases_zh=[],
                   aliases_en=[], search=[], note=None, where=where)
        registry[e.id] = e
        by_type.setdefault(type_, []).append(e.id)
    registry["director"] = Entity(id="director", type="Role", zh="主任", en="Director", aliases_zh=[],
                                  aliases_en=[], search=[], note=None, where=where, heads=True)
    pieces, length, facts = [], 0, []
    kinds = [f for f in _FACTS if by_type.get(f[0]) and by_type.get(f[2])]
    for n in range(relations):
        if n % 8 == 7 and by_type.get("Person"):
            person = rng.choice(by_type["Person"])
            org = rng.choice(by_type.get("IndustryAssociation") or by_type[types[0]])
            sentence = f"{registry[org].zh}主任{registry[person].zh}出席。"
            facts.append(("post", person, org, length, sentence))
        else:
            subject_type, key, object_type, _ = rng.choices(kinds, weights=[k[3] for k in kinds])[0]
            a, b = rng.choice(by_type[subject_type]), rng.choice(by_type[object_type])
            while b == a:
                b = rng.choice(by_type[object_type])
            sentence = f"{registry[a].zh}与{registry[b].zh}:{key}{n}。"
            facts.append((key, a, b, length, sentence))
        pieces.append(sentence)
        length += len(sentence)
    text = "".join(pieces)
    report = Report(id=report_id, text=text, sha256="", language="zh", where=where)
    for key, a, b, start, sentence in facts:
        end = start + len(sentence)
        span = Span(report_id, start, end, sentence, text[max(0, start - 8):start], text[end:end + 8])
        if key == "post":
            report.posts.append(Post(person=a, role="director", organization=b, span=span, where=where))
        else:
            report.statements.append(Statement(subject=a, key=key, object=b, value=None, value_en=None,
                                               span=span, where=where))
    return Corpus(entities=registry, reports=[report])
