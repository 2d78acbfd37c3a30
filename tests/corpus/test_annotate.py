"""Label Studio round trip (nlp.corpus.annotate, annotate_gold, annotate_agreement; jixiao annotate).

The export fixtures follow Label Studio's documented JSON export: a list of tasks,
each with ``data``, ``annotations`` (``id``, ``completed_by``, ``was_cancelled``,
``ground_truth``, ``result``) and ``predictions``; a span is a ``labels`` result with
``value: {start, end, text, labels}`` and per-region fields share the region's ``id``.
"""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from cli import app
from nlp.corpus.annotate import LABEL_CONTROLS, labelling_config, prediction_regions, read_export
from nlp.corpus.annotate_agreement import agreement, pair_by_overlap
from nlp.corpus.annotate_gold import gold_answer, import_gold
from nlp.corpus.gold import load_gold_file
from nlp.corpus.gold_eval import evaluate_gold
from nlp.errors import InputError

runner = CliRunner()
DEV = ROOT / "corpus" / "dev" / "docs"
ROUND_TRIP = [DEV / "w1_hunan_project_roads.txt", DEV / "w2_zj_xiuhu_culture.txt", DEV / "r1_ah_chizhou_tangxi.txt"]

TEXT = (
    "某县文化馆2023年度送戏下乡项目绩效自评报告\n"
    "一、存在的问题\n演出场次分布不均，偏远村组覆盖不足。\n"
    "二、改进措施\n无。\n"
    "项目支出绩效自评表\n数量指标 送戏下乡场次 ≥40场 42场\n"
)


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def labels(region: str, control: str, label: str, part: str, text: str = TEXT) -> dict:
    start, end = span(text, part)
    value = {"start": start, "end": end, "text": part, "labels": [label]}
    return {"id": region, "from_name": control, "to_name": "text", "type": "labels", "origin": "manual", "value": value}


def field(region: str, name: str, part: str, content: str, text: str = TEXT) -> dict:
    start, end = span(text, part)
    value = {"start": start, "end": end, "text": [content]}
    return {"id": region, "from_name": name, "to_name": "text", "type": "textarea", "origin": "manual", "value": value}


def choice(region: str, name: str, part: str, chosen: list[str], text: str = TEXT) -> dict:
    start, end = span(text, part)
    value = {"start": start, "end": end, "choices": chosen}
    return {"id": region, "from_name": name, "to_name": "text", "type": "choices", "origin": "manual", "value": value}


REPORT = TEXT[: TEXT.index("项目支出绩效自评表")]
TABLE = TEXT[TEXT.index("项目支出绩效自评表") :]
ROW = "数量指标 送戏下乡场次 ≥40场 42场"
RESULT = [
    labels("u1", "label", "project", REPORT),
    field("u1", "evaluation_name", REPORT, "送戏下乡"),
    field("u1", "planned", REPORT, "30.5"),
    field("u1", "claimed_score", REPORT, "96"),
    choice("u1", "flags_forbidden", REPORT, ["PERFECT_RECORD"]),
    labels("u2", "label", "project", TABLE),
    field("u2", "evaluation_name", TABLE, "送戏下乡"),
    field("u2", "executed", TABLE, "29.8万元"),
    labels("i1", "label", "indicator", ROW),
    choice("i1", "dimension", ROW, ["数量指标"]),
    field("i1", "indicator_name", ROW, "送戏下乡场次"),
    field("i1", "target", ROW, "≥40场"),
    field("i1", "target_value", ROW, "40"),
    field("i1", "actual", ROW, "42场"),
    field("i1", "actual_value", ROW, ""),
    labels("p1", "label", "problem", "演出场次分布不均，偏远村组覆盖不足。"),
    labels("s1", "label", "suggestion", "无。"),
    choice("s1", "boilerplate", "无。", ["boilerplate"]),
    labels("f1", "flag", "NONE_STATEMENT", "无。"),
    labels("h1", "section", "problems", "存在的问题"),
    labels("h2", "section", "suggestions", "改进措施"),
    {"from_name": "family", "to_name": "text", "type": "choices", "origin": "manual",
     "value": {"choices": ["national_project"]}},
]  # fmt: skip
DATA = {"text": TEXT, "doc": "songxi.txt", "origin": "written", "source_url": None, "published": None,
        "retrieved": None, "province": "四川", "level": "county", "format": "txt"}  # fmt: skip


