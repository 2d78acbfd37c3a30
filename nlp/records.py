"""The batch tables of SPEC §4: one document's results as rows, with fixed column types.

A schema per table keeps Parquet, CSV and DuckDB columns typed the same whatever
a chunk of documents happens to contain (an all-null column stays a float).
"""

from __future__ import annotations

import pyarrow as pa

from nlp.schema import doc_id as text_doc_id

_S, _F, _I, _B = pa.string(), pa.float64(), pa.int64(), pa.bool_()
SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [("doc_id", _S), ("path", _S), ("format", _S), ("encoding", _S), ("title", _S), ("year", _I),
         ("region", _S), ("department", _S), ("n_chars", _I), ("n_evaluations", _I), ("status", _S),
         ("error", _S), ("note", _S), ("duplicate_of", _S), ("pipeline_version", _S), ("model_version", _S)]
    ),
    "sections": pa.schema(
        [("doc_id", _S), ("section_id", _S), ("parent_id", _S), ("level", _I), ("number", _S), ("heading", _S),
         ("label", _S), ("confidence", _F), ("start", _I), ("end", _I)]
    ),
    "evaluations": pa.schema(
        [("doc_id", _S), ("eval_id", _S), ("kind", _S), ("name", _S), ("budget_planned", _F),
         ("budget_executed", _F), ("execution_rate", _F), ("claimed_score", _F), ("recomputed_score", _F),
         ("quality_score", _F), ("grade", _S), ("completeness", _F), ("specificity", _F), ("candor", _F),
         ("consistency", _F), ("originality", _F), ("n_indicators", _I), ("n_flags", _I)]
    ),
    "indicators": pa.schema(
        [("doc_id", _S), ("eval_id", _S), ("dimension", _S), ("level1", _S), ("level2", _S), ("name", _S),
         ("target_raw", _S), ("target_kind", _S), ("target_value", _F), ("target_unit", _S),
         ("target_comparator", _S), ("actual_raw", _S), ("actual_kind", _S), ("actual_value", _F),
         ("actual_unit", _S), ("actual_comparator", _S), ("achieved", _B), ("source", _S), ("start", _I),
         ("end", _I)]
    ),
    "claims": pa.schema(
        [("doc_id", _S), ("eval_id", _S), ("dimension", _S), ("subject", _S), ("raw", _S), ("kind", _S),
         ("value", _F), ("unit", _S), ("comparator", _S), ("text", _S), ("start", _I), ("end", _I)]
    ),
    "statements": pa.schema(
        [("doc_id", _S), ("eval_id", _S), ("kind", _S), ("text", _S), ("boilerplate", _B), ("start", _I),
         ("end", _I)]
    ),
    "flags": pa.schema(
        [("doc_id", _S), ("eval_id", _S), ("code", _S), ("severity", _S), ("message", _S), ("start", _I),
         ("end", _I)]
    ),
}  # fmt: skip
TABLES = tuple(SCHEMAS)
# Written by the workers for the corpus-level pass (nlp.duplicates), kept in the parts, not exported.
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
}
PART_SCHEMAS = {**SCHEMAS, **INTERNAL_SCHEMAS}


def _number(value) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _value_columns(prefix: str, value: dict | None) -> dict:
    value = value or {}
    return {
        f"{prefix}_raw": value.get("raw"),
        f"{prefix}_kind": value.get("kind"),
        f"{prefix}_value": _number(value.get("value")),
        f"{prefix}_unit": value.get("unit"),
        f"{prefix}_comparator": value.get("comparator"),
    }


def document_row(
    document, meta, n_evaluations: int | None, pipeline_version: str, model_version: str | None, notes=()
) -> dict:
    """The documents row of a document that was read; ``note`` lists what it shows but was not read."""
    return {
        "doc_id": text_doc_id(document.text), "path": document.path, "format": document.format,
        "encoding": document.encoding, "title": meta.title, "year": meta.year, "region": meta.region,
        "department": meta.department, "n_chars": len(document.text), "n_evaluations": n_evaluations,
        "status": "ok", "error": None, "note": ",".join(notes) or None, "duplicate_of": None,
        "pipeline_version": pipeline_version,
        "model_version": model_version,
    }  # fmt: skip


def document_rows(result, pipeline_version: str) -> dict[str, list[dict]]:
    """All seven tables' rows for one analysed document."""
    key = text_doc_id(result.document.text)
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    rows["documents"].append(
        document_row(
            result.document, result.meta, len(result.evaluations), pipeline_version, result.model_version, result.notes
        )
    )
    for s in result.sections:
        rows["sections"].append(
            {"doc_id": key, "section_id": s.id, "parent_id": s.parent, "level": s.level, "number": s.number,
             "heading": s.heading, "label": s.label, "confidence": s.confidence, "start": s.start, "end": s.end}
        )  # fmt: skip
    for e in result.evaluations:
        budget, quality = e.budget.to_dict() if e.budget else {}, e.quality or {"components": {}}
        rows["evaluations"].append(
            {"doc_id": key, "eval_id": e.id, "kind": e.kind, "name": e.name,
             "budget_planned": budget.get("planned"), "budget_executed": budget.get("executed"),
             "execution_rate": budget.get("rate"), "claimed_score": e.claimed_score,
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
                 "raw": c.value["raw"], "kind": c.value["kind"], "value": _number(c.value["value"]),
                 "unit": c.value["unit"], "comparator": c.value["comparator"], "text": c.text,
                 "start": c.start, "end": c.end}
            )  # fmt: skip
        for s in e.statements:
            rows["statements"].append(
                {"doc_id": key, "eval_id": e.id, "kind": s.kind, "text": s.text, "boilerplate": s.boilerplate,
                 "start": s.start, "end": s.end}
            )  # fmt: skip
    for flag in [*result.flags, *(f for e in result.evaluations for f in e.flags)]:
        rows["flags"].append(
            {"doc_id": key, "eval_id": flag.eval, "code": flag.code, "severity": flag.severity,
             "message": flag.message, "start": flag.start, "end": flag.end}
        )  # fmt: skip
    return rows


def error_rows(path: str, doc_id: str, reason: str, pipeline_version: str, model_version: str | None) -> dict:
    """The one documents row of an input that could not be analysed."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    rows["documents"].append(
        {"doc_id": doc_id, "path": path, "format": None, "encoding": None, "title": None, "year": None,
         "region": None, "department": None, "n_chars": None, "n_evaluations": 0, "status": "error",
         "error": reason, "note": None, "duplicate_of": None, "pipeline_version": pipeline_version,
         "model_version": model_version}
    )  # fmt: skip
    return rows


def frames(rows: dict[str, list[dict]]) -> dict:
    """Rows as typed pandas DataFrames, one per table."""
    return {name: pa.Table.from_pylist(rows.get(name, []), schema=SCHEMAS[name]).to_pandas() for name in TABLES}
