"""Traditional-character mirror pages read as simplified, with offsets that still fit the original."""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, write
from hypothesis import given
from hypothesis import strategies as st

import nlp
from nlp import ingest
from nlp.text.chinese_variants import is_traditional, to_simplified

# tests/documents/traditional_page.md was written for these tests: a project report
# with a Markdown table on a mirror page, furniture in traditional characters included.
TRADITIONAL = ROOT / "tests" / "documents" / "traditional_page.md"


def test_traditional_words_become_simplified() -> None:
    assert to_simplified("評價報告 存在的問題 績效目標 預算執行率") == "评价报告 存在的问题 绩效目标 预算执行率"
    assert to_simplified("乾燥的臺賬，乾隆年間") == "干燥的台账，乾隆年间"  # phrases where they keep the length


def test_seeds_are_not_traditional_and_the_check_is_cheap() -> None:
    texts = [ingest(path).text for path in SEEDS]
    is_traditional("預熱")  # builds the character table once per process
    started = time.perf_counter()
    assert not any(is_traditional(text) for text in texts)
    assert time.perf_counter() - started < 0.5  # measured: well under 1 ms per seed
    assert all(ingest(path).converted_from is None for path in SEEDS)


def test_offsets_into_the_converted_text_point_at_the_same_characters_of_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = TRADITIONAL.read_text(encoding="utf-8").splitlines()[3:-1]  # without the page's furniture
    path = write(tmp_path, "report.md", "\n".join(report))
    document = ingest(path)
    monkeypatch.setattr(importlib.import_module("nlp.reading.ingest"), "to_simplified", lambda text: text)
    original = ingest(path)  # the normalized original, still traditional
    assert document.converted_from == original.converted_from == "traditional"
    assert "績效" in original.text and "绩效" in document.text
    assert len(document.text) == len(original.text)
    for block, source in zip(document.blocks, original.blocks, strict=True):
        assert (block.start, block.end) == (source.start, source.end)
        assert to_simplified(original.text[block.start : block.end]) == block.text
        for row, source_row in zip(block.rows, source.rows, strict=True):
            for cell, source_cell in zip(row, source_row, strict=True):
                assert (cell.start, cell.end) == (source_cell.start, source_cell.end)
                assert to_simplified(original.text[cell.start : cell.end]) == cell.text


def test_furniture_in_traditional_characters_is_dropped_after_conversion() -> None:
    text = ingest(TRADITIONAL).text
    assert text.startswith("台山县农业农村局\n2022年度乡村振兴衔接资金项目支出绩效自评报告\n")
    for furniture in ("位置", "发布", "浏览", "打印", "关闭"):
        assert furniture not in text


def test_traditional_page_reads_like_its_simplified_version(tmp_path: Path) -> None:
    simplified = write(tmp_path, "simplified.md", to_simplified(TRADITIONAL.read_text(encoding="utf-8")))
    traditional, twin = nlp.analyze(TRADITIONAL).to_json(), nlp.analyze(simplified).to_json()
    traditional.pop("source"), twin.pop("source")
    assert traditional == twin
    assert traditional["meta"]["title"] == "台山县农业农村局2022年度乡村振兴衔接资金项目支出绩效自评报告"
    [evaluation] = traditional["evaluations"]
    assert (evaluation["kind"], evaluation["name"]) == ("project", "乡村振兴衔接资金")
    assert evaluation["claimed_score"] == 95.0
    assert [item["text"][:2] for item in evaluation["problems"]] == ["一是", "二是"]
    assert {indicator["dimension"] for indicator in evaluation["indicators"]} >= {"数量指标", "满意度指标"}


def test_a_few_traditional_characters_do_not_make_a_document_traditional() -> None:
    assert not is_traditional("职业" * 200 + "職業")  # seed 000 writes 職業 once
    assert not is_traditional("評價報告")  # fewer than five
    assert is_traditional("部門整體支出績效評價報告")


_TRADITIONAL_CHARACTERS = st.sampled_from(list("評價報告問題績效預算執行率臺乾燥於後發佈萬畝𠀾"))


@given(st.text(alphabet=st.one_of(st.characters(), _TRADITIONAL_CHARACTERS)))
def test_conversion_keeps_the_length_of_any_text(text: str) -> None:
    assert len(to_simplified(text)) == len(text)


def test_a_mirror_s_spaced_table_in_glossed_traditional_characters_is_read_like_its_simplified_twin(
    tmp_path: Path,
) -> None:
    """Glosses (指標(biāo)) and traditional forms are taken off before the tables are looked for: the header of a
    table whose cells a page set apart by spaces is known by its simplified words."""
    lines = [
        "某協會2022年度某經費項目自評表",
        "預(yù)算數(shù)(A) 執(zhí)行數(shù)(B) 執(zhí)行率(B/A) 得分",
        "(20分*執(zhí)行率)",
        "年度財政資金總額 104 103.97 99.97 19",
        "年度績效目標(biāo)(80分) 一級指標(biāo) 二級指標(biāo) 三級指標(biāo) 年初目標(biāo)值(A) 實際完成值(B) 得分",
        "產(chǎn)出指標(biāo) 數(shù)量指標(biāo) 甲活動場數 10場 9場 7",
        "乙欄目期數 200期 200期 8",
        "效益指標(biāo) 社會效益指標(biāo) 公民素質(zhì) 提升10% 提升10% 6",
    ]
    mirror = nlp.analyze(write(tmp_path, "mirror.txt", "\n".join(lines) + "\n"))
    [evaluation] = mirror.evaluations
    assert [(i.dimension, i.name, i.target.raw, i.actual.raw) for i in evaluation.indicators] == [
        ("数量指标", "甲活动场数", "10场", "9场"),
        ("数量指标", "乙栏目期数", "200期", "200期"),
        ("社会效益指标", "公民素质", "提升10%", "提升10%"),
    ]
    assert (evaluation.budget.planned, evaluation.budget.executed) == (104, 103.97)
    assert ingest(write(tmp_path, "mirror2.txt", "\n".join(lines))).converted_from == "traditional"
