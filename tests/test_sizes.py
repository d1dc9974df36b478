"""One screen per answer: every real question's reply fits a chat screen on every platform,
unless the question asks for everything ("full comparison")."""

from __future__ import annotations

import pytest
import yaml

from careerbot.adapters.discord.embeds import messages as discord_messages
from careerbot.adapters.slack.blocks import messages as slack_messages
from careerbot.adapters.textrender import fits_one_screen
from careerbot.bot.answer import compare
from careerbot.bot.engine import Bot
from careerbot.bot.understand.intents import SECTIONS
from tests.conftest import DATA

QUESTIONS = [case["q"] for path in sorted(DATA.glob("real_questions*.yaml"))
             for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
SLACK_BLOCKS = 15


@pytest.fixture(scope="module")
def replies(bot: Bot) -> list:  # noqa: ANN001
    return [(q, bot.answer(q)) for q in QUESTIONS]


def test_text_answers_fit_one_screen(replies: list) -> None:  # noqa: ANN001
    for question, reply in replies:
        assert fits_one_screen(reply), question


def test_slack_answers_are_one_message_of_few_blocks(replies: list) -> None:  # noqa: ANN001
    for question, reply in replies:
        (message,) = slack_messages(reply)
        assert len(message["blocks"]) <= SLACK_BLOCKS, question


def test_discord_answers_are_one_message_with_one_embed(replies: list) -> None:  # noqa: ANN001
    for question, reply in replies:
        (message,) = discord_messages(reply)
        assert len(message.embeds) == 1, question


def test_a_full_comparison_is_everything(bot: Bot) -> None:
    reply = bot.answer("full comparison of data engineer vs data scientist")
    assert reply.comparison is not None and len(reply.comparison.rows) > 8


def test_a_section_for_several_roles_fits_one_screen(bot: Bot) -> None:
    roles = list(bot.kb.roles.values())
    for size in (2, 3, 4):
        for i in range(len(roles)):
            group = [roles[(i + k * 7) % len(roles)] for k in range(size)]
            for key in SECTIONS:
                assert fits_one_screen(compare.sections(bot.kb, group, [key])), (group, key)


def test_some_sections_for_several_roles_fit_one_screen(bot: Bot) -> None:
    roles = list(bot.kb.roles.values())
    pairs = [(a, b) for a in SECTIONS for b in SECTIONS if a != b]
    for size in (2, 3):
        for i in range(len(roles)):
            group = [roles[(i + k * 7) % len(roles)] for k in range(size)]
            for keys in pairs[i % 4::4]:
                assert fits_one_screen(compare.some(bot.kb, group, keys)), (group, keys)


def test_other_sections_for_several_roles_are_buttons(bot: Bot) -> None:
    reply = bot.answer("what education and skills do data engineers and data analysts need?")
    assert reply.kind == "section" and reply.comparison is not None
    assert len(reply.comparison.rows) + len(reply.comparison.shared) >= 1
    assert any(s.label in ("Skills", "Education") for s in reply.suggestions)


def test_a_move_from_a_field_with_its_note_fits_one_screen(bot: Bot) -> None:
    # "software engineering" adds a line on what the field covers, under the longest answers
    for role in bot.kb.roles.values():
        if role.id != "software-engineer":
            reply = bot.answer(f"what skills do I need to go from software engineering to "
                               f"{role.title}?")
            assert reply.kind == "transition" and fits_one_screen(reply), role.id


def test_a_comparison_of_some_sections_fits_one_screen(bot: Bot) -> None:
    reply = bot.answer("compare data engineer and data scientist education, skills and tools")
    assert reply.kind == "compare" and fits_one_screen(reply)


def test_a_comparison_of_some_sections_offers_every_line(bot: Bot) -> None:
    reply = bot.answer("compare data engineer and data scientist education, skills and tools")
    offer = next(s for s in reply.suggestions if s.label == "Every line")
    full = bot.answer(offer.ask).comparison
    assert full is not None and reply.comparison is not None
    assert sum(map(len, (s.items for s in full.only))) > sum(
        map(len, (s.items for s in reply.comparison.only)))
