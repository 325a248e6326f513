"""The kind of each agreement of a draft (:mod:`reportgraph.draft`): an agreement ``agreementKind``
an ``AgreementKind`` concept named by the kind words its name ends with (年产X项目投资协议 →
项目投资协议; 战略合作框架协议 → 战略合作框架协议), the registry's concept of that name if there
is one. A bare 协议/合同 names no kind.
"""

import re
from collections.abc import Mapping

from .draftconcepts import concept, concepts
from .draftnames import Doc, relation
from .model import Entity

_KIND = re.compile(r"(?:(?:全面)?战略)?(?:合作)?(?:框架)?(?:项目)?(?:投资)?(?:合作)?(?:框架)?(?:协议书|协议|备忘录|合同|意向书)$")


def agreement_kinds(doc: Doc, registry: Mapping[str, Entity]) -> None:
    """``agreementKind`` for every agreement whose name ends with kind words (four characters or more)."""
    known = concepts(registry, "AgreementKind")
    for f in [f for f in doc.entities.values() if f.type == "Agreement" and f.mentions]:
        m = _KIND.search(f.zh)
        if not m or len(m.group()) < 4:
            continue
        s, e = f.mentions[0]
        start = e - len(m.group())
        if doc.text[start:e] != m.group():
            continue
        key = concept(doc, known, "AgreementKind", start, e, "agreement-kind")   # nested in the agreement's name
        doc.relations.append(relation(doc, f.key, "agreementKind", key, s, e, "agreement-kind:…协议"))
