"""Stickiness across years and template reuse across departments, for a batch, out of core.

Stickiness (Dyer, Lang & Stice-Lawrence 2017) is the share of an evaluation's 8-word
sequences also found in the same department's evaluation of the previous year; template
reuse is the share found in other departments' documents of the same year. No process
sees the whole corpus, so each worker writes, per evaluation, the 64-bit hashes of its
distinct jieba 8-grams (``ngram_rows``); when the batch finalizes DuckDB matches every
document to the nearest earlier-year document of the same region whose department name
is alike (Jaro-Winkler), pairs their evaluations by kind and name, and counts shared
hashes with joins and group-bys that spill to disk (``stickiness``).
"""

from __future__ import annotations

import hashlib

from nlp.output.schema import doc_id
from nlp.text.corpus_stats import sentence_words

NGRAM = 8  # words per sequence, as Dyer et al. (2017)
SIMILAR_NAMES = 0.9  # Jaro-Winkler similarity from which two department (or evaluation) names are one


def ngram_hashes(text: str, n: int = NGRAM) -> set[int]:
    """Signed 64-bit hashes of the text's distinct ``n``-word sequences (jieba words, punctuation dropped)."""
    words = [word for sentence in sentence_words(text) for word in sentence]
    grams = {"\x1f".join(words[i : i + n]) for i in range(len(words) - n + 1)}
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big", signed=True) for g in grams}


def ngram_rows(result) -> dict[str, list[dict]]:
    """The internal ``ngrams`` rows of one analysed document (worker side): one per evaluation and 8-gram."""
    document, sections = result.ingested, result.sections_by_id
    key = doc_id(document.text)
    return {
        "ngrams": [
            {"doc_id": key, "eval_id": e.id, "hash": value}
            for e in result.evaluations
            for value in sorted(ngram_hashes(e.text(document, sections)))
        ]
    }


# Analysed documents with a year; department names compared without their region (a shared prefix that
# makes any two of a county alike), white space or case.
_MATCH = r"""
CREATE TEMP TABLE dated AS
    SELECT d.doc_id, d.year, coalesce(d.region, '') AS region, o.position,
           replace(lower(regexp_replace(coalesce(d.department, ''), '\s+', '', 'g')), coalesce(d.region, ''), '')
               AS department
    FROM documents d JOIN document_order o USING (doc_id) WHERE d.status = 'ok' AND d.year IS NOT NULL;
CREATE TEMP TABLE prior_doc AS
    SELECT a.doc_id, b.doc_id AS prior_doc_id, b.year AS prior_year,
           jaro_winkler_similarity(a.department, b.department) AS similarity
    FROM dated a JOIN dated b ON b.region = a.region AND b.year < a.year
    WHERE a.department <> '' AND b.department <> '' AND similarity >= $similar
    QUALIFY row_number() OVER (PARTITION BY a.doc_id ORDER BY b.year DESC, similarity DESC, b.position) = 1;
CREATE TEMP TABLE prior_pair AS
    SELECT e.doc_id, e.eval_id, f.eval_id AS prior_eval,
           CASE WHEN e.name IS NULL AND f.name IS NULL THEN 1.0
                ELSE jaro_winkler_similarity(coalesce(e.name, ''), coalesce(f.name, '')) END AS name_similarity,
           round(p.similarity * name_similarity, 4) AS confidence
    FROM evaluations_parts e JOIN prior_doc p USING (doc_id)
    JOIN evaluations_parts f ON f.doc_id = p.prior_doc_id AND f.kind = e.kind
    WHERE name_similarity >= $similar
    QUALIFY row_number() OVER (PARTITION BY e.doc_id, e.eval_id ORDER BY confidence DESC, f.eval_id) = 1;
CREATE TEMP TABLE gram_count AS SELECT doc_id, eval_id, count(*) AS n FROM ngrams_parts GROUP BY ALL;
CREATE TEMP TABLE sticky AS
    SELECT q.doc_id, q.eval_id, count(b.hash) AS shared
    FROM prior_pair q JOIN prior_doc p USING (doc_id) JOIN ngrams_parts a USING (doc_id, eval_id)
    LEFT JOIN ngrams_parts b ON b.doc_id = p.prior_doc_id AND b.eval_id = q.prior_eval AND b.hash = a.hash
    GROUP BY ALL;
"""
# A department is its region and name (exactly, once normalized); a document without a department name is its own.
_REUSE = """
CREATE TEMP TABLE department_key AS
    SELECT doc_id, year, CASE WHEN department = '' THEN doc_id ELSE region || '/' || department END AS department
    FROM dated;
CREATE TEMP TABLE year_departments AS
    SELECT year, count(DISTINCT department) AS n FROM department_key GROUP BY year;
CREATE TEMP TABLE gram_departments AS
    SELECT k.year, g.hash, count(DISTINCT k.department) AS n
    FROM ngrams_parts g JOIN department_key k USING (doc_id) GROUP BY ALL;
CREATE TEMP TABLE reuse AS
    SELECT g.doc_id, g.eval_id, avg((s.n > 1)::DOUBLE) AS template_reuse
    FROM ngrams_parts g JOIN department_key k USING (doc_id) JOIN year_departments y USING (year)
    JOIN gram_departments s ON s.year = k.year AND s.hash = g.hash
    WHERE y.n > 1 GROUP BY ALL;
CREATE TEMP TABLE stickiness AS
    SELECT e.doc_id, e.eval_id, p.prior_doc_id, p.prior_year, q.prior_eval, q.confidence AS match_confidence,
           round(s.shared / c.n, 4) AS stickiness, round(r.template_reuse, 4) AS template_reuse
    FROM (SELECT DISTINCT doc_id, eval_id FROM evaluations_parts) e
    LEFT JOIN prior_doc p USING (doc_id) LEFT JOIN prior_pair q USING (doc_id, eval_id)
    LEFT JOIN sticky s USING (doc_id, eval_id) LEFT JOIN gram_count c USING (doc_id, eval_id)
    LEFT JOIN reuse r USING (doc_id, eval_id);
"""
COLUMNS = ("prior_doc_id", "prior_year", "prior_eval", "match_confidence", "stickiness", "template_reuse")


def stickiness(connection, similar: float = SIMILAR_NAMES) -> int:
    """Temp table ``stickiness`` (doc_id, eval_id and ``COLUMNS``) from ``documents``, ``document_order``,
    ``evaluations_parts`` and ``ngrams_parts`` of ``connection``; returns the evaluations given a prior one.
    """
    for statement in filter(str.strip, (_MATCH + _REUSE).split(";\n")):
        connection.execute(statement, {"similar": similar} if "$similar" in statement else None)
    (paired,) = connection.execute("SELECT count(*) FROM stickiness WHERE prior_eval IS NOT NULL").fetchone()
    return paired
