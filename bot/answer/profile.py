"""One role: its profile, or some of its sections."""

from __future__ import annotations

import re
from collections.abc import Sequence

from careerbot.bot.answer.lines import (
    FOLLOW_UPS,
    SHARED_LINES,
    SHOWN_SECTIONS,
    article,
    common_level,
    follow_ups,
    outlook_figure,
    pay_line,
    ref,
    related_suggestions,
    section,
    short_notes,
    sources_note,
)
from careerbot.bot.answer.reply import Reply, Section, Suggestion
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.kb.models import Role
from careerbot.bot.understand.intents import SECTIONS

#: Roles shown next to the one asked about: a line each, one screen.
AROUND = 6


def profile(kb: KnowledgeBase, role: Role) -> Reply:
    keys = [k for k in SECTIONS if k != "definition"]
    return Reply(
        kind="profile", title=role.title, text=role.definition, about_role=True,
        sections=[section(role, k) for k in keys],
        suggestions=related_suggestions(kb, role), roles=[ref(role)],
        notes=sources_note([role]),
        fallback=f"{role.title}: {role.summary}",
    )


def sections(kb: KnowledgeBase, role: Role, keys: Sequence[str],
             tools: Sequence[str] = ()) -> Reply:
    """Some sections of a role; tools named in the question ("is Scala worth it for data
    engineering?") first get a line each: whether the role lists them."""
    shown_keys, later = keys[:SHOWN_SECTIONS], keys[SHOWN_SECTIONS:]
    title = f"{role.title}: " + ", ".join(SECTIONS[k].lower() for k in shown_keys)
    shown = [section(role, k) for k in shown_keys]
    if len(shown) > 1:
        shown = [s.model_copy(update={"items": s.items[:SHARED_LINES]}) for s in shown]
    if tools:
        shown.insert(0, named_tools(kb, role, tools))
    first = shown[0].items[0] if shown and shown[0].items else role.summary
    return Reply(
        kind="section", title=title, text=role.summary, sections=shown,
        suggestions=[*(Suggestion(label=SECTIONS[k], ask=f"{role.title} {k}", role_id=role.id)
                       for k in later),
                     Suggestion(label=f"Full profile of {role.title}", ask=role.id,
                                role_id=role.id)],
        roles=[ref(role)], notes=sources_note([role], salary="salary" in keys),
        fallback=f"{title}: {first}",
    )


#: Tools named in a question that get a line of their own.
NAMED_TOOLS = 3


def named_tools(kb: KnowledgeBase, role: Role, names: Sequence[str]) -> Section:
    """For each tool named, whether ``role`` lists it (and under what), names it among its
    skills, or neither, with the roles that do list it: the direct answer to "Rust or Go for
    data engineering?"."""
    items = []
    for name in names[:NAMED_TOOLS]:
        category = next((c for c, listed in role.tools.items() if name in listed), None)
        word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        skill = next((k for k in role.skills if word.search(f"{k.name} {k.detail or ''}")), None)
        users = [r.title for r in kb.roles.values() if r is not role and name in r.all_tools]
        if category:
            items.append(f"{name}: one of the {role.title}'s tools ({category.lower()})")
        elif skill:
            items.append(f"{name}: named in the {role.title}'s skills ({skill.name.lower()})")
        else:
            items.append(f"{name}: not among the {role.title}'s tools" + (
                f"; listed by {', '.join(users[:3])}" if users else ""))
    return Section(heading=f"{_and_list(names[:NAMED_TOOLS])} for {article(role.title)} "
                           f"{role.title}", items=items)


