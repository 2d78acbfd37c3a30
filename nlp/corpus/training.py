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
from nlp.structure.sections import (
    SectionContext,
    decisive_label,
    fit_section_model,
    heading_title,
    keyword_label,
    label_sections,
    section_context,
)
from nlp.text.document import Document

SEED = 0
DEV_CORPUS = CORPUS / "dev"


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


SEED_FAMILY = "sichuan_juesuan"  # the five annotated seeds are Sichuan 部门决算 (corpus/annotations/README.md)


@dataclass
class GoldOutline:
    """A gold document of the development corpus, outlined, with the labels its reader gave a few sections."""

    name: str
    family: str
    document: Document
    labels: dict[str, str]  # section id → gold label (the sections its gold headings find)


@dataclass
class LabelledSamples:
    """What the classifier learns from one document: its family (for leave-one-family-out), contexts, labels."""

    name: str
    family: str
    samples: list[SectionContext]
    targets: list[str]


def load_gold_outlines(folder: Path = DEV_CORPUS) -> tuple[list[GoldOutline], int]:
    """The development corpus's gold section labels on the outline the pipeline builds; also the count of
    gold headings no section matches (found as ``jixiao evaluate --gold`` finds them) or documents unreadable."""
    from nlp.corpus.gold import load_gold_dir
    from nlp.corpus.gold_eval import find_section
    from nlp.errors import InputError

    outlines, unmatched = [], 0
    for gold in load_gold_dir(folder):
        if not gold.sections:
            continue
        try:
            ingested = ingest(folder / "docs" / gold.doc)
        except InputError:
            unmatched += len(gold.sections)
            continue
        sections = build_outline(ingested)
        headings = [{"heading": s.heading, "number": s.number} for s in sections]
        labels = {}
        for heading in gold.sections:
            found = find_section(heading.heading, headings)
            if found is None:
                unmatched += 1
            else:
                labels.setdefault(sections[headings.index(found)].id, heading.label)
        document = Document(ingested)
        document.set_sections(sections)
        outlines.append(GoldOutline(gold.id, gold.family, document, labels))
    return outlines, unmatched


def _seed_samples(annotated: AnnotatedDocument) -> LabelledSamples:
    """Every section of a seed, its context taken from the annotated labels (at run time, the predicted ones)."""
    samples, targets = [], []
    for section in annotated.sections:
        if section.id in annotated.labels:
            samples.append(section_context(annotated.ingested, section, annotated.sections_by_id, annotated.labels))
            targets.append(annotated.labels[section.id])
    return LabelledSamples(annotated.name, SEED_FAMILY, samples, targets)


def _gold_samples(outline: GoldOutline) -> LabelledSamples:
    """The gold-labelled sections of a development document.

    Its other sections have no gold label; their label, which the labelled ones see as parent or
    report root, is what the form, the heading's decisive words or the keyword rules say (never a
    model's, so no held-out document leaks in through its neighbours' labels).
    """
    document = outline.document
    context = {s.id: decisive_label(s) or keyword_label(heading_title(s.heading)) for s in document.sections}
    context.update(outline.labels)
    samples, targets = [], []
    for section in document.sections:
        if section.id in outline.labels:
            samples.append(section_context(document.ingested, section, document.sections_by_id, context))
            targets.append(outline.labels[section.id])
    return LabelledSamples(outline.name, outline.family, samples, targets)


def training_samples(seeds: list[AnnotatedDocument], outlines: list[GoldOutline]) -> list[LabelledSamples]:
    """Every labelled section the section model learns from: the seeds' and the development corpus's."""
    return [_seed_samples(d) for d in seeds] + [_gold_samples(o) for o in outlines]


def section_model_from(parts: list[LabelledSamples]) -> LinearModel:
    samples = [sample for part in parts for sample in part.samples]
    targets = [target for part in parts for target in part.targets]
    return fit_section_model(samples, targets, seed=SEED)


def family_section_model(parts: list[LabelledSamples], families: frozenset[str]) -> LinearModel:
    """The section model trained without some template families: how it labels a template it has never seen."""
    return section_model_from([part for part in parts if part.family not in families])


class FamilyFolds:
    """Leave-one-family-out for ``jixiao evaluate --gold``: a document the shipped section model learned
    from (a seed or a development document, recognised by its bytes) is labelled by the model trained
    without its template family, so its figures say how a template never seen is read."""

    def __init__(self, corpus: Path = CORPUS) -> None:
        from nlp.corpus.gold import load_gold_dir

        self._corpus = corpus
        # a document's bytes → every family it is filed under (one text may be filed twice)
        self._families: dict[str, set[str]] = {}
        for path in (corpus / "seeds").glob("*.txt"):
            self._families.setdefault(_digest(path), set()).add(SEED_FAMILY)
        gold_folder = corpus / "dev"
        for gold in load_gold_dir(gold_folder) if (gold_folder / "gold").is_dir() else []:
            if (gold_folder / "docs" / gold.doc).is_file():
                self._families.setdefault(_digest(gold_folder / "docs" / gold.doc), set()).add(gold.family)
        self._parts: list[LabelledSamples] | None = None
        self._models: dict[frozenset[str], LinearModel] = {}

    def model_for(self, path: Path) -> LinearModel | None:
        """The model trained without the families of the document at ``path``; None for one never trained on."""
        found = self._families.get(_digest(path)) if path.is_file() else None
        if not found:
            return None
        families = frozenset(found)
        if families not in self._models:
            if self._parts is None:
                seeds, _ = load_annotated(self._corpus)
                outlines, _ = load_gold_outlines(self._corpus / "dev")
                self._parts = training_samples(seeds, outlines)
            self._models[families] = family_section_model(self._parts, families)
        return self._models[families]


def _digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


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


def evaluate_sections(documents: list[AnnotatedDocument], outlines: list[GoldOutline]) -> dict:
    """Leave-one-document-out over the seeds: train on the other seeds and the development corpus's gold
    sections, label the held-out seed top-down."""
    parts = training_samples(documents, outlines)
    gold, predicted, baseline = [], [], []
    for held_out in documents:
        model = section_model_from([p for p in parts if p.name != held_out.name])
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
        "method": (
            "leave-one-document-out cross-validation over the seeds, trained with the development corpus's "
            "gold sections too; baseline: keyword rules on the heading"
        ),
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
    outlines, gold_unmatched = load_gold_outlines()
    models.mkdir(parents=True, exist_ok=True)
    section_model_from(training_samples(documents, outlines)).save(models / SECTION_MODEL_FILE)
    grouped = _claims_by_doc(CORPUS)
    gold = [g for d in documents for g in _gold_claims(d, grouped.get(d.name, []))]
    _claim_model(gold).save(models / CLAIM_MODEL_FILE)
    return {
        "sections_annotated": sum(len(d.labels) for d in documents),
        "annotations_unmatched": unmatched,
        "gold_sections": sum(len(o.labels) for o in outlines),
        "gold_sections_unmatched": gold_unmatched,
        "claims_annotated": len(gold),
    }
