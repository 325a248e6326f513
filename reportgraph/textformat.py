"""Text for a terminal: columns that line up, and "did you mean" hints.

Shared by the query command's tables (:mod:`reportgraph.sparql`), the named questions
(:mod:`reportgraph.queries`) and the linkage analysis's text (:mod:`reportgraph.analysis_text`),
so that none of them imports another for a formatter. Imports nothing of the package.
"""

import difflib
import unicodedata
from collections.abc import Iterable, Sequence


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and fullwidth (CJK) characters take two.

    >>> display_width("百色 a")
    6
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def aligned(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Rows of text as columns that line up in a terminal (CJK characters count two wide).

    >>> print(aligned(["a", "b"], [["百色", "1"]]))
    a     b
    ----  -
    百色  1
    """
    rows = [[str(v) for v in r] for r in rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(values):
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def did_you_mean(text: str, names: Iterable[object], note: str = "") -> str:
    """``"; did you mean A, B?"``: the names nearest to ``text`` (difflib, case ignored), or "".

    >>> did_you_mean("keynote", ["keynotes", "posts-of-ge-guoke"])
    '; did you mean keynotes?'
    """
    folded = {}
    for name in names:
        folded.setdefault(str(name).casefold(), str(name))
    near = difflib.get_close_matches(text.strip().casefold(), list(folded), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(folded[n] for n in near)}{note}?" if near else ""
