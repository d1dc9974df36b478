"""Job feeds: RSS/Atom, Greenhouse and Lever job boards, normalised to the one ``Job`` model.

Parsing is pure (text or JSON in, jobs out). Fetching goes through an injected ``Fetch``
callable, so the core stays free of HTTP details and tests can serve real feed shapes locally.
A feed that fails to fetch or parse is *unknown this time* (``None``), never *empty* (``[]``).
"""

from __future__ import annotations

import asyncio
import calendar
import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from careerbot.bot.kb.models import EmploymentType, Job, Level, Money, Workplace

log = logging.getLogger("careerbot.feeds")

#: (url) -> response body text; raises on network errors, timeouts and non-2xx statuses.
Fetch = Callable[[str], Awaitable[str]]

GREENHOUSE = "https://boards-api.greenhouse.io/v1/boards/{board}/jobs"
LEVER = "https://api.lever.co/v0/postings/{board}?mode=json"
_TRACKING = re.compile(r"^(utm_.*|gh_src|gh_jid_src|lever-source.*|lever-origin|ref|source|"
                       r"fbclid|gclid|mc_cid|mc_eid|trk|trackingid)$", re.IGNORECASE)


class Feed(BaseModel):
    """One configured feed, from the ``feeds`` list of careerbot.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
    type: Literal["rss", "greenhouse", "lever"]
    #: Greenhouse/Lever board token (the company's slug); not used by RSS.
    board: str | None = None
    #: RSS/Atom address; for Greenhouse/Lever an override of the public API address (a proxy,
    #: a regional host), used as given and answering the same JSON.
    url: str | None = None
    company: str | None = None
    workplace: Workplace | None = None
    timeout_s: float = Field(default=20, gt=0, le=120)

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        """Only http(s): a typo like ``boards.example/jobs`` fails at load, not every run."""
        if value is None:
            return None
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise ValueError(f"url must be an http:// or https:// address, not {value!r}")
        return value

    def address(self) -> str:
        if self.url:
            return self.url
        if self.type == "greenhouse":
            return GREENHOUSE.format(board=self.board)
        if self.type == "lever":
            return LEVER.format(board=self.board)
        raise ValueError(f"feed {self.name}: an rss feed needs a url")


# ---- identity ------------------------------------------------------------------------------


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, sorted query."""
    parts = urlsplit(url.strip())
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _TRACKING.match(k))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def job_key(job: Job) -> str:
    """Stable across runs and processes: source plus the feed's id, else a hash of the URL."""
    if job.source == "curated":
        return f"curated:{job.id}"
    if job.guid:
        return f"{job.source}:{job.guid}"
    return f"{job.source}:url:{hashlib.sha256(normalise_url(job.url or job.id).encode()).hexdigest()[:24]}"


def _job_id(source: str, ident: str) -> str:
    return f"{source}-{hashlib.sha256(ident.encode()).hexdigest()[:12]}"


# ---- guessing what feeds do not say --------------------------------------------------------


def level_from_title(title: str) -> Level:
    t = title.lower()
    if re.search(r"\b(intern|internship|junior|jr|graduate|entry|trainee|apprentice)\b", t):
        return "entry"
    if re.search(r"\b(head|director|vp|vice president|chief|cdo|cto)\b", t):
        return "executive"
    if re.search(r"\b(senior|sr|staff|principal|lead)\b", t):
        return "senior"
    return "mid"


def workplace_from(text: str, default: Workplace | None) -> Workplace:
    t = text.lower()
    if "hybrid" in t:
        return "hybrid"
    if "remote" in t or "anywhere" in t:
        return "remote"
    return default or "on-site"


_INTERNSHIP = re.compile(r"\b(intern|internship|internships)\b", re.IGNORECASE)
_PART_TIME = re.compile(r"\bpart[- ]?time\b", re.IGNORECASE)
_CONTRACT = re.compile(r"\b(contract|contractor|contractors|freelance|freelancer|"
                       r"temporary|temp)\b", re.IGNORECASE)


def employment_from(text: str) -> EmploymentType:
    """Whole words only: "Department" is not part-time and "International" not an internship."""
    if _INTERNSHIP.search(text):
        return "internship"
    if _PART_TIME.search(text):
        return "part-time"
    if _CONTRACT.search(text):
        return "contract"
    return "full-time"


def _date(value: Any, fallback: dt.date) -> dt.date:
    if isinstance(value, int | float):  # Lever: milliseconds since the epoch
        return dt.datetime.fromtimestamp(value / 1000, dt.UTC).date()
    if isinstance(value, str) and value:
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            return fallback
    return fallback


