"""Saved comparison groups (nlp.structure.reference_group, jixiao reference build/show)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, write
from typer.testing import CliRunner

from cli import app
from nlp.corpus.reference_build import build_group
from nlp.errors import InputError
from nlp.structure.reference_group import SHIPPED, load_group, load_reference, shipped_path
from nlp.text.corpus_stats import Reference

runner = CliRunner()
DEV_DOCS = ROOT / "corpus" / "dev" / "docs"
# Three reports sharing a template sentence, one without it: the sentence's tetragrams are in 75% of them.
TEMPLATE = "我单位高度重视预算绩效管理工作，严格按照文件要求开展自评。"
TEXTS = {
    "a.txt": f"甲县文化馆2023年度项目支出绩效自评报告\n{TEMPLATE}\n全年完成送戏下乡42场。",
    "b.txt": f"乙县图书馆2023年度项目支出绩效自评报告\n{TEMPLATE}\n全年新增藏书3100册。",
    "c.txt": f"丙县体育馆2022年度项目支出绩效自评报告\n{TEMPLATE}\n全年开放时间超过300天。",
    "d.txt": "丁县档案馆2022年度项目支出绩效自评报告\n档案数字化完成率为86%，因扫描设备故障推迟两个月。",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in TEXTS.items():
        write(docs, name, text)
    return docs


def test_a_group_lists_its_documents_and_finds_the_template_tetragrams(folder: Path) -> None:
    group = build_group([folder], "town")
    assert [m.file for m in group.members] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert [m.year for m in group.members] == [2023, 2023, 2022, 2022]
    assert all(len(m.sha256) == 16 and m.family is None for m in group.members)
    reference = group.reference()
    assert reference.n_documents == 4 and reference.version == group.version and reference.group == "town"
    assert reference.boilerplate_share(TEMPLATE) == 1.0
    assert reference.boilerplate_share("档案数字化完成率为86%。") == 0.0


def test_saved_group_reads_back_identically_and_rebuilds_byte_for_byte(folder: Path, tmp_path: Path) -> None:
    group = build_group([folder], "town")
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    group.save(first)
    build_group([folder], "town").save(second)
    assert first.read_bytes() == second.read_bytes()
    again = load_group(first)
    assert again == group and again.version == group.version
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["years"] == {"2022": 2, "2023": 2} and data["families"] == {"unknown": 4}


def test_the_version_changes_with_the_documents(folder: Path) -> None:
    before = build_group([folder], "town").version
    write(folder, "d.txt", TEXTS["d.txt"] + "\n另有一句。")
    assert build_group([folder], "town").version != before


def test_a_hand_edited_or_foreign_file_is_refused_in_one_line(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "group.json"
    build_group([folder], "town").save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["boilerplate_tetragrams"].append("新增 的 四 词")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="does not match its content"):
        load_group(path)
    for content, reason in [
        ("not json", "not valid JSON"),
        ('{"group": "corpus", "n_documents": 5}', "not a reference group file"),
        (json.dumps({**data, "documents": [{"file": 3}]}), r"documents\[0\]"),
    ]:
        path.write_text(content, encoding="utf-8")
        with pytest.raises(InputError, match=reason):
            load_group(path)
    with pytest.raises(InputError, match="cannot read"):
        load_group(tmp_path / "missing.json")


def test_an_unreadable_document_stops_the_build(folder: Path) -> None:
    write(folder, "e.txt", b"\x89PNG\r\n\x1a\n" + bytes(64))
    with pytest.raises(InputError, match=r"e\.txt"):
        build_group([folder], "town")


def test_load_reference_resolves_shipped_and_files_and_leaves_batch_to_the_batch(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "town.json"
    build_group([folder], "town").save(path)
    assert isinstance(load_reference(str(path)), Reference) and load_reference(str(path)).n_documents == 4
    assert load_reference(SHIPPED).group == "dev"
    with pytest.raises(ValueError, match="batch"):
        load_reference("batch")


def test_the_shipped_group_is_the_development_corpus_and_current() -> None:
    shipped = load_group(shipped_path())
    assert len(shipped.members) == len(list(DEV_DOCS.iterdir()))
    assert all(m.family for m in shipped.members)  # every dev document has its gold beside it
    rebuilt = build_group([DEV_DOCS], "dev")
    assert rebuilt.version == shipped.version, (
        "run: jixiao reference build corpus/dev/docs -o models/reference/dev.json"
    )


def test_cli_builds_and_shows_a_group(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "groups" / "town.json"
    built = runner.invoke(app, ["reference", "build", str(folder), "-o", str(path)])
    assert built.exit_code == 0, built.output
    assert "比较组 town，版本" in built.output and "4 份文档" in built.output
    shown = runner.invoke(app, ["reference", "show", str(path), "--json"])
    assert shown.exit_code == 0 and json.loads(shown.output)["n_documents"] == 4
    assert "模板族" in runner.invoke(app, ["reference", "show"]).output


def test_cli_refuses_bad_input_in_one_line(folder: Path, tmp_path: Path) -> None:
    write(folder, "e.txt", b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = runner.invoke(app, ["reference", "build", str(folder), "-o", str(tmp_path / "g.json")])
    assert result.exit_code == 3 and result.output.startswith("jixiao: ") and "Traceback" not in result.output
    shown = runner.invoke(app, ["reference", "show", str(tmp_path / "missing.json")])
    assert shown.exit_code == 3 and shown.output.count("\n") == 1
