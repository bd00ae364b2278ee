"""Kiwi analysis: run the morphological analyser once per document.

The input is never changed: a *sanitized copy* of the same length is handed to
Kiwi (lone surrogates and NULs become U+FFFD), so every offset Kiwi gives is an
offset into the original string. Very long inputs are cut at line breaks into
chunks, analysed one by one and their offsets shifted back.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, Iterable

#: characters Kiwi cannot take (its UTF-16 decoder rejects lone surrogates)
_BAD_CHARS = re.compile("[\ud800-\udfff\x00]")

#: inputs longer than this are analysed in line-aligned chunks
CHUNK_CHARS = 20_000


class Token:
    """One morpheme: ``form``, ``tag``, ``start``, ``len``, ``end``, ``sent``.

    ``start``/``end`` are character offsets into the original input; ``sent``
    is the index of the sentence the token belongs to.
    """

    __slots__ = ("form", "tag", "start", "len", "sent", "lemma")

    def __init__(self, form: str, tag: str, start: int, length: int, sent: int, lemma: str | None = None) -> None:
        self.form = form
        self.tag = tag
        self.start = start
        self.len = length
        self.sent = sent
        self.lemma = lemma if lemma is not None else form

    @property
    def end(self) -> int:
        return self.start + self.len

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.start + self.len)

    def __repr__(self) -> str:
        return f"Token({self.form!r}/{self.tag} {self.start}:{self.end})"


def sanitize(text: str) -> str:
    """A same-length copy of ``text`` that Kiwi accepts.

    >>> sanitize("a\\x00b") == "a\\ufffdb"
    True
    >>> len(sanitize("\\ud800x"))
    2
    """
    if _BAD_CHARS.search(text) is None:
        return text
    return _BAD_CHARS.sub("\ufffd", text)


def _chunks(text: str, size: int) -> Iterable[tuple[int, str]]:
    """Cut ``text`` into pieces of about ``size`` chars at line breaks."""
    n = len(text)
    pos = 0
    while pos < n:
        end = min(n, pos + size)
        if end < n:
            cut = text.rfind("\n", pos + size // 2, end)
            if cut == -1:
                cut = text.rfind(" ", pos + size // 2, end)
            if cut != -1:
                end = cut + 1
        yield pos, text[pos:end]
        pos = end


@dataclass
class Analysis:
    tokens: list[Token]
    sentences: list[tuple[int, int]]


class Analyzer:
    """Owns one Kiwi instance (built lazily, on first use, thread-safely)."""

    def __init__(self, kiwi: Any = None, user_words: Iterable[tuple[str, str, float]] = ()) -> None:
        self._kiwi = kiwi
        self._user_words = list(user_words)
        self._lock = threading.Lock()

    @property
    def kiwi(self) -> Any:
        if self._kiwi is None:
            with self._lock:
                if self._kiwi is None:
                    from kiwipiepy import Kiwi

                    kiwi = Kiwi()
                    for word, tag, score in self._user_words:
                        kiwi.add_user_word(word, tag, score)
                    self._kiwi = kiwi
        return self._kiwi

    def tokenize_raw(self, text: str) -> list[Any]:
        """Plain Kiwi tokenization of ``text`` (what the benchmark compares to)."""
        return self.kiwi.tokenize(sanitize(text))

    def analyze(self, text: str, deadline: Any = None) -> Analysis:
        """Tokens and sentences of ``text``; ``deadline`` (a :class:`kfacts.budget.Deadline`)
        is checked before each chunk."""
        clean = sanitize(text)
        tokens: list[Token] = []
        sentences: list[tuple[int, int]] = []
        if not clean.strip():
            return Analysis(tokens, sentences)
        kiwi = self.kiwi
        # one string object per distinct form, tag and lemma (Kiwi makes a new one per token):
        # a token then costs its slots and its start, a third of what it did (docs/performance.md)
        strings: dict[str, str] = {}
        same = strings.setdefault
        sent = -1
        for offset, chunk in _chunks(clean, CHUNK_CHARS):
            if not chunk.strip():
                continue
            if deadline is not None:
                deadline.check(f"in Kiwi's analysis at character {offset}")
            last_sent = -1
            for t in kiwi.tokenize(chunk):
                sp = t.sent_position
                start = t.start + offset
                if sp != last_sent:
                    sentences.append((start, start + t.len))
                    last_sent = sp
                    sent = len(sentences) - 1  # one int object shared by the sentence's tokens
                else:
                    s0, e0 = sentences[-1]
                    end = start + t.len
                    if end > e0:
                        sentences[-1] = (s0, end)
                form = t.form
                form = same(form, form)
                lemma = t.lemma
                tag = t.tag
                tokens.append(Token(form, same(tag, tag), start, t.len, sent,
                                    form if lemma == form else same(lemma, lemma)))
        return Analysis(tokens, sentences)
