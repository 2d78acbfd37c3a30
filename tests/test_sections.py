"""Section labels: the keyword baseline, the trained model, its files and its cross-validated quality."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, SEEDS

from nlp import ingest
from nlp.linear_model import LinearModel
from nlp.model_store import CLAIM_MODEL_FILE, MODELS, SECTION_MODEL_FILE, model_version, section_model
from nlp.outline import build_outline
from nlp.sections import LABELS, heading_title, keyword_label, label_sections
from nlp.training import evaluate_sections, load_annotated, train

DOCUMENTS = ROOT / "tests" / "documents"


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        ("(二)存在的问题。", "problems"),
        ("(三)相关建议。", "suggestions"),
        ("七、财政拨款“三公”经费支出决算情况说明", "three_public"),
        ("(二)2022年重点工作完成情况", "key_work"),
        ("第三部分 名词解释", "glossary"),
        ("附件2", "other"),
    ],
)
def test_keyword_baseline(heading: str, label: str) -> None:
    assert keyword_label(heading_title(heading)) == label


def test_heading_title_drops_the_number() -> None:
    assert heading_title("第一部分 部门概况") == "部门概况"
    assert heading_title("(4)自评质量。") == "自评质量。"


def test_annotations_cover_every_seed_section_and_were_reviewed() -> None:
    documents, unmatched = load_annotated()
    assert unmatched == 0
    assert [d.name for d in documents] == [p.stem for p in SEEDS]
    for document in documents:
        assert set(document.labels) == {s.id for s in document.sections}
        assert set(document.labels.values()) <= set(LABELS)


@pytest.mark.parametrize("name", [SECTION_MODEL_FILE, CLAIM_MODEL_FILE])
def test_training_is_deterministic_and_matches_the_shipped_models(tmp_path: Path, name: str) -> None:
    train(tmp_path / "a")
    train(tmp_path / "b")
    first = (tmp_path / "a" / name).read_bytes()
    assert first == (tmp_path / "b" / name).read_bytes()
    assert first == (MODELS / name).read_bytes(), "models/ is stale: run 'jixiao train'"
    assert model_version(tmp_path / "a") == model_version()


def test_model_file_loads_without_pickle() -> None:
    with np.load(MODELS / SECTION_MODEL_FILE, allow_pickle=False) as data:
        assert {"classes", "feature_names", "weights", "intercept"} <= set(data.files)
    model = LinearModel.load(MODELS / SECTION_MODEL_FILE)
    assert model.weights.shape == (len(model.classes), len(model.feature_names))


def test_cross_validated_labels_meet_the_targets_and_beat_the_baseline() -> None:
    documents, _ = load_annotated()
    metrics = evaluate_sections(documents)
    assert metrics["macro_f1"] >= 0.85 and metrics["accuracy"] >= 0.90
    assert metrics["macro_f1"] > metrics["baseline_macro_f1"]
    assert metrics["accuracy"] > metrics["baseline_accuracy"]


@pytest.mark.parametrize("name", ["anhui_project.txt", "yunnan_dept.txt", "hunan_dept_and_project.md"])
def test_labels_generalize_to_other_templates(name: str) -> None:
    document = ingest(DOCUMENTS / name)
    sections = build_outline(document)
    label_sections(document, sections, section_model())
    labels = {s.heading: s.label for s in sections}
    problems = [h for h in labels if "存在" in h and "问题" in h]
    suggestions = [h for h in labels if "建议" in h or "改进措施" in h]
    assert problems and all(labels[h] == "problems" for h in problems)
    assert suggestions and all(labels[h] == "suggestions" for h in suggestions)
    assert all(0.0 < s.confidence <= 1.0 for s in sections)
