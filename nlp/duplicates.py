"""Near-duplicate passages across the documents of a batch (``DUPLICATE_TEXT``), out of core.

Within one document the flag is found by ``nlp.flags``. Across documents no process
sees the whole corpus, so each worker writes, per passage of an evaluation, its
MinHash signature and LSH band keys (``passage_rows``); when the batch finalizes,
DuckDB groups equal band keys and picks, for every passage, the earliest passage
(in path order) of another document sharing a band with it; only pairs whose
signatures agree (estimated Jaccard ≥ 0.8) count. Memory stays flat: DuckDB
spills, and Python sees only the candidate pairs.

Each passage with such a twin gets a flag naming the other document, and its
evaluation's originality, quality score and grade are recomputed with the same
rubric. Two documents of three or more passages that nearly all match each other
are versions of one report (a PDF and a DOCX of it, say): they are listed in
run.json and not flagged against each other.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from nlp.corpus_stats import DUPLICATE_THRESHOLD, Reference, band_keys, estimated_similarity, signatures
from nlp.flags import evaluation_passages
from nlp.quality import COMPONENTS, QualityConfig, grade, originality_base, penalized_originality, weighted_score
from nlp.schema import doc_id

VERSION_SHARE = 0.8  # of each document's passages matched in the other: two versions of one report
VERSION_MIN_PASSAGES = 3  # fewer, and sharing them all is copying, not being the same report
SEVERITY = "medium"
_FETCH = 10_000


def passage_rows(result, group: Reference) -> dict[str, list[dict]]:
    """The internal ``passages`` and ``originality`` rows of one analysed document (worker side)."""
    document = result.document
    key = doc_id(document.text)
    sections = {s.id: s for s in result.sections}
    passages = evaluation_passages(document, result.evaluations, sections)
    found = signatures([document.text[start:end] for _, start, end in passages])
    return {
        "passages": [
            {"doc_id": key, "eval_id": evaluation.id, "start": start, "end": end,
             "bands": band_keys(signature), "signature": signature.hashvalues.tobytes()}
            for (evaluation, start, end), signature in zip(passages, found, strict=True)
        ],
        "originality": [
            {"doc_id": key, "eval_id": e.id, "base": originality_base(e.text(document, sections), group)}
            for e in result.evaluations
        ],
    }  # fmt: skip


@dataclass
class CrossDocumentResult:
    flags: list[dict] = field(default_factory=list)
    rescored: list[dict] = field(default_factory=list)
    versions: list[tuple[str, str]] = field(default_factory=list)


# For each passage, the earliest passage of another document that shares an LSH band with it.
_CANDIDATES = """
CREATE TEMP TABLE passage AS
    SELECT row_number() OVER (ORDER BY d.position, p.doc_id, p.start) AS pid, p.*
    FROM passages_parts p JOIN document_order d USING (doc_id);
CREATE TEMP TABLE band AS
    SELECT pid, doc_id, unnest(bands) AS h, unnest(range(len(bands))) AS b FROM passage;
CREATE TEMP TABLE ranked AS
    SELECT b, h, pid, doc_id, first_value(doc_id) OVER w AS first_doc, first_value(pid) OVER w AS first_pid
    FROM band WINDOW w AS (PARTITION BY b, h ORDER BY pid);
CREATE TEMP TABLE second AS
    SELECT b, h, min(pid) AS second_pid FROM ranked WHERE doc_id <> first_doc GROUP BY b, h;
CREATE TEMP TABLE candidate AS
    SELECT DISTINCT r.pid, CASE WHEN r.doc_id <> r.first_doc THEN r.first_pid ELSE s.second_pid END AS partner
    FROM ranked r LEFT JOIN second s USING (b, h);
