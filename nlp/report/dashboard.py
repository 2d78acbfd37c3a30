"""The corpus dashboard: one self-contained HTML page over a batch's tables (SPEC §4).

It reads the Parquet tables of ``jixiao batch --out DIR``, draws the plots
offline (``nlp.report.plots``) and links every evaluation to its document's report,
which it renders by analysing the document again with the batch's own
comparison group, so the page shows the same figures as the tables.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from nlp.corpus.batch import GROUPS, Groups, input_path
from nlp.errors import InputError
from nlp.report import plots
from nlp.report.document_report import asset, content_security_policy, environment, write_document_report
from nlp.settings import Settings, default_settings
from nlp.text.corpus_stats import sentence_words, tetragrams

TABLES = ("documents", "evaluations", "statements", "flags")
UNKNOWN = "未知"
_PHRASES = 15
REUSE = ("stickiness", "template_reuse")  # the batch's measures of text carried over (years, departments)


def load_tables(out: Path) -> dict[str, pd.DataFrame]:
    """The batch tables the dashboard needs; a folder that is not a batch's output is an ``InputError``."""
    if not out.is_dir():
        raise InputError(str(out), "no such folder (give the --out folder of jixiao batch)")
    missing = [name for name in TABLES if not (out / f"{name}.parquet").is_file()]
    if missing:
        raise InputError(str(out), f"not a jixiao batch folder: no {missing[0]}.parquet")
    try:
        tables = {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLES}
    except Exception as error:  # a torn or foreign file: say which folder, not a traceback
        raise InputError(str(out), f"cannot read the batch tables: {error}") from None
    copies = out / "document_copies.parquet"
    if not copies.is_file():
        raise InputError(str(out), "tables of an older jixiao (no document_copies.parquet): run the batch again")
    tables["document_copies"] = pd.read_parquet(copies)
    return tables


def _label(value: object) -> str:
    if pd.isna(value):
        return UNKNOWN
    return str(int(value)) if isinstance(value, float) else str(value)


def shares_by(tables: dict[str, pd.DataFrame], column: str) -> pd.DataFrame:
    """Per year or region: evaluations, the share with a 无 statement, the share of boilerplate statements,
    and the mean stickiness and template reuse of the evaluations that have them (nlp.corpus.stickiness)."""
    documents = tables["documents"][["doc_id", column]].assign(group=lambda d: d[column].map(_label))
    evaluations = tables["evaluations"][["doc_id", "eval_id", *REUSE]].merge(documents, on="doc_id")
    none_flags = tables["flags"].query("code == 'NONE_STATEMENT'")[["doc_id", "eval_id"]].drop_duplicates()
    evaluations["none_statement"] = evaluations.set_index(["doc_id", "eval_id"]).index.isin(
        none_flags.set_index(["doc_id", "eval_id"]).index
    )
    statements = tables["statements"][["doc_id", "boilerplate"]].merge(documents, on="doc_id")
    result = pd.DataFrame(
        {
            "evaluations": evaluations.groupby("group").size(),
            "none_statement_share": evaluations.groupby("group")["none_statement"].mean(),
            "statements": statements.groupby("group").size(),
            "boilerplate_share": statements.groupby("group")["boilerplate"].mean(),
            **{measure: evaluations.groupby("group")[measure].mean() for measure in REUSE},
        }
    )
    return result.fillna({"evaluations": 0, "statements": 0}).astype({"evaluations": int, "statements": int})


