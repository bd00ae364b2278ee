"""spaCy: the kfacts.KiwiTokenizer and the kfacts component, found through entry points."""

from __future__ import annotations

import subprocess
import sys

import pytest

spacy = pytest.importorskip("spacy")

import kfacts  # noqa: E402
import kfacts.spacy  # noqa: E402

TEXT = "광주시는 2024년 8월 13일 100억원을 투자했다.  그리고\n\n다시 했다 https://example.com ㈜태성"
CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "kfacts.KiwiTokenizer"}}}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("ko", config=CONFIG)
    nlp.add_pipe("kfacts", config={"published": "2024-08-13"})
    return nlp


def _expected():
    return kfacts.extract(TEXT, published="2024-08-13").facts


def test_entry_points_work_without_importing_kfacts():
    code = (
        "import sys, spacy\n"
        "assert 'kfacts' not in sys.modules\n"
        f"nlp = spacy.blank('ko', config={CONFIG!r})\n"
        "nlp.add_pipe('kfacts')\n"
        "doc = nlp('광주시는 100억원을 투자했다.')\n"
        "print(type(nlp.tokenizer).__module__, len(doc))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("kfacts.spacy ")


def test_kiwi_tokenizer_preserves_text(nlp):
    doc = nlp.make_doc(TEXT)
    assert doc.text == TEXT
    words = [t.text for t in doc]
    assert "광주시" in words and "100" in words
    assert "했" in words  # 하+었 share one character: merged into one token
    assert doc[0].is_sent_start
    assert sum(1 for t in doc if t.is_sent_start) >= 2  # Kiwi's sentence boundaries
    assert [t.tag_ for t in doc if t.text == "했"][0].count("+") == 1
    assert all(t.is_space for t in doc if t.text.isspace())


@pytest.mark.parametrize("text", ["", " ", "\n\n", "a  b", "  앞 공백", "끝 공백  ", "탭\t과\r\n줄", "x\x00y"])
def test_kiwi_tokenizer_odd_whitespace(nlp, text):
    assert nlp.make_doc(text).text == text


def test_words_and_spaces():
    from kfacts.spacy import words_and_spaces

    words, spaces, origin = words_and_spaces("했다  가 ", [(0, 1), (0, 1), (1, 2), (4, 5)])
    assert words == ["했", "다", " ", "가"] and spaces == [False, True, False, True]
    assert "".join(w + " " * s for w, s in zip(words, spaces)) == "했다  가 "


def test_component_sets_ents_and_facts(nlp):
    doc = nlp(TEXT)
    facts = _expected()
    assert [f.to_dict() for f in doc._.facts] == [f.to_dict() for f in facts]
    assert doc._.published == "2024-08-13"
    labels = kfacts.spacy.LABELS
    assert labels["organization"] == "ORG" and labels["person"] == "PERSON"  # spaCy's own labels
    assert {e.label_ for e in doc.ents} <= set(labels.values())
    for e in doc.ents:
        f = e._.fact
        assert f is not None and labels[f.type] == e.label_
        assert e.start_char <= f.start and f.end <= e.end_char
    money = [f for f in facts if f.type == "money"]
    assert money, "the money extractor finds 100억원"
    assert any(e.label_ == "MONEY" and e.text == "100억원" for e in doc.ents)  # exact with Kiwi tokens
    assert any(e.label_ == "DATE" for e in doc.ents) == any(f.type == "date" for f in facts)


def test_component_after_whitespace_tokenizer():
    nlp = spacy.blank("xx")
    nlp.add_pipe("kfacts", config={"published": "2024-08-13"})
    doc = nlp("광주시는 100억원을 투자했다.")
    money = [e for e in doc.ents if e.label_ == "MONEY"]
    assert [e.text for e in money] == ["100억원을"]  # expanded to the whole token
    assert money[0]._.fact.text == "100억원"


def test_doc_published_extension_wins(nlp):
    doc = nlp.make_doc("지난 1일 50억원을 썼다.")
    doc._.published = "2024-08-13"
    doc = nlp.get_pipe("kfacts")(doc)
    assert doc._.published == "2024-08-13"


def test_overlap_rules():
    from spacy.tokens import Span

    from kfacts.spacy import OVERLAP_RULES

    doc = spacy.blank("xx")("a b c d")
    spans = [Span(doc, 0, 1, "ORG"), Span(doc, 0, 3, "AWARD"), Span(doc, 2, 4, "MONEY")]
    assert [(s.start, s.end) for s in OVERLAP_RULES["longest"](spans)] == [(0, 3)]
    assert [(s.start, s.end) for s in OVERLAP_RULES["first"](spans)] == [(0, 3)]
    spans = [Span(doc, 0, 2, "ORG"), Span(doc, 1, 4, "AWARD")]
    assert [(s.start, s.end) for s in OVERLAP_RULES["longest"](spans)] == [(1, 4)]
    assert [(s.start, s.end) for s in OVERLAP_RULES["first"](spans)] == [(0, 2)]
    with pytest.raises(ValueError, match="overlap"):
        spacy.blank("xx").add_pipe("kfacts", config={"overlap": "nope"})


def test_existing_ents_kept_or_overwritten():
    from spacy.tokens import Span

    for overwrite in (False, True):
        nlp = spacy.blank("xx")
        comp = nlp.add_pipe("kfacts", config={"overwrite_ents": overwrite, "published": "2024-08-13"})
        doc = nlp.make_doc("홍길동 씨는 100억원을 썼다.")
        doc.ents = [Span(doc, len(doc) - 1, len(doc), "MISC")]  # "썼다." from another component
        doc = comp(doc)
        assert ("MISC" in [e.label_ for e in doc.ents]) is (not overwrite)
        assert "MONEY" in [e.label_ for e in doc.ents]


def test_displacy_renders_labels(nlp):
    from spacy import displacy

    from kfacts.spacy import DISPLACY_OPTIONS

    doc = nlp(TEXT)
    html = displacy.render(doc, style="ent", options=DISPLACY_OPTIONS)
    assert "<mark" in html
    for e in doc.ents:
        assert e.label_ in html
    assert "투자했다" in html


def test_nlp_pipe_and_serialization(nlp, tmp_path):
    docs = list(nlp.pipe([TEXT, "서울시는 50억원을 썼다."]))
    assert docs[0].text == TEXT
    nlp.to_disk(tmp_path / "pipeline")
    nlp2 = spacy.load(tmp_path / "pipeline")
    assert [(e.text, e.label_) for e in nlp2(TEXT).ents] == [(e.text, e.label_) for e in docs[0].ents]


def test_component_and_tokenizer_pickle(nlp):
    import pickle

    comp = pickle.loads(pickle.dumps(nlp.get_pipe("kfacts")))
    tok = pickle.loads(pickle.dumps(nlp.tokenizer))
    doc = comp(tok(TEXT))
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in nlp(TEXT).ents]


