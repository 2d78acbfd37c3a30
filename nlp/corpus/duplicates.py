"""Near-duplicate passages across the documents of a batch (``DUPLICATE_TEXT``), out of core.

Within one document the flag is found by ``nlp.quality.flags``. Across documents no process
sees the whole corpus, so each worker writes, per passage of an evaluation, its
MinHash signature and LSH band keys (``passage_rows``); when the batch finalizes,
DuckDB groups equal band keys and picks, for every passage, the earliest passage
(in path order) of another document sharing a band with it whose signature agrees
with it in 80% of positions (estimated Jaccard ≥ 0.8). Memory stays flat: all of it
runs in DuckDB, which spills to disk; Python sees only the evaluations to re-score,
a batch at a time.

Each passage with such a twin gets a flag naming the other document, and its
evaluation's originality, quality score and grade are recomputed with the same
rubric. Two documents of three or more passages that nearly all match each other
are versions of one report (a PDF and a DOCX of it, say): they are not flagged
against each other and are listed in ``versions.csv``.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import pyarrow as pa

from nlp.output.schema import doc_id
from nlp.quality.flags import evaluation_passages
from nlp.quality.rubric import COMPONENTS, QualityConfig, grade, originality_base, penalized_originality, weighted_score
from nlp.settings import Settings, default_settings
from nlp.text.corpus_stats import DUPLICATE_THRESHOLD, PERMUTATIONS, Reference, band_keys, signatures

VERSION_SHARE = 0.8  # of each document's passages matched in the other: two versions of one report
VERSION_MIN_PASSAGES = 3  # fewer, and sharing them all is copying, not being the same report
SEVERITY = "medium"
_FETCH = 10_000


def passage_rows(result, group: Reference) -> dict[str, list[dict]]:
    """The internal ``passages`` and ``originality`` rows of one analysed document (worker side)."""
    document, sections = result.ingested, result.sections_by_id
    key = doc_id(document.text)
    passages = evaluation_passages(document, result.evaluations, sections, result.settings.thresholds.min_passage)
    found = signatures([document.text[start:end] for _, start, end in passages])
    return {
        "passages": [
            {"doc_id": key, "eval_id": evaluation.id, "start": start, "end": end,
             "bands": band_keys(signature), "signature": signature.hashvalues.tolist()}
            for (evaluation, start, end), signature in zip(passages, found, strict=True)
        ],
        "originality": [
            {"doc_id": key, "eval_id": e.id, "base": originality_base(e.text(document, sections), group)}
            for e in result.evaluations
        ],
    }  # fmt: skip


@dataclass
class CrossDocumentResult:
    duplicate_passages: int
    evaluations_rescored: int
    versions: int


# For each passage, the earliest passage of another document that shares an LSH band with it and
# agrees with it on enough signature positions; all in DuckDB, which spills to disk.
_TWINS = """
CREATE TEMP TABLE passage AS
    SELECT row_number() OVER (ORDER BY d.position, p.doc_id, p.start, p.eval_id) AS pid,
           p.doc_id, p.eval_id, p.start, p."end"
    FROM passages_parts p JOIN document_order d USING (doc_id);
CREATE TEMP TABLE band AS
    SELECT q.pid, q.doc_id, unnest(p.bands) AS h, unnest(range(len(p.bands))) AS b
    FROM passages_parts p JOIN passage q USING (doc_id, eval_id, start);
CREATE TEMP TABLE first AS
    SELECT b, h, min(pid) AS first_pid, arg_min(doc_id, pid) AS first_doc FROM band GROUP BY b, h;
CREATE TEMP TABLE second AS
    SELECT x.b, x.h, min(x.pid) AS second_pid
    FROM band x JOIN first f USING (b, h) WHERE x.doc_id <> f.first_doc GROUP BY x.b, x.h;
CREATE TEMP TABLE candidate AS
    SELECT DISTINCT x.pid, CASE WHEN x.doc_id <> f.first_doc THEN f.first_pid ELSE s.second_pid END AS partner
    FROM band x JOIN first f USING (b, h) LEFT JOIN second s USING (b, h);
DELETE FROM candidate WHERE partner IS NULL;
CREATE TEMP TABLE signature AS
    SELECT q.pid, p.signature FROM passages_parts p JOIN passage q USING (doc_id, eval_id, start)
    WHERE q.pid IN (SELECT pid FROM candidate UNION SELECT partner FROM candidate);
CREATE TEMP TABLE twin AS
    SELECT c.pid, min(c.partner) AS partner
    FROM candidate c JOIN signature a ON a.pid = c.pid JOIN signature b ON b.pid = c.partner
    WHERE len(list_filter(list_zip(a.signature, b.signature), lambda z: z[1] = z[2])) >= $agreeing
    GROUP BY c.pid;
CREATE TEMP TABLE twin_docs AS
    SELECT t.pid, a.doc_id, a.eval_id, a.start, a."end", b.doc_id AS partner_doc
    FROM twin t JOIN passage a ON a.pid = t.pid JOIN passage b ON b.pid = t.partner;
