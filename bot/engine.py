"""The bot: one object that answers chat messages and direct commands from a knowledge base.

Adapters (console, Slack, Discord) hold one ``Bot`` and call :meth:`Bot.answer` for free text or
the command methods for slash commands; all return a :class:`~careerbot.bot.answer.reply.Reply`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import re
import time
from collections.abc import Callable, Sequence

from careerbot.bot.answer import compare, profile, recommend, salary, transition
from careerbot.bot.answer.lines import article, ref
from careerbot.bot.answer.reply import Reply, Section, Suggestion
from careerbot.bot.jobs import select as jobs
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.kb.models import Job, Level, Role
from careerbot.bot.understand.context import Context, Contexts
from careerbot.bot.understand.intents import SECTIONS, Intent, Vocabulary, parse, vocabulary
from careerbot.bot.understand.text import plain, words

#: Longer messages are cut before matching: chat platforms cap messages anyway, and this bounds
#: the work any input can cause.
MAX_MESSAGE = 4000
_ROLE_NOUNS = re.compile(
    r"\b((?:\w+ ){0,3}(?:engineer|scientist|analyst|developer|manager|architect|officer|lead|"
    r"head|director|researcher|specialist|consultant|statistician|designer|vp|chief)s?"
    r"(?: of(?: \w+){1,2})?)\b"
)
_FILTER_WORDS = {"jobs", "job", "for", "in", "a", "an", "the", "only", "level", "roles", "any"}
_COMPARE_SPLIT = re.compile(r"\b(?:vs|versus|and|or|compare|compared|with|to|between)\b|,")


class UnknownRole(Exception):
    """A name the user typed matches no role; carries the closest role ids for suggestions."""

    def __init__(self, name: str, closest: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.closest = closest


class Bot:
    def __init__(self, kb: KnowledgeBase, today: Callable[[], dt.date] = dt.date.today,
                 feed_jobs: Callable[[], list[Job]] = list,
                 contexts: Contexts | None = None) -> None:
        """``feed_jobs`` supplies jobs from configured feeds (the digest's sources), if any;
        ``contexts`` remembers each conversation's roles for follow-up questions."""
        self.kb = kb
        self.today = today
        self.feed_jobs = feed_jobs
        self.contexts = contexts

    # ---- free text -----------------------------------------------------------------------

    def answer(self, message: str, conversation: str | None = None) -> Reply:
        """Answer a chat message; never raises for any text. ``conversation`` (a thread and
        user, say) lets a follow-up such as "and the tools?" refer to the answer before."""
        return self._with_jobs(self._answer(message[:MAX_MESSAGE], conversation))

    async def answer_async(self, message: str, conversation: str | None = None) -> Reply:
        """:meth:`answer` in a worker thread, for chat adapters: follow-ups read and write the
        context store (SQLite), which must not stall their event loop."""
        return await asyncio.to_thread(self.answer, message, conversation)

    async def command_async(self, name: str, text: str) -> Reply:
        """:meth:`command` in a worker thread (see :meth:`answer_async`)."""
        return await asyncio.to_thread(self.command, name, text)

    def _answer(self, message: str, conversation: str | None = None) -> Reply:
        intent = parse(message, self.kb.matcher, self.vocabulary)
        earlier = self._earlier(conversation, intent)
        if earlier:
            names = " vs ".join(self.kb.roles[r].title for r in earlier)
            intent = parse(f"{names}: {message}", self.kb.matcher, self.vocabulary)
            if intent.kind in ("brief", "profile", "compare") and (
                    intent.level or intent.places) and not intent.sections:
                # "and for a senior?", "what about in Germany?": pay, as before, there
                intent = dataclasses.replace(intent, kind="salary")
            intent.notes.append(f"About {names}, as in the answer before.")
        reply = self._reply(message, intent)
        fresh = [n for n in intent.notes if n not in reply.notes]
        if fresh:
            reply = reply.model_copy(update={"notes": [*fresh, *reply.notes]})
        if conversation and self.contexts is not None and reply.roles:
            self.contexts.put(conversation, Context(tuple(r.id for r in reply.roles),
                                                    reply.kind, time.time()))
        return reply

    def _earlier(self, conversation: str | None, intent: Intent) -> list[str]:
        """The roles of the conversation's last answer, when this message follows up on it."""
        if not conversation or self.contexts is None or intent.roles or intent.kind in (
                "jobs", "roles", "help", "smalltalk", "recommend") or len(intent.words) > 12:
            return []
        vocab = self.vocabulary
        text = " ".join(intent.words)
        asks = (vocab.follow_up.search(text) or vocab.salary.search(text) or intent.level
                or vocab.sections_in(text))
        context = self.contexts.get(conversation) if asks else None
        return [r for r in context.roles if r in self.kb.roles] if context else []

    def _reply(self, message: str, intent: Intent) -> Reply:
        roles = [self.kb.roles[r] for r in intent.roles]
        backgrounds = [self.kb.backgrounds[b] for b in intent.backgrounds]
        match intent.kind:
            case "help":
                return self.help()
            case "roles" if roles:
                return profile.around(self.kb, roles[0])
            case "roles":
                return self.roles()
            case "smalltalk":
                return Reply(kind="smalltalk", title="Happy to help!",
                             text="Ask me about another role any time.",
                             fallback="Happy to help!")
            case "jobs":
                return self.jobs(roles=intent.roles, level=intent.level, remote=intent.remote,
                                 min_salary=intent.min_salary)
            case "recommend":
                families = recommend.interests(intent.words, self.vocabulary.interests)
                return recommend.recommend(self.kb, roles, intent.tools, intent.words, families,
                                           backgrounds)
            case "salary":
                return salary.salary(self.kb, roles, intent.level, intent.places,
                                     intent.by_country, intent.workplace, intent.company_size,
                                     intent.chart)
            case "transition" if backgrounds and len(roles) <= intent.goals:
                # ("I'm a physicist, how do I get into AI/ML?": into each, from physics)
                return transition.also_into(transition.from_background(
                    self.kb, backgrounds[0], roles[0] if roles else None), None, roles[1:])
            case "transition" if not roles:
                return transition.getting_in(self.kb)
            case "transition":
                return transition.transition(self.kb, roles, intent.goals)
            case "compare" if intent.full:
                return compare.compare(self.kb, roles, intent.sections)
            case "compare" if intent.sections:
                return compare.some(self.kb, roles, intent.sections)
            case "compare":
                return compare.summary(self.kb, roles)
            case "section" if not roles and intent.tools:
                return profile.tools(self.kb, intent.tools)
            case "section" if not roles:
                return profile.across(self.kb, intent.sections[0])
            case "section" if len(roles) >= 2:  # "what skills do AI/ML need?": one name, two roles
                return compare.sections(self.kb, roles, intent.sections)
            case "section":
                return profile.sections(self.kb, roles[0], intent.sections, intent.tools)
            case "profile" | "brief" if intent.full:
                return profile.profile(self.kb, roles[0])
            case "profile":
                return profile.overview(self.kb, roles[0])
            case "brief":
                if intent.wants_compare:
                    other = self._mistyped_role(message, roles[0])
                    if other is not None:
                        reply = compare.summary(self.kb, [roles[0], other[0]])
                        note = f"I read \u201c{other[1]}\u201d as {other[0].title}."
                        return reply.model_copy(update={"notes": [note, *reply.notes]})
                if intent.wants_compare:
                    return compare.one_known(self.kb, roles[0], [
                        f"I recognised only {roles[0].title} there; ask \u201croles\u201d for "
                        "every role I can compare it with."])
                return profile.brief(self.kb, roles[0], bare=intent.bare)
        return self._not_understood(message, intent)

    @property
    def vocabulary(self) -> Vocabulary:
        assert self.kb.intents is not None, "a loaded knowledge base has its intent vocabulary"
        return vocabulary(self.kb.intents)

    # ---- slash commands ------------------------------------------------------------------

    def command(self, name: str, text: str) -> Reply:
        """A slash command's free text (``/compare ml-engineer head of DS``) to a reply.

        Unknown roles and other mistakes come back as a "suggest" reply, never an exception.
        """
        return self._with_jobs(self._command(name, text[:MAX_MESSAGE]))

    def _command(self, name: str, text: str) -> Reply:
        try:
            match name.lstrip("/").lower():
                case "compare":
                    return self._compare_text(text)
                case "role":
                    return self._role_text(text)
                case "jobs":
                    return self._jobs_text(text)
                case "salary":
                    return self._salary_text(text)
            if plain(text) in ("", "help"):
                return self.help()
            return self._answer(text)
        except UnknownRole as exc:
            return self.suggest(exc.name, exc.closest)
        except ValueError as exc:
            return self.error(str(exc))

    def _compare_text(self, text: str) -> Reply:
        full = bool(self.vocabulary.full.search(plain(text)))  # "/compare mle head of ds full"
        if full:
            text = self.vocabulary.full.sub(" ", plain(text))
        found = self.kb.matcher.match(text)
        if len(found) < 2:
            separated = re.split(r",|;|\bvs\.?\b|\bversus\b|\band\b", text)
            parts = [p for p in (separated if len(separated) > 1 else text.split()) if p.strip()]
            found = [self.resolve(p).id for p in parts]
        return self._compare([self.kb.roles[r] for r in found], full=full)

    def _compare(self, roles: Sequence[Role], sections: Sequence[str] = (),
                 full: bool = False) -> Reply:
        """The one-screen comparison, or everything (``full``) or some ``sections`` of it."""
        unique = list({r.id: r for r in roles}.values())
        if len(unique) < 2:
            raise ValueError("To compare I need two different roles, for example "
                             "\u201cml-engineer head-of-data-science\u201d.")
        if full or sections:
            return compare.compare(self.kb, unique, sections)
        return compare.summary(self.kb, unique)

    def _role_text(self, text: str) -> Reply:
        found = self.kb.matcher.match(text)
        if not found:
            if not text.strip():
                raise ValueError("Name a role, for example \u201c/role data-engineer tools\u201d.")
            raise UnknownRole(text.strip(), self.kb.matcher.closest(text))
        keys = [k for k in self.vocabulary.sections_in(plain(text)) if k != "definition"]
        words_ = plain(text).split()
        keys += [w for w in words_ if w in SECTIONS and w not in keys]
        role = self.kb.roles[found[0]]
        if keys:
            return profile.sections(self.kb, role, keys)
        if self.vocabulary.full.search(plain(text)):
            return profile.profile(self.kb, role)
        return profile.overview(self.kb, role)

    def _salary_text(self, text: str) -> Reply:
        """``/salary ROLE [level] [country]``: pay for a role, from the salary survey."""
        intent = parse(f"salary {text}", self.kb.matcher, self.vocabulary)
        if not intent.roles:
            if not text.strip():
                raise ValueError("Name a role, for example \u201c/salary data-engineer senior "
                                 "Germany\u201d.")
            raise UnknownRole(text.strip(), self.kb.matcher.closest(text))
        return self._reply(text, dataclasses.replace(intent, kind="salary"))

    def complete_country(self, typed: str, limit: int = 25) -> list[tuple[str, str]]:
        """(ISO code, name) pairs for a country autocomplete, names starting with the text first."""
        text = typed.strip().lower()
        countries = sorted(self.kb.places.values(), key=lambda c: c.name)
        ranked = ([c for c in countries if c.name.lower().startswith(text)]
                  + [c for c in countries if text in c.name.lower()
                     and not c.name.lower().startswith(text)]
                  + [c for c in countries if text and any(text in n.lower() for n in c.names)])
        out: list[tuple[str, str]] = []
        for country in ranked:
            if (country.code, country.name) not in out:
                out.append((country.code, country.name))
        return out[:limit]

    def _jobs_text(self, text: str) -> Reply:
        intent = parse(f"jobs {text}", self.kb.matcher, self.vocabulary)
        leftover = [w for w in plain(text).split() if w not in _FILTER_WORDS]
        if leftover and not intent.roles and intent.level is None and not intent.remote and (
                intent.min_salary is None):
            raise UnknownRole(" ".join(leftover), self.kb.matcher.closest(" ".join(leftover)))
        return self.jobs(intent.roles, intent.level, intent.remote, intent.min_salary)

    def error(self, text: str) -> Reply:
        return Reply(kind="error", title="Sorry, I can't do that", text=text, fallback=text)

    # ---- direct commands -----------------------------------------------------------------

    def resolve(self, name: str) -> Role:
        """A role from an id, title, alias or a close misspelling; raises :class:`UnknownRole`."""
        key = name.strip().lower()
        if key in self.kb.roles:
            return self.kb.roles[key]
        found = self.kb.matcher.match(name)
        if len(found) == 1:
            return self.kb.roles[found[0]]
        raise UnknownRole(name, self.kb.matcher.closest(name))

    def complete(self, typed: str, limit: int = 25) -> list[tuple[str, str]]:
        """(role id, title) pairs for autocomplete; empty input lists roles alphabetically."""
        ids = self.kb.matcher.complete(typed, limit) if typed.strip() else sorted(
            self.kb.roles, key=lambda r: self.kb.roles[r].title)[:limit]
        return [(r, self.kb.roles[r].title) for r in ids]

    def compare(self, names: Sequence[str], sections: Sequence[str] = (),
                full: bool = False) -> Reply:
        return self._with_jobs(self._compare([self.resolve(n) for n in names], sections, full))

    def role(self, name: str, section: str | None = None, full: bool = False) -> Reply:
        role = self.resolve(name)
        if section is None:
            return self._with_jobs(profile.profile(self.kb, role) if full
                                   else profile.overview(self.kb, role))
        keys = ([section.lower()] if section.lower() in SECTIONS
                else self.vocabulary.sections_in(plain(section)))
        if not keys:
            raise ValueError(f"unknown section '{section}'; choose one of: {', '.join(SECTIONS)}")
        return profile.sections(self.kb, role, keys)

    def jobs(self, roles: Sequence[str] = (), level: Level | None = None,
             remote: bool = False, min_salary: int | None = None) -> Reply:
        wanted = jobs.JobFilter(tuple(roles), level, remote, min_salary=min_salary)
        found = jobs.select(self.kb, self._all_jobs(), wanted, self.today())
        described = wanted.describe(self.kb)
        title = "Featured jobs" + (f": {described}" if described else "")
        if found:
            text = f"{len(found)} open featured job{'s' if len(found) != 1 else ''}."
        elif not jobs.select(self.kb, self._all_jobs(), jobs.JobFilter(), self.today()):
            text = jobs.NO_JOBS_HELP
        else:
            text = ("No open featured jobs match that right now. Try fewer filters, or ask for "
                    "all jobs.")
        return Reply(kind="jobs", title=title, text=text,
                     jobs=[jobs.item(self.kb, j) for j in found],
                     roles=[ref(self.kb.roles[r]) for r in roles],
                     fallback=f"{title}: {text}")

    def roles(self) -> Reply:
        by_family: dict[str, list[str]] = {}
        for role in sorted(self.kb.roles.values(), key=lambda r: r.title):
            by_family.setdefault(role.family, []).append(role.title)
        return Reply(
            kind="roles", title=f"The {len(self.kb.roles)} roles I know",
            text="Ask about any of them by title, abbreviation or field (\u201cMLE\u201d, "
                 "\u201cdata engineering\u201d).",
            sections=[Section(heading=f.capitalize(), text=", ".join(titles))
                      for f, titles in sorted(by_family.items())],
            fallback=f"I know {len(self.kb.roles)} roles: "
                     + ", ".join(r.title for r in self.kb.roles.values()),
        )

    def help(self) -> Reply:
        example = list(self.kb.roles)[:2]
        a, b = (example + ["ml-engineer", "head-of-data-science"])[:2]
        one, other = self.kb.roles[a].title, self.kb.roles[b].title
        return Reply(
            kind="help", title="careerbot: career answers for data and AI roles",
            text="Ask in plain words; I understand role names, abbreviations and typos.",
            sections=[Section(heading="Try", items=[
                f"{a} vs {b}: compare roles side by side",
                f"what does {article(one)} {one} do?: one role's profile",
                f"what tools does {article(one)} {one} use?: one section "
                f"(sections: {', '.join(SECTIONS)})",
                f"how do I become {article(other)} {other}?: getting started",
                "remote senior jobs: featured job listings",
                "roles: every role I know",
                "subscribe data engineer remote at 09:00: this channel gets new matching jobs "
                "daily (channel managers); alert me ...: the same by direct message; "
                "subscriptions, unsubscribe N, alerts, alert stop",
            ])],
            fallback="Ask me to compare roles, describe one, or list jobs.",
        )

    def suggest(self, name: str, closest: Sequence[str], why: str = "") -> Reply:
        titles = [self.kb.roles[r].title for r in closest]
        asked = " ".join(w.raw for w in words(name))[:80] or "that"
        head = why or f"I don't know the role \u201c{asked}\u201d."
        text = f"{head} Did you mean {_or_list(titles)}?" if titles else (
            f"{head} Ask \u201croles\u201d to see every role I know.")
        return Reply(
            kind="suggest", title="Did you mean...?" if titles else "Unknown role", text=text,
            suggestions=[Suggestion(label=self.kb.roles[r].title, ask=r, role_id=r)
                         for r in closest],
            fallback=text,
        )

    def _all_jobs(self) -> list[Job]:
        return [*self.kb.jobs, *self.feed_jobs()]

    def _with_jobs(self, reply: Reply) -> Reply:
        """Comparisons and replies about one role (profiles, the brief answer) offer the open
        featured jobs for their roles behind one "Jobs (N)" button, when there are any; jobs are
        listed only when asked for."""
        if not (reply.kind == "compare" or reply.about_role) or not reply.roles:
            return reply
        wanted = [r.id for r in reply.roles]
        open_jobs = jobs.select(self.kb, self._all_jobs(), jobs.JobFilter(tuple(wanted)),
                                self.today())
        if not open_jobs:
            return reply
        names = " or ".join(r.title for r in reply.roles)
        button = Suggestion(label=f"Jobs ({len(open_jobs)})", ask=f"{names} jobs")
        return reply.model_copy(update={"suggestions": [*reply.suggestions, button]})

    # ---- fallbacks -----------------------------------------------------------------------

    def _mistyped_role(self, message: str, known: Role) -> tuple[Role, str] | None:
        """The other role of a comparison, typed with slips the matcher does not fix ("data
        analyst vs data scienst"), when one name is close enough to be sure."""
        for part in self._unknown_parts(message):
            found = self.kb.matcher.best(part)
            if found is not None and found != known.id:
                return self.kb.roles[found], part.strip()
        return None

    def _unknown_parts(self, message: str) -> list[str]:
        """The pieces of a comparison ("a vs b, c") that name no role."""
        return [p for p in _COMPARE_SPLIT.split(plain(message))
                if p.strip() and not self.kb.matcher.match(p)]

    def _need_two(self, message: str, known: list[Role]) -> Reply:
        unknown = self._unknown_parts(message)
        closest = self._closest(unknown, exclude={r.id for r in known})
        have = f"I only recognised {known[0].title}." if known else "I didn't recognise any role."
        return self.suggest(" ".join(unknown), closest,
                            why=f"To compare I need at least two roles; {have}")

    def _not_understood(self, message: str, intent: Intent) -> Reply:
        if intent.tools:
            return self._only_tools(intent.tools)
        text = plain(message)
        candidates = [m.group(1) for m in _ROLE_NOUNS.finditer(text)]
        whole = not candidates and len(text.split()) <= 4
        closest = self._closest([text] if whole else candidates, cutoff=70 if whole else 50,
                                whole=whole)
        if closest:
            return self.suggest(text if whole else candidates[0], closest)
        if intent.wants_compare:
            return self._need_two(message, [])
        reply = self.help()
        return reply.model_copy(update={
            "kind": "suggest", "title": "I answer questions about data and AI careers",
            "text": "I couldn't find a role in that. " + reply.text,
            "fallback": "I couldn't find a role in that; ask \u201chelp\u201d for examples."})

    def _only_tools(self, tools: Sequence[str]) -> Reply:
        """Tools and no role, asked about as tools ("Airflow vs dbt", "how do you test SQL?"):
        no career question, so the help, naming the tools and offering who uses them."""
        names = _or_list(tools, "and")
        ask = f"should I learn {_or_list(tools[:3])}?"
        reply = self.help()
        text = (f"{names} {'are tools, not roles' if len(tools) > 1 else 'is a tool, not a role'}"
                ": I answer career questions, such as which roles use a tool. " + reply.text)
        return reply.model_copy(update={
            "text": text, "fallback": text,
            "suggestions": [Suggestion(label=f"Who uses {names}", ask=ask)]})

    def _closest(self, phrases: Sequence[str], exclude: set[str] = frozenset(),
                 cutoff: int = 50, whole: bool = False) -> list[str]:
        out: list[str] = []
        for phrase in phrases:
            for role_id in self.kb.matcher.closest(phrase, cutoff=cutoff, whole=whole):
                if role_id not in out and role_id not in exclude:
                    out.append(role_id)
        return out[:3]


def _or_list(items: Sequence[str], joiner: str = "or") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {joiner} {items[-1]}"

