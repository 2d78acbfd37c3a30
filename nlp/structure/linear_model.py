"""A multinomial logistic regression kept as plain arrays (section labels, claim dimensions).

Trained with scikit-learn over named features (``DictVectorizer``); stored as
feature names, weights, intercepts and classes with ``numpy.savez_compressed``;
loaded with ``allow_pickle=False`` and applied with one dot product, so loading
needs neither pickle nor scikit-learn (whose import alone costs about 2 s).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np


def text_features(text: str, ngram_sizes: tuple[int, ...], word_prefix: str, weight: float = 1.0) -> dict[str, float]:
    """Character n-grams (``c1=…``, ``c2=…``) and jieba words (``{word_prefix}=…``) of a short text."""
    from nlp.text.segment import words

    features = {f"c{n}={text[i : i + n]}": weight for n in ngram_sizes for i in range(len(text) - n + 1)}
    features.update({f"{word_prefix}={word}": weight for word in words(text)})
    return features


@dataclass
class LinearModel:
    classes: np.ndarray
    feature_names: np.ndarray
    weights: np.ndarray  # shape (classes, features)
    intercept: np.ndarray

    def __post_init__(self) -> None:
        self._index = {str(name): i for i, name in enumerate(self.feature_names)}
        self._by_feature = np.ascontiguousarray(self.weights.T)  # a feature's weights for every class, together

    @classmethod
    def fit(cls, samples: Iterable[dict[str, float]], labels: list[str], c: float, seed: int = 0) -> LinearModel:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = DictVectorizer(sort=True)
        matrix = vectorizer.fit_transform(samples)
        if len(set(labels)) == 1:  # nothing to learn: one class, certain
            names = np.array(vectorizer.get_feature_names_out(), dtype=str)
            return cls(
                np.array(labels[:1], dtype=str), names, np.zeros((1, len(names)), np.float32), np.zeros(1, np.float32)
            )
        model = LogisticRegression(C=c, max_iter=2000, random_state=seed)
        model.fit(matrix, labels)
        coef, intercept = model.coef_, model.intercept_
        if coef.shape[0] == 1:  # two classes: scikit-learn keeps one row
            coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
        names = np.array(vectorizer.get_feature_names_out(), dtype=str)
        return cls(model.classes_.astype(str), names, coef.astype(np.float32), intercept.astype(np.float32))

    def predict(self, features: dict[str, float]) -> tuple[str, float]:
        """The most probable class and its probability."""
        return self.predict_many([features])[0]

    def predict_many(self, samples: list[dict[str, float]]) -> list[tuple[str, float]]:
        """``predict`` for many samples with one set of array operations (numpy's cost is per call)."""
        if not samples:
            return []
        rows, values, starts = [], [], []
        for features in samples:
            starts.append(len(rows))
            for name, value in features.items():
                index = self._index.get(name)
                if index is not None:
                    rows.append(index)
                    values.append(value)
        # Only the rows of the features present, a few dozen of many thousand, summed per sample.
        weighted = self._by_feature[rows] * np.asarray(values, dtype=np.float32)[:, None]
        weighted = np.vstack([weighted, np.zeros((1, len(self.classes)), np.float32)])  # a sample with no feature
        scores = np.add.reduceat(weighted, starts, axis=0) + self.intercept
        empty = np.diff([*starts, len(rows)]) == 0
        scores[empty] = self.intercept  # reduceat gives the next row for an empty slice
        probabilities = np.exp(scores - scores.max(axis=1, keepdims=True))
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        best = probabilities.argmax(axis=1)
        return [(str(self.classes[b]), float(probabilities[i, b])) for i, b in enumerate(best)]

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, classes=self.classes, feature_names=self.feature_names, weights=self.weights, intercept=self.intercept
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with np.load(path, allow_pickle=False) as data:
            return cls(data["classes"], data["feature_names"], data["weights"], data["intercept"])
