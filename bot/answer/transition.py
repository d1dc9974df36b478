"""Moving between roles: what to add, what carries over, pay change and the roles in between."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from careerbot.bot.answer.lines import (
    article,
    common_level,
    comparable,
    follow_ups,
    normal_key,
    ref,
    related_suggestions,
    short_notes,
)
from careerbot.bot.answer.reply import Reply, Section, Suggestion
from careerbot.bot.jobs.select import thousands
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.kb.models import LEVELS, Background, Role


def _missing(have: Iterable[str], want: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split ``want`` into (what ``have`` lacks, what carries over), by normalised key."""
    have_keys = {normal_key(h) for h in have}
    need, keep = [], []
    for item in want:
        (keep if normal_key(item) in have_keys else need).append(item)
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
        if comparable(a, b):
            assert a is not None and b is not None and a.median is not None and b.median is not None
            diff = b.median - a.median
            sign = "+" if diff >= 0 else "-"
            lines.append(f"{level.capitalize()}: {thousands(a.median)} -> {thousands(b.median)} "
                         f"({sign}{thousands(abs(diff))}, {sign}{abs(diff) / a.median:.0%})")
        elif a is not None and b is not None and a.median is not None and b.median is not None:
            lines.append(f"{level.capitalize()}: not comparable (answers from {a.years} and "
                         f"{b.years})")
        else:
            lines.append(f"{level.capitalize()}: too few reports to compare")
    return lines


#: How many items of a list a one-screen answer shows; the rest is behind a follow-up.
FEW = 4


def few(items: Sequence[str], limit: int = FEW) -> list[str]:
    """The first ``limit`` items, and how many more there are."""
    rest = len(items) - limit
    return [*items[:limit], f"... and {rest} more"] if rest > 0 else list(items)


def become(kb: KnowledgeBase, role: Role) -> Reply:
    shown = [Section(heading="Steps", items=list(role.tips[:FEW])),
             Section(heading="Education", items=list(role.education[:2])),
             Section(heading="Core skills", text=", ".join(s.name for s in role.skills))]
    title = f"How to become {article(role.title)} {role.title}"
    return Reply(kind="transition", title=title, text=role.summary, sections=shown,
                 suggestions=[*follow_ups(role.title, ("skills", "tools", "education", "salary")),
                              *related_suggestions(kb, role)[:2]],
                 roles=[ref(role)], notes=short_notes([role], salary=False),
                 fallback=f"{title}: {role.tips[0]}")


def also_into(reply: Reply, start: Role | None, goals: Sequence[Role]) -> Reply:
    """``reply`` about a move into the first of several roles named at once ("into AI/ML"),
    with a move into each of the others first among the follow-ups."""
    if not goals:
        return reply
    asks = [Suggestion(label=f"How to become {article(r.title)} {r.title}",
                       ask=f"{start.id} to {r.id}" if start else
                       f"how do I become {article(r.title)} {r.title}", role_id=r.id)
            for r in goals]
    return reply.model_copy(update={
        "suggestions": [*asks, *reply.suggestions],
        "roles": [*reply.roles, *(ref(r) for r in goals)]})


def transition(kb: KnowledgeBase, roles: Sequence[Role], goals: int = 1) -> Reply:
    """A move from ``roles[0]`` to the first of the last ``goals`` roles (more than one when
    named at once: "from statistics into AI/ML"), the other goals as follow-ups; other roles in
    between are other starting points ("from DA or DS to DE"), each a follow-up."""
    goals = max(1, min(goals, len(roles)))
    if len(roles) == goals:
        return also_into(become(kb, roles[0]), None, roles[1:])
    if goals > 1:
        first = len(roles) - goals
        return also_into(transition(kb, roles[:first + 1]), roles[0], roles[first + 1:])
    current, target = roles[0], roles[-1]
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
    level = common_level([current, target])
    change = [line for line in salary_change(current, target)
              if line.lower().startswith(level)]
    shown = [
        Section(heading=f"Skills to add for {target.title}", items=few(skills_needed)),
        Section(heading="Skills that carry over", items=few(skills_kept)),
        Section(heading="Tools to learn", text=", ".join(few(tools_needed, 6))),
        Section(heading=f"Education {target.title} asks for", items=education_needed[:1]),
        Section(heading="Pay change (median, USD)", items=change),
        Section(heading="Tips", items=list(target.tips[:1])),
    ]
    title = f"From {current.title} to {target.title}"
    subject = f"{current.id} vs {target.id}"
    return Reply(
        kind="transition", title=title, text=route,
        sections=[s for s in shown if s.items or s.text],
        suggestions=[Suggestion(label=f"Compare {current.title} and {target.title}",
                                ask=subject, role_id=target.id),
                     Suggestion(label="Pay at every level", ask=f"{subject} salary"),
                     *(Suggestion(label=f"From {other.title}", ask=f"{other.id} to {target.id}",
                                  role_id=other.id) for other in roles[1:-1])],
        roles=[ref(r) for r in roles], notes=short_notes([current, target], salary=True),
        fallback=f"{title}: {len(skills_needed)} skills to add, "
                 f"{len(skills_kept)} carry over. {route}",
    )


