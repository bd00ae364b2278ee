"""HTML input: the visible text only, spans into it, and an exact map back to the HTML.

The pages here are invented (names, places and amounts are made up).
"""

from __future__ import annotations

import html as std_html
import json
import re

import pytest

import kfacts
from kfacts.cli import main
from kfacts.htmltext import html_to_text, looks_like_html

PAGE = """<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8">
<title>한빛일보 - 한빛시 청년 일자리</title>
<meta property="article:published_time" content="2025-03-04T09:00:00+09:00">
<style>.ad:after { content: "광고 30억원"; }</style>
<script>var banner = "<p>후원금 500억원</p>"; if (a < b && c) { x = "&quot;"; }</script>
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-03-04T09:00:00+09:00"}</script>
</head>
<body>
<nav><ul><li><a href="/">홈</a></li><li><a href="/p">정치</a></li><li>경제 800억원</li></ul></nav>
<header><div class="logo">한빛일보</div><form><button>검색 7억원</button></form></header>
<article>
  <header><h1>한빛시, &quot;청년&quot; 일자리 300개 만든다</h1></header>
  <p>한빛시는   4일 청년 일자리 300개를 만들기 위해
     <b>20억원</b>을 투입한다고 밝혔다.</p>
  <p>김하늘 한빛시장은 &ldquo;내년 3월까지 마치겠다&rdquo;고 말했다.<!-- 메모: 100억원 --></p>
  <p>사업비는 국비&nbsp;<span><em>15억</em>원</span>&#44; 시비 5억원이다.</p>
  <div style="display: none">숨긴 글 40억원</div>
  <table><tr><td>대상</td><td>상금 2억원</td></tr></table>
</article>
<aside>많이 본 뉴스 60억원</aside>
<iframe src="/ad">광고 70억원</iframe><noscript>스크립트 90억원</noscript>
<svg><text>도표 11억원</text></svg>
<footer>Copyright &copy; 한빛일보 무단 전재 금지</footer>
</body></html>
"""

EXPECTED_TEXT = (
    '한빛시, "청년" 일자리 300개 만든다\n'
    "한빛시는 4일 청년 일자리 300개를 만들기 위해 20억원을 투입한다고 밝혔다.\n"
    "김하늘 한빛시장은 “내년 3월까지 마치겠다”고 말했다.\n"
    "사업비는 국비 15억원, 시비 5억원이다.\n"
    "대상\t상금 2억원"
)


def visible(fragment: str) -> str:
    """An HTML fragment as a reader sees it: comments and tags gone, entities unescaped."""
    return std_html.unescape(re.sub(r"<!--.*?-->|<[^>]*>", "", fragment, flags=re.S))


def squeeze(s: str) -> str:
    return " ".join(s.split())


def test_text_is_the_visible_article_only():
    page = html_to_text(PAGE)
    assert page.text == EXPECTED_TEXT
    assert page.title == "한빛일보 - 한빛시 청년 일자리"
    assert page.published == "2025-03-04T09:00:00+09:00"


@pytest.mark.parametrize("dropped", ["500억원", "30억원", "800억원", "7억원", "100억원", "40억원", "60억원",
                                     "70억원", "90억원", "11억원", "Copyright", "홈"])
def test_dropped_markup_gives_no_text(dropped):
    assert dropped not in html_to_text(PAGE).text


def test_facts_come_from_the_text_only_with_exact_spans_and_html_spans():
    doc = kfacts.extract_html(PAGE)
    assert doc.text == EXPECTED_TEXT and doc.html == PAGE
    money = [f.text for f in doc.of_type("money")]
    assert money == ["20억원", "15억원", "5억원", "2억원"]
    assert doc.published.isoformat() == "2025-03-04" and doc.meta["published_source"] == "html_meta"
    assert doc.facts
    for f in doc.facts:
        assert doc.text[f.start:f.end] == f.text
        s, e = doc.html_span(f)
        assert squeeze(visible(PAGE[s:e])) == squeeze(f.text), (f, PAGE[s:e])
    # a fact split by markup maps to the whole range, tags included
    fifteen = next(f for f in doc.facts if f.text == "15억원")
    s, e = doc.html_span(fifteen)
    assert PAGE[s:e] == "15억</em>원"


def test_every_word_maps_back_exactly():
    page = html_to_text(PAGE)
    for m in re.finditer(r"\S+", page.text):
        s, e = page.html_span(m.start(), m.end())
        assert visible(PAGE[s:e]) == m.group(), (m.group(), PAGE[s:e])


def test_every_span_maps_back_up_to_white_space():
    """Any span, even one across dropped markup: the HTML range's own text is the span's."""
    page = html_to_text(PAGE)
    n = len(page.text)
    for i in range(0, n, 3):
        for j in range(i + 1, min(n, i + 40) + 1):
            s, e = page.html_span(i, j)
            assert "".join(html_to_text(PAGE[s:e]).text.split()) == "".join(page.text[i:j].split())
            assert s == page.html_span(i, i + 1)[0] and e == page.html_span(j - 1, j)[1]


