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
from typing import Any, Iterable, Sequence

#: characters Kiwi cannot take (its UTF-16 decoder rejects lone surrogates)
_BAD_CHARS = re.compile("[\ud800-\udfff\x00]")

#: inputs longer than this are analysed in line-aligned chunks
CHUNK_CHARS = 20_000

_new = object.__new__


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

    def pieces(self, text: str, ranges: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, str]]:
        """What Kiwi is given for ``text``: ``(offset, piece)`` pairs, pieces of the sanitized text
        inside ``ranges`` (sorted, disjoint ``(start, end)`` spans; default: the whole text), cut at
        line breaks to about :data:`CHUNK_CHARS`, blank ones left out.

        >>> Analyzer().pieces("가나\\n\\n다라\\n", [(0, 3), (4, 7)])
        [(0, '가나\\n'), (4, '다라\\n')]
        """
        clean = sanitize(text)
        out: list[tuple[int, str]] = []
        for start, end in ((0, len(clean)),) if ranges is None else ranges:
            part = clean if start == 0 and end >= len(clean) else clean[start:end]
            if not part.strip():
                continue
            for offset, chunk in _chunks(part, CHUNK_CHARS):
                if chunk.strip():
                    out.append((start + offset, chunk))
        return out

    def analyze(self, text: str, ranges: Sequence[tuple[int, int]] | None = None, deadline: Any = None) -> Analysis:
        """Tokens and sentences of ``text`` (of ``ranges`` only, if given), offsets into ``text``;
        ``deadline`` (a :class:`kfacts.budget.Deadline`) is checked before each piece."""
        return self.assemble(self.pieces(text, ranges), deadline=deadline)

    def assemble(self, pieces: list[tuple[int, str]], tokenized: Iterable[Any] | None = None,
                 deadline: Any = None) -> Analysis:
        """The :class:`Analysis` of :meth:`pieces` from Kiwi's tokens of each piece (``tokenized``, in
        the pieces' order; Kiwi is run here when not given). Every piece starts a new sentence.
        ``deadline`` (a :class:`kfacts.budget.Deadline`) is checked before each piece."""
        tokens: list[Token] = []
        sentences: list[tuple[int, int]] = []
        if not pieces:
            return Analysis(tokens, sentences)
        if tokenized is None:
            kiwi = self.kiwi
            tokenized = (kiwi.tokenize(chunk) for _offset, chunk in pieces)
        append = tokens.append
        # one string object per distinct form, tag and lemma (Kiwi makes a new one per token):
        # a token then costs its slots and its start, a third of what it did (docs/performance.md)
        strings: dict[str, str] = {}
        same = strings.setdefault
        n_sent = -1
        for (offset, _chunk), kiwi_tokens in zip(pieces, tokenized):
            if deadline is not None:
                deadline.check(f"in Kiwi's analysis at character {offset}")
            # one pass reading each Kiwi attribute once; the current sentence's
            # span stays in locals and is stored when the next sentence starts
            last_sent = -1
            s0 = e0 = 0
            for t in kiwi_tokens:
                sp = t.sent_position
                start, end = t.span  # one read for two attributes (as form_tag below)
                start += offset
                end += offset
                if sp != last_sent:
                    if last_sent != -1:
                        sentences.append((s0, e0))
                    last_sent = sp
                    n_sent += 1  # one int object shared by the sentence's tokens
                    s0, e0 = start, end
                elif end > e0:
                    e0 = end
                # Token.__init__'s work done here (this runs once per morpheme: a call
                # per token cost about a fifth of the loop)
                tok = _new(Token)
                form, tag = t.form_tag
                tok.form = form = same(form, form)
                tok.tag = tag = same(tag, tag)
                tok.start = start
                tok.len = end - start
                tok.sent = n_sent
                # Kiwi's lemma differs from the form only for verbs and adjectives
                # (V* tags, where it appends 다); reading it costs as much as the form
                if tag[0] == "V":
                    lemma = t.lemma
                    tok.lemma = form if lemma == form else same(lemma, lemma)
                else:
                    tok.lemma = form
                append(tok)
            if last_sent != -1:
                sentences.append((s0, e0))
        return Analysis(tokens, sentences)
