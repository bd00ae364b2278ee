"""Every error kfacts raises, with stable codes users can filter on.

Codes are grouped by area:

* ``KF1xx`` - input given to :func:`kfacts.extract` / :class:`kfacts.Extractor`
* ``KF2xx`` - rule packs (:class:`RulePackError`)
* ``KF3xx`` - evaluation and gold files (:class:`GoldFormatError`)

The message texts live here, in one table, so that documentation and tests
can refer to a code rather than to wording.
"""

from __future__ import annotations

from typing import Any

#: code -> message template (``str.format`` fields)
MESSAGES: dict[str, str] = {
    # input
    "KF101": "text must be str, not {kind}",
    "KF102": ("published must be a date string ('2024-08-13', '2024.08.13', '2024. 8. 13.', '2024/08/13', "
              "'20240813', '2024년 8월 13일', 'Aug 13, 2024', ...), a datetime.date or None; got {value!r}"),
    "KF103": "unknown rule id(s) in disable=: {ids}",
    "KF104": "published must be a str, a datetime.date or None, not {kind} ({value!r}); "
             "write the date as a string, such as '2024-08-13' or '20240813'",
    # rule packs
    "KF201": "cannot read rule pack: {detail}",
    "KF202": "invalid TOML: {detail}",
    "KF203": "unknown field {field!r} in {where}",
    "KF204": "missing required field {field!r} in {where}",
    "KF205": "unknown token attribute {attr!r} in {where}",
    "KF206": "lexicon file not found: {lexicon}",
    "KF207": "duplicate rule id {rule_id!r}",
    "KF208": "invalid regular expression {pattern!r}: {detail}",
    "KF209": "regular expression {pattern!r} exceeded its time limit of {limit} s (catastrophic backtracking?)",
    "KF210": "wrong type for {field!r} in {where}: expected {expected}",
    "KF211": "pack requires kfacts {required}, this is {version}",
    "KF212": "unknown fact type {fact_type!r} in {where}",
    "KF213": "unknown lexicon or fact reference {ref!r} in {where}",
    "KF214": "example failed: {detail}",
    "KF215": "invalid example in {where}: {detail}",
    "KF216": "invalid value for {field!r} in {where}: {detail}",
    "KF217": "regular expression {pattern!r} backtracks catastrophically: a trial on {sample!r} ran over {limit} s",
    # evaluation
    "KF301": "gold file {path}: line {line}: {detail}",
}


def message(code: str, **fields: Any) -> str:
    """Render the message for ``code``, prefixed with the code itself."""
    return f"[{code}] " + MESSAGES[code].format(**fields)


class KfactsError(Exception):
    """Base class of every exception kfacts defines itself."""

    code: str = "KF000"

    def __init__(self, code: str, **fields: Any) -> None:
        self.code = code
        self.fields = fields
        super().__init__(message(code, **fields))


class RulePackError(KfactsError, ValueError):
    """A rule pack could not be loaded or validated.

    Attributes
    ----------
    code : str
        One of the ``KF2xx`` codes in :data:`MESSAGES`.
    path : str or None
        The pack file (or lexicon file) concerned.
    rule_id : str or None
        The rule concerned, where there is one.
    """

    def __init__(self, code: str, *, path: str | None = None, rule_id: str | None = None, **fields: Any) -> None:
        self.path = path
        self.rule_id = rule_id
        # path and rule_id may appear in a message template too (KF207)
        KfactsError.__init__(self, code, **{"path": path, "rule_id": rule_id, **fields})
        self.fields = fields
        where = []
        if path:
            where.append(str(path))
        if rule_id:
            where.append(f"rule {rule_id!r}")
        if where:
            self.args = (f"{': '.join(where)}: {self.args[0]}",)


class RegexTimeoutError(RulePackError):
    """A user regular expression ran past its time limit (code ``KF209``)."""


class PublishedTypeError(KfactsError, TypeError, ValueError):
    """``published`` of a wrong type (a number such as ``20240813``): KF104.

    It is a :class:`TypeError`, and a :class:`ValueError` too, so that code catching the
    KF102 ``ValueError`` of an unreadable date still catches it.
    """


class GoldFormatError(KfactsError, ValueError):
    """A gold file does not follow SPEC section 3 (code ``KF301``)."""