def template_phrases(statements: pd.DataFrame, limit: int = _PHRASES) -> list[tuple[str, int, str]]:
    """Problem and suggestion phrases (jieba tetragrams) in the most documents: (phrase, documents, example).

    A phrase sharing three words with one already listed is the same template and is skipped.
    """
    documents: Counter[str] = Counter()
    example: dict[str, str] = {}
    for _, group in statements.groupby("doc_id"):
        seen: set[str] = set()
        for text in group["text"]:
            for sentence in sentence_words(text):
                for gram in tetragrams(sentence):
                    seen.add(gram)
                    example.setdefault(gram, text)
        documents.update(seen)
    chosen: list[tuple[str, int, str]] = []
    for gram, count in sorted(documents.items(), key=lambda item: (-item[1], item[0])):
        if count < 2 or len(chosen) == limit:
            break
        words = gram.split(" ")
        if any(len(set(words) & set(c[0].split(" "))) >= 3 for c in chosen):
            continue
        chosen.append((gram, count, example[gram]))
    return [(gram.replace(" ", ""), count, text) for gram, count, text in chosen]


@dataclass
class DocumentLinks:
    """Per-document reports written beside the dashboard, and why any could not be."""

    href: dict[str, str]
    problems: list[str]


def batch_settings(out: Path) -> Settings:
    """The settings the batch in ``out`` ran with (its run.json), or the shipped ones if it recorded none."""
    run_file = out / "run.json"
    try:
        run = json.loads(run_file.read_text(encoding="utf-8")) if run_file.is_file() else {}
        recorded = run.get("settings")
        if recorded and "comparison" not in recorded and isinstance(run.get("reference"), dict):
            # a run of 0.5.0 kept its comparison group beside the settings, not in them
            recorded = {**recorded, "comparison": {**run["reference"], "group_by": run.get("group_by") or []}}
    except (OSError, ValueError, AttributeError) as error:
        raise InputError(str(run_file), f"cannot read the run's settings: {error}") from None
    return (
        Settings.from_json(recorded, {"scoring": str(run_file), "weights": str(run_file)})
        if recorded
        else default_settings()
    )


def document_reports(
    out: Path, documents: pd.DataFrame, folder: Path, base: str, settings: Settings | None = None
) -> DocumentLinks:
    """Analyse each ``ok`` document again, with the batch's group and settings, into ``folder/<doc_id>.html``."""
    from nlp.output.schema import doc_id
    from nlp.pipeline import analyze_document
    from nlp.reading.ingest import ingest

    groups = Groups.load(out / GROUPS) if (out / GROUPS).is_file() else None
    links = DocumentLinks({}, [])
    for row in documents.query("status == 'ok'").itertuples():
        try:
            document = ingest(input_path(out, row.path))
        except InputError as error:
            links.problems.append(f"{row.path}: {error.reason}")
            continue
        if doc_id(document.text) != row.doc_id:
            links.problems.append(f"{row.path}: changed since the batch (doc_id differs)")
            continue
        group = groups.for_document(document) if groups else None
        analysis = analyze_document(document, settings or batch_settings(out), group)
        write_document_report(analysis.to_json(), folder / f"{row.doc_id}.html")
        links.href[row.doc_id] = f"{base}/{row.doc_id}.html"
    return links


def _figures(
    tables: dict[str, pd.DataFrame], by_year: pd.DataFrame, by_region: pd.DataFrame, grades: dict[str, float]
) -> dict[str, str]:
    evaluations, flags = tables["evaluations"], tables["flags"]
    figures: dict[str, str] = {}
    scores = evaluations["quality_score"].dropna()
    if len(scores):
        figures["quality"] = plots.histogram(
            scores.tolist(), range(0, 105, 5), "质量分", {f"{g} ≥{v}": v for g, v in grades.items()}
        )
    if len(flags):
        counts = flags["code"].value_counts().sort_values(ascending=False)
        figures["flags"] = plots.horizontal_bars(counts.index.tolist(), counts.tolist(), "标记次数")
    claimed = evaluations.dropna(subset=["claimed_score", "quality_score"])
    if len(claimed):
        figures["claimed"] = plots.scatter(claimed["claimed_score"], claimed["quality_score"], "自评得分", "质量分")
    charts = {  # figure key prefix → bar (legend) → column of shares_by
        "": {"“无”问题/建议的评价单元占比": "none_statement_share", "模板化问题/建议占比": "boilerplate_share"},
        "reuse_": {"粘性（沿用本部门上一年）": "stickiness", "模板复用（同年其他部门）": "template_reuse"},
    }
    for key, table in (("by_year", by_year), ("by_region", by_region)):
        for prefix, series in charts.items():
            if table[list(series.values())].notna().any(axis=None):  # a batch of one year has no stickiness
                figures[prefix + key] = plots.grouped_bars(
                    table.index.tolist(), {name: table[c].fillna(0).tolist() for name, c in series.items()}, "占比"
                )
    return figures


