"""Two or more roles side by side: rows per section, and what they share or only one lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from careerbot.bot.answer.lines import (
    SHARED_LINES,
    common_level,
    distinct,
    follow_ups,
    normal_key,
    pay_line,
    ref,
    related_suggestions,
    section_lines,
    short_notes,
    sources_note,
)
from careerbot.bot.answer.reply import Comparison, Reply, Row, Section, Suggestion
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.kb.models import Role
from careerbot.bot.understand.intents import SECTIONS


def _overlap(
    roles: Sequence[Role], label: str, items: Callable[[Role], list[str]]
) -> tuple[Section | None, list[Section]]:
    """What every role has, and what only one role has, compared by normalised key."""
    keyed = [{normal_key(i): i for i in items(r)} for r in roles]
    common = set.intersection(*(set(k) for k in keyed))
    shared = [text for key, text in keyed[0].items() if key in common]
    only: list[Section] = []
    for role, mine in zip(roles, distinct(roles, items), strict=True):
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


#: Sections a partial comparison shows as "in common / only one lists" rather than as rows.
OVERLAPS = ("skills", "tools", "industries")


def compare(kb: KnowledgeBase, roles: Sequence[Role], keys: Sequence[str] = ()) -> Reply:
    """Every section side by side (no ``keys``), or only the sections asked for."""
    partial = bool(keys)
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
        comparison=Comparison(roles=[ref(r) for r in roles],
                              rows=comparison_rows(roles, [k for k in keys if not partial
                                                           or k not in OVERLAPS]),
                              shared=shared, only=only),
        roles=[ref(r) for r in roles],
        notes=short_notes(roles, salary="salary" in keys) if partial else sources_note(roles),
        fallback=f"{title}: " + "; ".join(f"{r.title}: {r.summary}" for r in roles),
    )


#: Lines per role in a section shown for several roles (each role has lines of its own).
CELL_LINES = {2: 4, 3: 3, 4: 2}
CELL_LINES_MANY = 1


def _cut(reply: Reply, roles: int, sections: int = 1) -> Reply:
    """A few lines per role in each section shown, so that they fit one screen."""
    lines = max(1, CELL_LINES.get(roles, CELL_LINES_MANY) // sections)
    if reply.comparison is None:
        return reply
    cut = reply.comparison.model_copy(update={
        "rows": [r.model_copy(update={"cells": [c[:lines] for c in r.cells]})
                 for r in reply.comparison.rows],
        "shared": [s.model_copy(update={"items": s.items[:SHARED_LINES]})
                   for s in reply.comparison.shared],
        "only": [s.model_copy(update={"items": s.items[:lines]})
                 for s in reply.comparison.only]})
    return reply.model_copy(update={"comparison": cut})


#: Sections a comparison of some sections shows on one screen, and the lines they may take
#: (about half a chat screen of 80 columns); the other sections are buttons.
SHOWN_SECTIONS, SHOWN_LINES, COLUMNS = 2, 22, 76


def _lines(reply: Reply) -> int:
    """About how many lines a comparison's sections take on a screen: a heading, then each
    line wrapped."""
    if reply.comparison is None:
        return 0
    c = reply.comparison
    cells = [(len(row.cells), [line for cell in row.cells for line in cell]) for row in c.rows]
    parts = [(1 + n, lines) for n, lines in cells] + [(2, s.items) for s in (*c.shared, *c.only)]
    return sum(head + sum(1 + len(line) // COLUMNS for line in lines) for head, lines in parts)


def _first(kb: KnowledgeBase, roles: Sequence[Role], keys: Sequence[str], count: int) -> Reply:
    """The first ``count`` sections asked for, a few lines per role, the rest as buttons."""
    reply = _cut(compare(kb, roles, keys[:count]), len(roles), count)
    names = " vs ".join(r.title for r in roles)
    later = [Suggestion(label=SECTIONS[k], ask=f"{names} {SECTIONS[k].lower()}")
             for k in keys[count:]]
    return reply.model_copy(update={"suggestions": [*later, *reply.suggestions]})


def some(kb: KnowledgeBase, roles: Sequence[Role], keys: Sequence[str]) -> Reply:
    """The sections asked for, side by side ("DS vs DE: education and skills"), on one
    screen: the first two for two roles (one if their lines are long, or for more roles), the
    others as buttons, and every line of every section one button away."""
    reply = _first(kb, roles, keys, SHOWN_SECTIONS if len(roles) == 2 else 1)
    if len(keys) > 1 and _lines(reply) > SHOWN_LINES:
        reply = _first(kb, roles, keys, 1)
    if len(roles) == 2:  # (more roles side by side are wider than a chat screen)
        every = Suggestion(label="Every line", ask=f"full {roles[0].id} vs {roles[1].id}")
        reply = reply.model_copy(update={"suggestions": [*reply.suggestions, every]})
    return reply


def sections(kb: KnowledgeBase, roles: Sequence[Role], keys: Sequence[str]) -> Reply:
    """A section for several roles ("which languages suit web development and ML?"): one
    section, a few lines per role, the other sections asked as buttons (one screen)."""
    return _first(kb, roles, keys, 1).model_copy(update={"kind": "section"})


#: How many differences a short comparison shows.
DIFFERENCES = 6


def _only(roles: Sequence[Role], items: Callable[[Role], list[str]], label: str,
          limit: int = 3) -> list[str]:
    """"Only Data Engineer lists: Spark, Kafka" lines, the most distinctive first."""
    lines = []
    for role, mine in zip(roles, distinct(roles, items), strict=True):
        if mine:
            more = f" and {len(mine) - limit} more" if len(mine) > limit else ""
            lines.append(f"{label} only {role.title} lists: {', '.join(mine[:limit])}{more}")
    return lines


def summary(kb: KnowledgeBase, roles: Sequence[Role]) -> Reply:
    """The comparison on one screen: each role in a line, then the differences that matter
    most (skills and tools only one needs, pay at the same level, outlook, entry), then buttons
    for every section and the full side by side."""
    title = " vs ".join(r.title for r in roles)
    differences = [
        *_only(roles, lambda r: [s.name for s in r.skills], "Skills"),
        *_only(roles, lambda r: r.all_tools, "Tools"),
    ][: DIFFERENCES - 2]
    if {r.seniority for r in roles} != {roles[0].seniority}:
        differences.append("Seniority: " + "; ".join(f"{r.title} is {r.seniority}" for r in roles))
    if len({(r.outlook.growth_pct, r.outlook.period) for r in roles}) > 1:
        growth = [f"{r.title} " + (f"{r.outlook.growth_pct:+g}% ({r.outlook.period})"
                                   if r.outlook.growth_pct is not None else "no official figure")
                  for r in roles]
        differences.append("Projected growth (BLS, own or nearest occupation): "
                           + ", ".join(growth))
    level = common_level(roles)
    subject = " vs ".join(r.id for r in roles)
    suggestions = [*follow_ups(subject, ("skills", "tools", "salary", "education", "outlook")),
                   Suggestion(label="Full comparison", ask=f"full comparison {subject}")]
    return Reply(
        kind="compare", title=title,
        text="\n".join(f"{r.title}: {r.summary}" for r in roles),
        sections=[Section(heading="Differences that matter", items=differences),
                  Section(heading=f"Pay at {level} level", items=[pay_line(r, level)
                                                                   for r in roles])],
        suggestions=suggestions, roles=[ref(r) for r in roles],
        notes=short_notes(roles, salary=True),
        fallback=f"{title}: " + "; ".join(f"{r.title}: {r.summary}" for r in roles),
    )


def one_known(kb: KnowledgeBase, role: Role, notes: Sequence[str]) -> Reply:
    """A comparison asked with one role we know ("data science vs statistics"): that role in a
    line and the roles it is usually compared with, each a button; never "I need two roles"."""
    related = [kb.roles[r] for r in role.related if r in kb.roles][:4]
    return Reply(
        kind="compare", title=f"{role.title}, compared", text=role.summary,
        sections=[Section(heading="Often compared with",
                          items=[f"{r.title}: {r.summary}" for r in related])] if related else [],
        suggestions=related_suggestions(kb, role), roles=[ref(role)],
        notes=[*notes, *short_notes([role], salary=False)],
        fallback=f"{role.title}: {role.summary} Compare it with: "
                 + ", ".join(r.title for r in related),
    )