@pytest.mark.parametrize("src, text", [
    ("<p>A&amp;B &lt;C&gt; &quot;D&quot; &#39;E&#39; &#x41;&#66;</p>", "A&B <C> \"D\" 'E' AB"),
    ("<p>&amp 그리고 &copy 2025 &notanentity; &unknown;</p>", "& 그리고 © 2025 ¬anentity; &unknown;"),
    ("<div>첫째<div>둘째<span>셋</span>넷</div>다섯</div>", "첫째\n둘째셋넷\n다섯"),
    ("<p>가<!-- 주석 <p>안 --><!---->나</p>", "가나"),
    ("<ul><li>하나</li><li>둘</li></ul>", "하나\n둘"),
    ("줄<br>바꿈<br/>두번<BR>", "줄\n바꿈\n두번"),
    ("<p>  앞뒤  \n\t 공백  </p>", "앞뒤 공백"),
    ("<pre>  그대로\n  둔다</pre>", "  그대로\n  둔다"),
    ("<h2>제목</h2>본문", "제목\n본문"),
    ("a\r\n<p>b</p>\r\nc", "a\nb\nc"),
    ("<p>미완성 <b>태그", "미완성 태그"),
    ("<p hidden>숨김</p><p>보임</p>", "숨김\n보임"),  # p may lack its end tag: not skipped by attribute
    ("<div aria-hidden=\"true\">아이콘</div>보임", "보임"),
    ("<SCRIPT type=text/javascript>if (a</b) {}</SCRIPT><P>본문</P>", "본문"),
    ("<script>document.write('</p><p>9억원')</script>끝", "끝"),
    ("<a title=\"1 > 0\" href='x'>링크</a>", "링크"),
    ("<a title=\"따옴표가 안 닫힘>링크</a> 다음", "링크 다음"),
    ("<title>제목 &amp; 부제</title><textarea>쓴 &lt;p&gt;</textarea>본문", "본문"),
    ("앞<!-- 닫히지 않은 주석 <p>200억원", "앞"),
    ("<![CDATA[숨은 값]]>보임<?xml version='1.0'?>", "보임"),
    ("a < b &amp;& c <3 <주간 보고>", "a < b && c <3 <주간 보고>"),
    ("<p>100&nbsp;&nbsp;억원</p>", "100 억원"),
    ("", ""),
])
def test_small_pages(src, text):
    page = html_to_text(src)
    assert page.text == text
    for m in re.finditer(r"\S+", page.text):
        s, e = page.html_span(m.start(), m.end())
        assert visible(src[s:e]).replace("\xa0", " ") == m.group() or \
            squeeze(visible(src[s:e])) == m.group(), (m.group(), src[s:e])


def test_html_span_edges():
    page = html_to_text("<p>가나</p>")
    assert page.html_span(0, 2) == (3, 5)
    assert page.html_span(0, 0) == (3, 3) and page.html_span(2, 2) == (5, 5)
    with pytest.raises(ValueError):
        page.html_span(1, 3)
    assert html_to_text("").html_span(0, 0) == (0, 0)


def test_header_footer_inside_article_are_kept_outside_dropped():
    src = ("<header>사이트</header><main><article><header>기사 제목</header><p>본문</p>"
           "<footer>홍길동 기자</footer></article></main><footer>회사 정보</footer>")
    assert html_to_text(src).text == "기사 제목\n본문\n홍길동 기자"


def test_bytes_with_meta_charset_and_title():
    src = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr"></head>' \
          "<body><p>한빛시는 12억원을 썼다.</p></body></html>"
    page = html_to_text(src.encode("euc-kr"))
    assert page.text == "한빛시는 12억원을 썼다." and page.encoding == "cp949"
    assert page.html == src  # spans refer to the decoded string


def test_published_argument_wins_over_page_metadata():
    doc = kfacts.extract_html(PAGE, published="2024-01-02")
    assert doc.published.isoformat() == "2024-01-02"
    assert doc.meta["published_source"] == "argument"
    bad_meta = PAGE.replace("2025-03-04T09:00:00+09:00", "어제 오후")
    doc = kfacts.extract_html(bad_meta)  # unreadable metadata date: ignored, not an error
    assert doc.meta["published_source"] != "html_meta"


def test_to_dict_and_extractor_method():
    ex = kfacts.Extractor(disable=["money.implicit_won"])
    doc = ex.extract_html(PAGE)
    d = doc.to_dict()
    assert [f["html_span"] for f in d["facts"]] == [list(doc.html_span(f)) for f in doc.facts]
    assert "html_span" not in kfacts.extract("한빛시는 12억원을 썼다.").to_dict()["facts"][0]
    with pytest.raises(ValueError, match="not read from HTML"):
        kfacts.extract("한빛시는 12억원을 썼다.").html_span((0, 1))