def test_docs_serialize_with_their_facts(nlp):
    from spacy.tokens import Doc, DocBin

    doc = nlp(TEXT)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [f.to_dict() for f in again._.facts] == [f.to_dict() for f in doc._.facts]
    assert [(e.text, e.label_, e._.fact) for e in again.ents] == [(e.text, e.label_, e._.fact) for e in doc.ents]
    bin_ = DocBin(store_user_data=True, docs=[doc])
    (back,) = DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab)
    assert back._.published == "2024-08-13" and len(back._.facts) == len(doc._.facts)


def test_nlp_pipe_two_processes(nlp):
    texts = [TEXT, "서울시는 2023년 3월 2일 50억원을 썼다."] * 2
    one = [[(e.text, e.label_) for e in d.ents] for d in nlp.pipe(texts)]
    two = [[(e.text, e.label_) for e in d.ents] for d in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert one == two


#: invented sentences whose facts cut Kiwi's tokens (광주시|장, 대구시|장) or sit next to particles
EXACT_TEXTS = [
    "광주시장은 100억원을 투자했다.",
    "대구시장과 부산시는 2024년 3월 5일 협약을 맺었다.",
    "남구청장이 행안부장관 표창을 받았다.",
    "전남도는 1,234.56달러와 7천억 원을 확보했다. 다음 문장이다.",
    "서울시청에서 3.25유로를 냈고 10.5달러를 받았다.",
    TEXT,
]


@pytest.mark.parametrize("text", EXACT_TEXTS)
def test_kiwi_entities_have_their_facts_exact_spans(nlp, text):
    doc = nlp(text)
    facts = kfacts.extract(text, published="2024-08-13").facts
    assert doc.ents, "every sample has facts"
    for e in doc.ents:
        f = e._.fact
        assert f is not None, e
        assert (e.start_char, e.end_char, e.text) == (f.start, f.end, f.text)
    # a fact that overlaps no other fact is an entity, exactly
    for f in facts:
        if not any(g is not f and g.start < f.end and f.start < g.end for g in facts):
            assert (f.start, f.end) in {(e.start_char, e.end_char) for e in doc.ents}, f
    assert doc.text == text and "".join(t.text_with_ws for t in doc) == text


def test_fact_inside_a_kiwi_token_splits_it(nlp):
    doc = nlp("광주시장은 100억원을 투자했다.")
    org = [e for e in doc.ents if e.label_ == "ORG"]
    assert [e.text for e in org] == ["광주시"]
    assert [t.text for t in doc[:3]] == ["광주시", "장", "은"]
    assert doc[0].is_sent_start and not doc[1].is_sent_start
    assert doc[1].tag_ == doc[0].tag_  # the pieces keep the token's tag


def test_split_tokens_setting():
    nlp = spacy.blank("xx")
    nlp.add_pipe("kfacts", config={"published": "2024-08-13", "split_tokens": True})
    doc = nlp("광주시는 100억원을 투자했다.")
    assert [e.text for e in doc.ents if e.label_ == "MONEY"] == ["100억원"]  # whitespace token 100억원을 cut
    nlp = kfacts.spacy.blank(published="2024-08-13", split_tokens=False)
    doc = nlp("광주시장은 100억원을 투자했다.")
    assert [e.text for e in doc.ents if e.label_ == "ORG"] == ["광주시장"]  # expanded to the Kiwi token


def test_split_at():
    from kfacts.spacy import split_at

    doc = spacy.blank("xx")("abcdef gh")
    assert split_at(doc, [2, 4, 6, 7, 9]) == 1  # 6, 7, 9 fall on token edges
    assert [t.text_with_ws for t in doc] == ["ab", "cd", "ef ", "gh"]
    assert split_at(doc, []) == 0


def test_blank_helper(tmp_path):
    import kfacts.spacy as ks

    nlp = ks.blank()
    assert isinstance(nlp.tokenizer, ks.KiwiTokenizer) and nlp.pipe_names == []
    assert nlp.lang == "ko"
    nlp = ks.blank(published="2024-08-13")
    assert nlp.pipe_names == ["kfacts"]
    assert ("광주시", "ORG") in [(e.text, e.label_) for e in nlp("광주시장은 100억원을 투자했다.").ents]
    assert ks.blank(kfacts=True).pipe_names == ["kfacts"]
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert isinstance(again.tokenizer, ks.KiwiTokenizer)


def test_use_kiwi_on_existing_pipeline(tmp_path):
    import kfacts.spacy as ks

    nlp = ks.use_kiwi(spacy.blank("xx"))
    assert isinstance(nlp.tokenizer, ks.KiwiTokenizer)
    assert [t.text for t in nlp("100억원을")] == ["100", "억", "원", "을"]
    nlp.to_disk(tmp_path / "p")
    assert isinstance(spacy.load(tmp_path / "p").tokenizer, ks.KiwiTokenizer)
