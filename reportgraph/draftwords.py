"""Where an organisation's name begins, for the draft's name shapes (:mod:`reportgraph.draftnames`):
a Latin-letter part of a foreign or joint-venture name is kept (ABB（中国）有限公司, SMC自动化有限公司),
a verb the left edge kept is dropped (应X邀请: 应 is no part of X). Imports nothing.
"""

import re

_LATIN = re.compile(r"[A-Za-z0-9&\-.·]*[A-Za-z][A-Za-z0-9&\-.·]*$")
_INVITED = re.compile(r"(?:的)?(?:盛情|诚挚|热情|特别)?邀请")


def name_start(text: str, begin: int, end: int) -> int:
    """The start of the name ending at ``end`` whose left edge (by its Chinese characters) is
    ``begin``: before a run of Latin letters (and digits) written against it, after 应/受 when
    邀请 follows the name.

    >>> text = "参观了ABB（中国）有限公司。"
    >>> text[name_start(text, text.index("（"), len(text) - 1):-1]
    'ABB（中国）有限公司'
    >>> text = "应北原商会邀请"
    >>> text[name_start(text, 0, 5):5]
    '北原商会'
    """
    latin = _LATIN.search(text, max(0, begin - 24), begin)
    if latin and latin.end() == begin and latin.start() < begin:
        return latin.start()
    if text[begin:begin + 1] in ("应", "受") and _INVITED.match(text, end):
        return begin + 1
    return begin
