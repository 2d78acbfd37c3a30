"""The ``jixiao`` command: argument parsing and printing only; the work is in ``nlp``."""

from __future__ import annotations

import inspect
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup


class _ReadableHelp:
    """``--help`` for people at 80 columns: no Python type names as metavars, no hard-wrapped prose.

    Typer shows ``<bool>`` after every flag (``--help`` included), ``<path>`` / ``<list[str]>``
    after arguments and ``{path}`` in the usage line, and keeps the line breaks of a docstring,
    so at 80 columns a paragraph breaks twice. Here flags show nothing, arguments their
    upper-case name (``PATH``, ``INPUTS...``), options their metavar, and a docstring's
    paragraphs are rewrapped by the terminal.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.help:
            self.help = "\n\n".join(" ".join(p.split()) for p in inspect.cleandoc(self.help).split("\n\n"))
        for param in self.params:
            _plain_metavar(param)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            _plain_metavar(option)
        return option

    def collect_usage_pieces(self, ctx) -> list[str]:
        plain = {
            piece: _argument_name(param)
            for param in self.get_params(ctx)
            if isinstance(param, TyperArgument)
            for piece in param.get_usage_pieces(ctx)
        }
        return [plain.get(piece, piece) for piece in super().collect_usage_pieces(ctx)]


def _argument_name(argument: TyperArgument) -> str:
    name = argument.metavar or argument.name.upper()
    name += "..." if argument.nargs != 1 else ""
    return name if argument.required else f"[{name}]"


def _plain_metavar(param) -> None:
    """A flag takes no value, so it shows none; an argument's name column already says what it is."""
    if isinstance(param, TyperArgument):
        param.metavar = param.metavar or param.name.upper()
        param.display_type_rich = lambda ctx: None  # typer would print the Python type (<path>, <list[str]>)
    elif getattr(param, "is_flag", False) and param.metavar is None:
        param.metavar = ""


class _Command(_ReadableHelp, TyperCommand):
    pass


class _Group(_ReadableHelp, TyperGroup):
    pass


_DOCUMENT_HELP = (
    "A document: .txt .md .html .docx .doc .wps .rtf .odt .pdf .xlsx .xls .et .ods .csv .tsv (images with --ocr)."
)
app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help=(
        "jixiao (绩效): read Chinese public-finance performance self-evaluations "
        "(部门决算, 绩效评价报告, 绩效自评表) and measure their quality.\n\n"
        "Example:  jixiao extract corpus/seeds/003_b9a6394348fdc04a.txt --json"
    ),
)

INPUT_ERROR_EXIT = 3


def _print_version(value: bool) -> None:
    """``--version``: what a result depends on, to cite with it."""
    if not value:
        return
    from nlp.structure.model_store import MODELS, model_version
    from nlp.version import PIPELINE_VERSION, SCHEMA_VERSION

    typer.echo(
        f"jixiao {PIPELINE_VERSION} (pipeline {PIPELINE_VERSION}, schema {SCHEMA_VERSION}, "
        f"models {model_version() or 'missing'} in {MODELS})"
    )
    raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the versions and exit."),
    ] = False,
) -> None:
    """Options given before the command; the app's help text is the Typer(help=...) above."""


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"jixiao: {message}", err=True)
    return typer.Exit(code)


def _analyze_or_exit(
    path: Path,
    scoring: Path | None = None,
    weights: Path | None = None,
    profile: dict[str, float] | None = None,
    ocr: bool = False,
):
    """Run the pipeline (timing each stage into ``profile``); bad input, configs or models, and a fault of the
    pipeline's own on the document, end with one line and exit code 3."""
    import nlp
    from nlp.pipeline import analyze
    from nlp.settings import load_settings

    try:
        return analyze(path, load_settings(scoring, weights), profile, ocr=ocr)
    except nlp.InputError as error:
        raise _fail(str(error), INPUT_ERROR_EXIT) from None
    except Exception as error:  # a fault of jixiao's on this document: one line, as batch writes it in its row
        raise _fail(str(_internal_error(path, error)), INPUT_ERROR_EXIT) from None