def _and_list(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def brief(kb: KnowledgeBase, role: Role, notes: Sequence[str] = (), bare: bool = False) -> Reply:
    """A role in a few lines, when the question names it but asks nothing we can place: what it
    is (its definition section), then the sections as follow-ups, never the whole profile. A
    role named alone (``bare``: "the analytics engineer") gets the same lines as a short
    profile."""
    return Reply(
        kind="profile" if bare else "section",
        title=role.title if bare else f"{role.title}: definition", about_role=True,
        text=f"{role.summary}\n{role.definition}",
        suggestions=[*follow_ups(role.title), *related_suggestions(kb, role)[:3]],
        roles=[ref(role)], notes=[*notes, *short_notes([role], salary=False)],
        fallback=f"{role.title}: {role.summary}",
    )


def around(kb: KnowledgeBase, role: Role) -> Reply:
    """"What career paths are there in data science?": the role and the roles next to it, a line
    each, to pick one to ask about; every role is one ask away."""
    near = [kb.roles[r] for r in role.related if r in kb.roles][:AROUND]
    lines = [f"{r.title}: {r.summary}" for r in [role, *near]]
    return Reply(
        kind="roles", title=f"Roles around {role.title}",
        text="The role and the roles people weigh it against or grow into:",
        sections=[Section(heading="Roles", items=lines)],
        suggestions=[*(Suggestion(label=f"About {r.title}", ask=r.id, role_id=r.id)
                       for r in near[:3]),
                     Suggestion(label="All roles", ask="list roles")],
        roles=[ref(role)], fallback=f"Roles around {role.title}: " + "; ".join(lines),
    )


def tools(kb: KnowledgeBase, names: Sequence[str]) -> Reply:
    """"Should I learn Looker or Power BI?": which roles use each tool, when no role is named."""
    shown = []
    for name in names:
        users = [r for r in kb.roles.values() if name in r.all_tools]
        shown.append(Section(heading=f"Roles that use {name}",
                             items=[r.title for r in users[:8]] or ["None of the roles I know."]))
    title = "Who uses " + " and ".join(names)
    return Reply(kind="section", title=title,
                 text="Learn the tool the roles you want use; the role files list them by category.",
                 sections=shown,
                 suggestions=[Suggestion(label=f"Tools of {kb.roles[r].title}",
                                         ask=f"what tools does {kb.roles[r].title} use")
                              for r in _common_users(kb, names)[:3]],
                 fallback=f"{title}: " + "; ".join(f"{s.heading}: {', '.join(s.items[:3])}"
                                                   for s in shown))


def across(kb: KnowledgeBase, key: str) -> Reply:
    """"What degree do I need?": one section, a line for each common role, and a question
    back (which role?), since the answer depends on it."""
    common = [kb.roles[r] for r in (kb.intents.common_roles if kb.intents else ())
              if r in kb.roles] or list(kb.roles.values())[:6]
    items = [f"{role.title}: {_gist(role, key)}" for role in common]
    heading = SECTIONS[key]
    text = (f"{heading} depends on the role; here it is for the roles asked about most. "
            "Which role do you have in mind?")
    return Reply(kind="section", title=f"{heading}, by role", text=text,
                 sections=[Section(heading=heading, items=items)],
                 suggestions=[Suggestion(label=f"{role.title}: {heading.lower()}",
                                         ask=f"{role.id} {FOLLOW_UPS.get(key, key)}")
                              for role in common[:4]],
                 fallback=f"{heading} by role: " + "; ".join(items))


def _gist(role: Role, key: str) -> str:
    """One line of a section: enough to tell roles apart."""
    match key:
        case "skills":
            return ", ".join(s.name for s in role.skills[:4])
        case "tools":
            return ", ".join(role.all_tools[:5])
        case "industries":
            return ", ".join(role.industries[:3])
        case "education":
            return role.education[0]
        case "responsibilities":
            return role.responsibilities[0]
        case "tips":
            return role.tips[0]
        case "outlook":
            return outlook_figure(role.outlook) or "no official figure"
        case _:
            return role.summary


def _common_users(kb: KnowledgeBase, names: Sequence[str]) -> list[str]:
    counts = {r.id: sum(n in r.all_tools for n in names) for r in kb.roles.values()}
    return [r for r, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n]


#: Typical tasks shown in a short profile.
TASKS = 4


def overview(kb: KnowledgeBase, role: Role) -> Reply:
    """"What does a data engineer do?" on one screen: what the role is, a few typical tasks,
    pay, then the sections and related roles as follow-ups. The full profile is one ask away."""
    level = common_level([role])
    return Reply(
        kind="profile", title=role.title, text=role.definition, about_role=True,
        sections=[Section(heading="Typical tasks", items=list(role.responsibilities[:TASKS])),
                  Section(heading="Pay", items=[pay_line(role, level)])],
        suggestions=[*follow_ups(role.title, ("skills", "tools", "salary", "education",
                                              "outlook")),
                     Suggestion(label="Full profile", ask=f"full profile {role.title}"),
                     *related_suggestions(kb, role)[:3]],
        roles=[ref(role)], notes=short_notes([role], salary=True),
        fallback=f"{role.title}: {role.summary}",
    )
