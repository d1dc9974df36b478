"""Any text a user can type gets an answer: no exception, no hang, no broadcast mention echoed."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerbot.adapters.textrender import render
from careerbot.bot.engine import Bot
from careerbot.bot.jobs.config import Digest
from careerbot.bot.jobs.store import SQLiteStore
from careerbot.bot.jobs.subscriptions import Requester, Subscriptions
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.understand.intents import vocabulary
from careerbot.bot.understand.text import words

# Generous on purpose: this guards against hangs (runaway regexes, quadratic loops), it is not
# a benchmark; `python -m bench` measures latency.
HANG_LIMIT_S = 2.0

chat_bits = st.sampled_from([
    "ML engineer", "head of DS", " vs ", " or ", "<@U123>", "<!channel>", "@everyone", "*", "_",
    "<https://x.y|z>", ":wave:", "🤖", "jobs", "remote", "senior", "how do I become", "from ",
    " to ", "skills", "tools", "\n", "compare", "data", "machine", "lerning", "enginer", "'s",
    "salary", "how much", "I'm a teacher", "PhD", "which role suits me", "I like ", "70k",
    "Looker", " -> ", "data engineering", "do I need a master's", "who is hiring", "?",
])
chatty = st.lists(st.one_of(chat_bits, st.text(max_size=30)), max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=10_000), chatty))
def test_any_text_gets_an_answer_quickly(bot: Bot, text: str) -> None:
    start = time.perf_counter()
    reply = bot.answer(text)
    rendered = render(reply)
    assert time.perf_counter() - start < HANG_LIMIT_S
    assert reply.fallback.strip() and rendered.strip()
    assert "<!channel>" not in rendered and "@everyone" not in rendered


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2_000))
def test_words_are_plain_ascii_alphanumerics(text: str) -> None:
    for word in words(text):
        assert word.norm.isascii() and word.norm.isalnum()


@settings(max_examples=100, deadline=None)
@given(chatty)
def test_matching_is_deterministic_and_unique(bot: Bot, text: str) -> None:
    first = bot.kb.matcher.match(text)
    assert first == bot.kb.matcher.match(text)
    assert len(first) == len(set(first))
    assert set(first) <= set(bot.kb.roles)


subscription_bits = st.sampled_from([
    "subscribe ", "alert me ", "unsubscribe ", "alert stop ", "subscriptions", "alerts", "data eng",
    "senior", "remote", "min 120k", "min $99999999999k", "at 9", "at 25:99", "at 9pm", "tz ",
    "Europe/Berlin", "Mars/Base", "weekdays", "keywords ", "python, spark", "all", "3", "<@U1>",
    "@everyone", "🤖", "/", ":", "\n",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(subscription_bits, st.text(max_size=20)), max_size=30).map("".join))
def test_any_subscription_text_gets_a_reply_or_is_left_to_the_bot(kb: KnowledgeBase,
                                                                  text: str) -> None:
    subs = Subscriptions(kb, vocabulary(kb.intents), SQLiteStore(":memory:"), Digest())
    who = Requester("slack", "C1", "U1", "#c", may_manage=True)
    start = time.perf_counter()
    reply = subs.handle(text, who)
    assert time.perf_counter() - start < HANG_LIMIT_S
    assert reply is None or reply.fallback.strip()
