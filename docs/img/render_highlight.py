"""Re-render docs/img/highlight.png: Document._repr_html_() of a sample text, via headless Chromium.

    python docs/img/render_highlight.py      # needs the `chromium` package (apt-get install chromium)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import kfacts

HERE = Path(__file__).resolve().parent
SAMPLE = (
    "광주시는 2024년 8월 13일 AI 산업 육성을 위해 100억원을 투자한다고 밝혔다. "
    "강기정 광주시장은 \"내년 9월까지 신규 일자리 190개를 만들겠다\"고 말했다.\n"
    "광주광역시 동구는 지난 1일 행정안전부가 주관한 평가에서 최우수상을 받았다."
)


def main() -> int:
    doc = kfacts.extract(SAMPLE, published="2024-08-13")
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        "body{margin:24px;font-size:20px;background:#fff;font-family:'Noto Sans CJK KR',sans-serif;word-break:keep-all}"
        "</style></head><body>" + doc._repr_html_() + "</body></html>"
    )
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        print("chromium not found (apt-get install chromium fonts-noto-cjk)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "highlight.html"
        html.write_text(page, encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                        f"--screenshot={HERE / 'highlight.png'}", "--window-size=900,220", html.as_uri()],
                       check=True, capture_output=True, timeout=120)
    print(f"{HERE / 'highlight.png'}: {len(doc.facts)} facts highlighted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
