"""Training and cross-validated evaluation of the models, from ``corpus/`` into ``models/``.

Everything is deterministic: documents, sections and annotations are read in a
fixed order and the solver is seeded, so ``jixiao train`` rebuilds byte-identical
model files from the same corpus.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nlp.reading.ingest import ingest
from nlp.structure.linear_model import LinearModel
from nlp.structure.model_store import CLAIM_MODEL_FILE, CORPUS, MODELS, SECTION_MODEL_FILE
from nlp.structure.outline import build_outline
from nlp.structure.sections import SectionContext, fit_section_model, keyword_label, label_sections, section_context
from nlp.text.document import Document

SEED = 0


@dataclass(kw_only=True)
class AnnotatedDocument(Document):
    """A seed's outlined ``Document`` with the section labels annotated in ``corpus/annotations``."""

    name: str
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
        annotated = AnnotatedDocument(document, name=name, labels=labels)
        annotated.set_sections(sections)
        documents.append(annotated)
    return documents, unmatched


def _training_samples(documents: list[AnnotatedDocument]) -> tuple[list[SectionContext], list[str]]:
    samples, targets = [], []
    for annotated in documents:
        for section in annotated.sections:
            if section.id in annotated.labels:
                samples.append(section_context(annotated.ingested, section, annotated.sections_by_id, annotated.labels))
                targets.append(annotated.labels[section.id])
    return samples, targets


def section_model_from(documents: list[AnnotatedDocument]) -> LinearModel:
    samples, targets = _training_samples(documents)
    return fit_section_model(samples, targets, seed=SEED)


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
        model = section_model_from([d for d in documents if d is not held_out])
        label_sections(held_out.ingested, held_out.sections_by_id, model)
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


@dataclass
class GoldClaim:
    value_start: int
    value_end: int
    subject: str
    dimension: str
    features: dict[str, float]


def _claims_by_doc(corpus: Path) -> dict[str, list[dict]]:
    rows = [json.loads(line) for line in (corpus / "annotations" / "claims.jsonl").read_text("utf-8").splitlines()]
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["doc"], []).append(row)
    return grouped


def _gold_claims(annotated: AnnotatedDocument, rows: list[dict]) -> list[GoldClaim]:
    """Annotated claims with the features the classifier sees (the section label as annotated)."""
    from nlp.extraction.claim_rules import claims_in
    from nlp.extraction.claims import claim_features, section_of
    from nlp.text.values import parse_value

    text = annotated.ingested.text
    extracted = {}
    for block in annotated.ingested.blocks:
        if block.kind == "paragraph":
            for raw in claims_in(block.text, block.start):
                extracted[(raw.value_start, raw.value_end, raw.subject)] = raw.value
    gold = []
    for row in rows:
        key = (row["value_start"], row["value_end"], row["subject"])
        value = extracted.get(key) or parse_value(text[row["value_start"] : row["value_end"]])
        section = section_of(annotated.sections, row["value_start"])
        label = annotated.labels.get(section.id, "none") if section else "none"
        gold.append(GoldClaim(*key, row["dimension"], claim_features(row["subject"], value, label)))
    return gold


def _claim_model(gold: list[GoldClaim]) -> LinearModel:
    from nlp.extraction.claims import fit_dimension_model

    return fit_dimension_model([g.features for g in gold], [g.dimension for g in gold], seed=SEED)


def _predicted_claims(annotated: AnnotatedDocument, model_path: Path):
    """The claims the pipeline finds in a document whose sections carry their annotated labels."""
    from nlp.extraction.claims import claims_pipeline, find_claims
    from nlp.structure.meta import extract_meta
    from nlp.structure.units import find_evaluations

    for section in annotated.sections:
        section.label = annotated.labels.get(section.id)
    evaluations = find_evaluations(annotated.ingested, annotated.sections, extract_meta(annotated.ingested))
    spans = [span for e in evaluations for span in e.spans(annotated.sections_by_id)]
    return find_claims(annotated.ingested, annotated.sections, spans, claims_pipeline(str(model_path)))


def evaluate_claims(documents: list[AnnotatedDocument], corpus: Path = CORPUS) -> dict:
    """Leave-one-document-out: claim precision and recall (by value span) and dimension accuracy."""
    import tempfile
    from collections import Counter

    from nlp.extraction.claims import keyword_dimension

    grouped = _claims_by_doc(corpus)
    gold_by_doc = {d.name: _gold_claims(d, grouped.get(d.name, [])) for d in documents}
    matched = n_predicted = n_gold = right = baseline_right = judged = 0
    with tempfile.TemporaryDirectory() as folder:
        for index, held_out in enumerate(documents):
            training = [g for d in documents if d is not held_out for g in gold_by_doc[d.name]]
            path = Path(folder) / f"claims_{index}.npz"
            _claim_model(training).save(path)
            predicted = _predicted_claims(held_out, path)
            gold = gold_by_doc[held_out.name]
            n_predicted += len(predicted)
            n_gold += len(gold)
            found = Counter((c.value_start, c.value_end) for c in predicted)
            wanted = Counter((g.value_start, g.value_end) for g in gold)
            matched += sum(min(found[span], wanted[span]) for span in wanted)
            by_key = {(c.value_start, c.value_end, c.subject): c for c in predicted}
            for g in gold:
                claim = by_key.get((g.value_start, g.value_end, g.subject))
                if claim is not None:
                    judged += 1
                    right += claim.dimension == g.dimension
                    baseline_right += keyword_dimension(claim.subject, claim.value) == g.dimension
    return {
        "precision": round(matched / max(n_predicted, 1), 4),
        "recall": round(matched / max(n_gold, 1), 4),
        "dimension_accuracy": round(right / max(judged, 1), 4),
        "baseline_dimension_accuracy": round(baseline_right / max(judged, 1), 4),
        "n_gold": n_gold,
        "n_predicted": n_predicted,
        "n_dimension_judged": judged,
        "method": (
            "leave-one-document-out; a claim matches by its value's character span; sections carry their "
            "annotated labels; baseline: keyword rules on the subject"
        ),
    }


def train(models: Path = MODELS) -> dict:
    """Fit every model on the whole annotated corpus and write it to ``models``."""
    documents, unmatched = load_annotated()
    models.mkdir(parents=True, exist_ok=True)
    section_model_from(documents).save(models / SECTION_MODEL_FILE)
    grouped = _claims_by_doc(CORPUS)
    gold = [g for d in documents for g in _gold_claims(d, grouped.get(d.name, []))]
    _claim_model(gold).save(models / CLAIM_MODEL_FILE)
    return {
        "sections_annotated": sum(len(d.labels) for d in documents),
        "annotations_unmatched": unmatched,
        "claims_annotated": len(gold),
    }
