"""Two or more roles side by side: rows per section, and what they share or only one lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from careerbot.bot.answer.lines import normal_key, ref, section_lines, sources_note
from careerbot.bot.answer.reply import Comparison, Reply, Row, Section
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
