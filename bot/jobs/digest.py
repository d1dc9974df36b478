"""The daily digest: new featured jobs to each subscribed channel, each job at most once.

Order of work, chosen so that neither a crash nor a second digest running at the same time
(a cron job beside ``serve``, two replicas) loses or doubles a post: each chunk of jobs is first
claimed in the store for the channel (one transaction; jobs another run claimed are left to it),
then posted, then marked posted. A crash between claim and mark leaves a claim that a later run
takes over after ``claim_timeout_s``: that one message may be repeated, nothing is lost. A post
that fails gives its claims back, so the next run tries again.

Store calls run in a worker thread: the digest shares its event loop with the chat adapters.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from careerbot.bot.answer.reply import Reply
from careerbot.bot.jobs import select as joblist
from careerbot.bot.jobs.config import Config, Digest, Filters, Target
from careerbot.bot.jobs.feeds import Fetch, fetch_all, job_key
from careerbot.bot.jobs.store import Store
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.kb.models import Job

log = logging.getLogger("careerbot.digest")

#: Jobs per message: one chunk renders as one Slack message (50 blocks) and one Discord
#: message (6,000 characters), so "the message in flight" is one message.
CHUNK = 10


class Poster(Protocol):
    async def send(self, target: Target, reply: Reply) -> None:
        """Post a reply to the target's channel; raise if it could not be posted."""


@dataclass
class TargetResult:
    target: Target
    jobs: list[Job] = field(default_factory=list)
    posted: list[Job] = field(default_factory=list)
    messages: int = 0
    error: str | None = None
    note: str | None = None


@dataclass
class Report:
    day: dt.date
    results: list[TargetResult]
    unknown_feeds: list[str]
    baselined: dict[str, int]

    @property
    def ok(self) -> bool:
        return all(r.error is None for r in self.results)


def matches(kb: KnowledgeBase, job: Job, wanted: Filters) -> bool:
    if wanted.roles and not set(wanted.roles) & set(kb.job_roles(job)):
        return False
    if wanted.levels and job.level not in wanted.levels:
        return False
    if wanted.workplace and job.workplace not in wanted.workplace:
        return False
    if wanted.employment_types and job.employment_type not in wanted.employment_types:
        return False
    if wanted.min_salary and (job.salary is None or job.salary.period != "year"
                              or job.salary.max < wanted.min_salary):
        return False
    if wanted.keywords:
        text = f"{job.title} {job.company} {job.location}".lower()
        if not any(k.lower() in text for k in wanted.keywords):
            return False
    return True


def family(kb: KnowledgeBase, job: Job) -> str:
    roles = [kb.roles[r] for r in kb.job_roles(job) if r in kb.roles]
    return roles[0].family.capitalize() if roles else "Other"


def digest_reply(kb: KnowledgeBase, chunk: Sequence[Job], day: dt.date, part: int,
                 parts: int) -> Reply:
    """A compact job list grouped by role family."""
    ordered = sorted(chunk, key=lambda j: (family(kb, j) == "Other", family(kb, j), j.title))
    items = [joblist.item(kb, j).model_copy(update={"group": family(kb, j)}) for j in ordered]
    suffix = f" ({part} of {parts})" if parts > 1 else ""
    title = f"New featured jobs, {day.isoformat()}{suffix}"
    return Reply(kind="jobs", title=title, jobs=items,
                 text=f"{len(items)} new job{'s' if len(items) != 1 else ''} for this channel.",
                 fallback=f"{title}: " + "; ".join(f"{j.title} at {j.company}" for j in ordered))


def empty_reply(day: dt.date) -> Reply:
    text = f"No new featured jobs for this channel today ({day.isoformat()})."
    return Reply(kind="jobs", title="No new jobs today", text=text, fallback=text)


