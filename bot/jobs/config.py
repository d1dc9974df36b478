"""careerbot.yaml: when the digest runs, which feeds it reads and which channels get what.

Validated like the knowledge base: every problem names the file, the line and the field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from careerbot.bot.jobs.feeds import Feed
from careerbot.bot.kb.knowledge import KnowledgeError, Problem, parse_file
from careerbot.bot.kb.models import EmploymentType, Level, Slug, Workplace


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Filters(Strict):
    """What a channel wants; every filter given must match (an empty filter lets all through)."""

    roles: list[Slug] = []
    levels: list[Level] = []
    workplace: list[Workplace] = Field(default=[], validation_alias=AliasChoices(
        "workplace", "workplaces"))
    employment_types: list[EmploymentType] = Field(default=[], validation_alias=AliasChoices(
        "employment_types", "employment_type", "types"))
    min_salary: int | None = Field(default=None, ge=0, validation_alias=AliasChoices(
        "min_salary", "minimum_salary", "salary_min"))
    keywords: list[Annotated[str, StringConstraints(min_length=1)]] = []

    @model_validator(mode="before")
    @classmethod
    def _lists(cls, data: object) -> object:
        """A single value is a list of one: ``levels: senior`` means ``[senior]``."""
        if isinstance(data, dict):
            return {k: [v] if isinstance(v, str) and k != "min_salary" else v
                    for k, v in data.items()}
        return data


def _sexagesimal(value: object) -> object:
    """YAML 1.1 reads an unquoted 10:30 as the number 630 (minutes): take it back as 10:30."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return f"{value // 60:02d}:{value % 60:02d}"
    return value


TimeOfDay = Annotated[str, BeforeValidator(_sexagesimal),
                      StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


def known_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown IANA time zone {value!r} (e.g. Europe/Berlin)") from None
    return value


class Target(Strict):
    """Where the digest posts: a channel of the config, or a subscription made in the chat."""

    platform: Literal["slack", "discord"]
    #: A channel id, or for an alert the person's user id (the digest sends them a DM).
    channel: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]+$", max_length=40)] = (
        Field(validation_alias=AliasChoices("channel", "channel_id", "user")))
    filters: Filters = Filters()
    kind: Literal["channel", "alert"] = "channel"
    #: Its own time of day and time zone (else the digest's), and Monday to Friday only.
    time: TimeOfDay | None = None
    timezone: str | None = None
    weekdays: bool = False
    #: The number of a subscription made in the chat; None for the config's targets.
    id: int | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        return None if value is None else known_zone(value)

    @field_validator("channel", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value  # Discord ids read as numbers

    @property
    def key(self) -> str:
        """Where posts go: each job reaches it once, whichever subscription matched."""
        return f"{self.platform}:{self.channel}"

    @property
    def run_key(self) -> str:
        """Which schedule ran: every subscription of a channel has its own."""
        return self.key if self.id is None else f"{self.key}#{self.id}"


class Digest(Strict):
    time: TimeOfDay = "09:00"
    timezone: str = "UTC"
    max_jobs: int = Field(default=10, ge=1, le=100, validation_alias=AliasChoices(
        "max_jobs", "max_jobs_per_post", "max_per_post"))
    #: On a day without new jobs: post nothing ("skip") or a short note ("message").
    when_empty: Literal["skip", "message"] = "skip"
    database: str = Field(default="careerbot.sqlite3", validation_alias=AliasChoices(
        "database", "db", "state", "state_path", "store"))
    #: Channels posted to at once; more wait their turn.
    concurrency: int = Field(default=4, ge=1, le=32)
    #: A claim on a (channel, job) not marked posted after this long is from a run that died;
    #: another run may take it over (and repeat at most that one message).
    claim_timeout_s: float = Field(default=300, gt=0, le=86_400)
    #: Largest feed body read, in bytes: a larger one fails that fetch (is never truncated).
    max_feed_bytes: int = Field(default=5 * 1024 * 1024, ge=1024, le=100 * 1024 * 1024)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return known_zone(value)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def clock_time(self) -> dt.time:
        hour, minute = map(int, self.time.split(":"))
        return dt.time(hour, minute)


class Config(Strict):
    digest: Digest = Digest()
    feeds: list[Feed] = []
    #: Channels of the config; channels and people may also subscribe from the chat.
    targets: list[Target] = Field(default=[], validation_alias=AliasChoices(
        "targets", "channels"))
    #: Slack user ids (besides workspace admins and owners) who may manage a channel's
    #: subscriptions from the chat.
    managers: list[str] = Field(default=[], validation_alias=AliasChoices("managers", "admins"))

    @model_validator(mode="before")
    @classmethod
    def _flat_digest(cls, data: object) -> object:
        """Digest settings may also sit at the top level (``time: "09:00"``)."""
        if not isinstance(data, dict):
            return data
        names = {n for f in Digest.model_fields.values()
                 for n in (f.validation_alias.choices if isinstance(
                     f.validation_alias, AliasChoices) else ())} | set(Digest.model_fields)
        flat = {k: v for k, v in data.items() if k in names}
        if not flat:
            return data
        rest = {k: v for k, v in data.items() if k not in names}
        nested = rest.get("digest")
        return {**rest, "digest": {**flat, **(nested if isinstance(nested, dict) else {})}}


def load_config(path: Path) -> Config:
    """Load and check a config file; raises KnowledgeError listing every problem."""
    if not path.exists():
        raise KnowledgeError([Problem(str(path), 1, "", "config file not found")])
    problems: list[Problem] = []
    loaded = parse_file(path, Config, problems)
    if loaded is None:
        raise KnowledgeError(problems)
    config: Config = loaded.model  # type: ignore[assignment]
    names: set[str] = set()
    for i, feed in enumerate(config.feeds):
        if feed.name in names:
            problems.append(loaded.problem(("feeds", i, "name"), f"duplicate feed '{feed.name}'"))
        names.add(feed.name)
        if feed.type == "rss" and not feed.url:
            problems.append(loaded.problem(("feeds", i), "an rss feed needs a url"))
        if feed.type != "rss" and not (feed.board or feed.url):
            problems.append(loaded.problem(("feeds", i), f"a {feed.type} feed needs a board"))
    seen: set[str] = set()
    for i, target in enumerate(config.targets):
        if target.key in seen:
            problems.append(loaded.problem(("targets", i, "channel"),
                                           f"{target.key} is listed twice"))
        seen.add(target.key)
    if problems:
        raise KnowledgeError(problems)
    return config
