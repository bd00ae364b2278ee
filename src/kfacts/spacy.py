"""spaCy integration: a Kiwi tokenizer for Korean and a ``kfacts`` pipeline component.

Both are registered through spaCy's entry points (``spacy_tokenizers`` and
``spacy_factories`` in kfacts' ``pyproject.toml``), so once kfacts is
installed nothing needs importing first::

    import spacy
    from spacy import displacy

    nlp = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "kfacts.KiwiTokenizer"}}})
    nlp.add_pipe("kfacts", config={"published": "2024-08-13"})
    # or, the same: nlp = kfacts.spacy.blank(published="2024-08-13")
    doc = nlp("광주시는 2024년 8월 13일 100억원을 투자했다.")
    [(e.text, e.label_) for e in doc.ents]      # [('2024년 8월 13일', 'DATE'), ('100억원', 'MONEY')]
    doc._.facts                                 # the kfacts.Fact objects
    displacy.render(doc, style="ent")           # HTML

spaCy's own ``ko`` tokenizer needs MeCab (mecab-ko, natto-py); the Kiwi
tokenizer needs nothing besides kiwipiepy, which kfacts already uses. Its
tokens are Kiwi morphemes, except that morphemes sharing characters
(``했`` = ``하`` + ``었``) are merged into one token, since spaCy tokens
cannot overlap. ``token.tag_`` holds the Kiwi tags joined by ``+``,
``token.pos_`` the universal POS of the first one, and Kiwi's sentence
boundaries set ``token.is_sent_start``.

The ``kfacts`` component works after any tokenizer: each fact's character
span is mapped onto tokens with ``doc.char_span(..., alignment_mode="expand")``
(so after a whitespace tokenizer the entity is the whole word, ``100억원을``).
With ``split_tokens`` (default: on after the Kiwi tokenizer only) it first
splits the tokens a fact boundary falls inside (:func:`split_at`), so every
entity has exactly its fact's span (``광주시장은``: the fact ``광주시`` cuts
the Kiwi token ``광주시장`` into ``광주시`` + ``장``).
Labels: ORG, PERSON, AWARD, MONEY, JOBS, DATE (a rule-pack type gets its
name in upper case). Entities cannot overlap, facts can (an organization
inside an award phrase): the ``overlap`` setting names the rule that picks
the entities - ``"longest"`` (default: longest span first, then earliest) or
``"first"`` (earliest start first, then longest). Every fact stays in
``doc._.facts`` whatever the rule; ``span._.fact`` gives the fact of an
entity. They are kept in ``doc.user_data`` as plain dicts, so Docs still
serialize (``doc.to_bytes()``, ``DocBin``, ``nlp.pipe(n_process=2)``). Entities already in ``doc.ents`` (from an ``ner`` component) take
part in the same resolution unless ``overwrite_ents`` is true, in which case
they are dropped.

The publication date for resolving relative dates is ``doc._.published``
when set, else the component's ``published`` setting, else whatever the page
says (see SPEC section 1); afterwards ``doc._.published`` holds the date
used, as an ISO string (or None).
"""

import re
from bisect import bisect_right
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

# absolute imports: "spacy" here is the real spaCy, not this module (kfacts.spacy)
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import DummyTokenizer, registry

from .extractors.base import select
from .registry import COLORS as _COLORS, LABELS as _LABELS

__all__ = ["KiwiTokenizer", "KfactsComponent", "LABELS", "OVERLAP_RULES", "words_and_spaces",
           "create_kiwi_tokenizer", "make_kfacts", "DISPLACY_OPTIONS", "KIWI_CONFIG", "blank", "use_kiwi",
           "split_at"]

#: fact type -> entity label (each type's ``label``)
LABELS: Dict[str, str] = dict(_LABELS)

#: colors for displaCy (same as Document._repr_html_), e.g.
#: ``displacy.render(doc, style="ent", options=DISPLACY_OPTIONS)``
DISPLACY_OPTIONS: Dict[str, Any] = {"colors": {LABELS[t]: c for t, c in _COLORS.items()}}

