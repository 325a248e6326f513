"""The units table of a project (``registry/units.yaml``): how reports write each unit, and what it is.

Numbers are read with it (:func:`reportgraph.quantities.parse`), so that a new unit is a row
of data, not a change of code. Each row names a unit by a key (``unit: count`` in a facts
file), an IRI (a QUDT unit or currency, or a project unit ``rg:…`` declared in ontology.ttl),
its zh and en names, what English writes after a number in it, and every way a report writes
it; a row that could never be read, or repeats another's IRI or form, is told with its line.
"""

import re
from pathlib import Path

from .checks import Problems, ValueReader, read_yaml
from .model import Unit, Where
from .vocab import PREFIXES

UNIT_PREFIXES = ("unit", "cur", "rg")   # QUDT units and currencies, and the project's own
_LOCAL = re.compile(r"[A-Za-z0-9_.-]+")


_UNIT_KEYS = {"key", "iri", "zh", "en", "en_suffix", "written"}


def load_units(path: Path, problems: Problems) -> dict[str, Unit]:
    r"""The units table ``path`` (``registry/units.yaml``), by key; none if the file is absent
    (a corpus without statistics needs none). Problems go to ``problems``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "units.yaml"
    ...     _ = path.write_text("- {key: count, iri: unit:NUM, zh: 个数, en: count, en_suffix: '', "
    ...                         "written: [人, 家]}\n", encoding="utf-8")
    ...     units = load_units(path, Problems())
    >>> units["count"].iri, units["count"].written
    ('http://qudt.org/vocab/unit/NUM', ('人', '家'))
    """
    if not path.exists():
        return {}
    data = read_yaml(path, problems)
    if not isinstance(data, list):
        if data is not None:
            problems.add(path, 1, "the units table is a list of units ('- {key: …, iri: …}')")
        return {}
    values, units, written = ValueReader(path, problems), {}, {}
    for item in data:
        unit = _unit(item, values)
        if unit is None:
            continue
        if unit.key in units:
            values.error(item, "key", f"unit '{unit.key}' is given twice")
            continue
        same = next((u for u in units.values() if u.iri == unit.iri), None)
        if same is not None:
            values.error(item, "iri", f"unit '{unit.key}' has the IRI of '{same.key}' (line {same.where.line}): "
                         "write its other forms in that row")
            continue
        for form in unit.written:
            if form in written:
                values.error(item, "written", f"'{form}' is written for two units: '{written[form]}' "
                             f"and '{unit.key}'")
            written.setdefault(form, unit.key)
        units[unit.key] = unit
    return units


def _unit(item, values):
    """The :class:`Unit` of one row of the units table; None if it has a problem (told)."""
    if not values.mapping(item, "units", _UNIT_KEYS):
        return None
    key, curie, zh, en = (values.text(item, k) for k in ("key", "iri", "zh", "en"))
    suffix = item.get("en_suffix", "")
    if not isinstance(suffix, str):
        values.error(item, "en_suffix", "'en_suffix' is a text ('' for none)")
    elif not values.xml_safe(suffix, item, "en_suffix"):
        suffix = None
    prefix, _, local = (curie or "").partition(":")
    if curie is not None and (prefix not in UNIT_PREFIXES or not _LOCAL.fullmatch(local)):
        values.error(item, "iri", f"unit IRI '{curie}' is not one of "
                     f"{', '.join(p + ':…' for p in UNIT_PREFIXES)} with a name of letters, digits, '-', '_' or '.'")
        curie = None
    written = values.texts(item, "written")
    for form in written:
        if form[0] in "万亿" or any(c.isdigit() for c in form):
            values.error(item, "written", f"'{form}' can never be read: a unit is written without digits, "
                         "and 万 or 亿 before it is read as a multiplier (write the unit after it)")
    if None in (key, curie, zh, en) or not isinstance(suffix, str):
        return None
    return Unit(key=key, iri=str(PREFIXES[prefix]) + local, zh=zh, en=en, en_suffix=suffix,
                written=tuple(written), where=Where(str(values.path), item.line))