def _internal_error(path: Path, error: Exception) -> Exception:
    """A fault of jixiao's own on one document as the input error the CLI reports (one line: file, exception)."""
    import nlp

    return nlp.InputError(str(path), "internal error: " + " ".join(f"{type(error).__name__}: {error}".split()))


@contextmanager
def _writing(target: Path | str) -> Iterator[None]:
    """A failed write (a full disk, a folder in place of a file, no permission) ends with one line and code 3."""
    try:
        yield
    except OSError as error:
        raise _fail(f"{target}: cannot write: {error.strerror or error}", INPUT_ERROR_EXIT) from None


def _print_out(text: str) -> None:
    """``text`` on stdout, flushed now so that a full disk is reported here, not by the interpreter at exit."""
    with _writing("<stdout>"):
        try:
            typer.echo(text)
            sys.stdout.flush()
        except OSError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # drop what could not be written
            raise


def _print_profile(profile: dict[str, float]) -> None:
    """Seconds and share of the total per stage, on stderr so that ``--json`` output stays valid."""
    total = sum(profile.values()) or 1.0
    typer.echo(f"{'stage':<12} {'seconds':>8} {'share':>6}", err=True)
    for stage, seconds in profile.items():
        typer.echo(f"{stage:<12} {seconds:>8.3f} {seconds / total:>6.1%}", err=True)
    typer.echo(f"{'total':<12} {sum(profile.values()):>8.3f} {1:>6.1%}", err=True)


ScoringOption = Annotated[
    Path | None,
    typer.Option(
        "--scoring", metavar="FILE", help="Scoring config (weights, bands) to use instead of the shipped one."
    ),
]
WeightsOption = Annotated[
    Path | None,
    typer.Option(
        "--weights",
        metavar="FILE",
        help="Quality weights, penalties and flag thresholds to use instead of the shipped ones.",
    ),
]


@app.command(
    cls=_Command,
    epilog=(
        "Examples:\n\n"
        "  jixiao extract report.docx\n\n"
        "  jixiao extract report.pdf --json > report.json\n\n"
        "  jixiao extract report.txt -o report.json"
    ),
)
def extract(
    path: Annotated[Path, typer.Argument(help=_DOCUMENT_HELP)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the document JSON (SPEC §3) on stdout.")] = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="Write the document JSON to this file.")
    ] = None,
    scoring: ScoringOption = None,
    weights: WeightsOption = None,
    profile: Annotated[
        bool, typer.Option("--profile", help="Print each stage's seconds and share of the total on stderr.")
    ] = False,
    ocr: Annotated[
        bool, typer.Option("--ocr", help="Read scanned PDF pages and .png/.jpg/.tif images by OCR (the ocr extra).")
    ] = False,
) -> None:
    """Read one document: text, labelled outline, evaluations with indicators, budgets and scores.

    Without --json it prints the evaluations first (quality, grade, top flags), then a summary and the outline.

    Unreadable input exits with code 3 and one line naming the file and the reason.
    """
    timings: dict[str, float] | None = {} if profile else None
    result = _analyze_or_exit(path, scoring, weights, timings, ocr).to_json()
    if timings is not None:
        _print_profile(timings)
    rendered = json.dumps(result, ensure_ascii=False, indent=1, allow_nan=False)
    if output is not None:
        with _writing(output):
            output.write_text(rendered + "\n", encoding="utf-8")
    if as_json and output is None:
        _print_out(rendered)
    elif not as_json:
        _print_summary(result)
    if output is not None:
        typer.echo(f"已写入 {output}")


def _print_summary(result: dict) -> None:
    from nlp.report.terminal import console, document_lines

    screen = console()
    for line in document_lines(result, screen.width):
        screen.print(line, soft_wrap=True)


