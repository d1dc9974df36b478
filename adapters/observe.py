"""What ``serve`` tells its operators: Prometheus metrics (``GET /metrics``) and one log line per
handled message (platform, intent, roles, latency, a short hash of the user; never the text).

Adapters call :func:`answer` and :func:`command` instead of the bot directly, so every platform
is counted the same way.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Awaitable, Callable

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import generate_latest

from careerbot.bot.answer.reply import Reply
from careerbot.bot.engine import Bot
from careerbot.bot.jobs.digest import Report

log = logging.getLogger("careerbot.messages")

#: Replies that did not answer the question: help, "did you mean", small talk.
FALLBACKS = {"help", "suggest", "smalltalk"}


class Metrics:
    """One registry per server (not the global one), so tests and replicas start from zero."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.messages = Counter("careerbot_messages", "Messages answered, by platform and intent",
                                ["platform", "intent"], registry=self.registry)
        self.latency = Histogram("careerbot_answer_seconds", "Time to build an answer",
                                 ["platform"], registry=self.registry,
                                 buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                          0.5, 1, 2.5))
        self.unanswered = Counter("careerbot_unanswered",
                                  "Messages answered with help, a suggestion or small talk",
                                  ["platform"], registry=self.registry)
        self.digest_posts = Counter("careerbot_digest_posts",
                                    "Jobs the digest posted, by where the job came from",
                                    ["source"], registry=self.registry)
        self.digest_failures = Counter(
            "careerbot_digest_failures", "Digest failures: a feed unavailable (kind=feed) or a "
            "destination not posted to (kind=destination)", ["source", "kind"],
            registry=self.registry)
        self.store_errors = Counter("careerbot_store_errors", "Errors from the state database",
                                    ["operation"], registry=self.registry)

    def render(self) -> bytes:
        return generate_latest(self.registry)

    def digest(self, report: Report) -> None:
        for result in report.results:
            for job in result.posted:
                self.digest_posts.labels(source=job.source).inc()
            if result.error:
                self.digest_failures.labels(source=result.target.key, kind="destination").inc()
        for name in report.unknown_feeds:
            self.digest_failures.labels(source=name, kind="feed").inc()


def user_hash(user: str | None) -> str:
    """Enough to tell users apart in logs, not to find out who they are."""
    return hashlib.sha256((user or "").encode()).hexdigest()[:10] if user else "-"


async def _observed(metrics: Metrics | None, platform: str, user: str | None,
                    work: Callable[[], Awaitable[Reply]]) -> Reply:
    start = time.perf_counter()
    reply = await work()
    seconds = time.perf_counter() - start
    if metrics is not None:
        metrics.messages.labels(platform=platform, intent=reply.kind).inc()
        metrics.latency.labels(platform=platform).observe(seconds)
        if reply.kind in FALLBACKS:
            metrics.unanswered.labels(platform=platform).inc()
    log.info("answered %s %s", platform, reply.kind, extra={
        "platform": platform, "intent": reply.kind, "roles": [r.id for r in reply.roles],
        "ms": round(seconds * 1000, 2), "user": user_hash(user)})
    return reply


async def answer(bot: Bot, metrics: Metrics | None, platform: str, text: str,
                 conversation: str | None, user: str | None) -> Reply:
    return await _observed(metrics, platform, user,
                           lambda: bot.answer_async(text, conversation))


async def command(bot: Bot, metrics: Metrics | None, platform: str, name: str, text: str,
                  user: str | None) -> Reply:
    return await _observed(metrics, platform, user, lambda: bot.command_async(name, text))
