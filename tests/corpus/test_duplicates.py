"""Near-duplicate passages across the documents of a batch, found out of core when it finalizes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from conftest import ROOT, write

from nlp.corpus.batch import PARTS, VERSIONS, finalize, read_tables, run_batch
from nlp.settings import DEFAULT_WEIGHTS, Settings
from nlp.text.corpus_stats import band_keys, signatures

DOCUMENTS = ROOT / "tests" / "documents"
# A passage long enough to count (40+ characters) that a second department copies into its problems.
TEMPLATE = (
    "一是预算绩效管理意识有待进一步加强，部分科室对绩效目标的设定不够科学合理，"
    "指标细化量化程度不高，难以全面反映项目实施效果。"
)


def with_problem(text: str, problem: str) -> str:
    return text.replace("五、存在问题\n", f"五、存在问题\n{problem}\n").replace(
        "五、存在的问题及原因分析\n", f"五、存在的问题及原因分析\n{problem}\n"
    )


def run(paths: list[Path], out: Path) -> dict[str, pd.DataFrame]:
    run_batch([str(p) for p in paths], out, workers=1)
    finalize(out, {"pipeline_version": "test"})
    return read_tables(out)


def test_a_passage_copied_into_another_document_is_flagged_in_both(tmp_path: Path) -> None:
    first = write(tmp_path, "a.txt", with_problem((DOCUMENTS / "anhui_project.txt").read_text("utf-8"), TEMPLATE))
    second = write(tmp_path, "b.txt", with_problem((DOCUMENTS / "yunnan_dept.txt").read_text("utf-8"), TEMPLATE))
    tables = run([first, second], tmp_path / "out")
    crossed = tables["flags"][tables["flags"].message.str.contains("另一份文件")]
    assert sorted(crossed.message.str.extract(r"（(.+)）")[0]) == [str(first), str(second)]
    documents = tables["documents"].set_index("doc_id")
    for flag in crossed.itertuples():  # the evidence is the copied paragraph
        text = (tmp_path / Path(documents.loc[flag.doc_id, "path"]).name).read_text("utf-8")
        assert TEMPLATE in text and flag.end - flag.start >= len(TEMPLATE)

    before = pd.read_parquet(tmp_path / "out" / PARTS / "evaluations").set_index(["doc_id", "eval_id"])
    after = tables["evaluations"].set_index(["doc_id", "eval_id"])
    for key in crossed.set_index(["doc_id", "eval_id"]).index.unique():
        assert after.loc[key, "originality"] == max(0.0, round(before.loc[key, "originality"] - 20, 1))
        assert after.loc[key, "n_flags"] == before.loc[key, "n_flags"] + 1
        components = after.loc[key, ["completeness", "specificity", "candor", "consistency", "originality"]]
        assert after.loc[key, "quality_score"] == round(components.mean(), 1)  # equal default weights
    untouched = after.index.difference(crossed.set_index(["doc_id", "eval_id"]).index)
    # the final tables hold nullable integer types (Int64), the parts numpy ones: the values must agree
    pd.testing.assert_frame_equal(after.loc[untouched], before.loc[untouched], check_like=True, check_dtype=False)

    run_file = json.loads((tmp_path / "out" / "run.json").read_text("utf-8"))
    assert run_file["cross_document"]["duplicate_passages"] == len(crossed) == 2


def test_two_versions_of_one_report_are_not_flagged_against_each_other(tmp_path: Path) -> None:
    text = (ROOT / "corpus" / "seeds" / "004_380c218f37ec32c7.txt").read_text("utf-8")
    report = write(tmp_path, "report.txt", text)
    version = write(tmp_path, "report_v2.txt", text.replace("。", "；", 3))  # another rendering, not the same text
    tables = run([report, version], tmp_path / "out")
    assert not tables["flags"].message.str.contains("另一份文件").any()
    run_file = json.loads((tmp_path / "out" / "run.json").read_text("utf-8"))
    assert run_file["cross_document"]["versions_of_one_report"] == 1
    versions = pd.read_csv(tmp_path / "out" / VERSIONS, encoding="utf-8-sig")
    assert versions.to_dict("records") == [{"path": str(version), "version_of": str(report)}]


def test_the_cross_document_pass_rescores_with_the_batch_settings(tmp_path: Path) -> None:
    weights = (
        DEFAULT_WEIGHTS.read_text(encoding="utf-8")
        .replace("= 0.2\n", "= 0\n")
        .replace("originality = 0", "originality = 1")
    )
    (tmp_path / "w.toml").write_text(weights, encoding="utf-8")
    settings = Settings.load(weights=tmp_path / "w.toml")
    first = write(tmp_path, "a.txt", with_problem((DOCUMENTS / "anhui_project.txt").read_text("utf-8"), TEMPLATE))
    second = write(tmp_path, "b.txt", with_problem((DOCUMENTS / "yunnan_dept.txt").read_text("utf-8"), TEMPLATE))
    run_batch([str(first), str(second)], tmp_path / "out", workers=1, settings=settings)
    finalize(tmp_path / "out", {"pipeline_version": "test"}, settings)
    tables = read_tables(tmp_path / "out")
    crossed = tables["flags"][tables["flags"].message.str.contains("另一份文件")].set_index(["doc_id", "eval_id"])
    rescored = tables["evaluations"].set_index(["doc_id", "eval_id"]).loc[crossed.index.unique()]
    assert len(rescored) == 2
    assert (rescored["quality_score"] == rescored["originality"]).all()  # only originality weighs


def test_band_keys_agree_for_near_copies_and_differ_for_other_text() -> None:
    copy, edited, other = signatures(
        [TEMPLATE, TEMPLATE.replace("一是", "1."), "群众投诉同比下降18%，保洁质量稳步提升，未发生重大安全事故。"]
    )
    assert set(band_keys(copy)) & set(band_keys(edited))
    assert not set(band_keys(copy)) & set(band_keys(other))
    assert copy.jaccard(edited) >= 0.8 and copy.jaccard(other) < 0.2
