"""Follow-ups keep context: "what about their salaries?" refers to the answer before, in the same
conversation only, for a while, and across a restart when the context lives in SQLite."""

from __future__ import annotations

import json
from pathlib import Path

from careerbot.bot.engine import Bot
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.understand.context import (
    TTL_SECONDS,
    Context,
    MemoryContexts,
    SQLiteContexts,
)
from tests.process import careerbot


def ids(reply) -> list[str]:  # noqa: ANN001
    return [r.id for r in reply.roles]


def after_comparison(kb: KnowledgeBase, contexts: MemoryContexts | None = None) -> Bot:
    bot = Bot(kb, contexts=contexts or MemoryContexts())
    bot.answer("data engineer vs data scientist", "thread-1")
    return bot


def test_a_pay_follow_up_is_about_the_roles_before(kb: KnowledgeBase) -> None:
    reply = after_comparison(kb).answer("what about their salaries?", "thread-1")
    assert reply.kind == "salary" and ids(reply) == ["data-engineer", "data-scientist"]


def test_a_section_follow_up_compares_that_section(kb: KnowledgeBase) -> None:
    reply = after_comparison(kb).answer("and the tools?", "thread-1")
    assert reply.kind == "compare" and reply.comparison is not None
    assert all(s.heading.startswith("Tools") for s in reply.comparison.shared)


def test_a_level_follow_up_is_pay_at_that_level(kb: KnowledgeBase) -> None:
    reply = after_comparison(kb).answer("and for a senior?", "thread-1")
    assert reply.kind == "salary" and "(senior)" in reply.title


def test_another_conversation_has_no_context(kb: KnowledgeBase) -> None:
    reply = after_comparison(kb).answer("what about their salaries?", "thread-2")
    assert ids(reply) == []


def test_a_message_with_its_own_role_ignores_the_context(kb: KnowledgeBase) -> None:
    reply = after_comparison(kb).answer("what about MLE salaries?", "thread-1")
    assert ids(reply) == ["ml-engineer"]


def test_context_expires(kb: KnowledgeBase) -> None:
    now = [1000.0]
    contexts = MemoryContexts(clock=lambda: now[0])
    contexts.put("thread-1", Context(("data-engineer",), "profile", now[0]))
    now[0] += TTL_SECONDS + 1
    assert ids(Bot(kb, contexts=contexts).answer("and the tools?", "thread-1")) == []


def test_sqlite_context_survives_a_restart(tmp_path: Path) -> None:
    first = SQLiteContexts(tmp_path / "context.sqlite3")
    first.put("thread-1", Context(("data-engineer", "data-scientist"), "compare", 1e9))
    first.close()
    again = SQLiteContexts(tmp_path / "context.sqlite3", clock=lambda: 1e9 + 60)
    assert again.get("thread-1") == Context(("data-engineer", "data-scientist"), "compare", 1e9)


def test_the_console_keeps_context_between_lines() -> None:
    out = careerbot(stdin="data engineer vs data scientist\nwhat about their salaries?\n")
    assert "Pay: Data Engineer vs Data Scientist" in out.stdout


def test_console_json_lines_script_a_conversation() -> None:
    out = careerbot("console", "--format", "json",
                    stdin="data engineer vs data scientist\nwhat about their salaries?\n"
                          "and the tools?\n")
    docs = [json.loads(line) for line in out.stdout.splitlines()]
    assert [d["kind"] for d in docs] == ["compare", "salary", "compare"]
    assert all([r["id"] for r in d["roles"]] == ["data-engineer", "data-scientist"] for d in docs)


def test_a_place_follow_up_is_pay_there(kb: KnowledgeBase) -> None:
    reply = after_comparison(kb).answer("what about in Germany?", "thread-1")
    assert reply.kind == "salary" and "in Germany" in reply.title
    assert ids(reply) == ["data-engineer", "data-scientist"]