"""
# Two documents that match each other in nearly all their passages are versions of one report.
_VERSIONS = """
CREATE TEMP TABLE version AS
    WITH sizes AS (SELECT doc_id, count(*) AS n FROM passage GROUP BY doc_id),
    shared AS (SELECT doc_id, partner_doc, count(*) AS n FROM twin_docs GROUP BY ALL)
    SELECT x.doc_id AS a, x.partner_doc AS b
    FROM shared x JOIN shared y ON y.doc_id = x.partner_doc AND y.partner_doc = x.doc_id
    JOIN sizes sx ON sx.doc_id = x.doc_id JOIN sizes sy ON sy.doc_id = y.doc_id
    WHERE least(sx.n, sy.n) >= $min_passages AND x.n >= $share * sx.n AND y.n >= $share * sy.n;
CREATE TEMP TABLE cross_flags AS
    SELECT t.doc_id, t.eval_id, 'DUPLICATE_TEXT' AS code, $severity AS severity,
           '此段与另一份文件（' || p.path || '）中的段落几乎相同，疑为套用。' AS message, t.start, t."end"
    FROM twin_docs t JOIN (SELECT doc_id, min(path) AS path FROM documents GROUP BY doc_id) p
         ON p.doc_id = t.partner_doc
    WHERE NOT EXISTS (SELECT 1 FROM version v WHERE v.a = t.doc_id AND v.b = t.partner_doc);
"""
# The evaluations that gained flags, with what their originality is made of.
_GAINED = f"""
SELECT e.doc_id, e.eval_id, e.n_flags, o.base, {", ".join(f"e.{c}" for c in COMPONENTS)}, g.n,
       coalesce(f.duplicate_text, 0), coalesce(f.boilerplate_text, 0)
FROM (SELECT doc_id, eval_id, count(*) AS n FROM cross_flags GROUP BY ALL) g
JOIN evaluations_parts e USING (doc_id, eval_id) JOIN originality_parts o USING (doc_id, eval_id)
LEFT JOIN (SELECT doc_id, eval_id, count(*) FILTER (code = 'DUPLICATE_TEXT') AS duplicate_text,
                  count(*) FILTER (code = 'BOILERPLATE_TEXT') AS boilerplate_text
           FROM flags_parts GROUP BY ALL) f USING (doc_id, eval_id)
"""
RESCORED = pa.schema(
    [("doc_id", pa.string()), ("eval_id", pa.string()), ("originality", pa.float64()),
     ("quality_score", pa.float64()), ("grade", pa.string()), ("n_flags", pa.int64())]
)  # fmt: skip


def _run(connection, script: str, parameters: dict) -> None:
    """Each statement of ``script`` with the parameters it names."""
    for statement in filter(str.strip, script.split(";\n")):
        connection.execute(statement, {k: v for k, v in parameters.items() if f"${k}" in statement})


def _rescore(connection, config: QualityConfig) -> int:
    """Table ``rescored``: originality, score and grade of the evaluations that gained flags (the rubric)."""
    connection.register("empty_rescored", RESCORED.empty_table())
    connection.execute("CREATE TEMP TABLE rescored AS SELECT * FROM empty_rescored")
    connection.execute(f"CREATE TEMP TABLE gained AS SELECT row_number() OVER () AS row, * FROM ({_GAINED})")
    count = 0
    for first in range(1, connection.execute("SELECT count(*) FROM gained").fetchone()[0] + 1, _FETCH):
        rows = connection.execute(
            "SELECT * EXCLUDE (row) FROM gained WHERE row >= ? AND row < ?", [first, first + _FETCH]
        ).fetchall()
        batch = []
        for doc, eval_id, n_flags, base, *values in rows:
            components = dict(zip(COMPONENTS, values[: len(COMPONENTS)], strict=True))
            gained, duplicate_text, boilerplate_text = values[len(COMPONENTS) :]
            if any(v is None for v in components.values()):
                continue
            counts = Counter({"DUPLICATE_TEXT": duplicate_text + gained, "BOILERPLATE_TEXT": boilerplate_text})
            components["originality"], _ = penalized_originality(base, counts, config)
            score = weighted_score(components, config)
            batch.append(
                {"doc_id": doc, "eval_id": eval_id, "originality": components["originality"],
                 "quality_score": score, "grade": grade(score, config), "n_flags": n_flags + gained}
            )  # fmt: skip
        connection.register("rescored_batch", pa.Table.from_pylist(batch, schema=RESCORED))
        connection.execute("INSERT INTO rescored SELECT * FROM rescored_batch")
        connection.unregister("rescored_batch")
        count += len(batch)
    return count


def cross_document_duplicates(
    connection, settings: Settings | None = None, threshold: float = DUPLICATE_THRESHOLD
) -> CrossDocumentResult:
    """Temp tables ``cross_flags``, ``rescored`` and ``version`` from the views ``passages_parts``,
    ``originality_parts``, ``evaluations_parts``, ``flags_parts`` and the tables ``documents`` and
    ``document_order`` of ``connection``; evaluations are re-scored with the batch's ``settings``.
    """
    connection.execute("SET preserve_insertion_order = false")  # these tables are joined, never read in order
    _run(connection, _TWINS, {"agreeing": math.ceil(threshold * PERMUTATIONS)})
    _run(connection, _VERSIONS, {"min_passages": VERSION_MIN_PASSAGES, "share": VERSION_SHARE, "severity": SEVERITY})
    rescored = _rescore(connection, (settings or default_settings()).quality)
    connection.execute("SET preserve_insertion_order = true")  # the final tables are written in order
    (flags,) = connection.execute("SELECT count(*) FROM cross_flags").fetchone()
    (versions,) = connection.execute("SELECT count(*) FROM version WHERE a < b").fetchone()
    return CrossDocumentResult(flags, rescored, versions)
