"""bench/store_chart.py (issue 11, point 7): one entity's claims per year as a self-contained SVG,
from the Store's public API, with no plotting library.

The awards and jobs of the district are invented for this test (a bare 강서구 is ambiguous, Seoul or
Busan, so the texts say 서울 강서구).
"""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kfacts.store import Store

CHART = Path(__file__).resolve().parents[1] / "bench" / "store_chart.py"
SVG = "{http://www.w3.org/2000/svg}"

TEXTS = [
    {"text": "서울 강서구는 '2019 지방자치단체 혁신평가'에서 최우수상을 받았다고 3일 밝혔다.",
     "url": "https://one.example/1", "outlet": "일보", "published": "2019-12-03"},
    {"text": "서울 강서구가 '2022 지방자치단체 혁신평가'에서 대상을 수상했다. 구는 주민참여 분야에서 높은 점수를 받았다.",
     "url": "https://two.example/2", "outlet": "신문", "published": "2022-11-30"},
    {"text": "서울 강서구는 올해 청년 일자리 120개를 창출했다고 밝혔다.",
     "url": "https://one.example/3", "outlet": "일보", "published": "2022-05-10"},
]


@pytest.fixture(scope="module")
def chart():
    spec = importlib.util.spec_from_file_location("store_chart", CHART)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture()
def store(extractor):
    s = Store(":memory:", extractor=extractor)
    s.add(TEXTS)
    yield s
    s.close()


def test_the_svg_is_well_formed_and_names_the_entity_and_years(chart, store, tmp_path):
    out = tmp_path / "img" / "chart.svg"
    assert chart.pick_entity(store) == "서울특별시 강서구"
    name, table, undated = chart.write_chart(store, "서울 강서구", out, subtitle="test")
    assert name == "서울특별시 강서구"
    assert table[2019]["award"] == 1 and table[2022] == {"award": 1, "money": 0, "jobs": 1} and undated == 0
    root = ET.parse(out).getroot()                       # well-formed XML
    assert root.tag == SVG + "svg"
    texts = ["".join(t.itertext()) for t in root.iter(SVG + "text")]
    assert any("서울특별시 강서구" in t for t in texts)
    for year in ("2019", "2020", "2021", "2022"):         # every year of the span is on the axis
        assert year in texts
    bars = [r for r in root.iter(SVG + "rect") if r.find(SVG + "title") is not None]
    assert {"".join(r.find(SVG + "title").itertext()) for r in bars} >= {"2019 award: 1", "2022 award: 1"}
    assert "font-family" in root.attrib and "Noto Sans CJK KR" in root.attrib["font-family"]


def test_table_and_empty_chart(chart):
    table, undated = chart.per_year([{"year": 2020, "type": "money", "claims": 2, "documents": 1},
                                     {"year": None, "type": "money", "claims": 1, "documents": 1}])
    assert table == {2020: {"award": 0, "money": 2, "jobs": 0}} and undated == 1
    assert "| 2020 | 0 | 2 | 0 | 2 |" in chart.markdown_table(table)
    ET.fromstring(chart.svg_chart(table, "A & <B>", undated=undated))  # names are escaped
    with pytest.raises(ValueError):
        chart.svg_chart({}, "nobody")
