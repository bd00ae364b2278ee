"""Bytes to text: UTF-8 first, then the page's declared charset, then detection.

Korean archives still hold many cp949 / EUC-KR files. :func:`decode` reads
them without being told:

1. ``encoding=`` given: exactly that codec (strict), nothing else;
2. a byte-order mark: UTF-8 (BOM dropped), UTF-16 or UTF-32;
3. strict UTF-8 (the fast path: almost every file is UTF-8);
4. HTML only: the ``<meta charset=...>`` / ``http-equiv`` declaration in the
   first 4 KB, if the bytes decode with it;
5. detection with ``charset-normalizer`` among the encodings a Korean archive
   may hold: the Korean legacy ones (cp949 / EUC-KR, ISO-2022-KR, Johab) and
   the Western ones (cp1252, Latin-1). Anything else (Shift_JIS, GB18030...)
   needs ``encoding=`` (``--encoding``): guessing among all codecs turns a
   short Latin-1 file into Urdu.

``euc-kr`` (and its aliases) decodes as ``cp949``, its superset, as browsers
do (WHATWG Encoding: the "euc-kr" label means windows-949): a file labelled
EUC-KR that uses the extended Hangul of cp949 still reads.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["decode", "check_encoding", "DecodeError"]


class DecodeError(ValueError):
    """The bytes are not text in the forced encoding, or no encoding could be found."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
#: control characters that do not occur in text (NUL and friends): the mark of a binary file
#: the encodings detection chooses from (charset-normalizer codec names)
DETECTED = ("cp949", "euc_kr", "iso2022_kr", "johab", "cp1252", "latin_1")
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def check_encoding(name: str) -> str:
    """The Python codec name for an encoding label (``euc-kr`` -> ``cp949``); ``LookupError`` if unknown."""
    codec = codecs.lookup(name.strip()).name
    if codec in ("euc_kr", "ks_c_5601_1987", "korean"):  # WHATWG: the "euc-kr" label is windows-949
        return "cp949"
    return codec


def decode(data: bytes, *, encoding: str | None = None, html: bool = False) -> tuple[str, str]:
    """``(text, codec used)`` for ``data``; :class:`DecodeError` when it is not text."""
    if encoding:
        try:
            codec = check_encoding(encoding)
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as e:
            raise DecodeError(f"not {encoding} text ({e.reason} at byte {e.start})") from None
        return (text[1:] if text.startswith("\ufeff") else text), codec
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).lstrip("\ufeff"), codec
            except UnicodeDecodeError as e:
                raise DecodeError(f"not {codec} text despite its byte-order mark ({e.reason} at byte {e.start})"
                                  ) from None
    if b"\x1b$)C" in data[:1024]:  # ISO-2022-KR's designator: 7-bit, so it would pass as UTF-8
        try:
            return data.decode("iso2022_kr"), "iso2022_kr"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = f"{e.reason} at byte {e.start}"
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                codec = check_encoding(m.group(1).decode("ascii"))
                return data.decode(codec), codec
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: detect instead
    guess = _detect(data)
    if guess is None:
        raise DecodeError(f"not UTF-8 text ({utf8_error}) and no other encoding fits; "
                          f"name it with --encoding (e.g. --encoding cp949)")
    return guess


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    for match in from_bytes(data, cp_isolation=list(DETECTED)):
        codec = match.encoding
        try:
            codec = check_encoding(codec)
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
        if _BINARY.search(text):
            return None
        return text, codec
    return None
