"""Warnings about knowledge that is valid but may no longer be true: old sources, closed jobs,
figures nobody vouches for, sources nobody can look up. ``careerbot validate`` prints them;
``--strict`` (what CI runs) treats them as errors.

It reads the files again, raw, so a warning names the line and so citation markers ("[2]") are
still there to be checked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from careerbot.bot.kb.knowledge import Problem, parse_file
from careerbot.bot.kb.models import CITATION, CURATED_DAYS, PROSE, JobsFile, Role

#: A source older than this many years is worth checking again.
STALE_YEARS = 3
#: A figure: a count of years or months, a percentage, or an amount of money.
FIGURE = re.compile(r"(?<![\w.-])(?:[$€£]\s?\d[\d,.]*\s*[kKmM]?\b|\d[\d,.]*(?:\s*[-–]\s*\d[\d,.]*)?"
                    r"\s*(?:\+|%|percent\b|(?:\+\s*|\s+or\s+more\s+)?(?:years?|yrs|months?)\b))")


def audit(root: Path, today: dt.date) -> list[Problem]:
    """Every warning for the knowledge base in ``root``, file by file."""
    warnings: list[Problem] = []
    for path in sorted((root / "roles").glob("*.yaml")):
        warnings += _role(path, today)
    jobs = root / "jobs.yaml"
    if jobs.exists():
        warnings += _jobs(jobs, today)
    return warnings


def _role(path: Path, today: dt.date) -> list[Problem]:
    loaded = parse_file(path, Role, [])
    if loaded is None:
        return []  # errors, not warnings: load() reports them
    role: Role = loaded.model  # type: ignore[assignment]
    out: list[Problem] = []
    sourced = [(("sources", i), s) for i, s in enumerate(role.sources)]
    if role.outlook.source:
        sourced.append((("outlook", "source"), role.outlook.source))
    for where, source in sourced:
        if source.year < today.year - STALE_YEARS:
            out.append(loaded.problem((*where, "year"), f"source from {source.year} is more than "
                                      f"{STALE_YEARS} years old; check it or replace it"))
        if not source.url:
            out.append(loaded.problem(where, f"source '{source.title}' has no address (url)"))
    for where, text in _strings(loaded.located.data, PROSE):
        if FIGURE.search(text) and not CITATION.search(text):
            figure = FIGURE.search(text).group(0)  # type: ignore[union-attr]
            out.append(loaded.problem(where, f"'{figure}' has no source: cite one of the role's "
                                      "sources as [n], or remove the figure"))
    return out


def _strings(data: Any, fields: tuple[str, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    def walk(value: Any, where: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from walk(item, (*where, i))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*where, key))

    for name in fields:
        yield from walk(data.get(name), (name,))


def _jobs(path: Path, today: dt.date) -> list[Problem]:
    loaded = parse_file(path, JobsFile, [])
    if loaded is None:
        return []
    out = []
    for i, job in enumerate(loaded.model.jobs):  # type: ignore[attr-defined]
        closes = job.expires or job.posted + dt.timedelta(days=CURATED_DAYS)
        if closes < today:
            field = "expires" if job.expires else "posted"
            out.append(loaded.problem(("jobs", i, field), f"job '{job.id}' closed on {closes} "
                                      f"and is no longer listed; remove it or give it a later "
                                      "expires"))
    return out
