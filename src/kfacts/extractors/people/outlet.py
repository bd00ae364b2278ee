"""The news outlet a page names, for reporters' bylines without one (``/박진표 기자``)."""

from __future__ import annotations

import regex as re

from .lexicon import WORDS

_OUTLET_PATTERNS = [
    # [아이뉴스24 김상진 기자]
    re.compile(r"[\[【]\s*(?P<o>[^\s\[\]【】=]{2,20})\s+[가-힣]{2,4}\s*(?:기자|특파원)\s*[\]】]"),
    # by 광주일보 2020. 12. 29.
    re.compile(r"(?m)^\s*by\s+(?P<o>[^\s\d][^\s]{0,20})\s"),
    # Copyright © 아이뉴스24. / 저작권자 © 일요서울i / ⓒ 광주일보
    re.compile(r"(?:Copyright|COPYRIGHT|저작권자)\s*(?:\(c\)|ⓒ|©)?\s*(?:\d{4}\s*)?(?:\(주\)|㈜)?\s*(?P<o>[가-힣A-Za-z][\w]{1,20})"),
    re.compile(r"(?:ⓒ|©)\s*(?:\(주\)|㈜)?\s*(?P<o>[가-힣A-Za-z][\w]{1,20})"),
]

#: words after a copyright sign that name no outlet (``ⓒ 무단전재``, ``© All rights reserved``)
_NOT_OUTLETS = frozenset(WORDS["not_outlets"])


def find_outlet(text: str) -> str | None:
    """The outlet's name as written, or None.

    >>> find_outlet("기사\\n/박진표 기자\\nby 광주일보 2020. 12. 29.\\n")
    '광주일보'
    >>> find_outlet("끝. Copyright © 아이뉴스24. 무단전재 및 재배포 금지.")
    '아이뉴스24'
    >>> find_outlet("저작권자 © 일요서울i 무단전재")
    '일요서울i'
    """
    for pat in _OUTLET_PATTERNS:
        for m in pat.finditer(text):
            o = m.group("o").rstrip(".")
            if o and o not in _NOT_OUTLETS and not o.isdigit():
                return o
    return None
