"""The ``jixiao`` command: argument parsing and printing only; the work is in ``nlp``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=(
        "jixiao (绩效): read Chinese public-finance performance self-evaluations "
        "(部门决算, 绩效评价报告, 绩效自评表) and measure their quality.\n\n"
        "Example:  jixiao extract corpus/seeds/003_b9a6394348fdc04a.txt --json"
    ),
)

INPUT_ERROR_EXIT = 3


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"jixiao: {message}", err=True)
    return typer.Exit(code)


def _analyze_or_exit(path: Path, scoring: Path | None = None, weights: Path | None = None):
    """Run the pipeline; unreadable input or configs end the command with exit code 3."""
    import nlp

    try:
        for config in (scoring, weights):
            if config is not None and not config.is_file():
                raise nlp.InputError(str(config), "no such config file")
        return nlp.analyze(path, scoring, weights)
    except nlp.InputError as error:
        raise _fail(str(error), INPUT_ERROR_EXIT) from None


ScoringOption = Annotated[
    Path | None, typer.Option("--scoring", help="Scoring config (weights, bands) in place of nlp/scoring.toml.")
]
WeightsOption = Annotated[
    Path | None, typer.Option("--weights", help="Quality weights and penalties in place of nlp/quality.toml.")
]


@app.command(
    epilog=(
        "Examples:\n\n"
        "  jixiao extract report.docx\n\n"
        "  jixiao extract report.pdf --json > report.json\n\n"
        "  jixiao extract report.txt -o report.json"
    )
)
def extract(
    path: Annotated[Path, typer.Argument(help="A .txt, .md, .docx, .pdf, .html or .xlsx/.xls document.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the document JSON (SPEC §3) on stdout.")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the document JSON to this file.")] = None,
    scoring: ScoringOption = None,
    weights: WeightsOption = None,
) -> None:
    """Read one document: text, labelled outline, evaluations with indicators, budgets and scores.

    Without --json it prints a summary, the outline as a tree with each section's
    label and confidence, and the evaluations; unreadable input exits with code 3
    and one line naming the file and the reason.
    """
    result = _analyze_or_exit(path, scoring, weights).to_json()
    rendered = json.dumps(result, ensure_ascii=False, indent=1)
    if output is not None:
        try:
            output.write_text(rendered + "\n", encoding="utf-8")
        except OSError as error:
            raise _fail(f"{output}: cannot write: {error.strerror or error}", 2) from None
    if as_json and output is None:
        typer.echo(rendered)
    elif not as_json:
        _print_summary(result)


def _print_summary(result: dict) -> None:
    from nlp.reading_notes import NOTES

    meta, source = result["meta"], result["source"]
    blocks = result["blocks"]
    tables = [b for b in blocks if b["kind"] == "table"]
    encoding = source["encoding"] or "no text encoding"
    typer.echo(f"{source['path']}  ({source['format']}, {encoding})  doc_id {result['doc_id']}")
    typer.echo(f"  title       {meta['title'] or '—'}")
    typer.echo(f"  year        {meta['year'] or '—'}    region {meta['region'] or '—'}")
    typer.echo(f"  department  {meta['department'] or '—'}")
    typer.echo(
        f"  text        {len(result['text'])} characters, "
        f"{len(blocks) - len(tables)} paragraphs, {len(tables)} tables "
        f"({sum(len(t['rows']) for t in tables)} rows)"
    )
    for note in result.get("notes", []):
        typer.echo(f"  warning     {NOTES[note]} ({note})")
    typer.echo(f"\noutline ({len(result['sections'])} sections; label and confidence)")
    for section in result["sections"]:
        indent = "  " * section["level"]
        typer.echo(f"{indent}{section['heading'][:48]}  [{section['label']} {section['confidence']:.2f}]")
    typer.echo(f"\nevaluations ({len(result['evaluations'])})")
    for evaluation in result["evaluations"]:
        typer.echo(
            f"  {evaluation['id']}  {evaluation['kind']:<10}  {evaluation['name'] or '(unnamed)'}  "
            f"[{evaluation['start']}:{evaluation['end']}], {len(evaluation['sections'])} sections"
        )
        budget = evaluation["budget"]
        typer.echo(
            f"      budget {budget['planned']} / {budget['executed']} 万元 ({budget['rate']}%)  "
            f"claimed score {evaluation['claimed_score']}  recomputed {evaluation['recomputed_score']}  "
            f"indicators {len(evaluation['indicators'])}  claims {len(evaluation['claims'])}"
        )


@app.command(epilog="Examples:\n\n  jixiao score report.pdf\n\n  jixiao score report.txt --json")
def score(
    path: Annotated[Path, typer.Argument(help="A .txt, .md, .docx, .pdf, .html or .xlsx/.xls document.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per evaluation.")] = False,
    weights: WeightsOption = None,
) -> None:
    """One line per evaluation: kind, name, quality score and components, claimed/recomputed score, flags."""
    result = _analyze_or_exit(path, weights=weights)
    rows = [
        {
            "eval": e.id,
            "kind": e.kind,
            "name": e.name,
            "quality": e.quality["score"],
            "grade": e.quality["grade"],
            **e.quality["components"],
            "claimed_score": e.claimed_score,
            "recomputed_score": e.recomputed_score,
            "n_flags": len(e.flags),
        }
        for e in result.evaluations
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=str(path))
    for column in [
        "eval",
        "kind",
        "name",
        "quality",
        "grade",
        "完整",
        "具体",
        "坦诚",
        "一致",
        "原创",
        "claimed",
        "recomputed",
        "flags",
    ]:
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["eval"], row["kind"], row["name"] or "—", f"{row['quality']:g}", row["grade"],
            *(f"{row[c]:g}" for c in ("completeness", "specificity", "candor", "consistency", "originality")),
            "—" if row["claimed_score"] is None else f"{row['claimed_score']:g}",
            "—" if row["recomputed_score"] is None else f"{row['recomputed_score']:g}",
            str(row["n_flags"]),
        )  # fmt: skip
    Console(width=None if sys.stdout.isatty() else 160).print(table)


@app.command(epilog="Examples:\n\n  jixiao flags report.docx\n\n  jixiao flags report.txt --json")
def flags(
    path: Annotated[Path, typer.Argument(help="A .txt, .md, .docx, .pdf, .html or .xlsx/.xls document.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the flags as JSON.")] = False,
) -> None:
    """Every flag with its evidence text (the characters it points at)."""
    result = _analyze_or_exit(path)
    text = result.document.text
    names = {e.id: e.name for e in result.evaluations}
    found = [*result.flags, *(f for e in result.evaluations for f in e.flags)]
    rows = [{**f.to_dict(), "evaluation": names.get(f.eval), "evidence": text[f.start : f.end]} for f in found]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{path}: {len(rows)} flags")
    for column in ("code", "severity", "evaluation", "message", "evidence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        evidence = row["evidence"] if len(row["evidence"]) <= 60 else row["evidence"][:60] + "…"
        table.add_row(row["code"], row["severity"], row["evaluation"] or "(document)", row["message"], evidence)
    Console(width=None if sys.stdout.isatty() else 160).print(table)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  jixiao batch corpus/ --out out/\n\n"
        "  jixiao batch 'reports/**/*.pdf' more.docx --out out/ --workers 2 --resume\n\n"
        "  jixiao batch corpus/ --out out/ --engine dask --scheduler tcp://10.0.0.5:8786"
    )
)
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) and globs.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the tables, jixiao.duckdb and run.json.")],
    workers: Annotated[int | None, typer.Option("--workers", help="Worker processes (default: all cores).")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Address of a running dask scheduler (with --engine dask).")
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Keep what an earlier run wrote; do only the rest.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with code 3 when any input fails.")] = False,
    group_by: Annotated[
        str,
        typer.Option("--group-by", help="Comparison groups for boilerplate, e.g. year,region (default: the batch)."),
    ] = "",
) -> None:
    """Analyse a corpus into the tables of SPEC §4 (Parquet, CSV, DuckDB), with a progress bar.

    Every input becomes a documents row (status ok or error with its reason); one bad
    file never stops the run.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    import nlp
    from nlp.batch import finalize, run_batch
    from nlp.model_store import model_version

    if engine not in ("local", "dask"):
        raise _fail(f"--engine must be local or dask, not {engine!r}", 2)
    fields = tuple(f.strip() for f in group_by.split(",") if f.strip())
    if set(fields) - {"year", "region", "department"}:
        raise _fail(f"--group-by takes year, region and department, not {group_by!r}", 2)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("analysing", total=None)

        def progress(summary, total: int) -> None:
            done = summary.documents + summary.skipped
            bar.update(task, total=total, completed=done, description=f"ok {summary.ok} · failed {summary.failed}")

        summary = run_batch(inputs, out, workers, engine, scheduler, resume, progress, group_by=fields)
    run = {
        "pipeline_version": nlp.PIPELINE_VERSION,
        "model_version": model_version(),
        "working_directory": str(Path.cwd()),  # relative input paths in the tables are relative to it
        "parameters": {"inputs": inputs, "workers": workers, "engine": engine, "resume": resume, "group_by": fields},
        "comparison_groups": summary.groups,
        "this_run": {
            "documents": summary.documents, "ok": summary.ok, "failed": summary.failed,
            "skipped_as_done": summary.skipped, "duplicates": summary.duplicates, "seconds": summary.seconds,
        },
    }  # fmt: skip
    finalize(out, run)
    import duckdb

    with duckdb.connect(str(out / "jixiao.duckdb"), read_only=True) as db:
        n, ok, failed, noted = db.execute(
            "SELECT count(*), count(*) FILTER (status = 'ok'), count(*) FILTER (status = 'error'), "
            "count(*) FILTER (note IS NOT NULL) FROM documents"
        ).fetchone()
        n_evaluations, mean_quality = db.execute("SELECT count(*), avg(quality_score) FROM evaluations").fetchone()
        flags = db.execute(
            "SELECT code, count(*) AS n FROM flags GROUP BY code ORDER BY n DESC, code LIMIT 5"
        ).fetchall()
    mean = f"mean quality {mean_quality:.1f}" if n_evaluations else "no quality scores"
    typer.echo(f"{n} documents ({ok} ok, {failed} failed), {n_evaluations} evaluations, {mean}")
    if flags:
        typer.echo("most frequent flags: " + ", ".join(f"{code} {n}" for code, n in flags))
    if noted:
        typer.echo(
            f"warning: {noted} documents show parts that were not read (no evaluation, indicators, statements "
            "or score); see documents.note",
            err=True,
        )
    for error in summary.errors[:10]:
        typer.echo(f"failed: {error}", err=True)
    typer.echo(f"tables: {out}/{{documents,sections,evaluations,indicators,claims,statements,flags}}.parquet|csv, "
               f"{out}/jixiao.duckdb, {out}/run.json")  # fmt: skip
    if strict and summary.failed:
        raise typer.Exit(INPUT_ERROR_EXIT)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  jixiao report corpus/seeds/004_380c218f37ec32c7.txt -o report.html\n\n"
        "  jixiao batch corpus/ --out out/ && jixiao report --corpus out/ -o out/dashboard.html"
    )
)
def report(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
    path: Annotated[Path | None, typer.Argument(help="A .txt, .md, .docx, .pdf, .html or .xlsx/.xls document.")] = None,
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="The --out folder of a batch run: write its dashboard.")
    ] = None,
    documents: Annotated[
        bool,
        typer.Option(
            "--documents/--no-documents", help="With --corpus: also write each document's report, linked from it."
        ),
    ] = True,
    scoring: ScoringOption = None,
    weights: WeightsOption = None,
) -> None:
    """A self-contained HTML report: one document with its evidence highlighted, or a corpus dashboard.

    Nothing in the page loads from the network; document text is escaped and the page
    runs no script but its own.
    """
    if (path is None) == (corpus is None):
        raise _fail("give either a document PATH or --corpus DIR", 2)
    if corpus is not None:
        import nlp
        from nlp.dashboard import write_corpus_report

        try:
            links = write_corpus_report(corpus, output, documents)
        except nlp.InputError as error:
            raise _fail(str(error), INPUT_ERROR_EXIT) from None
        typer.echo(
            f"wrote {output} and {len(links.href)} document reports beside it" if documents else f"wrote {output}"
        )
        for problem in links.problems:
            typer.echo(f"no report: {problem}", err=True)
        return
    from nlp.report import write_document_report

    write_document_report(_analyze_or_exit(path, scoring, weights).to_json(), output)
    typer.echo(f"wrote {output}")