async def gather_jobs(kb: KnowledgeBase, config: Config, store: Store, fetch: Fetch,
                      day: dt.date, now: dt.datetime, record: bool
                      ) -> tuple[list[Job], list[str], dict[str, int]]:
    """Curated jobs plus every feed that answered; a feed's first answer becomes its baseline."""
    results = await fetch_all(config.feeds, fetch, day)
    unknown = [name for name, found in results.items() if found is None]
    baselined: dict[str, int] = {}
    fresh_baseline: set[str] = set()
    out = list(kb.jobs)
    for name, found in results.items():
        if found is None:
            continue
        if not await asyncio.to_thread(store.has_baseline, name):
            keys = [job_key(j) for j in found]
            baselined[name] = len(keys)
            fresh_baseline.update(keys)
            if record:
                await asyncio.to_thread(store.add_baseline, name, keys, now)
        out += found
    hidden = await asyncio.to_thread(store.baseline_keys) | fresh_baseline
    return [j for j in out if job_key(j) not in hidden], unknown, baselined


async def run(kb: KnowledgeBase, config: Config, store: Store, fetch: Fetch,
              posters: dict[str, Poster], day: dt.date, now: Callable[[], dt.datetime],
              dry_run: bool = False, targets: Sequence[Target] | None = None) -> Report:
    """One digest for every target (or the ones given); ``dry_run`` posts and records nothing."""
    jobs, unknown, baselined = await gather_jobs(kb, config, store, fetch, day, now(),
                                                 record=not dry_run)
    gate = asyncio.Semaphore(config.digest.concurrency)

    owner = f"run-{uuid.uuid4().hex[:12]}"
    timeout = dt.timedelta(seconds=config.digest.claim_timeout_s)

    async def claimed(target: Target, keys: list[str]) -> list[str]:
        return await asyncio.to_thread(store.claim, target.key, keys, owner, now(), timeout)

    async def one(target: Target) -> TargetResult:
        result = TargetResult(target)
        already = await asyncio.to_thread(store.posted, target.key)
        seen: set[str] = set()
        for job in sorted(jobs, key=lambda j: (j.posted, j.id), reverse=True):
            key = job_key(job)
            if (key not in already and key not in seen and joblist.is_current(kb, job, day)
                    and matches(kb, job, target.filters)):
                seen.add(key)
                result.jobs.append(job)
        # An alert is one direct message a day; a channel gets up to max_jobs.
        result.jobs = result.jobs[: CHUNK if target.kind == "alert" else config.digest.max_jobs]
        if dry_run:
            return result
        poster = posters.get(target.platform)
        if poster is None:
            result.error = f"no {target.platform} credentials to post with"
            return result
        async with gate:
            try:
                chunks = [result.jobs[i:i + CHUNK] for i in range(0, len(result.jobs), CHUNK)]
                for i, chunk in enumerate(chunks, 1):
                    mine = set(await claimed(target, [job_key(j) for j in chunk]))
                    chunk = [j for j in chunk if job_key(j) in mine]
                    if chunk:
                        await post(target, digest_reply(kb, chunk, day, i, len(chunks)),
                                   [job_key(j) for j in chunk])
                        result.posted += chunk
                        result.messages += 1
                if (not chunks and config.digest.when_empty == "message"
                        and await claimed(target, [f"note:{day.isoformat()}"])):
                    await post(target, empty_reply(day), [f"note:{day.isoformat()}"])
                    result.messages += 1
                await asyncio.to_thread(store.record_run, target.run_key, day, now())
            except Exception as exc:  # noqa: BLE001 - one failing channel must not stop others
                result.error = f"{type(exc).__name__}: {exc}"[:300]
                log.error("digest to %s failed: %s", target.key, result.error)
                if target.id is not None and gone(exc):
                    result.note = f"subscription {target.id} paused: {result.error}"
                    log.warning("digest: %s", result.note)
                    await asyncio.to_thread(store.pause_subscription, target.id,
                                            f"{day.isoformat()}: {result.error}")
        return result

    async def post(target: Target, reply: Reply, keys: list[str]) -> None:
        try:
            await posters[target.platform].send(target, reply)
        except BaseException:
            await asyncio.shield(asyncio.to_thread(store.release, target.key, keys, owner))
            raise
        await asyncio.to_thread(store.mark_posted, target.key, keys, owner, now())

    chosen = list(targets if targets is not None
                  else await asyncio.to_thread(all_targets, config, store))
    results = await asyncio.gather(*(one(t) for t in chosen))
    return Report(day, list(results), unknown, baselined)


