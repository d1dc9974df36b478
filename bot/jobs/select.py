"""Featured-job filtering shared by the chat `jobs` answer, the CLI and (later) the digest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from careerbot.bot.answer.reply import JobItem
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.kb.models import Job, Level, Money


@dataclass(frozen=True)
class JobFilter:
    roles: tuple[str, ...] = ()
    level: Level | None = None
    remote: bool = False
    min_salary: int | None = None

    def describe(self, kb: KnowledgeBase) -> str:
        parts = [kb.roles[r].title for r in self.roles if r in kb.roles]
        if self.level:
            parts.append(f"{self.level} level")
        if self.remote:
            parts.append("remote")
        if self.min_salary:
            parts.append(f"paying at least {self.min_salary:,}")
        return ", ".join(parts)


def is_open(job: Job, today: dt.date) -> bool:
    return job.expires is None or job.expires >= today


def is_current(kb: KnowledgeBase, job: Job, today: dt.date) -> bool:
    """Listed at all: open today, and, for a curated job, one for a data or AI role (a feed is
    chosen by whoever configured it; the curated list is ours)."""
    return is_open(job, today) and (job.source != "curated" or kb.is_data_job(job))


#: Said when no job is current: how the list gets filled, for the admin reading along.
NO_JOBS_HELP = ("No featured jobs are open right now. An admin can add job feeds (RSS/Atom, "
                "Greenhouse or Lever boards) under `feeds:` in careerbot.yaml, or curated jobs "
                "in knowledge/jobs.yaml; see the README, \"Jobs and the daily digest\".")


def select(kb: KnowledgeBase, jobs: Sequence[Job], wanted: JobFilter, today: dt.date) -> list[Job]:
    """Open jobs matching every filter, newest first."""
    out = []
    for job in jobs:
        if not is_current(kb, job, today):
            continue
        if wanted.roles and not set(wanted.roles) & set(kb.job_roles(job)):
            continue
        if wanted.level and job.level != wanted.level:
            continue
        if wanted.remote and job.workplace != "remote":
            continue
        if wanted.min_salary and (job.salary is None or job.salary.max < wanted.min_salary):
            continue
        out.append(job)
    return sorted(out, key=lambda j: j.posted, reverse=True)


def thousands(value: int) -> str:
    """Pay in thousands, as job boards write it: 120000 -> "120K"."""
    return f"{value / 1000:.0f}K" if value >= 1000 else str(value)


def format_money(money: Money | None) -> str | None:
    if money is None:
        return None

    def k(v: int) -> str:
        return thousands(v) if money.period == "year" else f"{v:,}"

    span = k(money.min) if money.min == money.max else f"{k(money.min)} - {k(money.max)}"
    return f"{money.currency} {span} per {money.period}"


def item(kb: KnowledgeBase, job: Job) -> JobItem:
    return JobItem(
        id=job.id, title=job.title, company=job.company, location=job.location,
        workplace=job.workplace, employment_type=job.employment_type, level=job.level,
        salary=format_money(job.salary), url=job.url, posted=job.posted.isoformat(),
        roles=kb.job_roles(job),
    )