#: Roles people most often start in, offered to someone "getting into data" with no target yet.
ENTRY_ROLES = ("data-analyst", "bi-analyst", "data-engineer", "data-scientist", "ml-engineer")


def from_background(kb: KnowledgeBase, background: Background, target: Role | None) -> Reply:
    """A move from a background that is not a role (a PhD, teaching, IT support) to a role, or
    to the roles people from it often choose when no role is named."""
    carried_keys = {normal_key(s) for s in background.carries}
    if target is None:
        options = [kb.roles[r] for r in background.suits if r in kb.roles]
        shown = [
            Section(heading="What you bring", items=few([*background.strengths,
                                                         *(f"{s} skills" for s in background.carries)])),
            Section(heading=f"Roles people from {background.title} often move into",
                    items=[f"{r.title}: {r.summary}" for r in options[:4]]),
            Section(heading="What to add", items=list(background.add)),
        ]
        title = f"From {background.title} into data and AI"
        suggestions = [Suggestion(label=f"How to become {article(r.title)} {r.title}",
                                  ask=f"from {background.names[0]} to {r.title}", role_id=r.id)
                       for r in options[:3]]
        return Reply(kind="transition", title=title, text=background.strengths[0],
                     sections=shown, suggestions=suggestions,
                     fallback=f"{title}: " + ", ".join(r.title for r in options[:4]))
    skills = [s.name for s in target.skills]
    kept = [s for s in skills if normal_key(s) in carried_keys]
    needed = [s for s in skills if normal_key(s) not in carried_keys]
    shown = [
        Section(heading="What carries over", items=few([*kept, *background.strengths])),
        Section(heading=f"Skills to add for {target.title}", items=few(needed)),
        Section(heading="Advice for this move", items=list(background.add[:3])),
        Section(heading=f"Education {target.title} asks for", items=list(target.education[:2])),
    ]
    title = f"From {background.title} to {target.title}"
    good = target.id in background.suits
    text = (f"A common move: people from {background.title} often become {target.title}s."
            if good else f"Less common from {background.title}, but the skills below show the gap.")
    return Reply(
        kind="transition", title=title, text=text, sections=[s for s in shown if s.items],
        suggestions=[*follow_ups(target.title, ("skills", "tools", "salary")),
                     Suggestion(label=f"How to become {article(target.title)} {target.title}",
                                ask=f"how do I become {article(target.title)} {target.title}")],
        roles=[ref(target)],
        notes=short_notes([target], salary=False),
        fallback=f"{title}: {len(kept)} of {len(skills)} core skills carry over.",
    )


def getting_in(kb: KnowledgeBase) -> Reply:
    """"How do I get into data?" with no role or background named: the usual first roles."""
    options = [kb.roles[r] for r in ENTRY_ROLES if r in kb.roles]
    title = "Getting into data and AI"
    return Reply(
        kind="transition", title=title,
        text="Most people start in a role that needs fewer years of experience, then move on.",
        sections=[Section(heading="Common first roles",
                          items=[f"{r.title}: {r.summary}" for r in options])],
        suggestions=[Suggestion(label=f"How to become {article(r.title)} {r.title}",
                                ask=f"how do I become {article(r.title)} {r.title}",
                                role_id=r.id) for r in options[:3]],
        fallback=f"{title}: " + ", ".join(r.title for r in options),
    )
