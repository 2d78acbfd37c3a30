"""Stickiness across years and template reuse across departments, on a synthetic multi-year batch.

Department A writes in 2022, 2023 and 2024, each year copying a known share of the previous
year's sentences; department B (2023) shares one template paragraph with A 2023; department C
(2023) shares none. Stickiness must come out near the copied share (within TOLERANCE: the
headings every report shares, and the 8-word sequences that straddle a copied and a new
sentence, move it a little), and template reuse must be higher where the paragraph is shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import write

from nlp.corpus.batch import finalize, read_tables, run_batch
from nlp.corpus.stickiness import NGRAM, ngram_hashes

TOLERANCE = 0.05
TOPICS = ("疫苗接种", "健康教育", "妇幼保健", "慢病管理", "卫生监督", "医疗救助", "家庭医生签约", "院前急救")
TOPICS += ("爱国卫生", "职业健康", "食品安全风险监测", "中医药服务")
TEMPLATE = (
    "我单位高度重视预算绩效管理工作，严格按照财政部门的统一部署和要求，认真组织开展绩效自评工作，"
    "切实提高财政资金使用效益和部门履职能力。"
)


def facts(seed: int) -> list[str]:
    """One sentence per topic whose figures depend on ``seed``: two seeds share no 8-word sequence."""
    return [
        f"{topic}完成任务{seed * 7 + i * 3 + 11}项，服务群众{seed * 13 + i * 17 + 203}人次，"
        f"覆盖率达到{seed + 90}.{i}%，较上年提高{seed}.{i}个百分点。"
        for i, topic in enumerate(TOPICS)
    ]


def report(department: str, year: int, lines: list[str], extra: str = "") -> str:
    body = "\n".join([*lines, extra] if extra else lines)
    return (
        f"昆明市五华区{department}\n{year}年度部门整体支出绩效自评报告\n\n一、基本情况\n(一)部门职能\n{body}\n"
        "二、绩效评价工作开展情况\n成立自评工作组，对照指标体系逐项打分。\n三、综合评价结论\n"
        "部门整体支出绩效自评得分92分，等级为优。\n五、存在问题\n部分基层医疗机构信息系统未互联互通。\n"
        "六、有关建议\n加快区域卫生信息平台建设。\n"
    )


A2022 = facts(1)
A2023 = A2022[:6] + facts(2)[6:]  # half of 2022 copied
A2024 = A2023[:9] + facts(3)[9:]  # three quarters of 2023 copied
COPIED = {2023: 6 / 12, 2024: 9 / 12}


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, dict[str, pd.DataFrame]]:
    folder = tmp_path_factory.mktemp("years")
    texts = {
        "a2022.txt": report("卫生健康局", 2022, A2022),
        "a2023.txt": report("卫生和健康局", 2023, A2023, TEMPLATE),  # the name written a little differently
        "a2024.txt": report("卫生和健康局", 2024, A2024),
        "b2023.txt": report("教育体育局", 2023, facts(4), TEMPLATE),
        "c2023.txt": report("民政局", 2023, facts(5)),
    }
    paths = [str(write(folder, name, text)) for name, text in texts.items()]
    out = folder / "out"
    run_batch(paths, out, workers=1)
    finalize(out, {"pipeline_version": "test"})
    return out, read_tables(out)


def by_file(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The evaluations (one per synthetic report) indexed by file name, with their document's year."""
    documents = tables["documents"][["doc_id", "path", "year"]]
    merged = tables["evaluations"].merge(documents, on="doc_id")
    assert len(merged) == 5 and merged["kind"].eq("department").all()
    return merged.assign(file=merged["path"].map(lambda p: Path(p).stem)).set_index("file")


def test_stickiness_is_the_share_copied_from_the_previous_year(batch) -> None:
    rows = by_file(batch[1])
    for file, year in (("a2023", 2023), ("a2024", 2024)):
        assert rows.loc[file, "stickiness"] == pytest.approx(COPIED[year], abs=TOLERANCE), file
    assert rows.loc["a2024", "stickiness"] > rows.loc["a2023", "stickiness"]
    for file in ("a2022", "b2023", "c2023"):  # no earlier year of the same department
        assert pd.isna(rows.loc[file, "stickiness"]) and pd.isna(rows.loc[file, "prior_doc_id"]), file


def test_the_match_is_the_nearest_earlier_year_and_records_its_confidence(batch) -> None:
    out, tables = batch
    rows = by_file(tables)
    assert rows.loc["a2023", "prior_doc_id"] == rows.loc["a2022", "doc_id"]
    assert rows.loc["a2024", "prior_doc_id"] == rows.loc["a2023", "doc_id"]  # 2023, not 2022
    assert rows.loc["a2024", "prior_year"] == 2023 and rows.loc["a2023", "prior_eval"] == "e1"
    # 卫生和健康局 against 卫生健康局: matched, but with less confidence than the same name
    assert 0.9 <= rows.loc["a2023", "match_confidence"] < rows.loc["a2024", "match_confidence"] == 1.0
    recorded = json.loads((out / "run.json").read_text("utf-8"))["cross_document"]
    assert recorded["evaluations_with_prior_year"] == 2


def test_template_reuse_is_higher_where_a_paragraph_is_shared_with_another_department(batch) -> None:
    rows = by_file(batch[1])
    assert rows.loc["b2023", "template_reuse"] > rows.loc["c2023", "template_reuse"] > 0  # headings are shared too
    assert rows.loc["a2023", "template_reuse"] > rows.loc["c2023", "template_reuse"]
    for file in ("a2022", "a2024"):  # the only department of its year
        assert pd.isna(rows.loc[file, "template_reuse"]), file


def test_single_document_frames_leave_the_batch_measures_null(batch) -> None:
    import nlp

    path = Path(batch[0]).parent / "a2023.txt"
    evaluations = nlp.analyze(path).frames()["evaluations"]
    assert evaluations[["prior_doc_id", "stickiness", "template_reuse"]].isna().all().all()


def test_the_dashboard_shows_both_measures_by_year_and_region(batch) -> None:
    from nlp.report.dashboard import render_corpus

    page = render_corpus(batch[0])
    assert page.count("平均粘性（沿用上一年）与模板复用") == 2  # the by-year and the by-region figure
    assert "粘性（沿用本部门上一年）" in page and "<th>平均模板复用</th>" in page


def test_ngram_hashes_count_eight_word_sequences_and_are_stable() -> None:
    sentence = "财政 资金 使用 效益 明显 提高 部门 履职 能力 增强".replace(" ", "")
    hashes = ngram_hashes(sentence)
    assert 1 <= len(hashes) == len(ngram_hashes(sentence + "。")) and hashes == ngram_hashes(sentence)
    assert ngram_hashes("财政资金") == set()  # fewer than NGRAM words
    assert all(-(2**63) <= h < 2**63 for h in hashes) and NGRAM == 8
