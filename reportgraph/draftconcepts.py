"""A concept a draft names (:mod:`reportgraph.draft`): an agreement's kind, a designation, a goal.

The registry's concept of that name and type if it has one, else a new one; mentioned where the
text writes it, or, where other names hold those characters, nested over them (taking none).
"""

from collections.abc import Mapping

from .draftnames import Doc, norm
from .model import Entity


def concepts(registry: Mapping[str, Entity], type_: str) -> dict[str, Entity]:
    """The registry's concepts of ``type_`` by their normalised zh name."""
    return {norm(e.zh): e for e in registry.values() if e.type == type_}


def concept(doc: Doc, known: Mapping[str, Entity], type_: str, start: int, end: int, rule: str) -> str:
    """The key of the concept ``text[start:end]`` names (in ``known``, else new), mentioned there."""
    name = doc.text[start:end]
    entry = known.get(norm(name))
    key = entry.id if entry else f"new:{type_}:{name}"
    doc.entity(key, type_, entry.zh if entry else name, entry is None, rule)
    found = doc.entities[key]
    if doc.free(start, end):
        doc.mention(key, start, end)
    elif (start, end) not in found.mentions:
        found.mentions = sorted([*found.mentions, (start, end)])
    return key
