"""The batch tables of SPEC §4: one document's results as rows, with fixed column types.

A schema per table keeps Parquet, CSV and DuckDB columns typed the same whatever
a chunk of documents happens to contain (an all-null column stays a float).
"""

from __future__ import annotations

import pyarrow as pa

from nlp.output.data_dictionary import TABLES as DICTIONARY
from nlp.output.data_dictionary import name_zh
from nlp.output.schema import doc_id as text_doc_id
from nlp.text.document import Value

_S, _F, _I, _B = pa.string(), pa.float64(), pa.int64(), pa.bool_()
_ARROW_TYPES = {"string": _S, "float": _F, "integer": _I, "boolean": _B}
# The tables' columns and types come from the data dictionary, their one description.
ARROW_SCHEMAS: dict[str, pa.Schema] = {
    name: pa.schema([(column.name, _ARROW_TYPES[column.type]) for column in table.columns])
    for name, table in DICTIONARY.items()
}
# The tables a document's results fill (the others the batch builds when it finalizes).
SCHEMAS = {name: schema for name, schema in ARROW_SCHEMAS.items() if DICTIONARY[name].per_document}
TABLES = tuple(SCHEMAS)
# Written by the workers for the corpus-level passes (nlp.corpus.duplicates, nlp.corpus.stickiness),
# kept in the parts, not exported.
INTERNAL_SCHEMAS: dict[str, pa.Schema] = {
    "passages": pa.schema(
        [
            ("doc_id", _S),
            ("eval_id", _S),
            ("start", _I),
            ("end", _I),
            ("bands", pa.list_(_I)),
            ("signature", pa.list_(pa.uint32())),  # datasketch hash values are 32-bit
        ]
    ),
    "originality": pa.schema([("doc_id", _S), ("eval_id", _S), ("base", _F)]),
    # each evaluation's distinct hashed 8-word sequences, for stickiness and template reuse (nlp.corpus.stickiness)
    "ngrams": pa.schema([("doc_id", _S), ("eval_id", _S), ("hash", _I)]),
}
PART_SCHEMAS = {**SCHEMAS, **INTERNAL_SCHEMAS}


def _number(value) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _value_columns(prefix: str, value: Value | None) -> dict:
    """A Value's columns (SPEC §4): raw, kind, a numeric value, unit, comparator; all null without one."""
    if value is None:
        return {f"{prefix}_{column}": None for column in ("raw", "kind", "value", "unit", "comparator")}
    return {
        f"{prefix}_raw": value.raw,
        f"{prefix}_kind": value.kind,
        f"{prefix}_value": _number(value.value),
        f"{prefix}_unit": value.unit,
        f"{prefix}_comparator": value.comparator,
    }


def ocr_confidence(pages: list[dict] | None) -> float | None:
    """The OCR'd pages' mean confidence weighted by their characters; None when no page was OCR'd."""
    if not pages:
        return None
    characters = sum(page["characters"] for page in pages)
    if not characters:
        return 0.0
    return round(sum(page["confidence"] * page["characters"] for page in pages) / characters, 4)


def document_row(
    document, meta, n_evaluations: int | None, pipeline_version: str, model_version: str | None, notes=()
) -> dict:
    """The documents row of a document that was read; ``note`` lists what it shows but was not read."""
    return {
        "doc_id": text_doc_id(document.text), "path": document.path, "format": document.format,
        "encoding": document.encoding, "title": meta.title, "year": meta.year, "region": meta.region,
        "department": meta.department, "n_chars": len(document.text), "n_evaluations": n_evaluations,
        "status": "ok", "error": None, "note": ",".join(notes) or None,
        "ocr_confidence": ocr_confidence(document.ocr_pages), "duplicate_of": None,
        "pipeline_version": pipeline_version,
        "model_version": model_version,
    }  # fmt: skip


