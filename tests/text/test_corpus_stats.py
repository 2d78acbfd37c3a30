"""Corpus measures: boilerplate against a comparison group, near-duplicates."""

from __future__ import annotations

from conftest import ROOT

from nlp.structure.model_store import reference
from nlp.text.corpus_stats import Reference, near_duplicates

TEMPLATE = "严格执行财务管理制度，确保资金使用安全规范。"


def test_boilerplate_tetragrams_come_from_a_share_of_the_group() -> None:
    texts = [TEMPLATE + f"第{i}项工作完成{i * 7}次。" for i in range(3)] + ["完全不同的文字内容。"] * 2
    group = Reference.build(texts, "test")
    assert group.n_documents == 5
    assert group.boilerplate_share(TEMPLATE) == 1.0  # in 3 of 5 documents: 60%
    assert group.boilerplate_share("本项目培训学员1130人次。") == 0.0


def test_tetragrams_in_every_document_are_not_boilerplate() -> None:
    group = Reference.build([TEMPLATE] * 4, "test")  # 100% > 75%: a fixed phrase, not a choice
    assert group.boilerplate_share(TEMPLATE) == 0.0


def test_near_duplicates() -> None:
    passages = [
        "2022年，区政府办公室绩效目标全面完成，单位财务制度健全，管理规范，财政预算得到有效执行。",
        "2022年，区政府办公室绩效目标全面完成，单位财务制度健全，管理规范，财政预算得到有效执行！",
        "热线全年受理工单63218件，办结率97.4%，按时办结率86.1%。",
    ]
    assert near_duplicates(passages) == [(0, 1)]


def test_the_shipped_reference_is_the_development_corpus() -> None:
    assert reference().group == "dev" and reference().n_documents == len(
        list((ROOT / "corpus" / "dev" / "docs").iterdir())
    )