@app.command(epilog="Example:\n\n  jixiao train")
def train() -> None:
    """Train every model from the annotated corpus in corpus/ into models/ (deterministic)."""
    from nlp.model_store import MODELS, model_version
    from nlp.training import train as train_models

    summary = train_models()
    typer.echo(
        f"trained on {summary['sections_annotated']} annotated sections and {summary['claims_annotated']} claims "
        f"({summary['annotations_unmatched']} annotations no longer match the outline); "
        f"models in {MODELS}, model_version {model_version()}"
    )


@app.command(
    epilog=(
        "Examples:\n\n"
        "  jixiao evaluate --json\n\n"
        "  jixiao evaluate --gold corpus/dev\n\n"
        "  jixiao evaluate --gold corpus/dev --family hunan_scoring --json"
    )
)
def evaluate(
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    gold: Annotated[
        Path | None,
        typer.Option(
            "--gold", metavar="DIR", help="Score the whole pipeline against DIR/gold/<id>.json (documents in DIR/docs)."
        ),
    ] = None,
    family: Annotated[
        str | None, typer.Option("--family", metavar="NAME", help="With --gold: only this template family.")
    ] = None,
) -> None:
    """Cross-validate section labels and claims (leave one document out); check the quality score.

    With --gold DIR it instead runs the whole pipeline on every document of DIR and
    scores it against the gold answers, overall and per template family.
    """
    if gold is not None:
        _evaluate_gold(gold, family, as_json)
        return
    if family is not None:
        raise _fail("--family needs --gold", 2)
    from nlp.training import evaluate_claims, evaluate_sections, load_annotated

    documents, _ = load_annotated()
    from nlp.quality import QualityConfig
    from nlp.validity import corpus_components, pairwise_accuracy, weight_sensitivity

    metrics = {
        "sections": evaluate_sections(documents),
        "claims": evaluate_claims(documents),
        "quality": {
            **pairwise_accuracy(),
            "weight_sensitivity_spearman": weight_sensitivity(corpus_components(), QualityConfig.load()),
        },
    }
    if as_json:
        typer.echo(json.dumps(metrics, ensure_ascii=False, indent=1))
        return
    sections = metrics["sections"]
    typer.echo(f"sections ({sections['n_sections']} in {sections['n_documents']} documents, {sections['method']})")
    typer.echo(f"  model     macro-F1 {sections['macro_f1']:.3f}  accuracy {sections['accuracy']:.3f}")
    typer.echo(
        f"  baseline  macro-F1 {sections['baseline_macro_f1']:.3f}  accuracy {sections['baseline_accuracy']:.3f}"
    )
    claims = metrics["claims"]
    typer.echo(f"claims ({claims['n_gold']} annotated; {claims['method']})")
    typer.echo(
        f"  precision {claims['precision']:.3f}  recall {claims['recall']:.3f}  "
        f"dimension accuracy {claims['dimension_accuracy']:.3f} "
        f"(keyword baseline {claims['baseline_dimension_accuracy']:.3f})"
    )
    quality = metrics["quality"]
    typer.echo(
        f"quality: pairwise accuracy {quality['pairwise_accuracy']:.3f} on {quality['n_pairs']} expert pairs; "
        f"Spearman under ±20% weights {quality['weight_sensitivity_spearman']:.3f}"
    )
    typer.echo("section labels per label:")
    for label, scores in sections["per_label"].items():
        f1, precision, recall = scores["f1"], scores["precision"], scores["recall"]
        typer.echo(f"  {label:<16} F1 {f1:.3f}  P {precision:.3f}  R {recall:.3f}  n {scores['n']}")