def test_pipe_html_records():
    ex = kfacts.Extractor()
    out = list(ex.pipe([{"id": "p1", "html": PAGE}, {"id": "t1", "text": EXPECTED_TEXT}]))
    doc = ex.extract_html(PAGE)
    assert out[0]["facts"] == doc.to_dict()["facts"]
    assert out[0]["text"] == EXPECTED_TEXT and out[0]["published_resolved"] == "2025-03-04"
    assert [f["text"] for f in out[1]["facts"]] == [f.text for f in doc.facts]
    assert "html_span" not in out[1]["facts"][0]


def test_looks_like_html():
    assert looks_like_html("<!DOCTYPE html><html>")
    assert looks_like_html("  <!-- saved -->\n<html lang=ko>")
    assert looks_like_html("<div class='x'>본문</div>")
    assert not looks_like_html("한빛시는 <주간 보고>를 냈다.")
    assert not looks_like_html("<주간 보고> 한빛시는")


# -- the command line ------------------------------------------------------------------
def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_html_file_and_folder(tmp_path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE, encoding="utf-8")
    (folder / "b.htm").write_text("<p>한빛시는 12억원을 썼다.</p>", encoding="utf-8")
    (folder / "skip.css").write_text("p { }", encoding="utf-8")
    code, out, err = run(capsys, "extract", folder)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [str(folder / "a.html"), str(folder / "b.htm")]
    doc = kfacts.extract_html(PAGE)
    assert rows[0]["facts"] == doc.to_dict()["facts"]
    assert rows[0]["published"] == "2025-03-04"
    assert all("html" not in r and "text" not in r for r in rows)
    assert [f["text"] for f in rows[1]["facts"] if f["type"] == "money"] == ["12억원"]


def test_cli_html_without_suffix_is_sniffed(tmp_path, capsys):
    page = tmp_path / "saved_page"
    page.write_text(PAGE, encoding="utf-8")
    code, out, _ = run(capsys, "extract", page)
    assert code == 0
    assert json.loads(out)["facts"] == kfacts.extract_html(PAGE).to_dict()["facts"]


def test_cli_jsonl_html_field(tmp_path, capsys):
    data = tmp_path / "crawl.jsonl"
    recs = [{"url": "https://news.example/1", "html": PAGE},
            {"url": "https://news.example/2", "text": "한빛시는 12억원을 썼다."}]
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    code, out, err = run(capsys, "extract", data, "--id-field", "url")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["https://news.example/1", "https://news.example/2"]
    assert rows[0]["facts"] == kfacts.extract_html(PAGE).to_dict()["facts"]
    assert "html" not in rows[0]
    # another field name for the page
    other = tmp_path / "raw.jsonl"
    other.write_text(json.dumps({"id": "x", "raw_html": PAGE}, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "extract", other, "--html-field", "raw_html")
    assert code == 0, err
    assert json.loads(out)["facts"] == rows[0]["facts"]
    code, _, err = run(capsys, "extract", other)
    assert code == 2 and "--html-field" in err


def test_cli_html_csv_has_sentences(tmp_path, capsys):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    code, out, _ = run(capsys, "extract", tmp_path / "a.html", "--format", "csv", "--types", "money")
    assert code == 0
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [(r["text"], r["sentence"]) for r in rows][:2] == [
        ("20억원", "한빛시는 4일 청년 일자리 300개를 만들기 위해 20억원을 투입한다고 밝혔다."),
        ("15억원", "사업비는 국비 15억원, 시비 5억원이다.")]


def test_cli_explain_html_file(tmp_path, capsys):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    code, out, _ = run(capsys, "explain", tmp_path / "a.html")
    assert code == 0
    doc = kfacts.extract_html(PAGE)
    for f in doc.facts:
        s, e = doc.html_span(f)
        assert f"{f.text!r} [{f.start}:{f.end}] html=[{s}:{e}]" in out
    assert "500억원" not in out


def test_any_markup_soup_gives_text_and_a_consistent_map():
    """Random tag soup (seeded): never an error; every word maps back to markup giving exactly it."""
    import random

    parts = ["<p>", "</p>", "<div class='a>b'>", "</div>", "<br>", "<b>", "</b>", "<script>", "</script>",
             "<!--", "-->", "&amp;", "&lt;", "&#44;", "&#xAC00;", "&nbsp;", "&copy", "&", "<", ">", " ", "\n",
             "한빛", "시는", "10억원", "abc", "<nav>", "</nav>", "<td>", "<pre>", "</pre>", "<a title=\"x", "\"",
             "<!DOCTYPE html>", "<style>", "</style>", "<title>", "</title>"]
    rng = random.Random(20250304)
    for _ in range(300):
        src = "".join(rng.choice(parts) for _ in range(rng.randint(0, 40)))
        page = html_to_text(src)
        assert isinstance(page.text, str)
        for m in re.finditer(r"\S+", page.text):
            s, e = page.html_span(m.start(), m.end())
            assert "".join(html_to_text(src[s:e]).text.split()) == m.group() or \
                "".join(visible(src[s:e]).split()) == m.group(), (src, m.group(), src[s:e])
