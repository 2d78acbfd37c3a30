"""The layers contract of ARCHITECTURE.md holds: import-linter's contract in pyproject.toml, and no
module inside ``nlp`` imports the package entry point ``nlp/__init__.py``."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_the_layers_contract_is_kept() -> None:
    result = subprocess.run([str(LINT_IMPORTS)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def _imports_of(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def test_no_inner_module_imports_the_package_entry_point() -> None:
    package = ROOT / "nlp"
    offenders = []
    for path in package.rglob("*.py"):
        if path == package / "__init__.py":
            continue
        entry_point = {"nlp"} | {f"nlp.{name}" for name in ("analyze", "analyze_corpus", "ingest", "InputError")}
        if entry_point & set(_imports_of(path)):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"import from the layer's own module, not from nlp/__init__.py: {offenders}"


def test_the_contract_fails_on_an_upward_import(tmp_path: Path) -> None:
    """Checked on a copy with one upward import added: the contract is not vacuous."""
    copy = tmp_path / "repo"
    copy.mkdir()
    (copy / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run(["cp", "-r", str(ROOT / "nlp"), str(copy / "nlp")], check=True)
    values = copy / "nlp" / "text" / "values.py"
    values.write_text(values.read_text(encoding="utf-8") + "\nfrom nlp.corpus import batch  # noqa\n", encoding="utf-8")
    result = subprocess.run(
        [str(LINT_IMPORTS)], cwd=copy, capture_output=True, text=True, check=False, env={"PYTHONPATH": str(copy)}
    )
    assert result.returncode != 0 and "nlp.text.values" in result.stdout
