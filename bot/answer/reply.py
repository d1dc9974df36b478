"""The platform-neutral reply document every renderer (console, Slack, Discord) consumes.

It carries structure, never markup: renderers decide how a heading or a link looks, and escape
text for their platform. ``fallback`` is a short plain-text version for notifications.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

#: What a reply is, for renderers and for anyone checking answers (``--format json``):
#: compare (two or more roles side by side), profile (one role: what it is, with its tasks and
#: pay, in full, or in brief when the role is named alone), section (one or more sections of
#: one role; a question about a role that we cannot place gets its definition), salary (pay by
#: level, one or more roles),
#: transition (a move from a role or background to a role, or how to get into one),
#: recommend (roles that suit the asker, with reasons), jobs (featured listings), roles (the
#: role list), help, suggest ("did you mean"), error, smalltalk, subscription (a digest
#: subscription or alert set, listed or stopped from the chat).
ReplyKind = Literal[
    "compare", "profile", "section", "salary", "transition", "recommend", "jobs", "roles", "help",
    "suggest", "error", "smalltalk", "subscription",
]


class Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first use


class Section(Doc):
    heading: str
    text: str = ""
    items: list[str] = []


class RoleRef(Doc):
    id: str
    title: str


class Row(Doc):
    """One section of a comparison: ``cells[i]`` belongs to ``Comparison.roles[i]``."""

    heading: str
    cells: list[list[str]]


class Comparison(Doc):
    roles: list[RoleRef]
    rows: list[Row]
    #: What every compared role has ("Skills in common", ...), then what only one role has.
    shared: list[Section] = []
    only: list[Section] = []


class JobItem(Doc):
    id: str
    title: str
    company: str
    location: str
    workplace: str
    employment_type: str
    level: str
    salary: str | None
    url: str | None = None
    posted: str
    roles: list[str] = []
    #: Heading the job is listed under (the digest groups jobs by role family).
    group: str | None = None


class Suggestion(Doc):
    """Something the user can ask next; ``role_id`` lets adapters offer it as a button."""

    label: str
    ask: str
    role_id: str | None = None


class ChartRow(Doc):
    """One range of a pay chart: the middle half and the median, with its number of answers."""

    label: str
    p25: int
    median: int
    p75: int
    n: int


class Chart(Doc):
    """Data for a picture, drawn by the adapters (a PNG in Slack, Discord and the console)."""

    title: str
    rows: list[ChartRow]
    unit: str = "USD"


class Reply(Doc):
    kind: ReplyKind
    title: str
    text: str = ""
    sections: list[Section] = []
    comparison: Comparison | None = None
    jobs: list[JobItem] = []
    suggestions: list[Suggestion] = []
    #: Roles this reply is about (adapters use them for "Jobs for this role" style buttons).
    roles: list[RoleRef] = []
    notes: list[str] = []
    #: A pay chart, when one was asked for ("salary chart").
    chart: Chart | None = None
    #: The reply is about one role as a whole (a profile, or the brief answer): adapters offer
    #: its related roles as one "Compare with..." menu, and the engine its open jobs.
    about_role: bool = False
    fallback: str
