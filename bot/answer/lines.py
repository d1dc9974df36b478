"""The lines of a role's sections, its sources and its suggestions: the parts every answer is
built from. Pure functions of the knowledge base: no I/O, no platform markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from careerbot.bot.answer.reply import RoleRef, Section, Suggestion
from careerbot.bot.jobs.select import thousands
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.kb.models import LEVELS, Level, Outlook, Role, SalaryBand
from careerbot.bot.understand.intents import SECTIONS
from careerbot.bot.understand.text import plain

SALARY_NOTE = (
    "Salary ({title}): {source}, work years {years}; full-time salaries in USD, mostly from US "
    "respondents, so figures skew to US pay. Survey titles used: {titles}."
)
_FILLER = {"and", "or", "the", "of", "for", "in", "with", "a", "an", "e", "g", "eg", "such", "as"}
#: Sections one answer shows; more asked at once become buttons (one screen).
SHOWN_SECTIONS = 2
#: Lines per section (per role) when two are shown.
SHARED_LINES = 4


def pct(value: float) -> str:
    return f"{value:g}%"


def outlook_figure(outlook: Outlook) -> str | None:
    """"+34% projected employment growth 2024-2034, about 23,400 openings a year; median pay
    USD 112,590 (May 2024)", or None when the role has no official figure."""
    if outlook.growth_pct is None and outlook.median_pay is None:
        return None
    parts = []
    if outlook.growth_pct is not None:
        parts.append(f"{outlook.growth_pct:+g}% projected employment growth {outlook.period}")
    if outlook.openings_per_year:
        parts.append(f"about {outlook.openings_per_year:,} openings a year")
    if outlook.median_pay:
        parts.append(f"median pay USD {outlook.median_pay:,} ({outlook.pay_date})")
    return ", ".join(parts[:2]) + ("; " + parts[2] if len(parts) > 2 else "")


def outlook_lines(outlook: Outlook) -> list[str]:
    """The official figure with the occupation it is for (said plainly when it is only the
    nearest one), then why, then older projections kept for reference."""
    figure = outlook_figure(outlook)
    lines = []
    if figure and outlook.occupation:
        publisher = outlook.source.publisher if outlook.source else "BLS"
        whose = (f"nearest official occupation, {outlook.occupation.lower()}" if outlook.proxy
                 else outlook.occupation.lower())
        lines.append(f"{figure} ({publisher}: {whose})")
    lines.append(outlook.text)
    lines += [f"Earlier projection: {pct(e.growth_pct)} for {e.period} ({e.source})"
              for e in outlook.earlier]
    return lines


def band_figure(label: str, band: SalaryBand, noun: str = "reports") -> str:
    """"label: median USD 155K (middle half 119K-196K; 4132 reports, 2024-2025)"."""
    return (f"{label}: median USD {thousands(band.median or 0)} (middle half "
            f"{thousands(band.p25 or 0)}-{thousands(band.p75 or 0)}; {band.count} {noun}, "
            f"{band.years})")


def band_line(label: str, band: SalaryBand | None) -> str:
    """A band's figure, or "no reports" / "too few reports" where the sample is small."""
    if band is None or band.count == 0:
        return f"{label}: no reports"
    if band.median is None:
        return f"{label}: too few reports ({band.count}, {band.years})"
    return band_figure(label, band)


def salary_lines(role: Role) -> list[str]:
    """Median pay by level, or "too few reports" where the survey sample is small."""
    if role.salary is None:
        return ["No salary figures for this role yet."]
    lines = [band_line(level.capitalize(), role.salary.levels.get(level)) for level in LEVELS]
    lines += inversions(role) + trends(role)
    if role.salary.note:
        lines.append(role.salary.note)
    return lines


#: Below this many answers, a median that beats the next level up is more likely noise.
SMALL_SAMPLE = 30


def comparable(a: SalaryBand | None, b: SalaryBand | None) -> bool:
    """Two figures may be set against each other only with enough answers each (a median) and
    from the same work years: 3,233 answers from 2024-2025 against 17 from 2020-2025 is not a
    pay change."""
    return (a is not None and b is not None and a.median is not None and b.median is not None
            and a.years == b.years)


def trends(role: Role) -> list[str]:
    """The change between the two newest work years, per level, where both have 10+ answers."""
    if role.salary is None:
        return []
    out = []
    for level, (old, new) in role.salary.trend.items():
        assert old.median is not None and new.median is not None
        change = (new.median - old.median) / old.median
        partial = " so far" if f"snapshot {new.years}" in role.salary.source else ""
        out.append(f"Trend, {level}: {old.years} median USD {thousands(old.median)} "
                   f"({old.count}) -> {new.years}{partial} USD {thousands(new.median)} "
                   f"({new.count}), {change:+.0%}")
    return out


def inversions(role: Role) -> list[str]:
    """A caution where a level's median tops the next level's and either sample is small."""
    if role.salary is None:
        return []
    out = []
    for lower, upper in zip(LEVELS, LEVELS[1:], strict=False):
        a, b = role.salary.levels.get(lower), role.salary.levels.get(upper)
        if (a and b and a.median is not None and b.median is not None and a.median > b.median
                and min(a.count, b.count) < SMALL_SAMPLE):
            out.append(f"Caution: the {lower} median is above the {upper} median here, on few "
                       f"answers ({a.count} and {b.count}); treat both as rough.")
    return out