@app.command(cls=_Command, epilog="Examples:\n\n  jixiao score report.pdf\n\n  jixiao score report.txt --json")
def score(
    path: Annotated[Path, typer.Argument(help=_DOCUMENT_HELP)],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per evaluation.")] = False,
    scoring: ScoringOption = None,
    weights: WeightsOption = None,
) -> None:
    """One line per evaluation: kind, name, quality score and components, claimed/recomputed score, flags."""
    result = _analyze_or_exit(path, scoring, weights)
    rows = [
        {
            "eval": e.id,
            "kind": e.kind,
            "name": e.name,
            "quality": e.quality.score,
            "grade": e.quality.grade,
            **e.quality.components,
            "claimed_score": e.claimed_score,
            "recomputed_score": e.recomputed_score,
            "n_flags": len(e.flags),
        }
        for e in result.evaluations
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from nlp.report.terminal import WIDE, console, score_lines, score_table

    screen = console()
    if screen.width >= WIDE and rows:
        screen.print(score_table(rows, str(path), screen))
        return
    for line in score_lines(rows, str(path), screen.width):
        screen.print(line, soft_wrap=True)


@app.command(cls=_Command, epilog="Examples:\n\n  jixiao flags report.docx\n\n  jixiao flags report.txt --json")
def flags(
    path: Annotated[Path, typer.Argument(help=_DOCUMENT_HELP)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the flags as JSON.")] = False,
    scoring: ScoringOption = None,
    weights: WeightsOption = None,
) -> None:
    """Every flag with its evidence text (the characters it points at)."""
    result = _analyze_or_exit(path, scoring, weights)
    text = result.ingested.text
    names = {e.id: e.name for e in result.evaluations}
    found = [*result.flags, *(f for e in result.evaluations for f in e.flags)]
    rows = [{**f.to_dict(), "evaluation": names.get(f.eval), "evidence": text[f.start : f.end]} for f in found]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from nlp.report.terminal import console, flag_lines

    screen = console()
    for line in flag_lines(rows, f"{path}：{len(rows)} 个标记", screen.width):
        screen.print(line, soft_wrap=True)


@app.command(
    cls=_Command,
    epilog=(
        "Examples:\n\n"
        "  jixiao batch corpus/ --out out/\n\n"
        "  jixiao batch 'reports/**/*.pdf' more.docx --out out/ --workers 2 --resume\n\n"
        "  jixiao batch corpus/ --out out/ --exclude '*/drafts/*' --doc-timeout 60 --overwrite\n\n"
        "  jixiao batch corpus/ --out out/ --engine dask --scheduler tcp://10.0.0.5:8786"
    ),
)
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) and globs.")],
    out: Annotated[
        Path, typer.Option("--out", metavar="DIR", help="Folder for the tables, jixiao.duckdb and run.json.")
    ],
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", metavar="N", min=1, help="Worker processes (default: all cores; capped by inputs and memory)."
        ),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", metavar="local|dask", help="A local process pool or a dask cluster.")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", metavar="ADDRESS", help="Address of a running dask scheduler (with --engine dask)."
        ),
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Keep what an earlier run wrote; do only the rest.")] = False,
    extend: Annotated[
        bool,
        typer.Option("--extend", help="With --resume: the inputs may differ from the earlier run's (added to it)."),
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an earlier run in --out, or write into a non-empty folder.")
    ] = False,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", metavar="GLOB", help="Leave out matching paths or names (repeatable)."),
    ] = None,
    doc_timeout: Annotated[
        float, typer.Option("--doc-timeout", metavar="SECONDS", min=1, help="Time limit per document.")
    ] = 120.0,
    doc_memory: Annotated[
        int, typer.Option("--doc-memory", metavar="MB", min=64, help="Memory limit per document (beyond the models).")
    ] = 2048,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with code 3 when any input fails.")] = False,
    group_by: Annotated[
        str,
        typer.Option(
            "--group-by",
            metavar="COLUMNS",
            help="Comparison groups for boilerplate, e.g. year,region (default: the batch).",
        ),
    ] = "",
    scoring: ScoringOption = None,
    weights: WeightsOption = None,
    reference: Annotated[
        str,
        typer.Option(
            "--reference",
            metavar="GROUP",
            help="Comparison group for boilerplate: batch (its own), shipped, or a group FILE.",
        ),
    ] = "batch",
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMATS",
            help="Exports, comma-separated, beside the Parquet, CSV and DuckDB files (always written): xlsx, dta.",
        ),
    ] = "parquet,csv,duckdb",
    ocr: Annotated[bool, typer.Option("--ocr", help="Read scanned PDFs and images by OCR (the 'ocr' extra).")] = False,
) -> None:
    """Analyse a corpus into the tables of SPEC §4 (Parquet, CSV, DuckDB), with a progress bar.

    Every input becomes a documents row (status ok, not_evaluation, or error with its
    reason); one bad file never stops the run: each document runs in its own worker
    under --doc-timeout and --doc-memory.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    import nlp
    from nlp.corpus.batch import Limits, finalize, run_batch
    from nlp.settings import load_settings
    from nlp.structure.model_store import model_version

    if engine not in ("local", "dask"):
        raise _fail(f"--engine must be local or dask, not {engine!r}", 2)
    fields = tuple(f.strip() for f in group_by.split(",") if f.strip())
    from nlp.output.exports import FORMATS

    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    if unknown := set(chosen) - {"parquet", "csv", "duckdb", *FORMATS}:
        raise _fail(f"--format takes parquet, csv, duckdb, {', '.join(FORMATS)}; not {', '.join(sorted(unknown))}", 2)
    if extend and not resume:
        raise _fail("--extend goes with --resume", 2)
    if resume and overwrite:
        raise _fail("give --resume or --overwrite, not both", 2)
    limits = Limits(doc_timeout, doc_memory)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    try:
        settings = load_settings(scoring, weights, reference, fields)
    except nlp.InputError as error:  # a bad settings or group file
        raise _fail(str(error), INPUT_ERROR_EXIT) from None
    except ValueError as error:  # --group-by with a name it does not take, or with a fixed --reference
        raise _fail(str(error), 2) from None
    try:
        with Progress(*columns, transient=True) as bar:
            task = bar.add_task("reading the sample", total=None)

            def progress(summary, total: int) -> None:
                bar.update(task, total=total, completed=summary.documents,
                           description=f"ok {summary.ok} · failed {summary.failed}")  # fmt: skip

            summary = run_batch(
                inputs, out, workers, engine, scheduler, resume, progress, overwrite=overwrite,
                extend=extend, exclude=exclude or (), limits=limits, settings=settings, ocr=ocr,
            )  # fmt: skip
        run = {
            "pipeline_version": nlp.PIPELINE_VERSION,
            "model_version": model_version(),
            "working_directory": str(Path.cwd()),  # relative input paths in the tables are relative to it
            "parameters": {"inputs": inputs, "exclude": exclude or [], "workers": summary.workers, "engine": engine,
                           "resume": resume, "extend": extend, "group_by": fields, "reference": reference},
            "comparison_groups": summary.groups,
            "this_run": {
                "documents": summary.documents, "ok": summary.ok, "failed": summary.failed,
                "not_evaluations": summary.not_evaluations, "skipped_as_done": summary.skipped,
                "duplicates": summary.duplicates, "seconds": summary.seconds,
            },
        }  # fmt: skip
        counts = finalize(out, run, settings)
        exports = [f for f in chosen if f in FORMATS]
        if exports:
            from nlp.corpus.batch import read_tables
            from nlp.output.exports import write_exports

            write_exports(out, read_tables(out), exports)
    except nlp.InputError as error:
        raise _fail(str(error), INPUT_ERROR_EXIT) from None
    _print_batch_summary(out, counts, summary)
    if strict and summary.failed:
        raise typer.Exit(INPUT_ERROR_EXIT)


def _print_batch_summary(out: Path, counts: dict[str, int], summary) -> None:
    """What the folder holds now, what failed, and the command to look at it."""
    import duckdb

    with duckdb.connect(str(out / "jixiao.duckdb"), read_only=True) as db:
        ok, failed, not_evaluations, noted = db.execute(
            "SELECT count(*) FILTER (status = 'ok'), count(*) FILTER (status = 'error'), "
            "count(*) FILTER (status = 'not_evaluation'), count(*) FILTER (note IS NOT NULL) FROM documents"
        ).fetchall()[0]
        mean_quality = db.execute("SELECT avg(quality_score) FROM evaluations").fetchall()[0][0]
        flags = db.execute(
            "SELECT code, count(*) AS n FROM flags GROUP BY code ORDER BY n DESC, code LIMIT 5"
        ).fetchall()
    from nlp.output.data_dictionary import name_zh

    n_evaluations = counts["evaluations"]
    mean = f"平均质量分 {mean_quality:.1f}" if n_evaluations else "没有质量分"
    typer.echo(
        f"共 {counts['documents']} 份文档（已读取 {ok} 份，读取失败 {failed} 份，不是绩效自评 {not_evaluations} 份），"
        f"重复副本 {counts['document_copies']} 份，评价单元 {n_evaluations} 个，{mean}；"
        f"{summary.workers} 个进程，用时 {summary.seconds:g} 秒"
    )
    if flags:
        typer.echo("最常见的标记：" + "，".join(f"{code} {name_zh('flags', code)} {n}" for code, n in flags))
    if noted:
        typer.echo(
            f"注意：{noted} 份文档有未读出的部分（评价单元、指标、问题建议或自评得分），见 documents.note", err=True
        )
    for error in summary.errors[:10]:
        typer.echo(f"读取失败：{error}", err=True)
    typer.echo(f"表格：{out}/{{documents,document_copies,sections,evaluations,indicators,claims,statements,flags}}"
               f".parquet|csv，{out}/jixiao.duckdb，{out}/run.json")  # fmt: skip
    typer.echo(f"下一步：jixiao report --corpus {out} -o {out}/dashboard.html")


@app.command(
    cls=_Command,
    epilog=(
        "Examples:\n\n"
        "  jixiao report corpus/seeds/004_380c218f37ec32c7.txt -o report.html\n\n"
        "  jixiao batch corpus/ --out out/ && jixiao report --corpus out/ -o out/dashboard.html"
    ),
)
def report(
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE", help="The HTML file to write.")],
    path: Annotated[Path | None, typer.Argument(help=_DOCUMENT_HELP)] = None,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", metavar="DIR", help="The --out folder of a batch run: write its dashboard."),
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

    Nothing in the page loads from the network; document text is escaped and the page runs no script but its own.
    """
    if (path is None) == (corpus is None):
        raise _fail("give either a document PATH or --corpus DIR", 2)
    if corpus is not None:
        import nlp
        from nlp.report.dashboard import write_corpus_report

        if scoring or weights:
            raise _fail("--scoring and --weights are for one document: a dashboard uses its batch's (run.json)", 2)
        try:
            with _writing(output):
                links = write_corpus_report(corpus, output, documents)
        except nlp.InputError as error:
            raise _fail(str(error), INPUT_ERROR_EXIT) from None
        typer.echo(f"已写入 {output}" + (f"，及其旁的 {len(links.href)} 份文档报告" if documents else ""))
        for problem in links.problems:
            typer.echo(f"未写报告：{problem}", err=True)
        return
    from nlp.report.document_report import write_document_report

    document = _analyze_or_exit(path, scoring, weights).to_json()
    with _writing(output):
        write_document_report(document, output)
    typer.echo(f"已写入 {output}")


