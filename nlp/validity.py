"""Checks that the quality score means what it says.

- Pairwise accuracy: on pairs of self-assessments where an expert would clearly
  agree which is better (``corpus/annotations/quality_pairs.jsonl``), the share
  the score orders correctly.
- Weight sensitivity: the mean Spearman correlation between the scores of every
  evaluation in the corpus under the configured weights and under random ±20%
  perturbations of them (50 draws): how much the ranking depends on the weights.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from nlp.model_store import CORPUS, ROOT
from nlp.quality import COMPONENTS, QualityConfig

PAIRS = CORPUS / "annotations" / "quality_pairs.jsonl"
DRAWS = 50
SPREAD = 0.2


def _scores_by_name(path: str, cache: dict) -> dict[str, float]:
    import nlp

    if path not in cache:
        result = nlp.analyze(ROOT / path)
        cache[path] = {e.name: e.quality["score"] for e in result.evaluations}
    return cache[path]


def pairwise_accuracy(pairs_file: Path = PAIRS) -> dict:
    """Share of expert pairs in which the better self-assessment scores higher."""
    pairs = [json.loads(line) for line in pairs_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    cache: dict = {}
    correct, wrong = 0, []
    for pair in pairs:
        better = _scores_by_name(pair["better"][0], cache).get(pair["better"][1])
        worse = _scores_by_name(pair["worse"][0], cache).get(pair["worse"][1])
        if better is not None and worse is not None and better > worse:
            correct += 1
        else:
            wrong.append({"better": pair["better"], "worse": pair["worse"], "scores": [better, worse]})
    return {"pairwise_accuracy": round(correct / len(pairs), 4), "n_pairs": len(pairs), "misordered": wrong}


def weight_sensitivity(components: list[dict[str, float]], config: QualityConfig, seed: int = 0) -> float:
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


def corpus_components(corpus: Path = CORPUS) -> list[dict[str, float]]:
    import nlp

    return [
        e.quality["components"]
        for path in sorted((corpus / "seeds").glob("*.txt"))
        for e in nlp.analyze(path).evaluations
    ]