def section_lines(role: Role, key: str) -> list[str]:
    """The lines of one section of a role profile, as plain text."""
    match key:
        case "definition":
            return [role.definition]
        case "responsibilities":
            return list(role.responsibilities)
        case "skills":
            return [f"{s.name}: {s.detail}" if s.detail else s.name for s in role.skills]
        case "education":
            return list(role.education)
        case "tools":
            return [f"{category}: {', '.join(tools)}" for category, tools in role.tools.items()]
        case "industries":
            return list(role.industries)
        case "outlook":
            return outlook_lines(role.outlook)
        case "salary":
            return salary_lines(role)
        case "tips":
            return list(role.tips)
    raise ValueError(f"unknown section {key!r}")


def article(title: str) -> str:
    """ "an" before a vowel sound: an AI Engineer, an MLOps Engineer, a Data Scientist."""
    first = title.split()[0] if title.split() else ""
    acronym = first[:2].isupper() and first[0] in "AEFHILMNORSX"
    return "an" if acronym or (not first[:2].isupper() and first[:1].lower() in "aeiou") else "a"


def ref(role: Role) -> RoleRef:
    return RoleRef(id=role.id, title=role.title)


def _sources(roles: Sequence[Role], titles: bool) -> list[str]:
    """Each source of the roles once, the outlook's included: "title, publisher (year) url" or
    "publisher (year)"."""
    seen: list[str] = []
    for role in roles:
        for s in [*role.sources, *([role.outlook.source] if role.outlook.source else [])]:
            line = (f"{s.title}, {s.publisher} ({s.year})" + (f" {s.url}" if s.url else "")
                    if titles else f"{s.publisher} ({s.year})")
            if line not in seen:
                seen.append(line)
    return seen


def sources_note(roles: Sequence[Role], salary: bool = True) -> list[str]:
    """Where the facts come from; with ``salary``, the survey behind the figures shown."""
    seen = _sources(roles, titles=True)
    notes = ["Sources: " + "; ".join(seen)] if seen else []
    for role in roles if salary else ():
        if role.salary is not None and role.salary.survey_titles:
            notes.append(SALARY_NOTE.format(title=role.title, source=role.salary.source,
                                            years=role.salary.years,
                                            titles=", ".join(role.salary.survey_titles)))
    return notes


def related_suggestions(kb: KnowledgeBase, role: Role) -> list[Suggestion]:
    out = [Suggestion(label=f"Compare with {kb.roles[r].title}", ask=f"{role.id} vs {r}", role_id=r)
           for r in role.related if r in kb.roles]
    return out[:5]



def section(role: Role, key: str) -> Section:
    return Section(heading=SECTIONS[key], items=section_lines(role, key))



@lru_cache(maxsize=16_384)
def normal_key(text: str) -> str:
    """Order- and filler-insensitive key, so "Retail and e-commerce" == "E-commerce and retail"."""
    return " ".join(sorted(set(plain(text).split()) - _FILLER))


def distinct(roles: Sequence[Role], items: Callable[[Role], list[str]]) -> list[list[str]]:
    """For each role, its items that no other role lists (compared by :func:`normal_key`):
    what sets it apart in a comparison or a choice."""
    keyed = [{normal_key(i): i for i in items(r)} for r in roles]
    out = []
    for i in range(len(roles)):
        others = set().union(*(set(k) for j, k in enumerate(keyed) if j != i))
        out.append([text for key, text in keyed[i].items() if key not in others])
    return out


# ---- chat-sized parts ----------------------------------------------------------------------

#: Sections offered as follow-ups (buttons) under a short answer, with the words that ask.
FOLLOW_UPS = {"responsibilities": "responsibilities", "skills": "skills", "tools": "tools",
              "salary": "salary", "education": "education", "outlook": "outlook"}


def common_level(roles: Sequence[Role]) -> Level:
    """The level to compare pay at: the one where every role has a median and the most answers,
    else the level where the first role has the most."""
    def count(role: Role, level: Level) -> int:
        band = role.salary.levels.get(level) if role.salary else None
        return band.count if band is not None and band.median is not None else 0
    shared = [lvl for lvl in LEVELS if all(count(r, lvl) for r in roles)]
    pool = shared or list(LEVELS)
    return max(pool, key=lambda lvl: (sum(count(r, lvl) for r in roles), lvl == "mid"))


def pay_line(role: Role, level: str = "mid") -> str:
    """One line of pay: the median at a level with its number of answers, or why there is none."""
    band = role.salary.levels.get(level) if role.salary else None  # type: ignore[call-overload]
    if band is None or band.count == 0:
        return f"{role.title}: no {level}-level salary reports"
    if band.median is None:
        return f"{role.title}: too few {level}-level reports ({band.count})"
    return f"{role.title}: median USD {thousands(band.median)} at {level} level ({band.count} reports)"


def short_notes(roles: Sequence[Role], salary: bool) -> list[str]:
    """Where the facts come from, in two lines at most: the role sources, then the survey."""
    publishers = _sources(roles, titles=False)
    notes = ["Sources: " + "; ".join(publishers[:4]) + ("; ..." if len(publishers) > 4 else "")]
    if salary and any(r.salary for r in roles):
        notes.append("Pay: aijobs.net salary index (CC0), snapshot 2025-01-19, USD, mostly US.")
    return notes


def follow_ups(subject: str, keys: Sequence[str] = tuple(FOLLOW_UPS)) -> list[Suggestion]:
    """Buttons that ask for one section of ``subject`` (a role, or "A vs B")."""
    return [Suggestion(label=SECTIONS[k], ask=f"{subject} {FOLLOW_UPS[k]}") for k in keys]