def _require_checkout(task: str, otherwise: str) -> None:
    """An installed wheel carries no annotated corpus: say so in one line (exit 3) rather than fail on a file."""
    from nlp.structure.model_store import CORPUS

    if not (CORPUS / "annotations").is_dir():
        raise _fail(
            f"{CORPUS / 'annotations'} not found: {task} needs a checkout of jixiao with corpus/ ({otherwise})",
            INPUT_ERROR_EXIT,
        )


@app.command(cls=_Command, epilog="Example:\n\n  jixiao train")
def train() -> None:
    """Train every model from the annotated corpus in corpus/ into models/ (deterministic)."""
    from nlp.corpus.training import train as train_models
    from nlp.structure.model_store import MODELS, model_version

    _require_checkout("training", "the installed models are used as is")
    summary = train_models()
    typer.echo(
        f"trained on {summary['sections_annotated']} annotated sections, {summary['gold_sections']} gold sections "
        f"of corpus/dev and {summary['claims_annotated']} claims ({summary['annotations_unmatched']} annotations and "
        f"{summary['gold_sections_unmatched']} gold headings match no section of the outline); "
        f"models in {MODELS}, model_version {model_version()}"
    )


@app.command(
    cls=_Command,
    epilog=(
        "Examples:\n\n"
        "  jixiao evaluate --json\n\n"
        "  jixiao evaluate --gold corpus/dev\n\n"
        "  jixiao evaluate --gold corpus/dev --family hunan_scoring --json"
    ),
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
    ocr: Annotated[
        bool, typer.Option("--ocr", help="With --gold: read scanned PDFs and images by OCR (the 'ocr' extra).")
    ] = False,
) -> None:
    """Cross-validate section labels and claims (leave one document out); check the quality score.

    With --gold DIR it instead runs the whole pipeline on every document of DIR.

    It scores them against the gold answers, overall and per template family.
    """
    if gold is not None:
        _evaluate_gold(gold, family, as_json, ocr)
        return
    if family is not None or ocr:
        raise _fail(f"{'--family' if family is not None else '--ocr'} needs --gold", 2)
    _require_checkout("evaluate without --gold", "--gold DIR scores any folder with docs/ and gold/")
    from nlp.corpus.training import evaluate_claims, evaluate_sections, load_annotated, load_gold_outlines

    documents, _ = load_annotated()
    outlines, _ = load_gold_outlines()
    from nlp.corpus.validity import corpus_components, pairwise_accuracy, weight_sensitivity
    from nlp.settings import default_settings

    metrics = {
        "sections": evaluate_sections(documents, outlines),
        "claims": evaluate_claims(documents),
        "quality": {
            **pairwise_accuracy(),
            "weight_sensitivity_spearman": weight_sensitivity(corpus_components(), default_settings().quality),
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


def _evaluate_gold(folder: Path, family: str | None, as_json: bool, ocr: bool) -> None:
    """Score against gold; a bad gold folder or file exits with code 3 and one line naming it."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from nlp.corpus.gold import FAMILIES, GoldError
    from nlp.corpus.gold_eval import evaluate_gold

    if family is not None and family not in FAMILIES:
        raise _fail(f"--family must be one of {', '.join(FAMILIES)}, not {family!r}", 2)
    try:
        if as_json:
            report = evaluate_gold(folder, family, ocr=ocr)
        else:
            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
            with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
                task = bar.add_task("analysing", total=None)

                def progress(done: int, total: int, doc: str) -> None:
                    bar.update(task, total=total, completed=done, description=doc)

                report = evaluate_gold(folder, family, progress, ocr)
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

    from nlp.corpus.gold_eval import FIGURES

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


annotate_app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Check jixiao on your own sample: Label Studio tasks out, gold answers and annotator agreement back.",
)
app.add_typer(annotate_app, name="annotate")


@annotate_app.command(
    cls=_Command,
    name="export",
    epilog=(
        "Examples:\n\n"
        "  jixiao annotate export sample/ -o tasks.json\n\n"
        "  jixiao annotate export corpus/dev/docs/w1_hunan_project_roads.txt -o tasks.json"
    ),
)
def annotate_export(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) and globs.")],
    output: Annotated[
        Path, typer.Option("-o", "--output", metavar="FILE", help="The Label Studio tasks file (JSON) to write.")
    ],
) -> None:
    """Label Studio tasks with jixiao's reading as pre-annotations, and the labelling config beside them.

    Each document becomes a task: its text, and as a prediction the labelled spans of its
    evaluations, indicator rows, problems, suggestions, flags and section headings, with
    names, budgets, scores, dimensions, cells and values as per-region fields. The config
    is written as <output stem>.label_config.xml; paste it into the project's settings.
    """
    import nlp
    from nlp.corpus.annotate import export_tasks, labelling_config
    from nlp.corpus.batch import expand_inputs
    from nlp.pipeline import analyze

    found = expand_inputs(inputs)
    for folder, reason in found.unreadable.items():
        raise _fail(f"{folder}: {reason}", INPUT_ERROR_EXIT)
    if not found.paths:
        raise _fail(f"{' '.join(inputs)}: no documents found", INPUT_ERROR_EXIT)

    def reading(path: Path) -> dict:
        try:
            return analyze(path).to_json()
        except nlp.InputError:
            raise
        except Exception as error:  # a fault of jixiao's on one document: that document named in one line
            raise _internal_error(path, error) from None

    try:
        tasks = export_tasks([Path(p) for p in found.paths], reading)
    except nlp.InputError as error:
        raise _fail(str(error), INPUT_ERROR_EXIT) from None
    config = output.with_name(f"{output.stem}.label_config.xml")
    with _writing(output):
        output.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with _writing(config):
        config.write_text(labelling_config(), encoding="utf-8")
    typer.echo(f"已写入 {output}（{len(tasks)} 项标注任务）及标注界面配置 {config}")


@annotate_app.command(cls=_Command, name="import", epilog="Example:\n\n  jixiao annotate import export.json -o mygold/")
def annotate_import(
    export: Annotated[Path, typer.Argument(help="A Label Studio JSON export of tasks from 'jixiao annotate export'.")],
    output: Annotated[
        Path, typer.Option("-o", "--output", metavar="DIR", help="Folder for gold/<id>.json and docs/<id>.<ext>.")
    ],
    predictions: Annotated[
        bool, typer.Option("--predictions", help="Read the tasks' pre-annotations instead of their annotations.")
    ] = False,
) -> None:
    """Turn annotated tasks into gold answers, so that 'jixiao evaluate --gold DIR' scores jixiao on them.

    Per task the annotation marked ground truth is taken, else the last one not cancelled;
    tasks without an annotation are left out and counted.
    """
    import nlp
    from nlp.corpus.annotate import read_export
    from nlp.corpus.annotate_gold import import_gold

    try:
        tasks, unannotated = read_export(export, use_predictions=predictions)
        with _writing(output):
            written = import_gold(tasks, output, str(export))
    except nlp.InputError as error:
        raise _fail(str(error), INPUT_ERROR_EXIT) from None
    typer.echo(f"已写入 {len(written)} 份标准答案到 {output / 'gold'}（{unannotated} 项任务未标注）")
    typer.echo(f"下一步：jixiao evaluate --gold {output}")


@annotate_app.command(
    cls=_Command, name="agreement", epilog="Examples:\n\n  jixiao annotate agreement anna.json ben.json --json"
)
def annotate_agreement(
    first: Annotated[Path, typer.Argument(help="One annotator's Label Studio JSON export.")],
    second: Annotated[Path, typer.Argument(help="The other annotator's export of the same tasks.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Two annotators' agreement: span F1 (exact and overlapping) and Cohen's kappa on labels and on boilerplate."""
    import nlp
    from nlp.corpus.annotate_agreement import agreement_of_files

    try:
        report = agreement_of_files(first, second)
    except nlp.InputError as error:
        raise _fail(str(error), INPUT_ERROR_EXIT) from None
    if as_json:
        _print_out(json.dumps(report, ensure_ascii=False, indent=1))
        return

    def shown(value: float | None) -> str:
        return "—" if value is None else f"{value:.3f}"

    tasks, spans = report["tasks"], report["spans"]
    typer.echo(f"{tasks['compared']} tasks in both ({first}: {tasks['a']}, {second}: {tasks['b']}); "
               f"spans {spans['a']} and {spans['b']}")  # fmt: skip
    typer.echo(f"span F1  exact {shown(report['span_f1_exact'])}  overlap {shown(report['span_f1_overlap'])}")
    for control, kappa in report["kappa_labels"].items():
        typer.echo(f"kappa on {control} labels  {shown(kappa['kappa'])}  (n {kappa['n']})")
    boilerplate = report["kappa_boilerplate"]
    typer.echo(f"kappa on boilerplate  {shown(boilerplate['kappa'])}  (n {boilerplate['n']})")
    typer.echo("overlap F1 per label:")
    for label, figures in report["per_label_f1_overlap"].items():
        typer.echo(f"  {label:<34} {shown(figures['f1'])}  ({figures['a']} / {figures['b']})")


reference_app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Fixed, versioned comparison groups for boilerplate: build one from documents, or show one.",
)
app.add_typer(reference_app, name="reference")


@reference_app.command(
    cls=_Command,
    name="build",
    epilog=(
        "Examples:\n\n"
        "  jixiao reference build corpus/dev/docs -o models/reference/dev.json\n\n"
        "  jixiao reference build 'reports/2023/**/*.docx' -o groups/2023.json --name 2023"
    ),
)
def reference_build(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) and globs.")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE", help="The group file (JSON) to write.")],
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="NAME", help="The group's name in outputs (default: the file's stem)."),
    ] = None,
) -> None:
    """Build a comparison group from documents and save it (reproducible: same documents, same file and version).

    Every document must be readable: a group is exactly the documents it lists.
    """
    import nlp
    from nlp.corpus.reference_build import build_group

    try:
        group = build_group(inputs, name or output.stem)
    except nlp.InputError as error:
        raise _fail(str(error), INPUT_ERROR_EXIT) from None
    with _writing(output):
        group.save(output)
    typer.echo(f"已写入 {output}：比较组 {group.name}，版本 {group.version}，{len(group.members)} 份文档，"
               f"{len(group.boilerplate)} 个套话四字串")  # fmt: skip


