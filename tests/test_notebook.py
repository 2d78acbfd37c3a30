"""notebooks/analysis.ipynb runs end to end over a batch of corpus/, and is committed without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

from nlp.corpus.batch import finalize, run_batch

NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"


def test_notebook_is_committed_with_outputs_cleared() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


def test_notebook_runs_over_the_batch_of_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nbclient import NotebookClient

    out = tmp_path / "out"
    run_batch([str(ROOT / "corpus")], out, workers=2)
    finalize(out, {"pipeline_version": "test"})
    monkeypatch.setenv("JIXIAO_OUT", str(out))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    printed = "".join(o.get("text", "") for cell in notebook.cells for o in cell.get("outputs", []))
    assert "distinct texts analysed" in printed
    assert "full pipeline" in printed  # the re-scoring cell ran to its check
