"""What a chat message asks for, read from the vocabulary in ``knowledge/vocabulary/intents.yaml``
and the roles, fields, backgrounds and tools the matcher finds.

The rules are few and run in a fixed order, so a reader can see why a message got its answer:

1. nothing to read -> help; only thanks -> smalltalk; a topic outside the knowledge base ("how
   do I negotiate a raise?", "how to prepare for MLE interviews?", "Amazon vs Meta for a DE
   internship?") -> help, saying so
2. asks about pay -> salary ("which pays more, DE or DS?" too, and money: "from 70k to 95k"),
   unless it asks what one role does too (the profile shows pay), or asks for openings with a
   pay floor ("DE openings paying over $150k?", "DE jobs over 120k" -> jobs, filtered)
3. asks for openings ("any remote DE jobs?", "who is hiring") -> jobs, unless it asks which
   industries ("which industries have DS jobs?")
4. asks which role suits the asker (with "I", "me", "my", "you"), or how to choose with no
   role named and no section ("IC vs manager: how to choose?"), or offers two roles as a
   choice ("DS or software development: what should I choose?", "should I become a DE or a
   DS?", "career paths in AI: AI engineer, MLE or DS?", "I want to get into DS or ML"),
   unless they are a move from one to another ("from DE to MLE: the right path?") or the
   subjects of a degree ("should I do a master's in DE or DS?") -> recommend
5. asks what roles exist ("what career paths are there?") -> roles
6. one role (or two joined by "and" or a slash, or a degree's subjects) and what it requires
   ("do I need a master's for DS?", "can I become an MLE without a degree?") -> section (the
   skills when no section is named: "is IaC a prerequisite for DE?"), unless asked as a "how
   to" move ("how to become a DS if I lack the skills")
7. a move from a role or background, or into a role ("how do I get into ML?", a short title
   "... to <role>" or "<role> to ...": "GIS to DE", "DE to cloud career") -> transition,
   unless two roles are joined by "or" ("get into backend or MLE") and the move names no start
   ("from a non-technical background to DS or ML" goes to each); with no role and no
   background only with a career word ("how to start a new career?", not "how to get hired
   in Canada?")
8. two or more roles -> compare ("DE vs DS", "how do DE and DS differ?"); a section for two
   roles joined by "and" or a slash or named at once ("AI/ML") -> section, for both; by "or"
   too ("a good stack to start as an AE or a DE?"), unless the section is the outlook ("which
   has the better future, NLP or CV?" compares them); the outlook of roles named apart ("will
   MLEs replace data scientists?") -> section, for both
9. one role: places set against each other or in a short message ("MLE: Paris vs Lyon", "DE
   in Berlin") -> salary; a section asked for -> section; "what does X do" -> profile; one
   role against a level ("DE vs senior DE") -> salary, against a name not known -> compare
   (with the roles it is usually compared with) unless a section is asked ("best domain for
   a DE: generalist vs specialist?"); anything else -> a brief profile
10. no role: tools asked about ("should I learn Looker or Power BI?", "Tableau vs Power BI")
    -> section (who uses them), unless it asks what they are ("what is the difference between
    Spark and Snowflake?" is no career question); a section asked about ("what degree do I
    need?") -> section, for the common roles; a background or a move -> transition; help;
    else not understood

A field used for something else ("MLE vs DE for scaling data science models", "a graduate in
data science choosing between DA and DE") is no role while another role is named.

A message that names no role but reads as a career question (or is a question about a
section, or a question naming two fields: "is data engineering just backend?") is read again
with fields and aliases counting without a career word ("what even is data engineering?", "is
data science more math or coding?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Literal

from careerbot.bot.kb.models import IntentWords, Level
from careerbot.bot.understand.matcher import (
    BACKGROUND,
    PLACE,
    Found,
    RoleMatcher,
    Span,
    index_before,
    moved_to,
    word_before,
)
from careerbot.bot.understand.money import pay_floor
from careerbot.bot.understand.text import plain

Kind = Literal["help", "roles", "jobs", "compare", "profile", "brief", "section", "salary",
               "transition", "recommend", "none", "smalltalk"]

SECTIONS: dict[str, str] = {
    "definition": "Definition",
    "responsibilities": "Responsibilities",
    "skills": "Skills",
    "education": "Education",
    "tools": "Tools",
    "industries": "Industries",
    "outlook": "Outlook",
    "salary": "Salary",
    "tips": "Tips for getting started",
}
#: Short messages made of these words plus roles, levels and places ask for listings ("MLE jobs").
_LISTING = {"job", "jobs", "role", "roles", "position", "positions", "any", "for", "in", "a",
            "an", "the", "remote", "only", "show", "me", "us", "please", "open", "level", "include",
            "add", "see", "want", "need", "looking", "search", "find", "give", "more", "latest",
            "new", "recent", "current", "available", "some", "all", "list", "get", "i", "im"}
_CHOICE = {"or", "vs", "versus"}
_TOOLS_AGAINST = re.compile(r"\b(?:or|vs|versus)\b")
_NEEDS = re.compile(r"\b(?:need (?:to (?:do|get|pursue|take|have) )?an?|do i need|required|"
                    r"requires?|requirements?|necessary|prerequisites?|pre requisites?|"
                    r"eligib(?:le|ility)|should i (?:do|get|pursue|take) an?)\b")
#: Words in a "short" message, where a profile or degree question alone makes it a career one.
SHORT = 7
_MOVE = {"to", "into", "then"}
#: Skipped over to the word after "or" ("DS or a UX designer").
_ARTICLES = {"a", "an", "the"}
#: Said when one option of a choice is no role we know ("data science or UX design?").
RIVAL = "I know only one of those options as a role, so this weighs that one for you."
#: Words that join two names as a pair: "a PhD in AI or ML" names both.
_JOINS = {"or", "and"}
#: "What is a DE: duties, skills, education?" asks for the profile, not three sections.
_MANY_SECTIONS = 3
_NEVER = re.compile(r"(?!)")
#: What ``Vocabulary.search`` checks of a pattern: (its first words, not_meant pattern and
#: the not_meant first words); None where a phrase may start inside a word, or there is none.
_Plan = tuple[frozenset[str] | None, re.Pattern[str] | None, frozenset[str] | None]
_NO_PLAN: _Plan = (None, None, None)
OUTSIDE = ("That is outside what I know (pay negotiation and job offers, visas and relocation, "
           "CVs and cover letters, interviews, particular courses or employers, communities); "
           "here is what I can answer.")
INTERVIEW = ("I don't coach interviews, but they test what the role asks for: here are its "
             "skills.")
#: Money in a question ("from 70k to 95k", "120,000") makes it about pay, never a career move.
_MONEY = re.compile(r"\b(?:\d{2,3}k|\d{2,3},\d{3}|\d{5,6})\b|[$€£]\s?\d")


@dataclass
class Intent:
    kind: Kind
    roles: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    level: Level | None = None
    remote: bool = False
    #: The lowest yearly pay asked of openings ("any DE openings paying over $150k?").
    min_salary: int | None = None
    backgrounds: list[str] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    #: Notes for the answer, such as how a field was read ("machine learning" -> ML engineer).
    notes: list[str] = field(default_factory=list)
    #: How many of the last roles a move goes into: more than one when named at once ("into
    #: AI/ML"), so none of them is the role moved from.
    goals: int = 1
    #: A comparison was asked for, but fewer than two roles were found.
    wants_compare: bool = False
    #: Only the role was named ("the analytics engineer"): the role as a whole is asked about.
    bare: bool = False
    #: The message's words as read (typos corrected).
    words: list[str] = field(default_factory=list)
    #: Everything was asked for ("full comparison"), not the one-screen answer.
    full: bool = False
    #: ISO codes of the countries named ("Hamburg" is DE).
    places: list[str] = field(default_factory=list)
    #: Pay across countries was asked for ("which country pays MLEs most?").
    by_country: bool = False
    #: A picture of the pay was asked for ("salary chart").
    chart: bool = False
    #: A kind of workplace ("remote") or company ("startup") the pay question is about.
    workplace: str | None = None
    company_size: str | None = None


class Vocabulary:
    """The intent phrases compiled to one regular expression per intent (built once)."""

    def __init__(self, words: IntentWords) -> None:
        #: By id() of each pattern (hashing a pattern hashes its whole program): the words its
        #: phrases start with. A message with none of them cannot match, so the search is
        #: skipped; most patterns match no message, and this halves the reading time.
        self._firsts: dict[int, frozenset[str]] = {}
        self.salary = self._compile(words.salary)
        self.by_country = self._compile(words.by_country)
        self.workplaces = {"remote": self._compile(words.workplaces.remote),
                           "hybrid": self._compile(words.workplaces.hybrid),
                           "on-site": self._compile(words.workplaces.on_site)}
        self.company_sizes = {size: self._compile(getattr(words.company_sizes, size))
                              for size in ("small", "medium", "large")}
        self.compare = self._compile(words.compare)
        self.transition = self._compile(words.transition)
        self.jobs = self._compile(words.jobs)
        self.jobs_aside = self._compile(words.jobs_aside) if words.jobs_aside else _NEVER
        self.question_openers = frozenset(words.question_openers)
        self.recommend = self._compile(words.recommend)
        self.choice = self._compile(words.choice) if words.choice else _NEVER
        self.or_choice = self._compile(words.or_choice) if words.or_choice else _NEVER
        self.first_person = frozenset(words.first_person)
        self.about_me = self._compile(words.about_me)
        self.profile = self._compile(words.profile)
        self.does = self._compile(words.does) if words.does else _NEVER
        self.sections = {key: self._compile(getattr(words.sections, key)) for key in SECTIONS
                         if key in type(words.sections).model_fields}
        #: The industries asked about as such ("which industries hire DEs?"), not by name.
        self.industries = self.sections.get("industries", _NEVER)
        #: An industry name that qualifies a title ("a healthcare data analyst").
        self.industry_title = re.compile(
            rf"(?:^| )(?:{_alternatives(words.industry_names)})$") if words.industry_names else _NEVER
        self.industry_firsts = _firsts(words.industry_names)
        if words.industry_names and "industries" in self.sections:
            self.sections["industries"] = self._compile(
                [*words.sections.industries, *words.industry_names])
        self.levels: list[tuple[Level, re.Pattern[str]]] = [
            (level, self._compile(getattr(words.levels, level)))
            for level in ("entry", "mid", "senior", "executive")]
        self.interests = {family: self._compile(getattr(words.interests, family))
                          for family in type(words.interests).model_fields}
        self.remote = self._compile(words.remote)
        self.full = self._compile(words.full)
        self.chart = self._compile(words.chart)
        self.follow_up = self._compile(words.follow_up)
        self.thanks = re.compile(rf"^(?:{_alternatives(words.thanks)})(?: (?:so much|a lot|bot|"
                                 rf"careerbot|again))*$")
        self.help = self._compile(words.help)
        self.roles = self._compile(words.roles)
        self.requirement = self._compile(words.requirement)
        self.how_to = self._compile(words.how_to) if words.how_to else _NEVER
        self.worth = self._compile(words.worth) if words.worth else _NEVER
        self.pay_kinds = self._compile(words.pay_kinds) if words.pay_kinds else _NEVER
        self.outside = self._compile(words.outside) if words.outside else _NEVER
        self.off_topic = self._compile(words.off_topic) if words.off_topic else _NEVER
        self.interview = self._compile(words.interview) if words.interview else _NEVER
        self.employers = self._compile(words.employers, rivals=True) if words.employers else _NEVER
        self.cues = frozenset(words.cues)
        self.field_things = frozenset(words.field_things)
        self.field_degrees = frozenset(words.field_degrees)
        self.field_doing = frozenset(words.field_doing)
        self.field_agent = frozenset(words.field_agent)
        self.field_made = frozenset(words.field_made)
        self.bare = frozenset(words.bare)
        self.title_words = frozenset(words.title_words)
        self.move_after = frozenset(words.short_move.after)
        self.move_not_from = frozenset(words.short_move.not_from)
        #: Any of these makes a message a career question, so fields and aliases count; in a
        #: short message ("what even is data engineering?") these do too.
        self.question = [self.salary, self.compare, self.transition, self.recommend, self.choice,
                         self.requirement, self.profile, self.sections["outlook"], self.jobs,
                         self.jobs_aside, self.roles]
        self.short_question = [self.sections["education"]]
        self._section_firsts = self._all_firsts(self.sections.values())
        self._question_firsts = self._all_firsts(self.question)
        self._level_firsts = self._all_firsts(p for _, p in self.levels)
        unless = {id(self.sections.get(key) or getattr(self, key)): (
            _compile(phrases), _firsts(phrases)) for key, phrases in words.not_meant.items()}
        #: By id() of each pattern (keys checked by the model): the words its phrases start
        #: with, the phrases blanked out before it is searched and the words those start with,
        #: in one look-up as every message asks for many patterns.
        self._plan: dict[int, _Plan] = {
            key: (self._firsts.get(key), *unless.get(key, (None, None)))
            for key in self._firsts.keys() | unless.keys()}

    def _compile(self, phrases: list[str], rivals: bool = False) -> re.Pattern[str]:
        """The phrases as one pattern; with ``rivals``, two of them set against each other by
        "vs" or "or" ("amazon vs meta")."""
        if rivals:
            one = rf"(?:{_alternatives(phrases)})"
            pattern = re.compile(rf"\b{one} (?:vs|versus|or) {one}\b")
        else:
            pattern = _compile(phrases)
        firsts = _firsts(phrases)
        if firsts is not None:
            self._firsts[id(pattern)] = firsts  # the vocabulary keeps the pattern, so its id
        return pattern

    def search(self, pattern: re.Pattern[str], text: str,
               words: AbstractSet[str] | None = None) -> bool:
        """The pattern is in the text, outside the phrases that do not mean it (``not_meant``:
        "full time" is no "full"); skipped when ``words`` (the text's words) has none of the
        words the pattern's phrases start with."""
        firsts, unless, unless_firsts = self._plan.get(id(pattern), _NO_PLAN)
        if firsts is not None and words is not None and firsts.isdisjoint(words):
            return False
        if _may_blank(unless, unless_firsts, words):
            text = unless.sub("/", text)
        return pattern.search(text) is not None

    def meant(self, pattern: re.Pattern[str], words: list[str]) -> list[str]:
        """The words with each phrase that does not mean the pattern's intent blanked word by
        word ("worth becoming a DS": "/ / / ds"), so word positions still line up."""
        _, unless, unless_firsts = self._plan.get(id(pattern), _NO_PLAN)
        if not _may_blank(unless, unless_firsts, words):
            return words
        text = " ".join(words)
        blanked = unless.sub(lambda m: " ".join("/" * len(m.group(0).split())), text)
        return words if blanked == text else blanked.split()

    def _all_firsts(self, patterns: Iterable[re.Pattern[str]]) -> frozenset[str] | None:
        """The words any of the patterns starts with (None: one may start anywhere)."""
        firsts = [self._firsts.get(id(p)) for p in patterns]
        return None if None in firsts else frozenset().union(*firsts)  # type: ignore[arg-type]

    def may_ask(self, words: frozenset[str]) -> bool:
        """Some ``question`` pattern may match: one test for most messages, which match none."""
        return self._question_firsts is None or not self._question_firsts.isdisjoint(words)

    def sections_in(self, text: str, words: AbstractSet[str] | None = None) -> list[str]:
        """Section keys the words ask about, in the canonical section order (``words``: the
        text's words, when the caller has them)."""
        words = set(text.split()) if words is None else words
        if self._section_firsts is not None and self._section_firsts.isdisjoint(words):
            return []  # most messages: one test instead of one per section
        return [key for key, pattern in self.sections.items() if self.search(pattern, text, words)]

    def level(self, text: str, words: AbstractSet[str] | None = None) -> Level | None:
        words = set(text.split()) if words is None else words
        if self._level_firsts is not None and self._level_firsts.isdisjoint(words):
            return None
        return next((level for level, pattern in self.levels
                     if self.search(pattern, text, words)),
                    None)


def _may_blank(unless: re.Pattern[str] | None, unless_firsts: frozenset[str] | None,
               words: AbstractSet[str] | Sequence[str] | None) -> bool:
    """Some phrase that does not mean the intent may be in the text: there are such phrases,
    and one of them may start in ``words`` (None: the words are not known)."""
    return unless is not None and (unless_firsts is None or words is None
                                   or not unless_firsts.isdisjoint(words))


#: "..." in a phrase: up to six words ("what ... roles are").
_GAP = r"(?: \w+){0,6} "
_DOTS = re.escape("...")
_Trie = dict[str | None, "_Trie"]


def _alternatives(phrases: list[str]) -> str:
    """The phrases as one regex alternation, longest first, so that at one position the
    longest phrase wins. Runs of phrases without "..." are factored into a tree of shared
    leading words ("how do i" once for every phrase it starts): Python's regex engine tries
    each alternative in turn at every position, so hundreds of phrases cost hundreds of tries.
    (A phrase with a gap keeps its place in the order: a gap may swallow another's words.)"""
    parts: list[str] = []
    run: _Trie = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        words = [_word(w) for w in phrase.lower().split()]
        if _DOTS in words:
            if run:
                parts.append(_render(run))
                run = {}
            parts.append(" ".join(words).replace(f" {_DOTS} ", _GAP))
            continue
        node = run
        for i, word in enumerate(words):
            node = node.setdefault(f" {word}" if i else word, {})
        node[None] = {}  # a phrase ends here
    if run:
        parts.append(_render(run))
    return "|".join(parts)


def _word(word: str) -> str:
    """A phrase's word as a regex: the article "a" is "a" or "an" ("what's an AI engineer?"
    asks what "what's a data engineer?" asks), so the vocabulary lists each phrase once."""
    return "an?" if word == "a" else re.escape(word)


def _render(node: _Trie) -> str:
    # (Sibling edges are different whole words, so at most one can match at a position: their
    # order does not change what is found.)
    options = [edge + _render(child) for edge, child in node.items() if edge is not None]
    if not options:
        return ""
    body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
    return f"(?:{body})?" if None in node else body


def _compile(phrases: list[str]) -> re.Pattern[str]:
    # Before a word character "(?<!\w)" is "\b", and Python's regex engine scans for it faster
    # (a sixth less time per search); phrases that may start with a sign keep "\b".
    start = r"(?<!\w)" if _firsts(phrases) is not None else r"\b"
    return re.compile(rf"{start}(?:{_alternatives(phrases)})\b")


def _firsts(phrases: list[str]) -> frozenset[str] | None:
    """The words the phrases start with; None when one may start inside a word."""
    firsts = frozenset(p.lower().split()[0] for p in phrases if p.split())
    if "a" in firsts:
        firsts |= {"an"}
    return firsts if all(w.isalnum() for w in firsts) else None


_COMPILED: dict[int, tuple[IntentWords, Vocabulary]] = {}


def vocabulary(words: IntentWords) -> Vocabulary:
    """The compiled vocabulary of a knowledge base (compiled on first use, then kept)."""
    entry = _COMPILED.get(id(words))
    if entry is None or entry[0] is not words:
        entry = _COMPILED[id(words)] = (words, Vocabulary(words))
    return entry[1]


class _Hits:
    """Searches each pattern at most once per message (parse asks some several times)."""

    def __init__(self, text: str, vocab: Vocabulary) -> None:
        self.text = text
        self.words = frozenset(text.split())
        self._plan = vocab._plan
        self._seen: dict[int, bool] = {}

    def __call__(self, pattern: re.Pattern[str]) -> bool:
        """As ``Vocabulary.search``, inlined: a message asks for about twenty patterns."""
        key = id(pattern)
        seen = self._seen.get(key)
        if seen is None:
            firsts, unless, unless_firsts = self._plan.get(key, _NO_PLAN)
            if firsts is not None and firsts.isdisjoint(self.words):
                seen = False
            else:
                text = self.text if unless is None or (
                    unless_firsts is not None and unless_firsts.isdisjoint(self.words)
                ) else unless.sub("/", self.text)
                seen = pattern.search(text) is not None
            self._seen[key] = seen
        return seen


def parse(message: str, matcher: RoleMatcher, vocab: Vocabulary) -> Intent:
    found = matcher.find(message)
    text = " ".join(found.words)
    if not text:
        return Intent("help")
    hit = _Hits(text, vocab)
    lenient = found.lenient()
    if lenient is not found and _career_question(message, found, vocab, hit):
        found = lenient  # "what even is data engineering?", "is DS more math or coding?"
    if len(found.roles) >= 2:
        found = _fields_as_roles(found, vocab)
    # A background word that starts a title we do not know is no background: "how does a
    # solutions architect differ from a sales engineer?" ("sales" alone is a background).
    titled = [s for s in found.spans if s.role_id.startswith(BACKGROUND)
              and s.end < len(found.words) and found.words[s.end] in vocab.title_words]
    if titled:
        found = found.without(titled)
    agents = [s for s in found.spans if s.alone and _technology(found.words, s, vocab)]
    if agents:  # "is my job going to be replaced by AI?" names no AI engineer
        found = found.without(agents)
    roles = found.roles
    # Section and level words count outside role names: "software engineer" asks for no tools,
    # "chief data officer" for no executive pay.
    named = {i for s in found.named for i in range(s.start, s.end)}
    named |= _qualifiers(found, vocab)
    rest = " ".join(w for i, w in enumerate(found.words) if i not in named)
    rest_words = frozenset(rest.split())
    level = vocab.level(rest, rest_words)
    notes = list(found.notes)
    cities = [s for s in found.spans if s.role_id.startswith(PLACE)]
    if len(found.places) == 1 and len(cities) > 1:  # "Paris vs Lyon": one country in the survey
        notes.append("The survey has figures by country, not city: these places are all in the "
                     "same country.")
    base = {"roles": roles, "level": level, "backgrounds": found.backgrounds,
            "tools": found.tools, "notes": notes, "words": found.words,
            "full": vocab.search(vocab.full, rest, rest_words), "places": found.places}
    if not roles and vocab.thanks.match(text):
        return Intent("smalltalk")
    if not roles and hit(vocab.outside) or hit(vocab.off_topic) or hit(vocab.employers) and not (
            hit(vocab.salary)):  # (pay "at Google or Meta" is pay at large companies)
        return Intent("help", notes=[OUTSIDE])
    if hit(vocab.interview):  # "how to prepare for ML engineer interviews?"
        return Intent("section", **{**base, "notes": [*notes, INTERVIEW]},
                      sections=["skills"]) if roles else Intent("help", notes=[OUTSIDE])
    moving = _moving(found, vocab, hit, roles)
    paying_asked = _asked_of_paying_jobs(vocab, hit, rest, rest_words)
    floor, unpaid = pay_floor(message[:2000]) if _MONEY.search(text) else (None, "")
    if floor is not None:
        said = set(found.words) - set(plain(unpaid).split())  # ("paying over 150k")
        if hit(vocab.jobs) or _listing(found, text, said):
            # "any remote DE openings paying over $150k?", "data engineer jobs over 120k":
            # openings with a pay floor, not a pay question
            return Intent("jobs", **base, remote=bool(hit(vocab.remote)), min_salary=floor)
    if (roles and not (len(roles) == 1 and hit(vocab.does)) and (
            hit(vocab.salary) or _MONEY.search(text) or _MONEY.search(message[:2000])
            or hit(vocab.by_country)
            or hit(vocab.chart)) or (
            not roles and _about_pay(vocab, hit))) and not (
            hit(vocab.worth) and hit(vocab.sections["education"])) and not (
            len(roles) >= 2 and hit(vocab.compare) and _pay_among_aspects(found, vocab, message)
    ) and not paying_asked:
        # (not "is a PhD worth it if I have a high salary job?": the degree's worth, not pay;
        # not "DevOps vs SRE: differences, expectations, and pay": pay is one aspect of several;
        # not "what skills do the top-paying DA jobs ask for?": their skills)
        return _pay(base, vocab, hit)
    if (hit(vocab.jobs) or _listing(found, text) or found.words[0] not in vocab.question_openers
            and hit(vocab.jobs_aside) and not hit(vocab.sections["outlook"])) and not hit(
            vocab.industries):  # ("the future of DS jobs in 2025" asks no openings)
        return Intent("jobs", **base, remote=bool(hit(vocab.remote)))
    if hit(vocab.roles) and len(roles) < 2 and not paying_asked and not (
            roles and _or_title(found, vocab)):
        # ("what career paths are there in data science?": the roles around that one; not
        # "DBA vs database developer: differences and career paths", one role set against a
        # title we do not know)
        return Intent("roles", roles=roles, notes=notes, words=found.words)
    personal = bool(vocab.first_person.intersection(found.words))
    # "from DE to MLE: is this the right path?" is a move; "career paths: AI engineer, MLE or
    # DS" a choice among the roles named.
    move_only = _joined_by(found, _MOVE) and not _joined_by(found, {"or"})
    # One role set against something we know no role for: "should I learn DE or UX design?"
    rival = len(roles) == 1 and _or_rival(found)
    sections = vocab.sections_in(rest, rest_words)
    asked = [s for s in sections if s != "definition"]
    if not _degree_in(found, vocab) and (
            personal and hit(vocab.recommend) and _recommending(found, vocab, hit, moving) or (
            not roles and not found.tools and hit(vocab.choice) and not vocab.sections_in(text)) or (
            len(roles) >= 2 and not move_only and (
                hit(vocab.choice) or hit(vocab.roles) and not (
                    asked and not _joined_by(found, _CHOICE)  # ("degrees for careers in X and Y")
                ) and not hit(vocab.compare)  # ("the differences between X and Y roles in ...")
                or hit(vocab.or_choice) and _joined_by(found, {"or"})
                or moving and personal and _or_first(found))) or (
            rival and (hit(vocab.choice) or personal and hit(vocab.or_choice)))):
        # ("I want to start my career in DS or ML": a move into one of them, to choose)
        return Intent("recommend", **{**base, "notes": [*notes, RIVAL] if rival else notes})
    # "my PhD" is the asker's background; "do I need a PhD", "should I do a PhD" a requirement.
    stated = bool(found.backgrounds) and personal and not _NEEDS.search(text)
    if (len(_names(found)) == 1 or _joined_by(found, {"and"}) and not hit(vocab.compare)
            or _adjacent(found) or _degree_in(found, vocab)) and hit(
            vocab.requirement) and not stated and not (moving and hit(vocab.how_to)) and not (
            hit(vocab.does) and _a_list(message)) and (
            asked or not hit(vocab.does) and (not moving or _NEEDS.search(text))):
        # "a pre-requisite to enter DS?": what the role requires, its skills if no section
        # named; not "what does a CDO do: duties, requirements and salary", a list of aspects
        return Intent("section", **{**base, "backgrounds": []}, sections=asked or ["skills"])
    if len(roles) == 1 and len(found.tools) >= 2 and _TOOLS_AGAINST.search(text):
        # "Python or R for a career in DS?": which tool, for that role (not how to get there)
        return Intent("section", **base, sections=[*[a for a in asked if a != "tools"], "tools"])
    # A move needs somewhere to go or to come from: "how to get hired in USA?" has neither.
    somewhere = bool(roles or found.backgrounds) or not vocab.cues.isdisjoint(found.words)
    if moving and somewhere and not (
            len(roles) >= 2 and _joined_by(found, _CHOICE) and not _from_led(found)):
        roles, goals = _from_first(found)
        return Intent("transition", **{**base, "roles": roles}, goals=goals)
    if len(roles) >= 2 and asked and not hit(vocab.compare) and (
            len(_names(found)) == 1 or _joined_by(found, {"and"}) or _adjacent(found)
            or _joined_by(found, {"or"}) and "outlook" not in asked
            or asked == ["outlook"] and not _joined_by(found, _CHOICE)):
        # "which languages suit web development and ML?": that section, for each
        return Intent("section", **base, sections=asked)
    if len(roles) >= 2:
        return Intent("compare", **base, sections=_comparable(sections))
    if len(roles) == 1:
        if found.places and (hit(vocab.compare) or not asked and len(found.words) <= SHORT):
            return _pay(base, vocab, hit)  # "ML engineer: Paris vs Lyon", "DE in Berlin"
        if found.tools and "tools" not in asked:
            asked.append("tools")  # "Tableau vs Power BI for data analysts?"
        if hit(vocab.compare) and not found.tools and not (asked and not level):
            # "DE vs senior DE", "DE vs dta sci"; not "best domain for a DE? generalist vs expert";
            # a level in a title we do not know, set against the one role, is no level: "chief
            # information officer vs chief data officer" compares the titles
            pay = level and (len(found.named) >= 2 or not _or_title(found, vocab))
            return Intent("salary" if pay else "brief", **base, wants_compare=True)
        if hit(vocab.does) and set(asked) <= {"responsibilities"} or hit(vocab.profile) and (
                not asked or len(asked) >= _MANY_SECTIONS) or len(asked) >= 2 and _a_list(
                message) and not personal:  # ("Lead DA: Blueprint, Responsibilities, Skills,
            # KPIs"; not "which projects, skills, or tools would make me stand out as a DE?")
            return Intent("profile", **base)  # "what does X do day to day?", "what is X?"
        if asked:
            return Intent("section", **base, sections=asked)
        return Intent("brief", **base, wants_compare=bool(hit(vocab.compare)) or _or_title(
            found, vocab) or rival, bare=vocab.bare.issuperset(rest.split()))
    career = _career_words(vocab, hit, asked)
    if found.tools and (career or len(found.tools) >= 2 and " or " in text) and (
            asked or personal or hit(vocab.compare) and not hit(vocab.profile)):
        # "should I learn Looker or Power BI?", "Looker or Power BI?"; not "what is the
        # difference between Spark and Snowflake?" or "how do you test SQL?", questions about
        # the tools themselves
        return Intent("section", **base, sections=["tools"])
    if asked and not moving and not stated and career and (
            hit(vocab.requirement) or message.rstrip().endswith("?")):
        # "what degree do I need?": the section named first ("what tools should I learn?" is
        # about tools, though "should I learn" is a skills phrase too)
        first = min(asked, key=lambda k: vocab.sections[k].search(rest).start())  # type: ignore[union-attr]
        return Intent("section", **base, sections=[first])
    if moving and somewhere or found.backgrounds and personal:
        return Intent("transition", **base)
    if hit(vocab.help):
        return Intent("help")
    fields = [s for s in lenient.named if not (s.alone and _technology(found.words, s, vocab))]
    if fields and not roles and not found.tools:
        # A field named in a message to the bot, with no question we can place ("next 50
        # years of data science"): the brief answer about its role, not "no role found".
        field_ = fields[0]
        kind: Kind = "transition" if _after(found.words, field_.start, _LEARN) else "brief"
        others = found.words[:field_.start] + found.words[field_.end:]
        return Intent(kind, **{**base, "roles": [field_.role_id],  # ("learn data science")
                               "notes": [*notes, *([field_.note] if field_.note else [])]},
                      bare=vocab.bare.issuperset(others))  # ("Data analytics": its profile)
    return Intent("none", **base, wants_compare=bool(hit(vocab.compare)))


#: A role right after one of these is one the asker wants to move into ("learn deep learning",
#: "become a data scientist"); "is data science becoming crowded?" is no move.
_LEARN = {"learn", "learning", "study", "studying", "into", "become", "becoming", "towards",
          "toward"}
#: Question words before "do"/"does": the field is its subject, not work done ("how does data
#: engineering differ from data science?").
_ASKING = {"how", "why", "where", "when"}
#: Skipped back over from a role to the word that leads it: "into the world of data science",
#: "into an entry level data science job".
_LEAD_IN = {"a", "an", "the", "world", "field", "realm", "domain", "of", "entry", "level",
            "junior", "senior", "mid"}


def _career_question(message: str, found: Found, vocab: Vocabulary, hit: _Hits) -> bool:
    """Fields and aliases count as roles: career words ("how do I get into ML?"); in a short
    message, a degree word ("data science masters"); in a question ("?" or "how to"), a section
    word ("is DS more math or coding?") or two fields ("is DE just backend?")."""
    if vocab.may_ask(hit.words) and any(hit(p) for p in vocab.question):
        return True
    if len(found.words) <= SHORT and any(hit(p) for p in vocab.short_question):
        return True
    return ("?" in message or hit(vocab.how_to)) and (
        any(hit(p) for p in vocab.sections.values()) or len(found.lenient().roles) >= 2)


def _career_words(vocab: Vocabulary, hit: _Hits, asked: list[str]) -> bool:
    """A section asked about with no role is a career question only with a career word, a
    requirement or the outlook ("is SAS worth learning?", "will the job market recover?"); "how
    do you test SQL?" and "your favourite learning method?" ask about the work itself."""
    return not vocab.cues.isdisjoint(hit.words) or "outlook" in asked or hit(
        vocab.requirement) or hit(vocab.or_choice)


def _pay(base: dict[str, object], vocab: Vocabulary, hit: _Hits) -> Intent:
    """A pay question, with what it narrows pay to: countries, workplace, company size."""
    return Intent("salary", **base,  # type: ignore[arg-type]
                  by_country=hit(vocab.by_country), chart=hit(vocab.chart),
                  workplace=next((k for k, p in vocab.workplaces.items() if hit(p)), None),
                  company_size=next((k for k, p in vocab.company_sizes.items() if hit(p)), None))


def _moving(found: Found, vocab: Vocabulary, hit: _Hits, roles: list[str]) -> bool:
    """A move: transition words, a background with a target role, "learn <field>", or
    "analyst to engineer"."""
    if found.backgrounds and roles:
        return True
    if not found.named:
        return hit(vocab.transition)
    words = vocab.meant(vocab.transition, found.words)  # (not "worth becoming a DS")
    if any(_learning_into(words, s.start) for s in found.named) or hit(vocab.transition):
        return True
    # "analyst to engineer", "ETL dev -> data engineer"; not "compare DS to DE"
    return (_joined_by(found, _MOVE) or _ends_in_move(found.named, words, vocab)
            or _can_be(found)) and not hit(
        vocab.compare)


def _can_be(found: Found) -> bool:
    """"Can a ML engineer be a data scientist?" asks, as "become" does, how to move from one
    role to the other (a role after "be a", not "be a good manager")."""
    spans = found.named
    if len(spans) < 2:
        return False
    first, second = spans[0], spans[1]
    return (found.words[first.end:second.start] in (["be", "a"], ["be", "an"])
            and "can" in found.words[max(0, first.start - 2):first.start])


#: A title this short that ends "... to <role>" is a move: "GIS to DE", "teacher to DA".
_SHORT_MOVE = 10


def _ends_in_move(spans: list[Span], words: list[str], vocab: Vocabulary) -> bool:
    """A short title "... to <role>" ("GIS to DE", "production support to DE guide") or "<role>
    to ..." ("DE to cloud career"); the words around are in intents.yaml (short_move)."""
    if not spans or len(words) > _SHORT_MOVE:
        return False
    first, last = spans[0], spans[-1]
    if first.start == 0 and first.end < len(words) - 1 and words[first.end] in _MOVE:
        return True
    before = last.start - 1
    return (vocab.move_after.issuperset(words[last.end:]) and before >= 1
            and words[before] in _MOVE and words[before - 1] not in vocab.move_not_from)


def _names(found: Found) -> set[str]:
    """The roles named, one per name: "AI/ML" is one name of two roles."""
    return {s.role_id for s in found.named}


def _technology(words: list[str], span: Span, vocab: Vocabulary) -> bool:
    """The name is the technology, not the role: "replaced by AI", "AI-generated code"."""
    return _after(words, span.start, vocab.field_agent) or (
        span.end < len(words) and words[span.end] in vocab.field_made)


def _learning_into(words: list[str], start: int) -> bool:
    """"learn DS", "become a DS" ("worth becoming a DS", which asks whether it is worth it, is
    blanked out before: `not_meant` in intents.yaml)."""
    before = index_before(words, start, _LEAD_IN)
    return before >= 0 and words[before] in _LEARN


def _after(words: list[str], start: int, leads: AbstractSet[str]) -> bool:
    """The word before ``start``, skipping articles and "the world of", is one of ``leads``."""
    return word_before(words, start, _LEAD_IN) in leads


#: A role right after one of these is the one moved to ("from DA/DS to DE").
_TOWARDS = {"to", "into", "become", "becoming", "towards", "toward"}


def _from_led(found: Found) -> bool:
    """The move says where it starts, with the first role ("from DS to DE or SWE") or before
    any role ("from a non-technical background to DS or ML"): the roles joined by "or" after
    it are where it may go, not a choice among all of them."""
    spans = found.named
    return bool(spans) and "from" in found.words[:spans[0].start]


def _from_first(found: Found) -> tuple[list[str], int]:
    """The roles of a move, where it starts first and where it goes last, and how many it goes
    into: "moving to SWE from DS/MLE" is DS, MLE -> SWE; "into ML as a software developer" SWE
    -> ML; "into AI/ML" goes into both. Without a role moved to, the first two as named, the
    one after "from" first."""
    spans = found.named
    target = next((s for s in spans if _after(found.words, s.start, _TOWARDS)), None)
    if target is not None and len(found.roles) >= 2:
        # "into ML as a software developer": SWE -> ML; "backend engineer into ML/AI", "into
        # AI and deep learning" or "from DS to DE or SWE": both
        goals = [target.role_id, *target.also]
        after = spans[spans.index(target) + 1:]
        for left, right in zip([target, *after], after, strict=False):
            if found.words[left.end:right.start] not in (["and"], ["or"]):
                break
            goals += [r for r in (right.role_id, *right.also) if r not in goals]
        return [*(r for r in found.roles if r not in goals), *goals], len(goals)
    for span in spans[1:]:
        if span.start > 0 and found.words[span.start - 1] == "from":
            first = span.role_id
            return [first, *(r for r in found.roles if r != first)][:2], 1
    between = found.words[spans[0].end:spans[1].start] if len(spans) >= 2 else []
    if between == ["and"] or between == ["or"] and _from_led(found):
        # "a job in AI and deep learning", "from a non-technical background to a career in DS
        # or ML": into both
        return found.roles[:2], 2
    return found.roles[:2], 1


def _joined_by(found: Found, joins: set[str]) -> bool:
    """Two role names with one of ``joins`` between them ("analyst to engineer", "DE or DS")."""
    spans = found.named
    for first, second in zip(spans, spans[1:], strict=False):
        between = found.words[first.end:second.start]
        if between and len(between) <= 3 and joins.intersection(between):
            return True
    return False


def _fields_as_roles(found: Found, vocab: Vocabulary) -> Found:
    """Without the fields used for something else ("scaling data science models", "a graduate
    in data science"), while another role is named; a field moved to is the move's goal
    ("can a backend engineer transition to AI work?")."""
    words = found.words
    starts = {s.start for s in found.spans}
    used = [s for s in found.named if s.weak and not moved_to(words, s.start) and (
        s.end < len(words) and words[s.end] in vocab.field_things
        or s.start >= 2 and words[s.start - 1] == "in" and words[s.start - 2] in vocab.field_degrees
        and s.end not in starts  # ("a master's in data science/engineering": both degrees)
        and not (s.end + 1 in starts and words[s.end] in _JOINS)  # (or "in AI or ML")
        or s.start >= 1 and words[s.start - 1] in vocab.field_doing
        and not (s.start >= 2 and words[s.start - 2] in _ASKING))]  # ("how does DE differ")
    if not used or not [s for s in found.named if s not in used]:
        return found
    return found.without(used)


def _degree_in(found: Found, vocab: Vocabulary) -> bool:
    """The roles named are the subjects of a degree ("should I do a master's in DE or DS?"):
    what each asks of a degree, not which role to choose."""
    spans, words = found.named, found.words
    return bool(spans) and spans[0].start >= 2 and words[spans[0].start - 1] == "in" and (
        words[spans[0].start - 2] in vocab.field_degrees)


def _or_first(found: Found) -> bool:
    """The first two role names are joined by "or": the roles are the choice, none is the
    role moved from ("start my career in DS or ML", not "a DE getting into backend or ML")."""
    spans = found.named
    if len(spans) < 2:
        return False
    between = found.words[spans[0].end:spans[1].start]
    return 0 < len(between) <= 3 and "or" in between


def _or_title(found: Found, vocab: Vocabulary) -> bool:
    """One role set by "or" or "vs" against a title we do not know ("QA engineer intern or DE
    intern?", "data analyst or actuary analyst?"): a comparison."""
    if not found.named:
        return False
    span, words = found.named[0], found.words
    if span.start >= 1 and words[span.start - 1] in _CHOICE:
        return not vocab.title_words.isdisjoint(words[max(0, span.start - 3):span.start - 1])
    if span.end < len(words) and words[span.end] in _CHOICE:
        return not vocab.title_words.isdisjoint(words[span.end + 1:span.end + 5])
    return False


def _qualifiers(found: Found, vocab: Vocabulary) -> set[int]:
    """Where an industry named right before a role is part of its title: "what does a
    healthcare data analyst do?" asks what the analyst does, not about industries."""
    out: set[int] = set()
    if vocab.industry_firsts is not None and vocab.industry_firsts.isdisjoint(found.words):
        return out  # (most messages name no industry)
    for span in found.named:
        before = " ".join(found.words[max(0, span.start - 3):span.start])
        match = vocab.industry_title.search(before) if before else None
        if match is not None:
            out |= set(range(span.start - len(match.group(0).split()), span.start))
    return out


def _or_rival(found: Found) -> bool:
    """The one role named is set by "or", "vs" or "between ... and" against something we know
    no role for ("cybersecurity or data science?", "should I learn DS or UX design?", "a
    financial analyst or a data analyst?"): a choice or a comparison with one side we can
    answer for."""
    if len(found.named) != 1:
        return False
    span, words = found.named[0], found.words
    others = {i for s in found.spans if s is not span and not s.role_id.startswith(BACKGROUND)
              for i in range(s.start, s.end)}
    joins = _CHOICE | {"and"} if "between" in words[:span.start] else _CHOICE
    before = index_before(words, span.start)
    if before >= 1 and words[before] in joins:
        return before - 1 not in others
    after = span.end
    if after < len(words) and words[after] in joins:
        rival = after + 1
        while rival < len(words) and words[rival] in _ARTICLES:
            rival += 1
        return rival < len(words) and rival not in others
    return False


def _adjacent(found: Found) -> bool:
    """Two role names with nothing between them ("data science/data engineering")."""
    spans = found.named
    return any(first.end == second.start for first, second in zip(spans, spans[1:], strict=False))


def _recommending(found: Found, vocab: Vocabulary, hit: _Hits, moving: bool) -> bool:
    """A recommendation, not a comparison or a move: with one role named and a move asked, it
    is the move; with two or more roles, the asker must say something about themselves; with
    none, a section asked about ("should I do a bootcamp?", "Python or R: which should I
    learn?") wins unless they did."""
    named = {i for s in found.spans for i in range(s.start, s.end)}
    rest = " ".join(w for i, w in enumerate(found.words) if i not in named)
    if len(found.roles) == 1:  # (not "is a PhD in ML right for you?": that degree's worth)
        return not moving and not vocab.sections["education"].search(rest)
    about_self = bool(found.backgrounds or hit(vocab.about_me) or any(
        p.search(rest) for p in vocab.interests.values()))
    if len(found.roles) >= 2:  # (not "my skills for a leap into AI/ML": one name, moved to)
        return (about_self or bool(found.tools)) and bool({"i", "me", "my", "im"} & set(
            found.words)) and not (moving and len(_names(found)) == 1)
    # No role: "should I do a bootcamp?", "Python or R, which one should I learn?" ask about a
    # section (education, tools), not for a role, unless the asker says what they have or like.
    return about_self or not vocab.sections_in(rest)


def _a_list(message: str) -> bool:
    """Three or more items set out with commas ("differences, expectations, and pay"): a title
    listing aspects, not one question."""
    return message.count(",") >= 2


def _pay_among_aspects(found: Found, vocab: Vocabulary, message: str) -> bool:
    """Pay is one of several aspects listed after the roles ("DevOps vs SRE: differences,
    expectations, and pay"), not the question ("the median salary of a DS vs a SWE at
    Google, Microsoft, or Meta?")."""
    if not _a_list(message) or not found.named:
        return False
    after = " ".join(found.words[found.named[-1].end:])
    return vocab.salary.search(after) is not None


def _asked_of_paying_jobs(vocab: Vocabulary, hit: _Hits, rest: str,
                          rest_words: frozenset[str]) -> bool:
    """Skills, tools or education asked of jobs that pay well ("what skills are required for
    the top-paying data analyst jobs?"): pay names the jobs, the section is the question."""
    if not hit(vocab.pay_kinds):  # (most messages: one set look-up)
        return False
    return vocab.salary.search(vocab.pay_kinds.sub("/", hit.text)) is None and not {
        "skills", "tools", "education"}.isdisjoint(vocab.sections_in(rest, rest_words))


def _about_pay(vocab: Vocabulary, hit: _Hits) -> bool:
    """Pay without a role ("average data salary") is a pay question when pay is the topic."""
    return (hit(vocab.salary) or _MONEY.search(hit.text) is not None) and not hit(vocab.transition)


def _listing(found: Found, text: str, also: AbstractSet[str] = frozenset()) -> bool:
    """"MLE jobs", "remote senior data engineer jobs": short, and nothing but a listing (and
    the words ``also``, such as a pay floor's)."""
    words = [w for w in found.words if w not in also]
    if "jobs" not in words and "job" not in words or len(words) > 8:
        return False
    in_names = {i for s in found.spans for i in range(s.start, s.end)}
    rest = [w for i, w in enumerate(found.words) if i not in in_names and w not in _LISTING
            and w not in also]
    return not rest or all(w in {"senior", "junior", "entry", "mid", "sr", "jr", "lead"}
                           for w in rest)


def _comparable(sections: list[str]) -> list[str]:
    # "what's the difference" would otherwise read as a request for definitions only.
    return [s for s in sections if s not in ("definition", "responsibilities", "tips")]
