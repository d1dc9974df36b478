"""What every renderer (text, Slack, Discord) writes the same way: a job's facts line, bullets,
and shortening text to a platform's limit without breaking an escape."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from careerbot.bot.answer.reply import JobItem

ELLIPSIS = "\u2026"
BULLET = "\u2022"


def job_facts(job: JobItem) -> list[str]:
    """Company, place, workplace, contract, level and pay, in that order."""
    facts = [job.company, job.location, job.workplace, job.employment_type, f"{job.level} level"]
    return [*facts, job.salary] if job.salary else facts


def bullets(items: Iterable[str], escape: Callable[[str], str] = str) -> str:
    return "\n".join(f"{BULLET} {escape(item)}" for item in items)


def cut(text: str, limit: int, broken_tail: re.Pattern[str] | None = None) -> str:
    """At most ``limit`` characters, ending in an ellipsis when shortened; ``broken_tail``
    matches the start of an escape the cut would split ("&am" in Slack, "\\" in Discord)."""
    if len(text) <= limit:
        return text
    text = text[: limit - 1]
    if broken_tail is not None:
        text = broken_tail.sub("", text)
    return text.rstrip() + ELLIPSIS
