"""The quality score: components in range, configurable weights, grades, reasons, and validity."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

import nlp
from nlp.quality import COMPONENTS, QualityConfig, grade
from nlp.validity import corpus_components, pairwise_accuracy, weight_sensitivity


def test_components_scores_and_grades_are_in_range(seed_path: Path) -> None:
    for evaluation in nlp.analyze(seed_path).evaluations:
        quality = evaluation.quality
        assert set(quality["components"]) == set(COMPONENTS)
        assert all(0 <= v <= 100 for v in quality["components"].values())
        assert 0 <= quality["score"] <= 100 and quality["grade"] == grade(quality["score"], QualityConfig.load())
        assert len(quality["explanations"]) == 5


@pytest.mark.parametrize(("score", "expected"), [(85, "A"), (84.9, "B"), (70, "B"), (55, "C"), (54.9, "D")])
def test_grade_edges(score: float, expected: str) -> None:
    assert grade(score, QualityConfig.load()) == expected


def test_explanations_name_the_flags_that_moved_a_component() -> None:
    (evaluation,) = [e for e in nlp.analyze(SEEDS[0]).evaluations if e.name == "招商引资经费"]
    candor = next(line for line in evaluation.quality["explanations"] if line.startswith("坦诚度"))
    assert "NONE_STATEMENT×2" in candor


def test_weights_file_overrides_the_defaults(tmp_path: Path) -> None:
    custom = (ROOT / "nlp" / "quality.toml").read_text(encoding="utf-8")
    custom = custom.replace("candor = 0.2", "candor = 0.6")
    (tmp_path / "q.toml").write_text(custom, encoding="utf-8")
    default = {e.name: e.quality for e in nlp.analyze(SEEDS[0]).evaluations}
    heavy = {e.name: e.quality for e in nlp.analyze(SEEDS[0], weights=tmp_path / "q.toml").evaluations}
    assert heavy["招商引资经费"]["weights"]["candor"] == 0.6
    assert heavy["招商引资经费"]["score"] < default["招商引资经费"]["score"]  # its candor is low


def test_expert_pairs_are_all_ordered_correctly() -> None:
    result = pairwise_accuracy()
    assert result["n_pairs"] >= 12
    assert result["pairwise_accuracy"] == 1.0, result["misordered"]


def test_ranking_is_stable_under_weight_perturbations() -> None:
    assert weight_sensitivity(corpus_components(), QualityConfig.load()) > 0.9


def test_codebook_carries_the_pipeline_version() -> None:
    codebook = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert f"pipeline_version: {nlp.PIPELINE_VERSION}" in codebook