#: Errors that will not go away by themselves: the channel or person is gone, or the bot was
#: removed. A chat subscription that meets one is paused instead of failing every day.
GONE = ("channel_not_found", "not_in_channel", "is_archived", "user_not_found",
        "account_inactive", "user_disabled", "cannot_dm_bot", "missing_scope")


def gone(exc: BaseException) -> bool:
    return (type(exc).__name__ in ("NotFound", "Forbidden")
            or any(code in str(exc) for code in GONE))


# ---- schedule ------------------------------------------------------------------------------


def scheduled_at(day: dt.date, digest: Digest) -> dt.datetime:
    """The digest's moment on a local calendar day, as an aware datetime (DST-correct: the
    offset is that day's; a wall time skipped by a spring-forward runs an hour later)."""
    local = dt.datetime.combine(day, digest.clock_time, tzinfo=digest.zone)
    return local.astimezone(dt.UTC).astimezone(digest.zone)


def schedule_of(target: Target, digest: Digest) -> Digest:
    """The digest settings with the target's own time and zone, where it has them."""
    own = {k: v for k, v in (("time", target.time), ("timezone", target.timezone)) if v}
    return digest.model_copy(update=own) if own else digest


def next_run_of(now: dt.datetime, target: Target, digest: Digest) -> dt.datetime:
    """The target's next scheduled moment after ``now`` (weekdays only, if it asked)."""
    when = schedule_of(target, digest)
    today = now.astimezone(when.zone).date()
    for days in range(8):
        at = scheduled_at(today + dt.timedelta(days=days), when)
        if now < at and not (target.weekdays and at.weekday() >= 5):
            return at
    raise AssertionError("a week always has a weekday")


def all_targets(config: Config, store: Store) -> list[Target]:
    """The config's targets and the chat's subscriptions that are not paused."""
    return [*config.targets, *(s.target for s in store.subscriptions() if not s.paused)]


def due(now: dt.datetime, config: Config, store: Store,
        targets: Sequence[Target]) -> list[tuple[dt.date, Target]]:
    """Each target whose time has passed today (its own local day) and has not run today."""
    out = []
    for target in targets:
        when = schedule_of(target, config.digest)
        today = now.astimezone(when.zone).date()
        if target.weekdays and today.weekday() >= 5:
            continue
        if now >= scheduled_at(today, when) and not store.ran(target.run_key, today):
            out.append((today, target))
    return out


async def schedule(config: Config, store: Store,
                   run_for: Callable[[dt.date, list[Target]], Awaitable[object]],
                   clock: Callable[[], dt.datetime],
                   sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                   max_nap: float = 60.0) -> None:
    """Run the digest at the configured local time every day, forever.

    On start it catches up: if today's time has passed and a target has not run today, it
    runs now, once (the runs table remembers across restarts). Naps are short so a changed
    wall clock or a suspended machine is noticed.
    """
    while True:
        targets = await asyncio.to_thread(all_targets, config, store)
        pending = await asyncio.to_thread(due, clock(), config, store, targets)
        days = sorted({day for day, _ in pending})
        try:
            for day in days:
                await run_for(day, [t for d, t in pending if d == day])
        except Exception:  # noqa: BLE001 - keep the schedule alive; retried next time
            log.exception("digest run failed")
            await sleep(max_nap)
            continue
        now = clock()
        wake = min((next_run_of(now, t, config.digest) for t in targets),
                   default=now + dt.timedelta(seconds=max_nap))
        await sleep(max(0.0, min(max_nap, (wake - clock()).total_seconds())))
