"""Training and cross-validated evaluation of the models, from ``corpus/`` into ``models/``.

Everything is deterministic: documents, sections and annotations are read in a
fixed order and the solver is seeded, so ``jixiao train`` rebuilds byte-identical
model files from the same corpus.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nlp.blocks import IngestedText
from nlp.ingest import ingest
from nlp.model_store import CORPUS, MODELS, SECTION_MODEL_FILE
from nlp.outline import Section, build_outline
from nlp.sections import SectionContext, SectionModel, keyword_label, label_sections, section_context

SEED = 0


@dataclass
class AnnotatedDocument:
    name: str
    document: IngestedText
    sections: list[Section]
    labels: dict[str, str]  # section id → annotated label


def load_annotated(corpus: Path = CORPUS) -> tuple[list[AnnotatedDocument], int]:
    """Documents with their outline and annotated labels; also the count of annotations not found.

    An annotation is matched to a section by document, start offset and heading; one
    that no longer matches (the outline changed) is left out and counted.
    """
    rows = [json.loads(line) for line in (corpus / "annotations" / "sections.jsonl").read_text("utf-8").splitlines()]
    by_doc: dict[str, dict[tuple[int, str], str]] = {}
    for row in rows:
        by_doc.setdefault(row["doc"], {})[(row["start"], row["heading"])] = row["label"]
    documents, unmatched = [], 0
    for name in sorted(by_doc):
        document = ingest(corpus / "seeds" / f"{name}.txt")
        sections = build_outline(document)
        wanted = by_doc[name]
        labels = {s.id: wanted[(s.start, s.heading)] for s in sections if (s.start, s.heading) in wanted}
        unmatched += len(wanted) - len(labels)
        documents.append(AnnotatedDocument(name, document, sections, labels))
    return documents, unmatched


def _training_samples(documents: list[AnnotatedDocument]) -> tuple[list[SectionContext], list[str]]:
    samples, targets = [], []
    for annotated in documents:
        by_id = {s.id: s for s in annotated.sections}
        for section in annotated.sections:
            if section.id in annotated.labels:
                samples.append(section_context(annotated.document, section, by_id, annotated.labels))
                targets.append(annotated.labels[section.id])
    return samples, targets


def fit_section_model(documents: list[AnnotatedDocument]) -> SectionModel:
    samples, targets = _training_samples(documents)
    return SectionModel.fit(samples, targets, seed=SEED)


def _scores(gold: list[str], predicted: list[str]) -> dict:
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    labels = sorted(set(gold))
    precision, recall, f1, support = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
    return {
        "macro_f1": round(float(f1_score(gold, predicted, labels=labels, average="macro", zero_division=0)), 4),
        "accuracy": round(float(accuracy_score(gold, predicted)), 4),
        "per_label": {
            label: {
                "precision": round(float(p), 4),
                "recall": round(float(r), 4),
                "f1": round(float(f), 4),
                "n": int(n),
            }
            for label, p, r, f, n in zip(labels, precision, recall, f1, support, strict=True)
        },
    }


def evaluate_sections(documents: list[AnnotatedDocument]) -> dict:
    """Leave-one-document-out: train on the other documents, label the held-out one top-down."""
    gold, predicted, baseline = [], [], []
    for held_out in documents:
        model = fit_section_model([d for d in documents if d is not held_out])
        label_sections(held_out.document, held_out.sections, model)
        for section in held_out.sections:
            if section.id in held_out.labels:
                gold.append(held_out.labels[section.id])
                predicted.append(section.label)
                baseline.append(keyword_label(section.heading))
    model_scores, baseline_scores = _scores(gold, predicted), _scores(gold, baseline)
    return {
        "macro_f1": model_scores["macro_f1"],
        "accuracy": model_scores["accuracy"],
        "baseline_macro_f1": baseline_scores["macro_f1"],
        "baseline_accuracy": baseline_scores["accuracy"],
        "per_label": model_scores["per_label"],
        "n_sections": len(gold),
        "n_documents": len(documents),
        "method": "leave-one-document-out cross-validation; baseline: keyword rules on the heading",
    }


def train(models: Path = MODELS) -> dict:
    """Fit every model on the whole annotated corpus and write it to ``models``."""
    documents, unmatched = load_annotated()
    models.mkdir(parents=True, exist_ok=True)
    fit_section_model(documents).save(models / SECTION_MODEL_FILE)
    return {"sections_annotated": sum(len(d.labels) for d in documents), "annotations_unmatched": unmatched}
