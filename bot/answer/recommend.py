"""Which role suits the asker: roles ranked by what the message says they have and like.

Each role scores points for the tools and skills the person already has that it needs, for
interests that match its family, and for being a common move from their background. The answer
shows the reasons and the gap, so the ranking can be checked, not just trusted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from careerbot.bot.answer.lines import article, distinct, normal_key, ref
from careerbot.bot.answer.reply import Reply, Section, Suggestion
from careerbot.bot.jobs.select import thousands
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.kb.models import Background, Role

#: Words too common in skill names to say a person has that skill.
_GENERIC = {"and", "data", "practices", "thinking", "management", "analysis", "design",
            "technologies", "platforms", "frameworks", "algorithms", "engineering", "business"}
SHOWN = 3


@dataclass
class Fit:
    role: Role
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _skill_words(role: Role) -> dict[str, str]:
    """Words that, said by a person, mean they have a skill of the role ("sql", "statistics")."""
    out: dict[str, str] = {}
    for skill in role.skills:
        for word in normal_key(skill.name).split():
            if len(word) >= 3 and word not in _GENERIC:
                out.setdefault(word, skill.name)
    return out


def interests(words: Sequence[str], patterns: dict[str, re.Pattern[str]]) -> list[str]:
    """Role families whose interest words the message uses, in order of appearance."""
    text = " ".join(words)
    return [family for family, pattern in patterns.items() if pattern.search(text)]


def rank(kb: KnowledgeBase, candidates: Sequence[Role], tools: Sequence[str],
         words: Sequence[str], families: Sequence[str], backgrounds: Sequence[Background]
         ) -> list[Fit]:
    pool = list(candidates) or [r for r in kb.roles.values()
                                if r.seniority == "individual contributor"]
    said = set(words)
    carried = {normal_key(s) for b in backgrounds for s in b.carries}
    fits = []
    for role in pool:
        fit = Fit(role)
        have_tools = [t for t in tools if t in role.all_tools]
        if have_tools:
            fit.score += 2 * len(have_tools)
            fit.reasons.append(f"You already use {', '.join(have_tools)}, which it needs.")
        skill_words = _skill_words(role)
        have = sorted({skill_words[w] for w in said if w in skill_words}
                      | {s.name for s in role.skills if normal_key(s.name) in carried})
        if have:
            fit.score += 2 * len(have)
            fit.reasons.append(f"Skills you have that it needs: {', '.join(have)}.")
        if role.family in families:
            fit.score += 3
            fit.reasons.append(f"Matches what you enjoy ({role.family} work).")
        for background in backgrounds:
            if role.id in background.suits:
                fit.score += 3 - background.suits.index(role.id) * 0.4
                fit.reasons.append(f"A common move from {background.title}.")
        fit.missing = [s.name for s in role.skills if s.name not in have][:3]
        fits.append(fit)
    fits.sort(key=lambda f: (-f.score, f.role.title))
    return fits


def _pay(role: Role) -> str:
    band = role.salary.levels.get("mid") if role.salary else None
    if band is None or band.median is None:
        return "Pay: too few survey reports to say."
    return f"Pay: median USD {thousands(band.median)} at mid level ({band.count} reports)."


def recommend(kb: KnowledgeBase, candidates: Sequence[Role], tools: Sequence[str],
              words: Sequence[str], families: Sequence[str], backgrounds: Sequence[Background]
              ) -> Reply:
    fits = rank(kb, candidates, tools, words, families, backgrounds)
    top = fits[:SHOWN] if not candidates else fits
    told = bool(tools or families or backgrounds or any(f.reasons for f in fits))
    # Between named roles, what only one of them asks for is what the choice turns on.
    apart = dict(zip((f.role.id for f in fits),
                     distinct([f.role for f in fits], lambda r: [k.name for k in r.skills]),
                     strict=True)) if len(candidates) >= 2 else {}
    sections = []
    for i, fit in enumerate(top, 1):
        items = fit.reasons[:2] or ["Nothing in your message points to it yet."]
        if apart.get(fit.role.id):
            items = [*fit.reasons[:2],
                     f"Pick it if you want to work with: {', '.join(apart[fit.role.id][:3])}."]
        items = [*items, f"To add: {', '.join(fit.missing)}." if fit.missing else "",
                 _pay(fit.role), f"Entry: {fit.role.education[0]}"]
        sections.append(Section(heading=f"{i}. {fit.role.title}: {fit.role.summary.rstrip('.')}",
                                items=[i for i in items if i]))
    asked = " or ".join(r.title for r in candidates) if candidates else "which role"
    title = f"Which suits you: {asked}" if candidates else "Roles that may suit you"
    text = ("Ranked by the tools, skills, interests and background in your message."
            if told else "Tell me the tools you use, what you enjoy or your background "
                         "(\u201cI know SQL and Tableau and like working with stakeholders\u201d) "
                         "and I can rank roles for you.")
    suggestions = [Suggestion(label=f"How to become {article(f.role.title)} {f.role.title}",
                              ask=f"how do I become {article(f.role.title)} {f.role.title}",
                              role_id=f.role.id) for f in top[:SHOWN]]
    if len(candidates) >= 2:
        names = " vs ".join(r.id for r in candidates)
        suggestions.insert(0, Suggestion(label="Compare them", ask=f"compare {names}"))
    # ``roles`` are the roles the question named; the ranked ones are the answer's content.
    return Reply(kind="recommend", title=title, text=text, sections=sections,
                 suggestions=suggestions, roles=[ref(r) for r in candidates],
                 fallback=f"{title}: " + ", ".join(f.role.title for f in top))
