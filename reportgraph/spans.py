"""Finding texts in a report's text: offsets of a quote, spans with their context, unsafe characters.

Plain functions of strings; nothing here reads a file or tells a problem. The loader
(:mod:`reportgraph.load`, :mod:`reportgraph.facts`) turns what they find into messages.
"""

import re

from .model import Report, Span

CONTEXT = 16   # characters of prefix and suffix kept with each quote

#: What XML 1.0 cannot carry, not even as a character reference: GraphML and GEXF could not
#: hold a text with one of these, so it is refused where it is read.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def unsafe_character(text: str) -> int | None:
    """Index of the first character of ``text`` that XML 1.0 cannot carry, or None.

    >>> unsafe_character("百色\x0c市"), unsafe_character("tab\tand\u2028line")
    (2, None)
    """
    found = _XML_UNSAFE.search(text)
    return found.start() if found else None


def unsafe_message(char: str) -> str:
    """What a curator is told of ``char``, a character :func:`unsafe_character` found.

    >>> unsafe_message("\x0c")[:28]
    'character U+000C cannot be w'
    """
    return (f"character U+{ord(char):04X} cannot be written to the XML outputs (GraphML, GEXF); "
            "remove it from the file")


def find_all(text: str, sub: str) -> list[int]:
    """Start of every occurrence of ``sub`` in ``text``, overlapping ones included.

    >>> find_all("乙市乙市乙", "乙市"), find_all("aaa", "aa"), find_all("abc", "d")
    ([0, 2], [0, 1], [])
    """
    starts, i = [], text.find(sub)
    while i != -1:
        starts.append(i)
        i = text.find(sub, i + 1)
    return starts


def near_miss(text: str, quote: str) -> str:
    """A hint when the quote differs from the text only in punctuation width (,/，).

    >>> near_miss("甲，乙", "甲,乙")[:52]
    ' (it differs from the text only in full-width/ASCII '
    >>> near_miss("甲，乙", "甲、乙")
    ''
    """
    fold = str.maketrans("，：；（）！？", ",:;()!?")
    if quote.translate(fold) in text.translate(fold):
        return " (it differs from the text only in full-width/ASCII punctuation; copy it exactly)"
    return ""


def span_at(report: Report, start: int, end: int) -> Span:
    """The :class:`Span` of ``report.text[start:end]``, with up to :data:`CONTEXT` characters
    of the text before and after it (a quote is found again by its context if the text moves).

    >>> from reportgraph.model import Where
    >>> report = Report("r1", "2023年乙市电解铝产量120.5万吨。", "", "zh", Where("facts.yaml", 1))
    >>> span = span_at(report, 5, 7)
    >>> span.exact, span.prefix, span.suffix
    ('乙市', '2023年', '电解铝产量120.5万吨。')
    """
    text = report.text
    return Span(report=report.id, start=start, end=end, exact=text[start:end],
                prefix=text[max(0, start - CONTEXT):start], suffix=text[end:end + CONTEXT])