def annotation(result: list[dict], number: int, **extra) -> dict:
    return {"id": number, "completed_by": 1, "result": result, "was_cancelled": False, "ground_truth": False,
            "created_at": "2026-11-20T10:00:00.000000Z", "updated_at": "2026-11-20T10:05:00.000000Z",
            "lead_time": 300.5, "task": 1, **extra}  # fmt: skip


def export_file(tmp_path: Path, tasks: list[dict], name: str = "export.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def one_task(result: list[dict], **extra) -> dict:
    return {"id": 1, "data": DATA, "annotations": [annotation(result, 11, **extra)], "predictions": []}


def test_labelling_config_is_xml_naming_every_control_the_tasks_use() -> None:
    root = ET.fromstring(labelling_config())
    assert root.tag == "View"
    text = root.find("Text")
    assert text is not None and text.get("name") == "text" and text.get("value") == "$text"
    names = {element.get("name") for element in root.iter() if element.get("toName") == "text"}
    for control, values in LABEL_CONTROLS.items():
        element = next(e for e in root.iter("Labels") if e.get("name") == control)
        assert [label.get("value") for label in element] == list(values)
    used = {item["from_name"] for item in RESULT}
    assert used <= names


def test_predictions_are_spans_of_the_text_with_known_labels() -> None:
    import nlp

    result = nlp.analyze(ROUND_TRIP[0]).to_json()
    regions = prediction_regions(result)
    assert {r.label for r in regions} >= {"project", "indicator", "problem", "suggestion"}
    for region in regions:
        assert region.text == result["text"][region.start : region.end] and region.end > region.start
        assert region.label in LABEL_CONTROLS[region.control]
    headings = [r.text for r in regions if r.control == "section"]
    assert "项目基本情况" in headings  # the heading without its number 一、
    assert len({r.id for r in regions}) == len(regions)


def test_read_export_takes_ground_truth_else_the_last_kept_annotation(tmp_path: Path) -> None:
    cancelled = annotation([labels("x", "label", "problem", "无。")], 12, was_cancelled=True)
    task = one_task(RESULT)
    task["annotations"].append(cancelled)
    empty = {"id": 2, "data": {**DATA, "doc": "other.txt"}, "annotations": [], "predictions": []}
    tasks, unannotated = read_export(export_file(tmp_path, [task, empty]))
    assert unannotated == 1 and len(tasks) == 1 and tasks[0].annotation == "11"
    marked = one_task(RESULT[:1], ground_truth=True)
    marked["annotations"].append(annotation(RESULT, 13))
    tasks, _ = read_export(export_file(tmp_path, [marked]))
    assert tasks[0].annotation == "11" and len(tasks[0].regions) == 1


def test_regions_carry_their_fields_and_a_deleted_regions_field_is_dropped(tmp_path: Path) -> None:
    orphan = field("gone", "evaluation_name", REPORT, "已删除")
    tasks, _ = read_export(export_file(tmp_path, [one_task([*RESULT, orphan])]))
    regions = {r.id: r for r in tasks[0].regions}
    assert "gone" not in regions
    assert regions["i1"].fields["target"] == "≥40场" and regions["i1"].choices["dimension"] == ["数量指标"]
    assert regions["s1"].choices["boilerplate"] == ["boilerplate"]
    assert tasks[0].choices["family"] == ["national_project"]


def test_gold_from_annotations_merges_report_and_table_and_places_every_item(tmp_path: Path) -> None:
    tasks, _ = read_export(export_file(tmp_path, [one_task(RESULT)]))
    answer = gold_answer(tasks[0], "songxi.txt", "export.json")
    assert answer["family"] == "national_project" and answer["origin"] == "written"
    [evaluation] = answer["evaluations"]
    assert evaluation["kind"] == "project" and evaluation["name"] == "送戏下乡"
    assert evaluation["budget"] == {"planned": 30.5, "executed": 29.8} and evaluation["claimed_score"] == 96.0
    assert evaluation["indicators"] == [
        {"dimension": "数量指标", "name": "送戏下乡场次", "target": "≥40场", "target_value": 40.0,
         "actual": "42场", "actual_value": None}
    ]  # fmt: skip
    assert evaluation["problems"] == [{"text": "演出场次分布不均，偏远村组覆盖不足。", "boilerplate": False}]
    assert evaluation["suggestions"] == [{"text": "无。", "boilerplate": True}]
    assert evaluation["flags_required"] == ["NONE_STATEMENT"]
    assert evaluation["flags_forbidden"] == ["PERFECT_RECORD"]
    assert answer["sections"] == [
        {"heading": "存在的问题", "label": "problems"},
        {"heading": "改进措施", "label": "suggestions"},
    ]


def test_import_writes_valid_gold_and_the_document(tmp_path: Path) -> None:
    tasks, _ = read_export(export_file(tmp_path, [one_task(RESULT)]))
    [written] = import_gold(tasks, tmp_path / "mine", "export.json")
    assert written == tmp_path / "mine" / "gold" / "songxi.json"
    assert load_gold_file(written).evaluations[0].indicators[0].target_value == 40.0
    assert (tmp_path / "mine" / "docs" / "songxi.txt").read_text(encoding="utf-8") == TEXT


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda r: [i for i in r if i["from_name"] != "dimension"], "needs one dimension"),
        (lambda r: [i for i in r if i["from_name"] != "family"], "no template family"),
        (lambda r: [i for i in r if i.get("id") not in ("u1", "u2")], "no department or project region"),
        (lambda r: [*r[:2], field("u1", "planned", REPORT, "三十万"), *r[3:]], "planned .* not a number"),
    ],
)
def test_an_annotation_that_cannot_make_gold_names_task_and_region(tmp_path: Path, change, reason: str) -> None:
    tasks, _ = read_export(export_file(tmp_path, [one_task(change(copy.deepcopy(RESULT)))]))
    with pytest.raises(InputError, match=reason) as error:
        import_gold(tasks, tmp_path / "out", "export.json")
    assert "songxi.txt" in str(error.value)


