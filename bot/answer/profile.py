"""One role: its profile, or some of its sections."""

from __future__ import annotations

from collections.abc import Sequence

from careerbot.bot.answer.lines import ref, related_suggestions, section, sources_note
from careerbot.bot.answer.reply import Reply, Suggestion
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.kb.models import Role
from careerbot.bot.understand.intents import SECTIONS


def profile(kb: KnowledgeBase, role: Role) -> Reply:
    keys = [k for k in SECTIONS if k != "definition"]
    return Reply(
        kind="profile", title=role.title, text=role.definition,
        sections=[section(role, k) for k in keys],
        suggestions=related_suggestions(kb, role), roles=[ref(role)],
        notes=sources_note([role]),
        fallback=f"{role.title}: {role.summary}",
    )


def sections(kb: KnowledgeBase, role: Role, keys: Sequence[str]) -> Reply:
    title = f"{role.title}: " + ", ".join(SECTIONS[k].lower() for k in keys)
    shown = [section(role, k) for k in keys]
    first = shown[0].items[0] if shown and shown[0].items else role.summary
    return Reply(
        kind="section", title=title, text=role.summary, sections=shown,
        suggestions=[Suggestion(label=f"Full profile of {role.title}", ask=role.id,
                                role_id=role.id)],
        roles=[ref(role)], notes=sources_note([role], salary="salary" in keys),
        fallback=f"{title}: {first}",
    )
