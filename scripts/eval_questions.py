"""How well careerbot answers real questions: the share whose reply has the right shape.

    python scripts/eval_questions.py             # pass rate, then every failure
    python scripts/eval_questions.py --quiet     # pass rate only

The questions (tests/data/real_questions*.yaml) were asked in public by real people, each kept
with its source address and labelled with the kind of answer it needs and the roles it is
about. A reply passes when its ``kind`` is the expected one (for a question the bot should not
try to answer, help or "did you mean" both pass) and it is about exactly the expected roles, in
any order, and its text fits one chat screen. Fix causes, not questions: a held-out set of
other real questions judges the bot.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from careerbot.adapters.textrender import fits_one_screen
from careerbot.bot.engine import Bot
from careerbot.bot.kb.knowledge import load

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
#: Reply kinds that count as the expected one ("help": the bot should not pretend to answer).
SAME = {"help": {"help", "suggest", "smalltalk"}}


@dataclass(frozen=True)
class Result:
    question: str
    source: str
    expected: tuple[str, tuple[str, ...]]
    got: tuple[str, tuple[str, ...]]
    #: The reply fits one chat screen (a right answer three screens long still fails).
    fits: bool = True

    @property
    def passed(self) -> bool:
        kind, roles = self.expected
        return (self.got[0] in SAME.get(kind, {kind})) and set(self.got[1]) == set(roles) \
            and self.fits


def questions(folder: Path = DATA) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for path in sorted(folder.glob("real_questions*.yaml")):
        out += yaml.safe_load(path.read_text(encoding="utf-8"))
    return out


def evaluate(bot: Bot, cases: list[dict[str, object]]) -> list[Result]:
    results = []
    for case in cases:
        reply = bot.answer(str(case["q"]))
        results.append(Result(str(case["q"]), str(case.get("source", "")),
                              (str(case["kind"]), tuple(case.get("roles") or ())),  # type: ignore[arg-type]
                              (reply.kind, tuple(r.id for r in reply.roles)),
                              fits_one_screen(reply)))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quiet", action="store_true", help="only the pass rate")
    parser.add_argument("--questions", metavar="FILE", type=Path,
                        help="another set in the same format (a held-out set), instead of ours")
    args = parser.parse_args()
    bot = Bot(load(), today=lambda: dt.date(2025, 1, 15))
    cases = (yaml.safe_load(args.questions.read_text(encoding="utf-8")) if args.questions
             else questions())
    results = evaluate(bot, cases)
    passed = sum(r.passed for r in results)
    print(f"{passed}/{len(results)} questions answered in the right shape "
          f"({passed / len(results):.1%})")
    sure = [r for r, case in zip(results, cases, strict=True) if not case.get("unsure")]
    if len(sure) < len(results):
        ok = sum(r.passed for r in sure)
        print(f"{ok}/{len(sure)} of those whose label is sure ({ok / len(sure):.1%})")
    if not args.questions:
        for path in sorted(DATA.glob("real_questions*.yaml")):
            some = evaluate(bot, yaml.safe_load(path.read_text(encoding="utf-8")))
            ok = sum(r.passed for r in some)
            print(f"  {path.name}: {ok}/{len(some)} ({ok / len(some):.1%})")
    if not args.quiet:
        for r in results:
            if not r.passed:
                print(f"- {r.question[:100]!r}\n    expected {r.expected[0]} {list(r.expected[1])}"
                      f", got {r.got[0]} {list(r.got[1])}"
                      + ("" if r.fits else ", longer than one screen"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