def test_an_export_that_is_not_label_studio_json_is_refused(tmp_path: Path) -> None:
    for content, reason in [("{}", "list of tasks"), ('[{"data": {}}]', "no data.text"), ("[", "not valid JSON")]:
        path = tmp_path / "bad.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(InputError, match=reason):
            read_export(path)
    outside = one_task([{**RESULT[0], "value": {**RESULT[0]["value"], "end": len(TEXT) + 5}}])
    with pytest.raises(InputError, match="outside the text"):
        read_export(export_file(tmp_path, [outside]))


def as_label_studio_export(tasks: list[dict]) -> list[dict]:
    """What Label Studio exports after an annotator accepts every pre-annotation unchanged."""
    exported = []
    for number, task in enumerate(tasks, start=1):
        result = [{**item, "origin": "prediction"} for item in task["predictions"][0]["result"]]
        exported.append({"id": number, **task, "annotations": [annotation(result, 100 + number)]})
    return exported


def test_round_trip_predictions_accepted_as_annotations_score_perfectly(tmp_path: Path) -> None:
    import nlp
    from nlp.corpus.annotate import export_tasks

    tasks = export_tasks(ROUND_TRIP, lambda path: nlp.analyze(path).to_json())
    path = export_file(tmp_path, as_label_studio_export(tasks))
    annotated, _ = read_export(path)
    import_gold(annotated, tmp_path / "mine", str(path))
    assert sorted(p.name for p in (tmp_path / "mine" / "docs").iterdir()) == sorted(p.name for p in ROUND_TRIP)
    figures = evaluate_gold(tmp_path / "mine", None)["overall"]["figures"]
    for key in ("evaluations_f1", "indicators_recall", "values_accuracy", "budget_accuracy", "statements_recall",
                "statements_precision", "boilerplate_accuracy", "flags_recall", "claimed_score_accuracy"):  # fmt: skip
        assert figures[key]["value"] == 1.0, (key, figures[key])
    assert figures["sections_accuracy"]["value"] >= 0.95
    assert figures["indicators_precision"]["value"] >= 0.95  # blank rows are flags in gold, not indicators
    same = agreement(annotated, annotated)
    assert same["span_f1_exact"] == 1.0 and same["kappa_labels"]["label"]["kappa"] == 1.0


def test_pairs_by_overlap_are_one_to_one_largest_first() -> None:
    from nlp.corpus.annotate import Region

    a = [Region("a1", "label", "problem", 0, 10, ""), Region("a2", "label", "problem", 12, 20, "")]
    b = [Region("b1", "label", "problem", 5, 15, ""), Region("b2", "label", "problem", 30, 40, "")]
    assert pair_by_overlap(a, b, lambda x, y: True) == [(0, 0)]  # a1 overlaps b1 by 5, a2 by 3


