"""One document through every stage built so far: ingest → outline → labels → units."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nlp.blocks import IngestedText
from nlp.ingest import ingest
from nlp.meta import DocumentMeta, extract_meta
from nlp.model_store import model_version, section_model
from nlp.outline import Section, build_outline
from nlp.schema import document_json
from nlp.sections import label_sections
from nlp.units import Evaluation, find_evaluations


@dataclass
class DocumentResult:
    document: IngestedText
    meta: DocumentMeta
    sections: list[Section]
    evaluations: list[Evaluation]
    model_version: str | None

    def to_json(self) -> dict:
        from nlp import PIPELINE_VERSION

        return document_json(self, PIPELINE_VERSION)


def analyze(path: str | Path) -> DocumentResult:
    """Read one document and structure it; raises ``InputError`` for unreadable input."""
    document = ingest(path)
    meta = extract_meta(document)
    sections = build_outline(document)
    label_sections(document, sections, section_model())
    evaluations = find_evaluations(document, sections, meta)
    return DocumentResult(document, meta, sections, evaluations, model_version())
