"""Builds reply documents from the knowledge base: profiles, sections, comparisons, transitions.

Pure functions of (knowledge base, role ids): no I/O, no platform markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from bot.intents import SECTIONS
from bot.jobs import thousands
from bot.knowledge import KnowledgeBase
from bot.models import LEVELS, Outlook, Role
from bot.reply import Comparison, Reply, RoleRef, Row, Section, Suggestion
from bot.text import plain

SALARY_NOTE = (
    "Salary ({title}): {source}, work years {years}; full-time salaries in USD, mostly from US "
    "respondents, so figures skew to US pay. Survey titles used: {titles}."
)
_FILLER = {"and", "or", "the", "of", "for", "in", "with", "a", "an", "e", "g", "eg", "such", "as"}


# ---- sections of one role ------------------------------------------------------------------


def pct(value: float) -> str:
    return f"{value:g}%"


def outlook_lines(outlook: Outlook) -> list[str]:
    edition = f", {outlook.edition} edition" if outlook.edition else ""
    lines = [f"{pct(outlook.growth_pct)} projected employment growth, {outlook.period} "
             f"({outlook.source}{edition})", outlook.text]
    lines += [f"Earlier projection: {pct(e.growth_pct)} for {e.period} ({e.source})"
              for e in outlook.earlier]
    return lines


def salary_lines(role: Role) -> list[str]:
    """Median pay by level, or "too few reports" where the survey sample is small."""
    if role.salary is None:
        return ["No salary figures for this role yet."]
    lines = []
    for level in LEVELS:
        band = role.salary.levels.get(level)
        if band is None or band.count == 0:
            lines.append(f"{level.capitalize()}: no reports")
        elif band.median is None:
            lines.append(f"{level.capitalize()}: too few reports ({band.count}, {band.years})")
        else:
            lines.append(f"{level.capitalize()}: median USD {thousands(band.median)} "
                         f"(middle half {thousands(band.p25)}-{thousands(band.p75)}; "
                         f"{band.count} reports, {band.years})")
    if role.salary.note:
        lines.append(role.salary.note)
    return lines


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


def sources_note(roles: Sequence[Role], salary: bool = True) -> list[str]:
    """Where the facts come from; with ``salary``, the survey behind the figures shown."""
    seen: list[str] = []
    for role in roles:
        for s in role.sources:
            line = f"{s.publisher}, {s.title} ({s.year})"
            if line not in seen:
                seen.append(line)
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


def _section(role: Role, key: str) -> Section:
    return Section(heading=SECTIONS[key], items=section_lines(role, key))


def profile(kb: KnowledgeBase, role: Role) -> Reply:
    keys = [k for k in SECTIONS if k != "definition"]
    return Reply(
        kind="profile", title=role.title, text=role.definition,
        sections=[_section(role, k) for k in keys],
        suggestions=related_suggestions(kb, role), roles=[ref(role)],
        notes=sources_note([role]),
        fallback=f"{role.title}: {role.summary}",
    )


def sections(kb: KnowledgeBase, role: Role, keys: Sequence[str]) -> Reply:
    title = f"{role.title}: " + ", ".join(SECTIONS[k].lower() for k in keys)
    shown = [_section(role, k) for k in keys]
    first = shown[0].items[0] if shown and shown[0].items else role.summary
    return Reply(
        kind="section", title=title, text=role.summary, sections=shown,
        suggestions=[Suggestion(label=f"Full profile of {role.title}", ask=role.id,
                                role_id=role.id)],
        roles=[ref(role)], notes=sources_note([role], salary="salary" in keys),
        fallback=f"{title}: {first}",
    )


# ---- comparisons ---------------------------------------------------------------------------


@lru_cache(maxsize=16_384)
def _key(text: str) -> str:
    """Order- and filler-insensitive key, so "Retail and e-commerce" == "E-commerce and retail"."""
    return " ".join(sorted(set(plain(text).split()) - _FILLER))


def _overlap(
    roles: Sequence[Role], label: str, items: Callable[[Role], list[str]]
) -> tuple[Section | None, list[Section]]:
    """What every role has, and what only one role has, compared by normalised key."""
    keyed = [{_key(i): i for i in items(r)} for r in roles]
    common = set.intersection(*(set(k) for k in keyed))
    shared = [text for key, text in keyed[0].items() if key in common]
    only: list[Section] = []
    for i, role in enumerate(roles):
        others = set().union(*(set(k) for j, k in enumerate(keyed) if j != i))
        mine = [text for key, text in keyed[i].items() if key not in others]
        if mine:
            only.append(Section(heading=f"{label} only {role.title} lists", items=mine))
    heading = f"{label} {'both' if len(roles) == 2 else 'all'} list"
    return (Section(heading=heading, items=shared) if shared else None), only


def comparison_rows(roles: Sequence[Role], keys: Sequence[str]) -> list[Row]:
    rows: list[Row] = []
    for key in keys:
        if key == "tools":
            categories: list[str] = []
            for role in roles:
                categories += [c for c in role.tools if c not in categories]
            rows += [Row(heading=f"Tools: {c}",
                         cells=[[", ".join(r.tools[c])] if c in r.tools else [] for r in roles])
                     for c in categories]
        else:
            rows.append(Row(heading=SECTIONS[key], cells=[section_lines(r, key) for r in roles]))
    return rows


def compare(kb: KnowledgeBase, roles: Sequence[Role], keys: Sequence[str] = ()) -> Reply:
    keys = list(keys) or list(SECTIONS)
    shared: list[Section] = []
    only: list[Section] = []
    overlaps = {
        "skills": ("Skills", lambda r: [s.name for s in r.skills]),
        "tools": ("Tools", lambda r: r.all_tools),
        "industries": ("Industries", lambda r: list(r.industries)),
    }
    for key, (label, items) in overlaps.items():
        if key in keys:
            common, single = _overlap(roles, label, items)
            shared += [common] if common else []
            only += single
    title = " vs ".join(r.title for r in roles)
    return Reply(
        kind="compare", title=title,
        text="\n".join(f"{r.title}: {r.summary}" for r in roles),
        comparison=Comparison(roles=[ref(r) for r in roles], rows=comparison_rows(roles, keys),
                              shared=shared, only=only),
        roles=[ref(r) for r in roles], notes=sources_note(roles),
        fallback=f"{title}: " + "; ".join(f"{r.title}: {r.summary}" for r in roles),
    )


# ---- career transitions --------------------------------------------------------------------


def _missing(have: Iterable[str], want: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split ``want`` into (what ``have`` lacks, what carries over), by normalised key."""
    have_keys = {_key(h) for h in have}
    need, keep = [], []
    for item in want:
        (keep if _key(item) in have_keys else need).append(item)
    return need, keep