def _job(feed: Feed, *, guid: str | None, title: str, url: str, location: str,
         posted: dt.date, workplace: Workplace | None = None, commitment: str = "",
         salary: Money | None = None, company: str | None = None) -> Job | None:
    title = " ".join(title.split())
    if not title or not re.match(r"^https?://\S+$", url or ""):
        return None
    ident = guid or normalise_url(url)
    return Job(
        id=_job_id(feed.name, ident), title=title[:300],
        company=(company or feed.company or feed.board or feed.name)[:200],
        location=(" ".join(location.split()) or "Not stated")[:200],
        workplace=workplace or workplace_from(f"{location} {title}", feed.workplace),
        employment_type=employment_from(f"{commitment} {title}"),
        level=level_from_title(title), salary=salary, url=url, posted=posted,
        source=feed.name, guid=guid,
    )


# ---- parsers -------------------------------------------------------------------------------


def parse_greenhouse(feed: Feed, body: str, today: dt.date) -> list[Job]:
    data = json.loads(body)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        raise ValueError("expected a JSON object with a list of jobs")
    jobs = []
    for item in data["jobs"]:
        job = _job(feed, guid=str(item["id"]), title=str(item.get("title") or ""),
                   url=str(item.get("absolute_url") or ""),
                   location=str((item.get("location") or {}).get("name") or ""),
                   posted=_date(item.get("first_published") or item.get("updated_at"), today),
                   company=item.get("company_name"))
        if job:
            jobs.append(job)
    return jobs


def _lever_salary(item: dict[str, Any]) -> Money | None:
    pay = item.get("salaryRange") or {}
    interval = str(pay.get("interval") or "")
    period = "year" if "year" in interval else "month" if "month" in interval else (
        "hour" if "hour" in interval else None)
    try:
        if period and pay.get("currency"):
            return Money(min=int(pay["min"]), max=int(pay["max"]),
                         currency=str(pay["currency"]).upper(), period=period)
    except (KeyError, TypeError, ValueError):
        pass
    return None


def parse_lever(feed: Feed, body: str, today: dt.date) -> list[Job]:
    data = json.loads(body)
    if not isinstance(data, list):
        raise ValueError("expected a JSON list of postings")
    jobs = []
    for item in data:
        categories = item.get("categories") or {}
        kind = str(item.get("workplaceType") or "").lower()
        workplace: Workplace | None = {"remote": "remote", "hybrid": "hybrid",
                                       "onsite": "on-site", "on-site": "on-site"}.get(kind)
        job = _job(feed, guid=str(item["id"]), title=str(item.get("text") or ""),
                   url=str(item.get("hostedUrl") or item.get("applyUrl") or ""),
                   location=str(categories.get("location") or ""),
                   posted=_date(item.get("createdAt"), today), workplace=workplace,
                   commitment=str(categories.get("commitment") or ""),
                   salary=_lever_salary(item))
        if job:
            jobs.append(job)
    return jobs


def parse_rss(feed: Feed, body: str, today: dt.date) -> list[Job]:
    import feedparser  # only the digest and `jobs --config` read feeds; answers never pay for it

    parsed = feedparser.parse(body)
    # A partial parse (a cut-off or broken document) would baseline or post only some jobs,
    # and a page that is no feed at all (an error page) would baseline none.
    if parsed.bozo:
        raise ValueError(f"not a well-formed feed: {parsed.get('bozo_exception')}")
    if not parsed.version:
        raise ValueError("not an RSS or Atom feed")
    jobs = []
    for entry in parsed.entries:
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        posted = (dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date()
                  if stamp else today)
        job = _job(feed, guid=entry.get("id") or None, title=str(entry.get("title") or ""),
                   url=str(entry.get("link") or ""),
                   location=str(entry.get("location") or ""),
                   posted=posted,
                   workplace=workplace_from(f"{entry.get('title', '')} "
                                            f"{entry.get('summary', '')}", feed.workplace))
        if job:
            jobs.append(job)
    return jobs


PARSERS = {"rss": parse_rss, "greenhouse": parse_greenhouse, "lever": parse_lever}


async def fetch_feed(feed: Feed, fetch: Fetch, today: dt.date) -> list[Job] | None:
    """The feed's jobs, or None when it could not be fetched or parsed this time."""
    try:
        body = await asyncio.wait_for(fetch(feed.address()), feed.timeout_s)
        # Parsing a feed of megabytes takes a while: off the event loop, chat keeps answering.
        return await asyncio.to_thread(PARSERS[feed.type], feed, body, today)
    except Exception as exc:  # noqa: BLE001 - any failure makes the feed unknown this time
        log.warning("feed %s unavailable this time: %s: %s", feed.name, type(exc).__name__,
                    str(exc)[:200])
        return None


async def fetch_all(feeds: Sequence[Feed], fetch: Fetch, today: dt.date
                    ) -> dict[str, list[Job] | None]:
    results = await asyncio.gather(*(fetch_feed(f, fetch, today) for f in feeds))
    return {f.name: r for f, r in zip(feeds, results, strict=True)}
