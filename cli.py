"""The ``jixiao`` command: argument parsing and printing only; the work is in ``nlp``."""

from __future__ import annotations

import json
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


@app.callback()
def _main() -> None:
    """Keep subcommands explicit even while there is only one."""


@app.command(
    epilog=(
        "Examples:\n\n"
        "  jixiao extract report.docx\n\n"
        "  jixiao extract report.pdf --json > report.json\n\n"
        "  jixiao extract report.txt -o report.json"
    )
)
def extract(
    path: Annotated[Path, typer.Argument(help="A .txt, .md, .docx or .pdf document.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the document JSON (SPEC §3) on stdout.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the document JSON to this file.")
    ] = None,
) -> None:
    """Read one document into its normalized text, blocks and metadata (the document JSON).

    Without --json it prints a short summary; unreadable input exits with code 3
    and one line naming the file and the reason.
    """
    import nlp
    from nlp.meta import extract_meta
    from nlp.schema import document_json

    try:
        document = nlp.ingest(path)
    except nlp.InputError as error:
        raise _fail(str(error), INPUT_ERROR_EXIT) from None
    meta = extract_meta(document)
    result = document_json(document, meta, nlp.PIPELINE_VERSION)
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


if __name__ == "__main__":
    app()
