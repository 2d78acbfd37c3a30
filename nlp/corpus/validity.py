"""Checks that the quality score means what it says (docs/codebook.md, "Validity checks").

- Pairwise accuracy: on better/worse pairs of self-assessments in the development
  corpus (``corpus/annotations/quality_pairs.jsonl``, each with a one-line reason),
  the share the score orders correctly.
- Leave-one-family-out: the component weights chosen on the pairs of every other
  template family (a small grid, below) and tested on the held-out family's pairs,
  so the figure says how the score does on a family nothing was fitted to.
- Rank agreement: Spearman and Kendall correlation between the score and a reader's
  1–5 rating of candour and substance (``corpus/annotations/ratings.jsonl``).
- Weight sensitivity: the mean Spearman correlation between the scores of every
  evaluation under the configured weights and under random ±20% perturbations of
  them (50 draws): how much the ranking depends on the weights.

Run ``python -m nlp.corpus.validity`` for the whole report as JSON.
"""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from nlp.corpus.gold import GoldDocument, GoldPair, load_gold_dir, load_pairs
from nlp.corpus.gold_eval import match_evaluations, names_match
from nlp.quality.rubric import COMPONENTS, QualityConfig
from nlp.settings import default_settings, load_settings
from nlp.structure.model_store import CORPUS, ROOT

DEV = CORPUS / "dev"
PAIRS = CORPUS / "annotations" / "quality_pairs.jsonl"
RATINGS = CORPUS / "annotations" / "ratings.jsonl"
DRAWS = 50
SPREAD = 0.2
GRID = (0, 1, 2, 3)  # relative weight levels tried per component in the leave-one-family-out search

Components = dict[str, float]


@dataclass(frozen=True)
class PairSet:
    """The expert pairs with the families they touch and the components of both sides (None: not found)."""

    pairs: list[GoldPair]
    families: list[frozenset[str]]
    better: list[Components | None]
    worse: list[Components | None]


@cache
def _document_components(path: Path, weights: Path | None) -> tuple[dict, ...]:
    """The predicted evaluations of one document (kind, name, components): analysed once per process."""
    from nlp.pipeline import analyze  # the whole pipeline loads only when documents are scored

    result = analyze(path, load_settings(weights=weights)).to_json()
    return tuple(
        {"kind": e.get("kind"), "name": e.get("name"), "components": (e.get("quality") or {}).get("components")}
        for e in result["evaluations"]
    )


def gold_components(gold: GoldDocument, folder: Path = DEV, weights: Path | None = None) -> dict[int, Components]:
    """Components of each gold evaluation of ``gold`` the pipeline finds, keyed by gold evaluation index.

    Evaluations are tied by name (as ``jixiao evaluate --gold`` does), then the ones left over on both
    sides in document order: this check is about the score, and a misread name (OCR noise, a unit's
    name in place of its project's) is ``jixiao evaluate --gold``'s to count, not a reason to drop a pair.
    """
    predicted = list(_document_components(folder / "docs" / gold.doc, weights))
    matched = dict(match_evaluations(gold.evaluations, predicted))
    taken = set(matched.values())
    left_gold = [g for g in range(len(gold.evaluations)) if g not in matched]
    matched.update(zip(left_gold, [p for p in range(len(predicted)) if p not in taken], strict=False))
    return {g: predicted[p]["components"] for g, p in matched.items()}


def load_pair_set(pairs_file: Path = PAIRS, folder: Path = DEV, weights: Path | None = None) -> PairSet:
    documents = load_gold_dir(folder)
    by_id = {d.id: d for d in documents}
    pairs = load_pairs(pairs_file, documents, names_match)
    referenced = {side.doc for pair in pairs for side in (pair.better, pair.worse)}
    found = {doc: gold_components(by_id[doc], folder, weights) for doc in referenced}
    return PairSet(
        pairs,
        [frozenset({by_id[p.better.doc].family, by_id[p.worse.doc].family}) for p in pairs],
        [found[p.better.doc].get(p.better.index) for p in pairs],
        [found[p.worse.doc].get(p.worse.index) for p in pairs],
    )


def _score(components: Components | None, weights: dict[str, float]) -> float | None:
    if components is None:
        return None
    return sum(weights[c] * components[c] for c in COMPONENTS) / sum(weights.values())


def _ordered(better: Components | None, worse: Components | None, weights: dict[str, float]) -> bool:
    """An evaluation the pipeline does not find counts as misordered (as in ``jixiao evaluate --gold``)."""
    a, b = _score(better, weights), _score(worse, weights)
    return a is not None and b is not None and a > b


def pairwise_accuracy(pairs_file: Path = PAIRS, config: QualityConfig | None = None) -> dict:
    """Share of expert pairs in which the better self-assessment scores higher under the configured weights."""
    weights = (config or default_settings().quality).weights
    data = load_pair_set(pairs_file)
    results = [_ordered(b, w, weights) for b, w in zip(data.better, data.worse, strict=True)]
    misordered = [
        {
            "better": [p.better.doc, p.better.index],
            "worse": [p.worse.doc, p.worse.index],
            "scores": [_score(b, weights), _score(w, weights)],
            "why": p.why,
        }
        for p, b, w, ok in zip(data.pairs, data.better, data.worse, results, strict=True)
        if not ok
    ]
    return {
        "pairwise_accuracy": round(sum(results) / len(results), 4),
        "n_pairs": len(results),
        "misordered": misordered,
    }