def document_rows(result, pipeline_version: str) -> dict[str, list[dict]]:
    """All seven tables' rows for one analysed document."""
    key = text_doc_id(result.ingested.text)
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    rows["documents"].append(
        document_row(
            result.ingested, result.meta, len(result.evaluations), pipeline_version, result.model_version, result.notes
        )
    )
    for s in result.sections:
        rows["sections"].append(
            {"doc_id": key, "section_id": s.id, "parent_id": s.parent, "level": s.level, "number": s.number,
             "heading": s.heading, "label": s.label, "label_zh": name_zh("labels", s.label),
             "confidence": s.confidence, "start": s.start, "end": s.end}
        )  # fmt: skip
    for e in result.evaluations:
        budget = e.budget.to_dict() if e.budget else {}
        quality = e.quality.to_dict() if e.quality is not None else {"components": {}}
        rows["evaluations"].append(
            {"doc_id": key, "eval_id": e.id, "kind": e.kind, "name": e.name,
             "budget_planned": budget.get("planned"), "budget_executed": budget.get("executed"),
             "execution_rate_pct": budget.get("rate"), "claimed_score": e.claimed_score,
             "recomputed_score": e.recomputed_score, "quality_score": quality.get("score"),
             "grade": quality.get("grade"), **quality["components"], "n_indicators": len(e.indicators),
             "n_flags": len(e.flags)}
        )  # fmt: skip
        for i in e.indicators:
            rows["indicators"].append(
                {"doc_id": key, "eval_id": e.id, "dimension": i.dimension, "level1": i.level1, "level2": i.level2,
                 "name": i.name, **_value_columns("target", i.target), **_value_columns("actual", i.actual),
                 "achieved": i.achieved, "source": i.source, "start": i.start, "end": i.end}
            )  # fmt: skip
        for c in e.claims:
            rows["claims"].append(
                {"doc_id": key, "eval_id": e.id, "dimension": c.dimension, "subject": c.subject,
                 "raw": c.value.raw, "kind": c.value.kind, "value": _number(c.value.value),
                 "unit": c.value.unit, "comparator": c.value.comparator, "text": c.text,
                 "start": c.start, "end": c.end}
            )  # fmt: skip
        for s in e.statements:
            rows["statements"].append(
                {"doc_id": key, "eval_id": e.id, "kind": s.kind, "text": s.text, "boilerplate": s.boilerplate,
                 "start": s.start, "end": s.end}
            )  # fmt: skip
    for flag in [*result.flags, *(f for e in result.evaluations for f in e.flags)]:
        rows["flags"].append(
            {"doc_id": key, "eval_id": flag.eval, "code": flag.code, "code_zh": name_zh("flags", flag.code),
             "severity": flag.severity, "message": flag.message, "start": flag.start, "end": flag.end}
        )  # fmt: skip
    return rows


def error_rows(path: str, doc_id: str, reason: str, pipeline_version: str, model_version: str | None) -> dict:
    """The one documents row of an input that could not be analysed."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    rows["documents"].append(
        {"doc_id": doc_id, "path": path, "format": None, "encoding": None, "title": None, "year": None,
         "region": None, "department": None, "n_chars": None, "n_evaluations": 0, "status": "error",
         "error": reason, "note": None, "ocr_confidence": None, "duplicate_of": None,
         "pipeline_version": pipeline_version,
         "model_version": model_version}
    )  # fmt: skip
    return rows


def to_pandas(table: pa.Table):
    """An Arrow table as pandas with nullable integers and booleans: a year stays an integer beside nulls."""
    import pandas as pd

    return table.to_pandas(types_mapper={_I: pd.Int64Dtype(), _B: pd.BooleanDtype()}.get)


def typed(name: str, frame):
    """A frame of table ``name`` read some other way (``pandas.read_parquet``) with the dictionary's dtypes."""
    return to_pandas(pa.Table.from_pandas(frame, schema=ARROW_SCHEMAS[name], preserve_index=False))


def frames(rows: dict[str, list[dict]]) -> dict:
    """Rows as typed pandas DataFrames, one per table (the dtypes of ``nlp.corpus.batch.read_tables``)."""
    return {name: to_pandas(pa.Table.from_pylist(rows.get(name, []), schema=SCHEMAS[name])) for name in TABLES}
