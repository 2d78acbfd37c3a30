"""What the commands print for people: readable at 80 and 120 columns, nothing cut, no ``None``."""

from __future__ import annotations

import re

import pytest
import typer
from conftest import ROOT, SEEDS
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from cli import app
from nlp.report.terminal import MISSING, NO_EVALUATION, budget_line, flag_summary, show, wrap

runner = CliRunner()
MIXED = ROOT / "tests" / "documents" / "hunan_dept_and_project.md"


def _printed(command: list[str], width: int) -> str:
    result = runner.invoke(app, command, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


def _assert_fits(text: str, width: int) -> None:
    for line in text.splitlines():
        assert cell_len(line) <= width, (width, line)
        assert not line.rstrip().endswith("…"), line  # a cell cut short by the table
    assert "None" not in text


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("command", ["extract", "score", "flags"])
def test_commands_fit_the_terminal_without_cutting(command: str, width: int) -> None:
    for path in (SEEDS[0], MIXED):
        _assert_fits(_printed([command, str(path)], width), width)


def _command_paths(command, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and command group of the app, as the words that name it (``()`` is the app)."""
    return [
        prefix,
        *(p for name, sub in getattr(command, "commands", {}).items() for p in _command_paths(sub, (*prefix, name))),
    ]


COMMAND_PATHS = _command_paths(typer.main.get_command(app))
TYPE_METAVAR = re.compile(r"<(bool|str|int|float|path|file|dir|list\[.*?\]|\w+ range)>|\{\w+\}")


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("command", COMMAND_PATHS, ids=" ".join)
def test_help_fits_the_terminal(command: tuple[str, ...], width: int) -> None:
    text = _printed([*command, "--help"], width)
    assert "Example" in text or "Commands" in text
    _assert_fits(text, width)
    assert "…" not in text  # a metavar or help cut short inside its panel
    assert not TYPE_METAVAR.search(text), TYPE_METAVAR.search(text)  # <bool>, <list[str]>, {path}: Python, not help


def test_every_command_has_its_help_tested() -> None:
    assert {"batch", "evaluate", "train"} <= {path[0] for path in COMMAND_PATHS if path}
    assert ("annotate", "export") in COMMAND_PATHS and ("reference", "show") in COMMAND_PATHS


def test_extract_leads_with_the_evaluations_and_says_what_is_missing() -> None:
    text = _printed(["extract", str(SEEDS[0])], 80)
    evaluations, outline = text.index("评价单元"), text.index("提纲")
    assert evaluations < outline and text.index("质量") < outline
    assert "标记：" in text and MISSING in text  # seed 003 states no claimed score for its departments


def test_flags_keep_codes_whole_at_80_columns() -> None:
    import json

    text = _printed(["flags", str(SEEDS[3])], 80)
    found = json.loads(_printed(["flags", str(SEEDS[3]), "--json"], 80))
    assert found and "原文：" in text
    starts = [line.split()[0] for line in text.splitlines() if line and not line.startswith(" ")]
    assert {flag["code"] for flag in found} <= set(starts)  # each code whole at the start of its entry


@given(st.text(alphabet="预算执行率完成了万元。，（）ABC_XYZ0123456789.% ", max_size=120), st.integers(6, 40))
def test_wrap_never_exceeds_the_width_and_loses_nothing(text: str, width: int) -> None:
    lines = wrap(text, width, "  ")
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(line.removeprefix("  ").replace(" ", "") for line in lines) == text.replace(" ", "")


def test_wrap_breaks_between_chinese_characters_not_inside_numbers_or_codes() -> None:
    lines = wrap("ARITHMETIC_MISMATCH 决算表中支出合计263.2万元与各项之和263.5万元不符。", 16)
    assert lines[0] == "ARITHMETIC_MISMA"  # a unit wider than the line is the only thing split
    assert any("263.2" in line for line in lines) and any("263.5" in line for line in lines)
    assert not any(line.startswith("。") for line in lines)


def test_missing_values_print_as_unstated() -> None:
    assert show(None) == MISSING and show(88.5) == "88.5" and show(96.0) == "96"
    assert budget_line({"planned": None, "executed": None, "rate": None}) == f"预算：{MISSING}"
    assert "None" not in budget_line({"planned": 75.6, "executed": None, "rate": None})
    assert flag_summary([{"code": "UNIT_ERROR"}, {"code": "UNIT_ERROR"}]).startswith("UNIT_ERROR 金额单位存疑")


@pytest.mark.parametrize("width", [80, 120])
def test_a_text_without_evaluations_says_so(tmp_path, width: int) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("一些普通文字。\n", encoding="utf-8")
    for command in ("score", "extract"):
        assert NO_EVALUATION in _printed([command, str(plain)], width)
