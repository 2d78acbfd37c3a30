"""Charts of the corpus dashboard as inline SVG (matplotlib, no network, no display).

Text stays text in the SVG (``svg.fonttype: none``) so the browser draws Chinese
labels with a system font; matplotlib escapes every label, and mathtext is off so
a ``$`` in a region name is only a character.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure  # no pyplot: figures render to SVG without touching the user's backend

_STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "jixiao",  # same input, same SVG ids: reports diff cleanly
    "text.parse_math": False,
    "font.size": 9,
    "font.family": "sans-serif",
    "font.sans-serif": ["Noto Sans CJK SC", "Source Han Sans SC", "DejaVu Sans"],
    "axes.spines.top": False,
    "axes.spines.right": False,
}
BLUE, ORANGE, GREY = "#4a7bd0", "#ef8a32", "#9aa3ad"


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with warnings.catch_warnings():
        # Without a CJK font installed matplotlib warns per glyph; the browser draws them.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _figure(width: float = 6.0, height: float = 3.2) -> tuple[Figure, object]:
    figure = Figure(figsize=(width, height))
    return figure, figure.add_subplot()


def histogram(values: Sequence[float], edges: Sequence[float], xlabel: str, marks: dict[str, float]) -> str:
    """A histogram with vertical lines at ``marks`` (label → x), e.g. the grade boundaries."""
    with matplotlib.rc_context(_STYLE):
        figure, axes = _figure()
        axes.hist(values, bins=list(edges), color=BLUE, edgecolor="white")
        for label, x in marks.items():
            axes.axvline(x, color=GREY, linestyle="--", linewidth=1)
            axes.annotate(
                label,
                (x, 1),
                xycoords=("data", "axes fraction"),
                xytext=(3, 0),
                textcoords="offset points",
                ha="left",
                va="top",
                color=GREY,
            )
        axes.set_xlabel(xlabel)
        axes.set_ylabel("评价单元数")
        return _svg(figure)


def horizontal_bars(labels: Sequence[str], values: Sequence[float], xlabel: str) -> str:
    """Bars from the top down in the given order."""
    with matplotlib.rc_context(_STYLE):
        figure, axes = _figure(6.0, max(1.6, 0.28 * len(labels) + 0.8))
        positions = range(len(labels))
        axes.barh(list(positions), list(values), color=BLUE)
        axes.set_yticks(list(positions), list(labels))
        axes.invert_yaxis()
        axes.set_xlabel(xlabel)
        return _svg(figure)


def scatter(x: Sequence[float], y: Sequence[float], xlabel: str, ylabel: str) -> str:
    with matplotlib.rc_context(_STYLE):
        figure, axes = _figure(6.0, 3.6)
        axes.scatter(list(x), list(y), color=BLUE, alpha=0.7, s=18)
        axes.set_xlabel(xlabel)
        axes.set_ylabel(ylabel)
        return _svg(figure)


def grouped_bars(groups: Sequence[str], series: dict[str, Sequence[float]], ylabel: str) -> str:
    """One cluster of bars per group, one bar per series (e.g. two shares per year)."""
    with matplotlib.rc_context(_STYLE):
        figure, axes = _figure(6.0, 3.2)
        width = 0.8 / max(1, len(series))
        for number, ((name, values), colour) in enumerate(zip(series.items(), (BLUE, ORANGE, GREY), strict=False)):
            axes.bar([i + number * width for i in range(len(groups))], list(values), width, label=name, color=colour)
        axes.set_xticks([i + width * (len(series) - 1) / 2 for i in range(len(groups))], list(groups))
        axes.set_ylabel(ylabel)
        axes.set_ylim(0, 1)
        axes.legend(frameon=False)
        if len(groups) > 6:
            axes.tick_params(axis="x", labelrotation=45)
        return _svg(figure)
