"""Chart one entity's claims per year from a kfacts store, as a self-contained SVG (issue 11, point 7).

usage: python bench/store_chart.py [DB] [--entity NAME] [--out SVG] [--png PNG]

DB: a store to open; when the file is missing it is built there from the bench corpus
(../shared/bench/wikinews_ko.jsonl) and the seeds (../shared/gold/seeds.jsonl with their
published dates), as bench/store_build.py reads them; with no DB the store is built in a
temporary file. The entity is an organization's canonical name (a short name resolves as in
``store.claims``); by default the organization whose claims span the most distinct years
(ties: more claims, then the name). The counts come from ``store.timeline`` (claims per year and
type); they are printed as a table and drawn as bars stacked by claim type.

No plotting library: the SVG is built as plain text (matplotlib is not a kfacts dependency).
``--png`` also renders a PNG with a headless Chromium when one is installed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Sequence
from xml.sax.saxutils import escape

import kfacts

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "docs" / "img" / "store_claims_per_year.svg"
TYPES = ("award", "money", "jobs")
COLORS = {"award": "#4c72b0", "money": "#dd8452", "jobs": "#55a868"}
FONT = "'Noto Sans CJK KR', 'Noto Sans KR', 'Malgun Gothic', 'Apple SD Gothic Neo', 'NanumGothic', sans-serif"


# -- the figures ------------------------------------------------------------------
def pick_entity(store: kfacts.Store) -> str:
    """The organization (canonical name) whose claims fall in the most distinct years."""
    orgs = {r["name"] for r in store.rows("entities") if r["type"] == "organization"}
    years: dict[str, set[int]] = defaultdict(set)
    n: Counter[str] = Counter()
    for c in store.claims():
        if c.subject in orgs:
            n[c.subject] += 1
            if c.year is not None:
                years[c.subject].add(c.year)
    if not n:
        raise SystemExit("the store holds no claim of an organization")
    return max(n, key=lambda s: (len(years[s]), n[s], [-ord(ch) for ch in s]))


def per_year(timeline: Iterable[dict[str, Any]]) -> tuple[dict[int, dict[str, int]], int]:
    """``store.timeline`` rows as {year: {type: claims}}, and the number of claims without a year."""
    table: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(TYPES, 0))
    undated = 0
    for r in timeline:
        if r["year"] is None:
            undated += r["claims"]
        else:
            table[r["year"]][r["type"]] = table[r["year"]].get(r["type"], 0) + r["claims"]
    return dict(sorted(table.items())), undated


def markdown_table(table: dict[int, dict[str, int]]) -> str:
    lines = ["| year | " + " | ".join(TYPES) + " | total |", "|---|" + "---:|" * (len(TYPES) + 1)]
    for y, row in table.items():
        lines.append(f"| {y} | " + " | ".join(str(row.get(t, 0)) for t in TYPES) + f" | {sum(row.values())} |")
    return "\n".join(lines)


# -- the SVG ------------------------------------------------------------------------
def _ticks(top: int) -> tuple[int, int]:
    """A step giving at most about 6 integer ticks, and the axis maximum (a multiple of it)."""
    top = max(top, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 6:
            break
    else:
        step = 10 ** len(str(top))
    return step, -(-top // step) * step


def svg_chart(table: dict[int, dict[str, int]], entity: str, *, subtitle: str = "", undated: int = 0,
              width: int = 900, height: int = 500, types: Sequence[str] = TYPES) -> str:
    """A bar chart of claims per year, stacked by claim type, as an SVG document (a string)."""
    if not table:
        raise ValueError(f"no dated claims of {entity!r} to chart")
    years = list(range(min(table), max(table) + 1))   # every year of the span: gaps show as gaps
    left, right, top, bottom = 64, 24, 104, 64
    pw, ph = width - left - right, height - top - bottom
    totals = {y: sum(table.get(y, {}).get(t, 0) for t in types) for y in years}
    step, ymax = _ticks(max(totals.values()))
    if ymax == max(totals.values()):    # headroom for the tallest bar's label
        ymax += step
    slot = pw / len(years)
    bar = min(56.0, slot * 0.7)

    def y_of(v: float) -> float:
        return top + ph - v / ymax * ph

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="{escape(FONT, {chr(34): "&quot;"})}" role="img">',
           f"<title>{escape(entity)}: claims per year by type</title>",
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{left}" y="34" font-size="20" font-weight="bold" fill="#222">'
           f"{escape(entity)} · claims per year</text>"]
    if subtitle or undated:
        sub = subtitle + (f"; not shown: {undated} claim{'s' * (undated != 1)} without a year" if undated else "")
        out.append(f'<text x="{left}" y="56" font-size="13" fill="#555">{escape(sub.strip())}</text>')
    # grid and y axis
    for v in range(0, ymax + 1, step):
        y = y_of(v)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="#444">{v}</text>')
    out.append(f'<text x="18" y="{top + ph / 2:.1f}" font-size="13" fill="#444" text-anchor="middle" '
               f'transform="rotate(-90 18 {top + ph / 2:.1f})">claims</text>')
    # bars
    label_every = max(1, -(-len(years) // 16))
    for i, yr in enumerate(years):
        x = left + i * slot + (slot - bar) / 2
        base = 0
        for t in types:
            v = table.get(yr, {}).get(t, 0)
            if v:
                out.append(f'<rect x="{x:.1f}" y="{y_of(base + v):.1f}" width="{bar:.1f}" '
                           f'height="{y_of(base) - y_of(base + v):.1f}" fill="{COLORS.get(t, "#888")}">'
                           f"<title>{yr} {escape(t)}: {v}</title></rect>")
                base += v
        if totals[yr]:
            out.append(f'<text x="{x + bar / 2:.1f}" y="{y_of(totals[yr]) - 5:.1f}" font-size="12" '
                       f'text-anchor="middle" fill="#222">{totals[yr]}</text>')
        if i % label_every == 0 or i == len(years) - 1:
            out.append(f'<text x="{x + bar / 2:.1f}" y="{top + ph + 20}" font-size="12" text-anchor="middle" '
                       f'fill="#444">{yr}</text>')
    out.append(f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#444"/>')
    out.append(f'<text x="{left + pw / 2:.1f}" y="{height - 18}" font-size="13" text-anchor="middle" '
               f'fill="#444">year (event year for awards, publication year for money and jobs)</text>')
    # legend, above the plot
    for j, t in enumerate(types):
        x = left + j * 96
        out.append(f'<rect x="{x}" y="70" width="14" height="14" fill="{COLORS.get(t, "#888")}"/>')
        out.append(f'<text x="{x + 20}" y="82" font-size="13" fill="#222">{escape(t)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_chart(store: kfacts.Store, entity: str, path: str | Path, *, subtitle: str = "") \
        -> tuple[str, dict[int, dict[str, int]], int]:
    """Query ``entity``'s claims per year and type and write the SVG; returns the name drawn, the
    table {year: {type: claims}} and the number of claims without a year."""
    names = store.resolve(entity)
    name = " / ".join(names)
    table, undated = per_year(store.timeline(entity))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(svg_chart(table, name, subtitle=subtitle, undated=undated), encoding="utf-8")
    return name, table, undated


def render_png(svg: Path, png: Path, size: str = "900,500") -> bool:
    """Screenshot the SVG with a headless Chromium; False when none is installed or it fails."""
    exe = next((shutil.which(c) for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None)
    if exe is None:
        return False
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={size}",
           f"--screenshot={png.resolve()}", svg.resolve().as_uri()]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return r.returncode == 0 and png.exists()


# -- building the store ---------------------------------------------------------------
def build(db: str) -> kfacts.Store:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from store_build import records  # the bench corpus and the seeds, read as bench/store_build.py does

    bench, seeds, _again = records()
    store = kfacts.Store(db)
    print(f"add bench ({len(bench)}) and seeds ({len(seeds)}): {store.add(bench + seeds)}", file=sys.stderr)
    return store


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db", nargs="?", help="a store to open (built there from the bench and seeds when missing)")
    ap.add_argument("--entity", help="an organization's name (default: the one with claims in the most years)")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="the SVG to write (default %(default)s)")
    ap.add_argument("--png", help="also render this PNG with a headless Chromium, when installed")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = a.db or str(Path(tmp) / "store.db")
        store = kfacts.Store(db) if Path(db).exists() else build(db)
        counts = store.counts()
        entity = a.entity or pick_entity(store)
        subtitle = f"kfacts store of {counts['documents']} documents, {counts['claims']} claims (store.timeline)"
        name, table, undated = write_chart(store, entity, a.out, subtitle=subtitle)
        store.close()
    print(f"entity: {name}  ({counts['documents']} documents, {counts['claims']} claims in the store)")
    print(markdown_table(table))
    if undated:
        print(f"claims without a year (not drawn): {undated}")
    print(f"wrote {a.out}")
    if a.png:
        print(f"wrote {a.png}" if render_png(Path(a.out), Path(a.png)) else "no PNG: no headless Chromium")


if __name__ == "__main__":
    main()
