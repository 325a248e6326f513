"""The metadata fields of a report's head (``title``, ``publisher``, ``issued`` …), each a
statement of the text checked against its quote.

A text field without ``value`` is its quote; a number must be written in its quote as a whole
number; a date as the text writes dates (:func:`reportgraph.quantities.written_dates`), its
year given by the quote or, where the quote has none, by ``inferred:`` saying how it is known.
"""

import re

from . import quantities
from .checks import FactsFile, literal
from .model import Statement
from .vocab import REPORT_FIELDS
from .yamlfile import Located


def read_report_fields(facts: FactsFile, head: Located) -> list[Statement]:
    """Statements of the report's metadata fields (``issued``, ``source`` …) written in ``head``."""
    return [statement for key in REPORT_FIELDS if key in head
            for statement in _report_field(facts, head, key)]


def _report_field(facts, head, key):
    """The statement of the metadata field ``key`` (once per span of its quote; none if wrong).
    A text field without 'value' is its quote; a date is written in its quote as the text writes
    dates (2019-10-24, 2019/10/24, 2019年10月24日, or 10月24日 with the year 'inferred')."""
    kind = REPORT_FIELDS[key].kind
    item = head[key]
    if not isinstance(item, Located):
        facts.error(head, key, f"'{key}' is a mapping with 'value' and 'quote'")
        return []
    spans = facts.quote_spans(item)
    if kind == "text" and "value" not in item and not spans:
        return []   # its value is its quote, which is wrong: told
    given = item.get("value", spans[0].exact if spans and kind == "text" else None)
    value = literal(given, kind)
    if value is None:
        facts.error(item, "value", f"'{key}' value {given!r} is not a valid {kind}"
                    + (" (YYYY-MM-DD)" if kind == "date" else ""))
        return []
    inferred = facts.inferred(item)
    if spans and kind == "date":
        _date_written(facts, item, value, spans[0].exact, inferred)
    elif spans and not _written_in(str(given), spans[0].exact, kind):
        facts.error(item, "value", f"value '{given}' is not written in its quote")
    return [Statement(subject=facts.report.id, key=key, object=None, value=value, value_en=None,
                      span=span, where=facts.where(item), inferred=inferred, drafted=facts.drafted(item))
            for span in spans]


def _written_in(value, quote, kind):
    """Whether ``quote`` writes ``value``: a text anywhere, a number as a whole number (12 is not in 120)."""
    if kind == "integer":
        return re.search(rf"(?<![\d.]){re.escape(value)}(?![\d.])", quote) is not None
    return value in quote


def _date_written(facts, item, value, quote, inferred):
    """Tell unless ``quote`` writes the date ``value``; without its year, only if 'inferred' says
    how the year is known."""
    written = quantities.written_dates(quote)
    if (value.year, value.month, value.day) in written:
        return
    if (None, value.month, value.day) in written:
        if inferred is None:
            facts.error(item, "value", f"the quote '{quote}' gives no year; say how {value.year} "
                        "is known with 'inferred: …'")
        return
    facts.error(item, "value", f"value '{value}' is not written in its quote '{quote}'")
