"""Budget figures and claimed self-scores stated in prose.

Tables state the budget in labelled cells (``nlp.tables``); reports state it in
sentences (``年初预算40万元…实际支付39.17万元，资金使用率为97.92%``) and state the
self-score as ``自评得分为96分`` or ``自我评价得分：96分``. The 预算绩效管理情况
paragraph of the 决算 part scores several evaluations in one sentence, each
score after the name of what it scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(\d+(?:\.\d+)?)"
_LINK = r"(?:为|是|了|达|达到|:|：)?\s*"
_PLANNED = re.compile(
    rf"(?:年初预算|全年预算数?|(?:下达)?项目预算|预算数|预算安排|预算金额|批复资金|批复预算|预算指标|安排资金|年初编报预算){_LINK}{_NUM}\s*万元"
)
_EXECUTED = re.compile(
    rf"(?:实际支付|实际支出|实际执行数|预算执行数|资金执行数|执行数|已使用|实际使用(?:资金)?){_LINK}{_NUM}\s*万元"
)
_RATE = re.compile(rf"(?:资金使用率|预算执行率|资金执行率|执行率|使用率){_LINK}{_NUM}\s*%")
_WINDOW = 200  # characters after a planned amount in which its execution is stated
_SCORE = re.compile(rf"(?:自评得分|自我评价得分|评价得分|综合得分|自评总分|自评分数|自评分){_LINK}{_NUM}\s*分")
_SCORE_CLAUSE = re.compile(rf"([^，。；;,]*?)(?:绩效)?(?:自评得分|自我评价得分|评价得分|自评总分){_LINK}{_NUM}\s*分")


@dataclass
class Budget:
    planned: float | None = None
    executed: float | None = None
    rate: float | None = None

    def complete(self) -> Budget:
        """Fill the rate from the amounts when the text does not state it."""
        if self.rate is None and self.planned and self.executed is not None:
            self.rate = round(self.executed / self.planned * 100, 2)
        return self

    def to_dict(self) -> dict:
        return {"planned": self.planned, "executed": self.executed, "rate": self.rate, "unit": "万元"}


def budget_in_text(text: str) -> Budget:
    """The first planned amount the text states, and the executed amount and rate that follow it.

    Only figures that follow a planned amount closely count: a department report
    states many amounts (人员经费, 公用经费 …) and the first "执行数" in it is
    rarely the department's.
    """
    planned = _PLANNED.search(text)
    if planned is None:
        return Budget()
    window = text[planned.end() : planned.end() + _WINDOW]
    executed, rate = _EXECUTED.search(window), _RATE.search(window)
    return Budget(
        float(planned.group(1)),
        float(executed.group(1)) if executed else None,
        float(rate.group(1)) if rate else None,
    )


def score_in_text(text: str) -> float | None:
    match = _SCORE.search(text)
    return float(match.group(1)) if match else None


def scored_clauses(text: str) -> list[tuple[str, float]]:
    """(what is scored, score) for each ``…绩效自评得分为N分`` clause of a summary paragraph."""
    return [(match.group(1).strip(), float(match.group(2))) for match in _SCORE_CLAUSE.finditer(text)]
