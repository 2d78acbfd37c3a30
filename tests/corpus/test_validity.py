"""The validity checks of the quality score: expert pairs, leave-one-family-out weights, a reader's ratings."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

import nlp
from nlp.corpus.gold import GoldPair, GoldRef
from nlp.corpus.validity import (
    PAIRS,
    RATINGS,
    PairSet,
    choose_weights,
    corpus_components,
    leave_one_family_out,
    load_pair_set,
    pairwise_accuracy,
    rating_agreement,
    weight_sensitivity,
)
from nlp.quality.rubric import COMPONENTS
from nlp.settings import default_settings


def _components(**values: float) -> dict[str, float]:
    return {c: values.get(c, 50.0) for c in COMPONENTS}


@pytest.fixture(scope="module")
def pair_set() -> PairSet:
    return load_pair_set()


def test_the_pairs_file_has_sixty_reasoned_pairs_within_and_across_documents_and_families(pair_set: PairSet) -> None:
    assert len(pair_set.pairs) >= 60 and all(p.why.strip() for p in pair_set.pairs)
    assert any(p.better.doc == p.worse.doc for p in pair_set.pairs)
    assert any(len(f) == 1 for f in pair_set.families) and any(len(f) == 2 for f in pair_set.families)
    assert (ROOT / "corpus" / "dev" / "pairs.jsonl").resolve() == PAIRS.resolve()  # `jixiao evaluate --gold` reads them


def test_expert_pairs_are_ordered_by_the_configured_score() -> None:
    result = pairwise_accuracy()
    assert result["n_pairs"] >= 60
    assert result["pairwise_accuracy"] >= 0.95, result["misordered"]


def test_weights_chosen_without_a_family_order_its_pairs(pair_set: PairSet) -> None:
    result = leave_one_family_out(pair_set)
    assert result["accuracy"] >= 0.9, result["per_family"]
    assert all(f["n_test"] > 0 for f in result["per_family"].values())


def test_the_score_agrees_with_the_readers_ratings() -> None:
    rows = [json.loads(line) for line in RATINGS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 40 and all(1 <= r["rating"] <= 5 and r["reason"] and "AI" in r["rater"] for r in rows)
    result = rating_agreement()
    assert result["n_scored"] >= 40
    assert result["spearman"] >= 0.7 and result["kendall_tau_b"] >= 0.6


def test_ranking_is_stable_under_weight_perturbations() -> None:
    assert weight_sensitivity(corpus_components(), default_settings().quality) > 0.9


def test_choose_weights_prefers_the_component_that_orders_the_pairs() -> None:
    better = [_components(candor=90, originality=10), _components(candor=80, originality=20)]
    worse = [_components(candor=10, originality=90), _components(candor=20, originality=80)]
    weights = choose_weights(better, worse, dict.fromkeys(COMPONENTS, 1.0))
    assert weights["candor"] > weights["originality"]


def test_the_held_out_family_never_chooses_its_own_weights() -> None:
    """a's pairs need candor, b's originality: each, trained only on the other's pairs, must fail."""
    ref = GoldRef("doc", 0)
    pair = GoldPair(ref, ref, "why")
    candid, copied = _components(candor=90, originality=10), _components(candor=10, originality=90)
    data = PairSet(
        [pair] * 4,
        [frozenset({"a"})] * 3 + [frozenset({"b"})],
        [candid, candid, candid, copied],
        [copied, copied, copied, candid],
    )
    result = leave_one_family_out(data)
    assert result["per_family"]["a"]["accuracy"] == result["per_family"]["b"]["accuracy"] == 0.0
    assert result["per_family"]["a"]["weights"]["originality"] > result["per_family"]["a"]["weights"]["candor"]


def test_the_validity_documents_order_good_above_poor() -> None:
    folder = ROOT / "corpus" / "validity"
    good = [e.quality.score for p in sorted(folder.glob("good_*")) for e in nlp.analyze(p).evaluations]
    poor = [e.quality.score for p in sorted(folder.glob("poor_*")) for e in nlp.analyze(p).evaluations]
    assert good and poor and min(good) > max(poor)
