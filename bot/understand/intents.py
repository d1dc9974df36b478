"""What a chat message asks for: compare, a profile, one section, jobs, the role list or help.

Keyword rules on the message's plain words; roles come from the matcher. Deliberately simple and
predictable: a user can see why the bot answered the way it did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from careerbot.bot.kb.models import Level
from careerbot.bot.understand.matcher import RoleMatcher
from careerbot.bot.understand.text import plain

Kind = Literal["help", "roles", "jobs", "compare", "profile", "section", "transition", "none",
               "smalltalk"]

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

# Section keywords, checked on the lower-case plain words of the message.
_SECTION_WORDS: dict[str, str] = {
    "tools": r"tools?|software|(tech )?stack|technolog(y|ies)|frameworks?|librar(y|ies)",
    "skills": r"skills?|skillset|skill set|need to know|competenc(y|ies)|abilities|strengths",
    "education": r"education|degrees?|study|studies|qualifications?|certifications?|certificates?"
                 r"|phd|masters?|bachelors?|university|college|courses?",
    "responsibilities": r"responsibilit(y|ies)|duties|day to day|daily|do all day|what do(es)? "
                        r"(an? |the )?.{0,40}\bdo\b|job description|tasks",
    "industries": r"industr(y|ies)|sectors?|which companies|what companies|where .{0,30}work",
    "outlook": r"outlook|demand|growth|growing|future|prospects|job market",
    "salary": r"salar(y|ies)|pay|pays|paid|earn|earns|earning|compensation|money|make a year",
    "tips": r"tips?|become|becoming|get started|getting started|break into|advice|how (do|can) i "
            r"(get|start)|career path|get into|start out|roadmap",
    "definition": r"what is|what s|whats|define|definition|meaning of|explain",
}
_SECTION_RES = {key: re.compile(rf"\b(?:{pattern})\b") for key, pattern in _SECTION_WORDS.items()}

_HELP = re.compile(r"^(help|h|\?|commands?|usage|menu|start|hi|hello|hey)$|\bhelp\b|"
                   r"\bwhat can (you|u) do\b|\bhow (do|does) (this|you|it) work\b")
_ROLES = re.compile(r"^(roles|list|list roles|all roles)$|\b(list|all|which|what|show)( the| all"
                    r"| your)? (roles|careers|job titles)\b|\broles (do you|can you|you) ")
_JOBS = re.compile(r"\b(jobs?|openings?|hiring|vacanc(y|ies)|positions?|listings?|postings?|"
                   r"job board|opportunit(y|ies))\b")
_COMPARE = re.compile(r"\b(vs|versus|compare|compared|comparison|comparing|difference|"
                      r"differences|differ|better)\b")
_TRANSITION = re.compile(r"\b(from .+ to|switch|switching|transition|transitioning|move from|"
                         r"moving from|pivot|change from|go from)\b")
_THANKS = re.compile(r"^(thanks?|thank you|thx|ty|cheers|great|cool|nice|ok|okay|awesome)"
                     r"( (so much|a lot|bot|careerbot|again))*$")
_LEVELS: list[tuple[Level, re.Pattern[str]]] = [
    ("entry", re.compile(r"\b(entry|junior|jr|graduate|grad|intern|internships?|new grad)\b")),
    ("mid", re.compile(r"\b(mid|intermediate|mid level)\b")),
    ("senior", re.compile(r"\b(senior|sr|experienced)\b")),
    ("executive", re.compile(r"\b(executive|exec|c level)\b")),
]
_REMOTE = re.compile(r"\b(remote|wfh|work from home|anywhere)\b")


@dataclass
class Intent:
    kind: Kind
    roles: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    level: Level | None = None
    remote: bool = False
    #: The message asked for a comparison but named fewer than two known roles.
    wants_compare: bool = False


def sections_in(words: str) -> list[str]:
    """Section keys the words ask about, in the canonical section order."""
    return [key for key in SECTIONS if _SECTION_RES[key].search(words)]


def parse(message: str, matcher: RoleMatcher) -> Intent:
    words = plain(message)
    roles = matcher.match(message)
    if not words:
        return Intent("help")
    if _JOBS.search(words):
        level = next((lvl for lvl, pattern in _LEVELS if pattern.search(words)), None)
        return Intent("jobs", roles, level=level, remote=bool(_REMOTE.search(words)))
    wants_compare = bool(_COMPARE.search(words))
    if len(roles) >= 2:
        if _TRANSITION.search(words) and not wants_compare:
            return Intent("transition", roles[:2])
        return Intent("compare", roles, _comparable_sections(words))
    if len(roles) == 1:
        if wants_compare:
            return Intent("compare", roles, wants_compare=True)
        if _TRANSITION.search(words) or re.search(r"\bbecome\b|\bbecoming\b", words):
            return Intent("transition", roles)
        found = [s for s in sections_in(words) if s != "definition"]
        return Intent("section", roles, found) if found else Intent("profile", roles)
    if _THANKS.match(words):
        return Intent("smalltalk")
    if _ROLES.search(words):
        return Intent("roles")
    if _HELP.search(words):
        return Intent("help")
    return Intent("none", wants_compare=wants_compare)


def _comparable_sections(words: str) -> list[str]:
    # "what's the difference" would otherwise read as a request for definitions only.
    return [s for s in sections_in(words) if s not in ("definition", "responsibilities", "tips")]
