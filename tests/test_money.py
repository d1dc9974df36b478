"""The pay floor read from a message, shared by chat job questions and subscriptions."""

from __future__ import annotations

from careerbot.bot.understand.money import pay_floor


def test_a_floor_in_thousands() -> None:
    assert pay_floor("DE openings paying over $150k")[0] == 150_000


def test_a_floor_written_in_full_with_a_comma() -> None:
    assert pay_floor("jobs with a salary above 120,000")[0] == 120_000


def test_no_floor_leaves_the_text_alone() -> None:
    assert pay_floor("is 120k good for a DE?") == (None, "is 120k good for a DE?")
