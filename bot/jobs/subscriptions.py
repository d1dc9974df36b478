"""Digest subscriptions made in the chat: a channel subscribes to the daily digest with filters,
a person asks for an alert by direct message, anyone lists them, managers stop them.

Platform-neutral: an adapter says who asks, where, and whether they may manage the channel
(:class:`Requester`); this module reads the words, checks the limits and keeps the
subscriptions in the store beside the digest state. Filters are read the way questions are:
roles fuzzy ("data eng", "MLE"), levels and workplaces from the intent vocabulary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from zoneinfo import available_timezones

from rapidfuzz import fuzz, process

from careerbot.bot.answer.reply import Reply, Section
from careerbot.bot.jobs.config import Digest, Filters, Target
from careerbot.bot.jobs.store import Store, Subscription
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.kb.models import LEVELS
from careerbot.bot.understand.intents import Vocabulary, _compile
from careerbot.bot.understand.money import pay_floor
from careerbot.bot.understand.text import plain

#: Subscriptions one channel may have, and alerts one person may have.
MAX_PER_CHANNEL = 20
MAX_ALERTS = 5

_TIME = re.compile(r"\bat\s+(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?\b", re.IGNORECASE)
_ZONE = re.compile(r"\b(?:tz|time ?zone)\s*:?\s*([A-Za-z_]+(?:/[A-Za-z_+-]+){0,2})|"
                   r"\b([A-Z][A-Za-z_]+/[A-Za-z_+-]+(?:/[A-Za-z_+-]+)?)\b")
_KEYWORDS = re.compile(r"\bkeywords?\s*:?\s*(.+)$", re.IGNORECASE)
_NUMBERS = re.compile(r"\b(all|\d+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Requester:
    """Who sends a subscription command, from where, and what they may do there."""

    platform: Literal["slack", "discord"]
    channel: str
    user: str
    #: "#data-jobs": how confirmations name the channel.
    channel_label: str = "this channel"
    may_manage: bool = False
    #: Said (privately) when ``may_manage`` is false and they try to change the channel's.
    refusal: str = "Only channel managers can change this channel's subscriptions."
    #: The person's own time zone, when the platform tells it (alerts use it).
    timezone: str | None = None


@dataclass(frozen=True)
class Parsed:
    filters: Filters
    time: str | None
    timezone: str | None
    weekdays: bool


class ParseError(ValueError):
    """Words a subscription could not use, with what they may have meant."""


class Subscriptions:
    def __init__(self, kb: KnowledgeBase, vocabulary: Vocabulary, store: Store, digest: Digest,
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> None:
        words = kb.intents.subscriptions if kb.intents else None
        if words is None:
            raise ValueError("the intent vocabulary has no 'subscriptions' words")
        self.kb, self.vocabulary, self.store, self.digest, self.clock = (
            kb, vocabulary, store, digest, clock)
        self.words = words
        self._starts = {name: _compile(getattr(words, name)) for name in (
            "alert_stop", "alerts", "alert", "unsubscribe", "list", "subscribe")}
        self._weekdays = _compile(words.weekdays)
        self._filler = {w for phrase in words.filler for w in phrase.lower().split()}

    def use(self, kb: KnowledgeBase, vocabulary: Vocabulary) -> None:
        """A reloaded knowledge base (``serve``'s hot reload)."""
        self.__init__(kb, vocabulary, self.store, self.digest, self.clock)  # type: ignore[misc]

    # ---- what the message asks -----------------------------------------------------------

    def command_of(self, text: str) -> str | None:
        """Which subscription command ``text`` is ("subscribe", "alerts"...), or None."""
        words = plain(text)
        for name, pattern in self._starts.items():
            found = pattern.search(words)
            if found and (found.start() == 0 or name == "subscribe"):
                return name
        return None

    def handle(self, text: str, who: Requester) -> Reply | None:
        """The reply to a subscription command, or None when ``text`` is not one."""
        command = self.command_of(text)
        if command is None:
            return None
        rest = self._starts[command].sub(" ", plain(text), count=1).strip()
        raw_rest = _after_command(text, command)
        match command:
            case "list":
                return self._list(who)
            case "alerts":
                return self._list(who, alerts=True)
            case "unsubscribe":
                return self._remove(rest, who)
            case "alert_stop":
                return self._remove(rest, who, alerts=True)
            case "alert":
                return self._add(raw_rest, who, alert=True)
            case _:
                return self._add(raw_rest, who, alert=False)

    # ---- reading filters ---------------------------------------------------------------------

    def parse(self, text: str, default_zone: str | None = None) -> Parsed:
        """Filters, time, zone and weekdays from the words after the command."""
        rest = text
        keywords: list[str] = []
        found = _KEYWORDS.search(rest)
        if found:
            keywords = [k for k in re.split(r"[,\s]+", found.group(1)) if k][:10]
            rest = rest[: found.start()]
        zone = default_zone
        found = _ZONE.search(rest)
        if found:
            zone = self._zone(found.group(1) or found.group(2))
            rest = rest[: found.start()] + " " + rest[found.end():]
        time = None
        found = _TIME.search(rest)
        if found:
            time = _clock(found)
            rest = rest[: found.start()] + " " + rest[found.end():]
        min_salary, rest = pay_floor(rest)
        words = plain(rest)
        weekdays = bool(self._weekdays.search(words))
        words = self._weekdays.sub(" ", words)
        levels = [level for level, pattern in self.vocabulary.levels if pattern.search(words)]
        for _, pattern in self.vocabulary.levels:
            words = pattern.sub(" ", words)
        workplace = [place for place, pattern in self.vocabulary.workplaces.items()
                     if pattern.search(words)]
        for pattern in self.vocabulary.workplaces.values():
            words = pattern.sub(" ", words)
        # A subscription is about careers, so fields count ("data engineering").
        found = self.kb.matcher.find(words).lenient()
        roles = [r for r in found.roles if r in self.kb.roles]
        taken = {i for span in found.spans if span.role_id in self.kb.roles
                 for i in range(span.start, span.end)}
        leftover = " ".join(w for i, w in enumerate(found.words) if i not in taken
                            and w not in self._filler and not w.isdigit())
        if leftover:
            close = self.kb.matcher.closest(leftover, whole=True, cutoff=60)
            hint = (" Did you mean " + " or ".join(self.kb.roles[r].title for r in close) + "?"
                    if close else " Try a role (data engineer, MLE), a level, remote, "
                                  "min 120k, at 09:00, tz Europe/Berlin.")
            raise ParseError(f"I did not understand '{leftover}'.{hint}")
        filters = Filters(roles=roles, levels=[lv for lv in LEVELS if lv in levels],
                          workplace=workplace, min_salary=min_salary, keywords=keywords)
        return Parsed(filters, time, zone, weekdays)

    def _zone(self, name: str) -> str:
        zones = _zones()
        exact = {z.lower(): z for z in zones}.get(name.lower())
        if exact:
            return exact
        close = [z for z, _, _ in process.extract(name, zones, scorer=fuzz.WRatio, limit=3)]
        raise ParseError(f"I do not know the time zone '{name}'. Did you mean "
                         f"{', '.join(close)}?")

    # ---- the commands ------------------------------------------------------------------------

    def _add(self, text: str, who: Requester, alert: bool) -> Reply:
        if not alert and not who.may_manage:
            return _private(who.refusal + " You can still get your own alerts: "
                            "`/careerbot alert me data engineer remote`.")
        try:
            parsed = self.parse(text, who.timezone if alert else None)
        except ParseError as exc:
            return _private(str(exc))
        target = Target(platform=who.platform, channel=who.user if alert else who.channel,
                        filters=parsed.filters, kind="alert" if alert else "channel",
                        time=parsed.time, timezone=parsed.timezone, weekdays=parsed.weekdays)
        limit = MAX_ALERTS if alert else MAX_PER_CHANNEL
        stored = self.store.add_subscription(target, who.user, self.clock(), limit)
        if stored is None:
            whose = "You have" if alert else f"{who.channel_label} has"
            return _private(f"{whose} {limit} {'alerts' if alert else 'subscriptions'} already, "
                            f"the most allowed; stop one first.")
        where = "Alert for you" if alert else f"Subscribed {who.channel_label}"
        text = f"{where}: {self.describe(stored)}."
        if alert:
            text += " I will send you a direct message when matching jobs appear (once a day)."
        return Reply(kind="subscription", title="Subscribed" if not alert else "Alert set",
                     text=text, fallback=text)

    def _mine(self, who: Requester, alerts: bool) -> list[Subscription]:
        return [s for s in self.store.subscriptions() if s.target.platform == who.platform
                and (s.target.kind == "alert" and s.target.channel == who.user if alerts
                     else s.target.kind == "channel" and s.target.channel == who.channel)]

    def _list(self, who: Requester, alerts: bool = False) -> Reply:
        subs = self._mine(who, alerts)
        noun = "alerts" if alerts else "subscriptions"
        if not subs:
            how = ("`/careerbot alert me ROLE ...`" if alerts
                   else "`/careerbot subscribe ROLE [level] [remote] [at 09:00] [tz ZONE]`")
            text = f"No {noun} {'for you' if alerts else 'in ' + who.channel_label} yet; {how}."
            return Reply(kind="subscription", title=f"No {noun}", text=text, fallback=text)
        items = [f"{s.target.id}. {self.describe(s.target)}; next post "
                 f"{self.next_post(s.target):%a %d %b %H:%M %Z}"
                 + (f" (paused: {s.paused})" if s.paused else "") for s in subs]
        title = f"{noun.capitalize()} {'for you' if alerts else 'in ' + who.channel_label}"
        stop = "`/careerbot alert stop N`" if alerts else "`/careerbot unsubscribe N`"
        return Reply(kind="subscription", title=title, text=f"Stop one with {stop} (or all).",
                     sections=[Section(heading=title, items=items)],
                     fallback=title + ": " + "; ".join(items))

    def _remove(self, text: str, who: Requester, alerts: bool = False) -> Reply:
        if not alerts and not who.may_manage:
            return _private(who.refusal)
        subs = self._mine(who, alerts)
        wanted = _NUMBERS.findall(text)
        if not wanted and len(subs) == 1:
            wanted = [str(subs[0].target.id)]
        if not wanted:
            return _private("Which one? Give its number from `/careerbot "
                            f"{'alerts' if alerts else 'subscriptions'}`, or `all`.")
        ids = ([s.target.id for s in subs] if any(w.lower() == "all" for w in wanted)
               else [int(w) for w in wanted])
        known = {s.target.id for s in subs}
        unknown = [i for i in ids if i not in known]
        if unknown:
            return _private(f"No {'alert' if alerts else 'subscription'} number "
                            f"{', '.join(map(str, unknown))} here; see `/careerbot "
                            f"{'alerts' if alerts else 'subscriptions'}`.")
        removed = self.store.remove_subscriptions(i for i in ids if i is not None)
        text = (f"Stopped {removed} {'alert' if alerts else 'subscription'}"
                f"{'s' if removed != 1 else ''}"
                + ("" if alerts else f" in {who.channel_label}") + ".")
        return Reply(kind="subscription", title="Stopped", text=text, fallback=text)

    # ---- saying it back ----------------------------------------------------------------------

    def describe(self, target: Target) -> str:
        """"data engineer, senior, remote, weekdays 09:00 Europe/Berlin"."""
        f = target.filters
        parts = [self.kb.roles[r].title if r in self.kb.roles else r for r in f.roles]
        parts = parts or ["all roles"]
        parts += f.levels + f.workplace + f.employment_types
        if f.min_salary:
            parts.append(f"at least {f.min_salary:,} a year")
        if f.keywords:
            parts.append("keywords " + " ".join(f.keywords))
        when = f"{'weekdays' if target.weekdays else 'daily'} {self.time_of(target)} " \
               f"{self.zone_of(target)}"
        return ", ".join(parts) + ", " + when

    def time_of(self, target: Target) -> str:
        return target.time or self.digest.time

    def zone_of(self, target: Target) -> str:
        return target.timezone or self.digest.timezone

    def next_post(self, target: Target) -> dt.datetime:
        from careerbot.bot.jobs.digest import next_run_of

        return next_run_of(self.clock(), target, self.digest)


def _after_command(text: str, command: str) -> str:
    """The original words after the command word(s) (keeps "Europe/Berlin" and "$120k")."""
    stripped = re.sub(r"^\s*(?:<@\w+>|@\w+)\s*", "", text.strip())
    first = {"alert_stop": 2, "alerts": 1, "alert": 1, "unsubscribe": 1, "list": 1,
             "subscribe": 0}[command]
    if command == "subscribe" and stripped.lower().startswith("subscribe"):
        first = 1
    if command == "alert" and re.match(r"(?i)\s*\S+\s+me\b", stripped):
        first = 2
    return " ".join(stripped.split()[first:])


def _clock(found: re.Match[str]) -> str:
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if (found.group(3) or "").lower() == "pm" and hour < 12:
        hour += 12
    if (found.group(3) or "").lower() == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise ParseError(f"'{found.group(0)}' is not a time of day; try 'at 09:00'.")
    return f"{hour:02d}:{minute:02d}"


_ZONES: list[str] = []


def _zones() -> list[str]:
    if not _ZONES:
        _ZONES.extend(sorted(z for z in available_timezones() if "/" in z or z == "UTC"))
    return _ZONES


def _private(text: str) -> Reply:
    """A refusal or a question back: only the asker sees it."""
    return Reply(kind="error", title="Subscriptions", text=text, fallback=text)