def _grid() -> list[dict[str, float]]:
    """Every combination of the levels but all-zero."""
    levels = itertools.product(GRID, repeat=len(COMPONENTS))
    return [dict(zip(COMPONENTS, level, strict=True)) for level in levels if any(level)]


def choose_weights(better: list[Components | None], worse: list[Components | None], prior: dict[str, float]) -> dict:
    """The grid weights ordering most training pairs; ties go to the weights closest to ``prior`` (the configured)."""
    total = sum(prior.values())
    prior_share = np.array([prior[c] / total for c in COMPONENTS])

    def key(weights: dict[str, float]) -> tuple[int, float]:
        correct = sum(_ordered(b, w, weights) for b, w in zip(better, worse, strict=True))
        share = np.array([weights[c] for c in COMPONENTS]) / sum(weights.values())
        return correct, -float(np.abs(share - prior_share).sum())

    best = max(_grid(), key=key)
    total = sum(best.values())
    return {c: round(best[c] / total, 3) for c in COMPONENTS}


def leave_one_family_out(data: PairSet, config: QualityConfig | None = None) -> dict:
    """Per family: weights chosen on pairs touching no document of that family, accuracy on pairs touching it."""
    prior = (config or default_settings().quality).weights
    per_family, correct, tested = {}, 0, 0
    for family in sorted(set().union(*data.families)):
        train = [i for i, f in enumerate(data.families) if family not in f]
        test = [i for i, f in enumerate(data.families) if family in f]
        weights = choose_weights([data.better[i] for i in train], [data.worse[i] for i in train], prior)
        right = sum(_ordered(data.better[i], data.worse[i], weights) for i in test)
        per_family[family] = {"accuracy": round(right / len(test), 4), "n_test": len(test), "weights": weights}
        correct, tested = correct + right, tested + len(test)
    return {
        "accuracy": round(correct / tested, 4),
        "n_tests": tested,
        "macro_accuracy": round(sum(f["accuracy"] for f in per_family.values()) / len(per_family), 4),
        "per_family": per_family,
    }


def rating_agreement(ratings_file: Path = RATINGS, folder: Path = DEV, config: QualityConfig | None = None) -> dict:
    """Spearman and Kendall correlation of the score with the reader's 1–5 ratings (evaluations the pipeline finds)."""
    from scipy.stats import kendalltau, spearmanr

    weights = (config or default_settings().quality).weights
    by_doc = {d.doc: d for d in load_gold_dir(folder)}
    rows = [json.loads(line) for line in ratings_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    rated, scored, missing = [], [], []
    for row in rows:
        components = gold_components(by_doc[Path(row["doc"]).name], folder).get(row["index"])
        if components is None:
            missing.append([row["doc"], row["evaluation"]])
            continue
        rated.append(row["rating"])
        scored.append(_score(components, weights))
    return {
        "n_rated": len(rows),
        "n_scored": len(scored),
        "spearman": round(float(spearmanr(rated, scored).statistic), 4),
        "kendall_tau_b": round(float(kendalltau(rated, scored).statistic), 4),
        "not_found": missing,
    }


def weight_sensitivity(components: list[Components], config: QualityConfig, seed: int = 0) -> float:
    """Mean Spearman correlation of the scores under random ±20% weight perturbations."""
    from scipy.stats import spearmanr

    def scores(weights: dict[str, float]) -> list[float]:
        total = sum(weights.values())
        return [sum(weights[c] * row[c] for c in COMPONENTS) / total for row in components]

    base = scores(config.weights)
    rng = random.Random(seed)
    correlations = []
    for _ in range(DRAWS):
        perturbed = {c: w * rng.uniform(1 - SPREAD, 1 + SPREAD) for c, w in config.weights.items()}
        correlations.append(spearmanr(base, scores(perturbed)).statistic)
    return round(sum(correlations) / len(correlations), 4)


def corpus_components(folder: Path = DEV) -> list[Components]:
    """Components of every evaluation the pipeline finds in the development corpus."""
    return [
        e["components"]
        for path in sorted((folder / "docs").iterdir())
        for e in _document_components(path, None)
        if e["components"] is not None
    ]


def report() -> dict:
    """Every figure of the module docstring, for ``python -m nlp.corpus.validity``."""
    config = default_settings().quality
    return {
        **pairwise_accuracy(config=config),
        "leave_one_family_out": leave_one_family_out(load_pair_set(), config),
        "ratings": rating_agreement(config=config),
        "weight_sensitivity_spearman": weight_sensitivity(corpus_components(), config),
        "pairs_file": str(PAIRS.relative_to(ROOT)),
    }


if __name__ == "__main__":
    print(json.dumps(report(), ensure_ascii=False, indent=1))