"""
_PAIRS = """
SELECT a.pid, a.doc_id, a.eval_id, a.start, a."end", a.signature, b.doc_id, b.signature
FROM candidate c JOIN passage a ON a.pid = c.pid JOIN passage b ON b.pid = c.partner
ORDER BY a.pid, c.partner
"""


def _matched_pairs(connection, threshold: float) -> list[tuple]:
    """(doc_id, eval_id, start, end, partner doc_id) for each passage with a verified twin elsewhere."""
    connection.execute(_CANDIDATES)
    cursor = connection.execute(_PAIRS)
    matched: dict[int, tuple] = {}
    while batch := cursor.fetchmany(_FETCH):
        for pid, doc, eval_id, start, end, signature, partner_doc, partner_signature in batch:
            if pid not in matched and estimated_similarity(signature, partner_signature) >= threshold:
                matched[pid] = (doc, eval_id, start, end, partner_doc)
    return list(matched.values())


def _versions(connection, matched: list[tuple]) -> set[frozenset[str]]:
    """Pairs of documents that match each other in nearly all their passages."""
    sizes = dict(connection.execute("SELECT doc_id, count(*) FROM passage GROUP BY doc_id").fetchall())
    shared: Counter[tuple[str, str]] = Counter((doc, partner) for doc, _, _, _, partner in matched)
    return {
        frozenset((a, b))
        for (a, b), n in shared.items()
        if min(sizes[a], sizes[b]) >= VERSION_MIN_PASSAGES
        and n >= VERSION_SHARE * sizes[a]
        and shared[(b, a)] >= VERSION_SHARE * sizes[b]
    }


def _rescore(connection, new_flags: Counter[tuple[str, str]], config: QualityConfig) -> list[dict]:
    """Originality, score and grade of the evaluations that gained flags, by the rubric of nlp.quality."""
    if not new_flags:
        return []
    keys = [f"{doc}\t{eval_id}" for doc, eval_id in new_flags]
    connection.execute("CREATE TEMP TABLE gained AS SELECT unnest($1::VARCHAR[]) AS key", [keys])
    rows = connection.execute(f"""
        SELECT e.doc_id, e.eval_id, e.n_flags, o.base, {", ".join(f"e.{c}" for c in COMPONENTS)},
               (SELECT count(*) FROM flags_parts f WHERE f.doc_id = e.doc_id AND f.eval_id = e.eval_id
                AND f.code = 'DUPLICATE_TEXT') AS duplicate_text,
               (SELECT count(*) FROM flags_parts f WHERE f.doc_id = e.doc_id AND f.eval_id = e.eval_id
                AND f.code = 'BOILERPLATE_TEXT') AS boilerplate_text
        FROM evaluations_parts e JOIN originality_parts o USING (doc_id, eval_id)
        WHERE e.doc_id || chr(9) || e.eval_id IN (SELECT key FROM gained)
    """).fetchall()
    rescored = []
    for doc, eval_id, n_flags, base, *values in rows:
        components = dict(zip(COMPONENTS, values[: len(COMPONENTS)], strict=True))
        if any(v is None for v in components.values()):
            continue
        duplicate_text, boilerplate_text = values[len(COMPONENTS) :]
        counts = Counter(
            {"DUPLICATE_TEXT": duplicate_text + new_flags[(doc, eval_id)], "BOILERPLATE_TEXT": boilerplate_text}
        )
        components["originality"], _ = penalized_originality(base, counts, config)
        score = weighted_score(components, config)
        rescored.append(
            {"doc_id": doc, "eval_id": eval_id, "originality": components["originality"], "quality_score": score,
             "grade": grade(score, config), "n_flags": n_flags + new_flags[(doc, eval_id)]}
        )  # fmt: skip
    return rescored


def cross_document_duplicates(connection, paths: dict[str, str], threshold: float = DUPLICATE_THRESHOLD):
    """Flags and re-scored evaluations from the views ``passages_parts``, ``originality_parts``,
    ``evaluations_parts``, ``flags_parts`` and the table ``document_order`` of ``connection``.

    ``paths`` maps doc_id to the path shown in a flag's message.
    """
    matched = _matched_pairs(connection, threshold)
    versions = _versions(connection, matched)
    result = CrossDocumentResult(versions=sorted(tuple(sorted(paths[d] for d in pair)) for pair in versions))
    gained: Counter[tuple[str, str]] = Counter()
    for doc, eval_id, start, end, partner in matched:
        if frozenset((doc, partner)) in versions:
            continue
        message = f"此段与另一份文件（{paths[partner]}）中的段落几乎相同，疑为套用。"
        result.flags.append(
            {"doc_id": doc, "eval_id": eval_id, "code": "DUPLICATE_TEXT", "severity": SEVERITY,
             "message": message, "start": start, "end": end}
        )  # fmt: skip
        gained[(doc, eval_id)] += 1
    result.rescored = _rescore(connection, gained, QualityConfig.load())
    return result
