"""Finding the table rows a phrase of the report names in its own words."""

from __future__ import annotations

from nlp.extraction.row_names import RowNames
from nlp.text.document import Indicator


def named(name: str) -> Indicator:
    return Indicator("数量指标", None, None, name, None, None, None, None, "table", 0, 1)


def test_a_phrase_names_the_rows_whose_names_share_most_of_its_words() -> None:
    rows = [named("职业技能培训人次"), named("新建蔬菜大棚数量"), named("培训合格率")]
    names = RowNames(rows)
    assert names.named("组织职业技能培训") == [0]
    assert names.named("新建蔬菜大棚") == [1]
    assert names.named("培训") == []  # too short to name a row
    assert RowNames([named("水土流失治理成效")]).named("新增水土流失治理面积") == [0]
    assert RowNames([named("职业技能培训人次")]).named("职业技能鉴定补贴") == []  # four shared characters of eight
    # a PDF's spaces and displaced quotation marks are no part of the words
    assert RowNames([named("“双随机、一公开”检查户次")]).named("开展 双随机、一公开 检查“”") == [0]


def test_a_run_of_characters_many_rows_share_names_none_of_them() -> None:
    rows = [named(f"职业技能培训{k}班人次") for k in "一二三四五六七八九"]
    assert RowNames(rows).named("职业技能培训") == []
    assert RowNames(rows[:3]).named("职业技能培训") == [0, 1, 2]