def test_agreement_counts_exact_and_overlapping_spans_and_kappa(tmp_path: Path) -> None:
    base = [i for i in RESULT if i.get("id") in ("u1", "p1", "s1", "f1", "i1")]
    other = copy.deepcopy(base)
    shifted = next(i for i in other if i.get("id") == "p1" and i["type"] == "labels")
    shifted["value"]["end"] -= 1  # same problem, one character shorter: overlaps, not exact
    other = [i for i in other if not (i.get("id") == "s1" and i["type"] == "choices")]  # not boilerplate in B
    flag = next(i for i in other if i.get("id") == "f1")
    flag["value"]["labels"] = ["BOILERPLATE_TEXT"]  # same span, another flag
    a, _ = read_export(export_file(tmp_path, [one_task(base)], "a.json"))
    b, _ = read_export(export_file(tmp_path, [one_task(other)], "b.json"))
    report = agreement(a, b)
    assert report["tasks"]["compared"] == 1 and report["spans"] == {"a": 5, "b": 5}
    assert report["span_f1_exact"] == round(2 * 3 / 10, 4)  # unit, indicator, suggestion
    assert report["span_f1_overlap"] == round(2 * 4 / 10, 4)  # and the problem
    assert report["kappa_labels"]["label"]["kappa"] == 1.0  # four spans, labels agree
    assert report["kappa_labels"]["flag"] == {"kappa": None, "n": 1}  # one pair: undefined
    assert report["kappa_boilerplate"]["n"] == 2 and report["kappa_boilerplate"]["kappa"] == 0.0
    assert report["per_label_f1_overlap"]["flag:NONE_STATEMENT"] == {"f1": 0.0, "a": 1, "b": 0}


def test_cli_exports_imports_and_reports_agreement(tmp_path: Path) -> None:
    tasks_path = tmp_path / "tasks.json"
    exported = runner.invoke(app, ["annotate", "export", str(ROUND_TRIP[0]), "-o", str(tasks_path)])
    assert exported.exit_code == 0, exported.output
    assert ET.parse(tmp_path / "tasks.label_config.xml").getroot().tag == "View"
    tasks = json.loads(tasks_path.read_text(encoding="utf-8"))
    assert tasks[0]["data"]["doc"] == ROUND_TRIP[0].name and tasks[0]["predictions"][0]["result"]
    export = export_file(tmp_path, as_label_studio_export(tasks))
    imported = runner.invoke(app, ["annotate", "import", str(export), "-o", str(tmp_path / "mine")])
    assert imported.exit_code == 0 and "已写入 1 份标准答案" in imported.output
    scored = runner.invoke(app, ["evaluate", "--gold", str(tmp_path / "mine"), "--json"])
    assert scored.exit_code == 0 and json.loads(scored.output)["overall"]["documents"] == 1
    agreed = runner.invoke(app, ["annotate", "agreement", str(export), str(export), "--json"])
    assert agreed.exit_code == 0 and json.loads(agreed.output)["span_f1_overlap"] == 1.0
    assert "kappa on boilerplate" in runner.invoke(app, ["annotate", "agreement", str(export), str(export)]).output


def test_cli_refuses_bad_input_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[", encoding="utf-8")
    for args in (
        ["annotate", "import", str(bad), "-o", str(tmp_path / "out")],
        ["annotate", "agreement", str(bad), str(bad)],
        ["annotate", "export", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "t.json")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 3 and result.output.startswith("jixiao: ") and result.output.count("\n") == 1


def test_export_names_a_document_the_pipeline_fails_on_in_one_line(tmp_path: Path, monkeypatch) -> None:
    import nlp.pipeline

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(nlp.pipeline, "analyze", broken)
    document = tmp_path / "a.txt"
    document.write_text("某县2023年度项目支出绩效自评报告\n一、基本情况\n", encoding="utf-8")
    result = runner.invoke(app, ["annotate", "export", str(document), "-o", str(tmp_path / "t.json")])
    assert result.exit_code == 3
    assert result.output == f"jixiao: {document}: internal error: IndexError: list index out of range\n"