@reference_app.command(
    cls=_Command, name="show", epilog="Examples:\n\n  jixiao reference show\n\n  jixiao reference show groups/2023.json"
)
def reference_show(
    choice: Annotated[
        str, typer.Argument(metavar="GROUP", help="'shipped' (the development corpus's group) or a group FILE.")
    ] = "shipped",
    as_json: Annotated[bool, typer.Option("--json", help="Print the group's summary as JSON.")] = False,
) -> None:
    """A group's name, version, and its documents by template family, province and year."""
    import nlp
    from nlp.structure.reference_group import SHIPPED, load_group, shipped_path

    path = shipped_path() if choice == SHIPPED else Path(choice)
    try:
        summary = load_group(path).to_json()
    except nlp.InputError as error:
        raise _fail(str(error), INPUT_ERROR_EXIT) from None
    del summary["documents"], summary["boilerplate_tetragrams"]
    if as_json:
        _print_out(json.dumps(summary, ensure_ascii=False, indent=1))
        return
    typer.echo(f"{path}：比较组 {summary['name']}，版本 {summary['version']}，{summary['n_documents']} 份文档")
    for key, heading in (("families", "模板族"), ("provinces", "省份"), ("years", "年度")):
        typer.echo(f"  {heading}：" + "，".join(f"{value} {n}" for value, n in summary[key].items()))


if __name__ == "__main__":
    app()
