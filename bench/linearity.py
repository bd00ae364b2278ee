"""Linearity table: CPU time of ``Extractor()(text)`` on hostile shapes at two sizes.

    python bench/linearity.py            # 100 kB vs 1 MB (news text: 500 kB vs 5 MB)
    python bench/linearity.py --quick    # 10 kB vs 100 kB (news text: 50 kB vs 500 kB)
    python bench/linearity.py --only award,dots --limit 120

Each measurement runs in its own child process (one Extractor, warmed up on a
short text, then timed with ``time.process_time`` around one call), so a shape
that blows up is stopped at ``--limit`` CPU seconds (RLIMIT_CPU) and shown as
``>limit`` instead of hanging the table. Sizes are in characters (1 kB = 1000
chars). CPU time, not wall time, is what the table reports: the machine may be
shared. The acceptance line: larger / smaller <= 12 for every shape (10x the
input), and no 1 MB input above 60 s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "wikinews_ko.jsonl"


def _articles() -> list[str]:
    path = Path(os.environ.get("KFACTS_BENCH", BENCH))
    return [json.loads(line)["text"] for line in path.open(encoding="utf-8")]


def _repeat(unit: str, size: int) -> str:
    n = size // len(unit) + 1
    return (unit * n)[:size]


def _joined(sep: str, size: int, strip: str | None = None) -> str:
    parts: list[str] = []
    total = 0
    arts = _articles()
    while total < size:
        for a in arts:
            if strip is not None:
                a = "".join(a.split()) if strip == "all" else " ".join(a.split())
            parts.append(a)
            total += len(a) + len(sep)
            if total >= size:
                break
    return sep.join(parts)[:size]


def _numbered(template: str, size: int) -> str:
    parts: list[str] = []
    total = i = 0
    while total < size:
        i += 1
        parts.append(template.format(i=i))
        total += len(parts[-1])
    return "".join(parts)[:size]


#: shape name -> (description, generator(size) -> text, big: news-size pair instead of the hostile one)
SHAPES: dict[str, tuple[str, object, bool]] = {
    "award": ("'최우수상 ' repeated", lambda n: _repeat("최우수상 ", n), False),
    "money_range": ("'3~5억원 ' repeated", lambda n: _repeat("3~5억원 ", n), False),
    "money_fullwidth": ("'１２３억원 ' repeated", lambda n: _repeat("１２３억원 ", n), False),
    "news_one_line": ("news joined with spaces, no line break", lambda n: _joined(" ", n, strip="space"), False),
    "news_no_space": ("news with every space and break removed", lambda n: _joined("", n, strip="all"), False),
    "one_dot": ("'1.' repeated", lambda n: _repeat("1.", n), False),
    "one_dot_lines": ("'1. ' lines", lambda n: _repeat("1.\n", n), False),
    "timestamps": ("'입력 2024.08.13 10:20' lines", lambda n: _repeat("입력 2024.08.13 10:20\n", n), False),
    "digits": ("digits, no space", lambda n: _repeat("1234567890", n), False),
    "numbers": ("'12,345 ' repeated", lambda n: _repeat("12,345 ", n), False),
    "dots": ("'.' repeated", lambda n: _repeat(".", n), False),
    "ellipsis": ("'… ' repeated", lambda n: _repeat("… ", n), False),
    "dquotes": ("'\"' repeated", lambda n: _repeat('"', n), False),
    "squotes": ("\"'\" repeated", lambda n: _repeat("'", n), False),
    "curly_quotes": ("'“”' repeated", lambda n: _repeat("“”", n), False),
    "triangles": ("'△' repeated", lambda n: _repeat("△", n), False),
    "triangle_lines": ("'△ 항목' lines", lambda n: _repeat("△ 항목\n", n), False),
    "dashes": ("'-' repeated", lambda n: _repeat("-", n), False),
    "middots": ("'·' repeated", lambda n: _repeat("·", n), False),
    "paren_items": ("'1)' repeated", lambda n: _repeat("1)", n), False),
    "award_lines": ("an award sentence, repeated lines", lambda n: _repeat(
        "한빛시는 행정안전부가 주관한 ‘2024 지역혁신 평가’에서 최우수상을 받았다.\n", n), False),
    "award_events": ("award sentences, each its own event", lambda n: _numbered(
        "한빛시는 ‘누리 {i}호 평가’에서 최우수상을 받았다.\n", n), False),
    "money_lines": ("a money sentence, repeated lines", lambda n: _repeat(
        "누리군은 국비 35억원을 들여 새 도서관을 짓는다.\n", n), False),
    "money_one_line": ("money sentences on one line, no break", lambda n: _repeat(
        "누리군은 국비 35억원을 들여 새 도서관을 짓는다. ", n), False),
    "jobs_one_line": ("jobs sentences on one line, no break", lambda n: _repeat(
        "한빛시는 일자리 120개를 만든다. ", n), False),
    "quoted_prizes": ("'“한빛시는 상을 받았다”며 ' repeated (one line)", lambda n: _repeat(
        "“한빛시는 상을 받았다”며 ", n), False),
    "region_stems": ("'천안·아산·예산·홍성·' repeated (a list, no suffix)", lambda n: _repeat(
        "천안·아산·예산·홍성·", n), False),
    "org_list": ("'한빛재단·누리공사·다온위원회·' repeated (a list of organizations)", lambda n: _repeat(
        "한빛재단·누리공사·다온위원회·", n), False),
    "year_words": ("'전년도 이듬해 같은 해 ' repeated", lambda n: _repeat("전년도 이듬해 같은 해 ", n), False),
    "prize_topics": ("'대상은 최우수상은 ' repeated", lambda n: _repeat("대상은 최우수상은 ", n), False),
    "byline_lines": ("a closing byline, repeated lines", lambda n: _repeat(
        "누리군은 올해 주민 만족도 조사에서 가장 높은 점수를 받았다고 밝혔다.\n홍길동 기자 hong@news.co.kr\n", n), False),
    "news": ("news text with line breaks", lambda n: _joined("\n", n), True),
}


def _child(shape: str, size: int, limit: float) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (int(limit) + 1, int(limit) + 2))
    except (ImportError, ValueError, OSError):
        pass
    from kfacts import Extractor

    ex = Extractor()
    ex("워밍업 문장이다. 서울시는 3억원을 받았다.")
    gen = SHAPES[shape][1]
    text = gen(size)  # type: ignore[operator]
    t0 = time.process_time()
    doc = ex(text)
    dt = time.process_time() - t0
    print(json.dumps({"cpu": dt, "chars": len(text), "facts": len(doc.facts)}))


def _measure(shape: str, size: int, limit: float) -> dict:
    cmd = [sys.executable, __file__, "--child", shape, str(size), str(limit)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=limit * 4 + 60)
    except subprocess.TimeoutExpired:
        return {"cpu": None}
    if out.returncode != 0:
        return {"cpu": None, "rc": out.returncode, "err": out.stderr[-300:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fmt(r: dict, limit: float) -> str:
    return f"{r['cpu']:.2f}" if r.get("cpu") is not None else f">{limit:.0f}"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="10 kB vs 100 kB (news 50 kB vs 500 kB)")
    ap.add_argument("--only", default="", help="comma-separated shape names")
    ap.add_argument("--limit", type=float, default=None, help="CPU seconds per measurement (default 300, quick 60)")
    ap.add_argument("--json", default=None, help="also write the rows to this file")
    args = ap.parse_args()
    small, big = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    nsmall, nbig = (50_000, 500_000) if args.quick else (500_000, 5_000_000)
    limit = args.limit if args.limit is not None else (60.0 if args.quick else 300.0)
    names = [s for s in args.only.split(",") if s] or list(SHAPES)
    print(f"# python bench/linearity.py{' --quick' if args.quick else ''}  (CPU s, time.process_time; "
          f"limit {limit:.0f} s per run)")
    print(f"{'shape':<17}{'input':<42}{'small':>8}{'big':>8}{'cpu small':>11}{'cpu big':>10}{'ratio':>8}  ok")
    rows = []
    bad = 0
    for name in names:
        desc, _, is_news = SHAPES[name]
        a, b = (nsmall, nbig) if is_news else (small, big)
        rs = _measure(name, a, limit)
        rb = _measure(name, b, limit)
        ratio = rb["cpu"] / max(rs["cpu"], 1e-3) if rs.get("cpu") is not None and rb.get("cpu") is not None else None
        ok = ratio is not None and ratio <= 12 and (is_news or b > 1_000_000 or rb["cpu"] <= 60)
        bad += not ok
        row = {"shape": name, "input": desc, "small": a, "big": b, "cpu_small": rs.get("cpu"),
               "cpu_big": rb.get("cpu"), "ratio": ratio, "ok": ok}
        rows.append(row)
        rtxt = f"{ratio:.1f}" if ratio is not None else "-"
        print(f"{name:<17}{desc:<42}{a // 1000:>6}kB{b // 1000:>6}kB{_fmt(rs, limit):>11}{_fmt(rb, limit):>10}"
              f"{rtxt:>8}  {'yes' if ok else 'NO'}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"# {len(rows) - bad}/{len(rows)} shapes within 12x" + ("" if not bad else f"; {bad} NOT"))


if __name__ == "__main__":
    main()