def _evaluate_gold(folder: Path, family: str | None, as_json: bool) -> None:
    """Score against gold; a bad gold folder or file exits with code 3 and one line naming it."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from nlp.gold import FAMILIES, GoldError
    from nlp.gold_eval import evaluate_gold

    if family is not None and family not in FAMILIES:
        raise _fail(f"--family must be one of {', '.join(FAMILIES)}, not {family!r}", 2)
    try:
        if as_json:
            report = evaluate_gold(folder, family)
        else:
            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
            with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
                task = bar.add_task("analysing", total=None)

                def progress(done: int, total: int, doc: str) -> None:
                    bar.update(task, total=total, completed=done, description=doc)

                report = evaluate_gold(folder, family, progress)
    except GoldError as error:
        raise _fail(str(error), INPUT_ERROR_EXIT) from None
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    _print_gold_report(report)


def _print_gold_report(report: dict) -> None:
    """Figures as rows; overall and each family as columns, each cell the figure over its numerator/n."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from nlp.gold_eval import FIGURES

    parts = {"overall": report["overall"], **report["per_family"]}
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 0), pad_edge=False, show_lines=True)
    table.add_column("figure", no_wrap=True)
    for name, part in parts.items():
        table.add_column(f"{name.replace('_', chr(10))}\n{part['documents']} docs", justify="right")
    for key, (label, _) in FIGURES.items():
        cells = [part["figures"][key] for part in parts.values()]
        table.add_row(label, *("—" if c["value"] is None else f"{c['value']:.2f}\n{c['num']}/{c['n']}" for c in cells))
    console = Console(width=None if sys.stdout.isatty() else 120)
    console.print(f"gold: {report['gold']}, {report['overall']['documents']} documents; {report['method']}")
    console.print(table)
    for failure in report["failures"]:
        console.print(f"{failure['status']}: {failure['id']} ({failure['family']}): {failure['reason']}")


if __name__ == "__main__":
    app()
