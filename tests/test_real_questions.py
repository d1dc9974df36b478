"""The real-question evaluation set: well formed, sourced, and mostly answered in the right shape.

The pass rate itself is printed by `python scripts/eval_questions.py`; this test guards it from
slipping. It is a floor, not the target: see the README (Asking questions).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from careerbot.bot.answer.reply import ReplyKind
from careerbot.bot.engine import Bot

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "eval_questions.py"
#: Of the questions whose label is sure (not marked ``unsure``): a guard, not the target. It
#: follows the data: held-out sets join the file after they are measured, and unseen sets
#: score lower (0.85 before the sixth to eighth files; 0.826 with them, 0.822 with the ninth,
#: 0.815 with the tenth, whose sure labels scored 65% when first measured; 0.811 with the
#: eleventh to thirteenth, 2026-12-04; 0.836 with the fourteenth to eighteenth, 0.843 with
#: the nineteenth to twenty-third, 2026-12-05).
FLOOR = 0.82


@pytest.fixture(scope="module")
def evaluation():  # noqa: ANN201 - the script module
    spec = importlib.util.spec_from_file_location("eval_questions", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_question_is_sourced_and_labelled(bot: Bot, evaluation) -> None:  # noqa: ANN001
    cases = evaluation.questions()
    assert len(cases) >= 150
    kinds = set(ReplyKind.__args__)
    for case in cases:
        assert str(case["source"]).startswith(("http://", "https://")), case["q"]
        assert case["kind"] in kinds, case
        assert set(case["roles"] or ()) <= set(bot.kb.roles), case


def test_real_questions_mostly_get_the_right_shape(bot: Bot, evaluation) -> None:  # noqa: ANN001
    sure = [case for case in evaluation.questions() if not case.get("unsure")]
    results = evaluation.evaluate(bot, sure)
    failed = [r for r in results if not r.passed]
    rate = 1 - len(failed) / len(results)
    assert rate >= FLOOR, "\n".join(f"{r.question[:80]}: expected {r.expected}, got {r.got}"
                                    for r in failed)
