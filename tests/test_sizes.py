"""One screen per answer: every real question's reply fits a chat screen on every platform,
unless the question asks for everything ("full comparison")."""

from __future__ import annotations

import pytest
import yaml

from careerbot.adapters.discord.embeds import messages as discord_messages
from careerbot.adapters.slack.blocks import messages as slack_messages
from careerbot.adapters.textrender import fits_one_screen
from careerbot.bot.engine import Bot
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