def path_between(kb: KnowledgeBase, start: str, goal: str) -> list[str]:
    """Shortest chain of related roles from start to goal (both included), or [] if none."""
    previous: dict[str, str | None] = {start: None}
    frontier = [start]
    while frontier and goal not in previous:
        nxt = []
        for role_id in frontier:
            neighbours = list(kb.roles[role_id].related) + [
                r.id for r in kb.roles.values() if role_id in r.related]
            for other in neighbours:
                if other not in previous:
                    previous[other] = role_id
                    nxt.append(other)
        frontier = nxt
    if goal not in previous:
        return []
    path = [goal]
    while (step := previous[path[-1]]) is not None:
        path.append(step)
    return path[::-1]


def salary_change(current: Role, target: Role) -> list[str]:
    lines = []
    for level in LEVELS:
        a = current.salary.levels.get(level) if current.salary else None
        b = target.salary.levels.get(level) if target.salary else None
        if a and b and a.median is not None and b.median is not None:
            diff = b.median - a.median
            sign = "+" if diff >= 0 else "-"
            lines.append(f"{level.capitalize()}: {thousands(a.median)} -> {thousands(b.median)} "
                         f"({sign}{thousands(abs(diff))}, {sign}{abs(diff) / a.median:.0%})")
        else:
            lines.append(f"{level.capitalize()}: too few reports to compare")
    return lines


def become(kb: KnowledgeBase, role: Role) -> Reply:
    shown = [_section(role, "tips"), _section(role, "education"),
             Section(heading="Core skills", items=section_lines(role, "skills"))]
    title = f"How to become {article(role.title)} {role.title}"
    return Reply(kind="transition", title=title, text=role.summary, sections=shown,
                 suggestions=related_suggestions(kb, role), roles=[ref(role)],
                 notes=sources_note([role], salary=False), fallback=f"{title}: {role.tips[0]}")


def transition(kb: KnowledgeBase, roles: Sequence[Role]) -> Reply:
    if len(roles) == 1:
        return become(kb, roles[0])
    current, target = roles[0], roles[1]
    skills_needed, skills_kept = _missing([s.name for s in current.skills],
                                          [s.name for s in target.skills])
    tools_needed, tools_kept = _missing(current.all_tools, target.all_tools)
    education_needed, _ = _missing(current.education, target.education)
    path = path_between(kb, current.id, target.id)
    between = [kb.roles[r].title for r in path[1:-1]]
    route = ("These roles are directly related: people move between them."
             if len(path) == 2 else
             f"Roles in between: {' -> '.join(between)}." if between else
             "No chain of related roles links them in the knowledge base.")
    shown = [
        Section(heading=f"Skills to add for {target.title}", items=skills_needed),
        Section(heading="Skills that carry over", items=skills_kept),
        Section(heading="Tools to learn", text=", ".join(tools_needed)),
        Section(heading="Tools you already use", text=", ".join(tools_kept)),
        Section(heading=f"Education {target.title} asks for", items=education_needed),
        Section(heading="Salary change by level (median, USD)",
                items=salary_change(current, target)),
        Section(heading="Tips", items=list(target.tips)),
    ]
    title = f"From {current.title} to {target.title}"
    return Reply(
        kind="transition", title=title, text=route,
        sections=[s for s in shown if s.items or s.text],
        suggestions=[Suggestion(label=f"Compare {current.title} and {target.title}",
                                ask=f"{current.id} vs {target.id}", role_id=target.id)],
        roles=[ref(current), ref(target)], notes=sources_note([current, target]),
        fallback=f"{title}: {len(skills_needed)} skills to add, "
                 f"{len(skills_kept)} carry over. {route}",
    )
