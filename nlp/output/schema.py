"""The document JSON of SPEC §3, built from the stages' results."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from nlp.version import SCHEMA_VERSION

if TYPE_CHECKING:
    from nlp.pipeline import Analysis


def doc_id(text: str) -> str:
    """First 16 hex digits of the SHA-256 of the normalized text: same text, same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def document_json(result: Analysis, pipeline_version: str) -> dict:
    """The SPEC §3 document; stages not built yet contribute empty lists."""
    document = result.ingested
    return {
        "schema_version": SCHEMA_VERSION,
        "pipeline_version": pipeline_version,
        "model_version": result.model_version,
        "doc_id": doc_id(document.text),
        "source": {
            "path": document.path,
            "format": document.format,
            "encoding": document.encoding,
            "ocr": {"pages": document.ocr_pages} if document.ocr_pages else None,
        },
        "meta": result.meta.to_dict(),
        "text": document.text,
        "blocks": [block.to_dict() for block in document.blocks],
        "sections": [section.to_dict() for section in result.sections],
        "evaluations": [evaluation.to_dict() for evaluation in result.evaluations],
        "flags": [flag.to_dict() for flag in result.flags],
        "notes": result.notes,
    }