def _flag_table(tables: dict[str, pd.DataFrame]) -> list[tuple[str, int, int, float]]:
    flags, n = tables["flags"], max(1, len(tables["evaluations"]))
    per_code = flags.groupby("code").agg(n=("code", "size"), evaluations=("eval_id", "nunique"))
    evaluations = flags.dropna(subset=["eval_id"]).drop_duplicates(["doc_id", "eval_id", "code"])
    affected = evaluations.groupby("code").size()
    rows = [(code, int(r.n), int(affected.get(code, 0)), affected.get(code, 0) / n) for code, r in per_code.iterrows()]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def render_corpus(
    out: Path,
    links: DocumentLinks | None = None,
    tables: dict[str, pd.DataFrame] | None = None,
    settings: Settings | None = None,
) -> str:
    """The dashboard page of the batch in ``out`` (its ``tables`` if already read); ``links`` to document reports."""
    tables = tables if tables is not None else load_tables(out)
    settings = settings or batch_settings(out)
    documents = tables["documents"]
    evaluations = tables["evaluations"].merge(
        documents[["doc_id", "title", "path", "year", "region"]], on="doc_id", how="left"
    )
    by_year, by_region = shares_by(tables, "year"), shares_by(tables, "region")
    claimed = evaluations.dropna(subset=["claimed_score", "quality_score"])
    correlation = (
        claimed["claimed_score"].corr(claimed["quality_score"], method="spearman") if len(claimed) > 2 else None
    )
    script = asset("corpus.js")
    run_file = out / "run.json"
    return (
        environment()
        .get_template("corpus.html.j2")
        .render(
            title=f"jixiao 语料概览：{out.name}",
            pipeline_version=documents["pipeline_version"].dropna().iloc[0] if len(documents) else "",
            run=json.loads(run_file.read_text(encoding="utf-8")) if run_file.is_file() else {},
            css=asset("report.css"),
            script=script,
            csp=content_security_policy(script),
            n_documents=len(documents),
            n_ok=int((documents["status"] == "ok").sum()),
            n_copies=len(tables["document_copies"]),
            failed=documents.query("status == 'error'")[["path", "error"]].itertuples(index=False),
            n_evaluations=len(evaluations),
            mean_quality=evaluations["quality_score"].mean(),
            correlation=correlation,
            n_claimed=len(claimed),
            figures=_figures(tables, by_year, by_region, settings.quality.data["grades"]),
            flag_rows=_flag_table(tables),
            by_year=by_year,
            by_region=by_region,
            phrases=template_phrases(tables["statements"]),
            rows=evaluations.sort_values(["quality_score", "doc_id", "eval_id"]).itertuples(index=False),
            links=links or DocumentLinks({}, []),
            label=_label,
        )
    )


def write_corpus_report(out: Path, path: Path, with_documents: bool = True) -> DocumentLinks:
    """Write the dashboard to ``path`` and, unless told not to, each document's report beside it."""
    tables, settings = load_tables(out), batch_settings(out)
    links = DocumentLinks({}, [])
    if with_documents:
        folder = path.with_name(f"{path.stem}_documents")
        links = document_reports(out, tables["documents"], folder, folder.name, settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_corpus(out, links, tables, settings), encoding="utf-8")
    return links
