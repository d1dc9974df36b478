"""Regressions for the feed faults of the reliability report (issue 15): each test reproduces
one fault against real servers on 127.0.0.1 or the real ``careerbot`` process."""

from __future__ import annotations

import pytest

from careerbot.bot.jobs.feeds import employment_from

# ---- employment type: whole words, not substrings -------------------------------------------


@pytest.mark.parametrize("title", ["Data Analyst, Department of Data", "International Sales Analyst",
                                   "Participating Data Engineer", "Counterpart Risk Analyst"])
def test_employment_type_ignores_words_that_merely_contain_a_keyword(title: str) -> None:
    assert employment_from(title) == "full-time"


@pytest.mark.parametrize(("text", "expected"), [
    ("Data Science Intern", "internship"), ("Internship: Analytics", "internship"),
    ("Part-time Data Analyst", "part-time"), ("Part time BI Developer", "part-time"),
    ("Contract Data Engineer", "contract"), ("Freelance ML Engineer", "contract"),
])
def test_employment_type_from_whole_words(text: str, expected: str) -> None:
    assert employment_from(text) == expected