#: the labels spaCy's own models use (OntoNotes), which displaCy already colours
_SPACY_LABELS = frozenset(("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                           "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"))


def displacy_colors() -> Dict[str, str]:
    """Colors for the labels spaCy does not know (``spacy_displacy_colors`` entry point)."""
    return {label: c for label, c in DISPLACY_OPTIONS["colors"].items() if label not in _SPACY_LABELS}


# Facts live in ``doc.user_data`` as plain dicts (``Fact.to_dict``), so that
# ``doc.to_bytes()``, ``DocBin`` and ``nlp.pipe(n_process=...)`` can serialize
# the Doc; ``doc._.facts`` turns them back into Fact objects.
_FACTS_KEY = "kfacts_facts"
_ENTS_KEY = "kfacts_ent_facts"


def _fact_from_dict(d: Dict[str, Any]) -> Any:
    from .fact import Fact

    return Fact.from_dict(d)


def _doc_facts(doc: Doc) -> Optional[List[Any]]:
    stored = doc.user_data.get(_FACTS_KEY)
    return None if stored is None else [_fact_from_dict(d) for d in stored]


def _span_fact(span: Span) -> Any:
    for start, end, label, i in span.doc.user_data.get(_ENTS_KEY, ()):
        if start == span.start and end == span.end and label == span.label_:
            return _fact_from_dict(span.doc.user_data[_FACTS_KEY][i])
    return None


def _register_extensions() -> None:
    if not Doc.has_extension("facts"):
        Doc.set_extension("facts", getter=_doc_facts)
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    if not Span.has_extension("fact"):
        Span.set_extension("fact", getter=_span_fact)


_register_extensions()


# -- tokenizer ----------------------------------------------------------------------
_WS_RUNS = re.compile(r"\s+|\S+")


def words_and_spaces(text: str, spans: Iterable[Tuple[int, int]]) -> Tuple[List[str], List[bool], List[int]]:
    """Words and trailing-space flags for ``spacy.tokens.Doc`` from character spans.

    Overlapping spans are merged into one word; text between spans becomes a
    trailing space (one ``" "``) or whitespace / other tokens, so that
    ``"".join(w + " " * s for w, s in zip(words, spaces)) == text``. Also
    returns, per word, the index of the first span in it (-1 for gap words).

    >>> words_and_spaces("했다 가", [(0, 1), (0, 1), (1, 2), (3, 4)])
    (['했', '다', '가'], [False, True, False], [0, 2, 3])
    """
    merged: List[List[int]] = []  # [start, end, first span index]
    for i, (s, e) in sorted(enumerate(spans), key=lambda x: (x[1][0], x[1][1])):
        if e <= s:
            continue
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            merged[-1][2] = min(merged[-1][2], i)
        else:
            merged.append([s, e, i])
    words: List[str] = []
    spaces: List[bool] = []
    origin: List[int] = []

    def gap(g: str) -> None:
        for m in _WS_RUNS.finditer(g):
            run = m.group()
            if run[0] == " " and words and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
                run = run[1:]
            if run:
                words.append(run)
                spaces.append(False)
                origin.append(-1)

    pos = 0
    for s, e, i in merged:
        if s > pos:
            gap(text[pos:s])
        words.append(text[s:e])
        spaces.append(False)
        origin.append(i)
        pos = e
    if pos < len(text):
        gap(text[pos:])
    return words, spaces, origin


_TAG_MAP: Optional[Dict[str, Any]] = None


def _pos_of(tag: str) -> Any:
    global _TAG_MAP
    if _TAG_MAP is None:
        from spacy.lang.ko.tag_map import TAG_MAP
        from spacy.symbols import POS  # type: ignore[import-not-found,unused-ignore]

        _TAG_MAP = {k: v[POS] for k, v in TAG_MAP.items()}
        _TAG_MAP.update({"SN": _TAG_MAP.get("SN", 0), "W_URL": _TAG_MAP.get("SL", 0)})
    base = tag.split("-")[0]
    if base.startswith("W_"):
        base = "SL"
    return _TAG_MAP.get(base)


class KiwiTokenizer(DummyTokenizer):
    """spaCy tokenizer on Kiwi morphemes (no MeCab needed), sharing kfacts' Kiwi."""

    def __init__(self, vocab: Any, analyzer: Any = None) -> None:
        self.vocab = vocab
        self._analyzer = analyzer

    @property
    def analyzer(self) -> Any:
        if self._analyzer is None:
            from .api import default_extractor

            self._analyzer = default_extractor().analyzer
        return self._analyzer

    def __reduce__(self) -> Any:
        return KiwiTokenizer, (self.vocab,)

    def __call__(self, text: str) -> Doc:
        tokens = self.analyzer.analyze(text).tokens
        words, spaces, origin = words_and_spaces(text, [(t.start, t.end) for t in tokens])
        # tags: every morpheme of a merged word, in order
        starts = [t.start for t in tokens]
        sent_starts: List[Any] = []
        tags: List[str] = []
        last_sent = None
        j = 0
        pos = 0
        for w, sp, i in zip(words, spaces, origin):
            end = pos + len(w)
            if i < 0:
                tags.append("_SP" if w.isspace() else "SW")
                sent_starts.append(None if sent_starts else True)
            else:
                while j < len(tokens) and starts[j] < pos:
                    j += 1
                k = j
                ts = []
                while k < len(tokens) and tokens[k].start < end:
                    ts.append(tokens[k].tag)
                    k += 1
                tags.append("+".join(ts) or "SW")
                sent = tokens[i].sent
                sent_starts.append(True if last_sent is None or sent != last_sent else False)
                last_sent = sent
            pos = end + (1 if sp else 0)
        if sent_starts:
            sent_starts[0] = True
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts)
        for token, tag in zip(doc, tags):
            token.tag_ = tag
            p = _pos_of(tag.split("+")[0]) if tag != "_SP" else None
            if tag == "_SP":
                token.pos_ = "SPACE"
            elif p is not None:
                token.pos = p
        return doc


@registry.tokenizers("kfacts.KiwiTokenizer")  # type: ignore[untyped-decorator,unused-ignore]
def create_kiwi_tokenizer() -> Callable[[Language], KiwiTokenizer]:
    """``{"@tokenizers": "kfacts.KiwiTokenizer"}`` in a spaCy config."""

    def make(nlp: Language) -> KiwiTokenizer:
        return KiwiTokenizer(nlp.vocab)

    return make


#: the spaCy config that makes a Korean pipeline use the Kiwi tokenizer
KIWI_CONFIG: Dict[str, Any] = {"nlp": {"tokenizer": {"@tokenizers": "kfacts.KiwiTokenizer"}}}


def blank(lang: str = "ko", **component_config: Any) -> Language:
    """``spacy.blank("ko")`` with the Kiwi tokenizer (spaCy's own needs MeCab).

    With keyword arguments, the ``kfacts`` component is added with them as its
    config (``blank(published="2024-08-13")``); ``blank(kfacts=True)`` adds it
    with its defaults. The tokenizer is in the pipeline's config, so
    ``nlp.to_disk()`` / ``spacy.load()`` keep it.
    """
    import spacy

    nlp = spacy.blank(lang, config=KIWI_CONFIG)
    add = component_config.pop("kfacts", bool(component_config))
    if add:
        nlp.add_pipe("kfacts", config=component_config)
    return nlp


def use_kiwi(nlp: Language) -> Language:
    """Give an existing pipeline the Kiwi tokenizer (and its config entry); returns ``nlp``."""
    nlp.tokenizer = KiwiTokenizer(nlp.vocab)
    config = getattr(nlp, "_config", None)
    if config is not None and "nlp" in config:
        config["nlp"]["tokenizer"] = dict(KIWI_CONFIG["nlp"]["tokenizer"])
    return nlp


def split_at(doc: Doc, offsets: Iterable[int]) -> int:
    """Split the tokens of ``doc`` that a character offset falls inside; returns how many were split.

    Each piece keeps the token's tag and POS; the pieces of one token hang
    on its last piece, which keeps the token's head. Used by the ``kfacts``
    component so that entities start and end where their facts do
    (``광주시장은``: the fact ``광주시`` cuts the token ``광주시장``).
    """
    cuts = sorted(set(offsets))
    if not cuts:
        return 0
    plans = []
    for tok in doc:
        s = tok.idx
        e = s + len(tok.text)
        k = bisect_right(cuts, s)
        inner = []
        while k < len(cuts) and cuts[k] < e:
            inner.append(cuts[k] - s)
            k += 1
        if inner:
            plans.append((tok, inner))
    if not plans:
        return 0
    with doc.retokenize() as retok:
        for tok, inner in plans:
            bounds = [0, *inner, len(tok.text)]
            orths = [tok.text[a:b] for a, b in zip(bounds, bounds[1:])]
            n = len(orths)
            last_head: Any = tok.head if tok.head.i != tok.i else (tok, n - 1)
            heads: List[Any] = [(tok, n - 1)] * (n - 1) + [last_head]
            attrs: Dict[Any, List[Any]] = {"TAG": [tok.tag_] * n, "POS": [tok.pos_] * n}
            retok.split(tok, orths, heads=heads, attrs=attrs)
    return len(plans)


# -- overlap rules (the extractors' overlap step, over tokens) ---------------------
def _tokens(span: Span) -> Tuple[int, int]:
    return span.start, span.end


def keep_longest(spans: Sequence[Span]) -> List[Span]:
    """Longest span first, then the earliest; overlapping later ones are dropped."""
    return sorted(select(spans, _tokens, longest=True), key=lambda s: s.start)


def keep_first(spans: Sequence[Span]) -> List[Span]:
    """Earliest start first, then the longest; overlapping later ones are dropped."""
    return select(sorted(spans, key=lambda s: (s.start, -(s.end - s.start))), _tokens)


#: named rules choosing ``doc.ents`` among overlapping spans
OVERLAP_RULES: Dict[str, Callable[[Sequence[Span]], List[Span]]] = {
    "longest": keep_longest,
    "first": keep_first,
}


# -- component --------------------------------------------------------------------
_extractors: Dict[Any, Any] = {}


def _extractor_for(packs: Sequence[str], disable: Sequence[str], zoning: bool) -> Any:
    """One Extractor per distinct setting, shared by the pipelines of this process."""
    from .api import Extractor, default_extractor

    key = (tuple(packs), tuple(sorted(disable)), zoning)
    if key == ((), (), True):
        return default_extractor()
    ex = _extractors.get(key)
    if ex is None:
        ex = _extractors[key] = Extractor(packs=list(packs), disable=list(disable), zoning=zoning)
    return ex


class KfactsComponent:
    """Sets ``doc.ents`` and ``doc._.facts`` from kfacts' extraction of ``doc.text``."""

    def __init__(self, nlp: Language, name: str, packs: Sequence[str] = (), disable: Sequence[str] = (),
                 zoning: bool = True, published: Optional[str] = None, overlap: str = "longest",
                 overwrite_ents: bool = False, split_tokens: Optional[bool] = None) -> None:
        from .pipeline import parse_published

        if overlap not in OVERLAP_RULES:
            raise ValueError(f"kfacts: unknown overlap rule {overlap!r}; known: {', '.join(OVERLAP_RULES)}")
        if split_tokens is None:  # auto: Kiwi's morpheme tokens may be cut; another tokenizer's are kept
            split_tokens = nlp is not None and isinstance(getattr(nlp, "tokenizer", None), KiwiTokenizer)
        self.split_tokens = bool(split_tokens)
        self.name = name
        self._settings = (name, tuple(packs), tuple(disable), zoning, published, overlap, overwrite_ents,
                          self.split_tokens)
        self.published = parse_published(published)
        self.resolve = OVERLAP_RULES[overlap]
        self.overwrite_ents = overwrite_ents
        self.extractor = _extractor_for(packs, disable, zoning)

    def __reduce__(self) -> Any:
        # picklable (nlp.pipe(n_process=...) with spawn): rebuilt from its settings, Extractor included
        return _rebuild_component, self._settings

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published if doc._.published is not None else self.published
        result = self.extractor(doc.text, published=published)
        facts = list(result.facts)
        doc.user_data[_FACTS_KEY] = [f.to_dict() for f in facts]
        doc._.published = result.published.isoformat() if result.published else None
        if self.split_tokens:
            split_at(doc, [x for f in facts for x in f.span])
        spans: List[Span] = []
        origin: Dict[int, int] = {}
        for i, f in enumerate(facts):
            label = LABELS.get(f.type, f.type.upper())
            span = doc.char_span(f.span[0], f.span[1], label=label, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            origin[id(span)] = i
            spans.append(span)
        existing = [] if self.overwrite_ents else list(doc.ents)
        chosen = self.resolve(existing + spans)
        doc.ents = chosen
        doc.user_data[_ENTS_KEY] = [[s.start, s.end, s.label_, origin[id(s)]] for s in chosen if id(s) in origin]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


def _rebuild_component(name: str, packs: Sequence[str], disable: Sequence[str], zoning: bool,
                       published: Optional[str], overlap: str, overwrite_ents: bool,
                       split_tokens: bool = False) -> KfactsComponent:
    return KfactsComponent(None, name, packs=packs, disable=disable, zoning=zoning, published=published,  # type: ignore[arg-type]
                           overlap=overlap, overwrite_ents=overwrite_ents, split_tokens=split_tokens)


@Language.factory(
    "kfacts",
    default_config={"packs": [], "disable": [], "zoning": True, "published": None, "overlap": "longest",
                    "overwrite_ents": False, "split_tokens": None},
    assigns=["doc.ents", "doc._.facts", "doc._.published"],
)
def make_kfacts(nlp: Language, name: str, packs: List[str], disable: List[str], zoning: bool,
                published: Optional[str], overlap: str, overwrite_ents: bool,
                split_tokens: Optional[bool] = None) -> KfactsComponent:
    """The ``kfacts`` component factory (``nlp.add_pipe("kfacts")``)."""
    return KfactsComponent(nlp, name, packs=packs, disable=disable, zoning=zoning, published=published,
                           overlap=overlap, overwrite_ents=overwrite_ents, split_tokens=split_tokens)

