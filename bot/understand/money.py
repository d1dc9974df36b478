"""A pay floor in a message ("over 120k", "at least $90,000", "min salary 80k"): the one reading
shared by job questions in the chat and digest subscriptions, so both filter jobs alike."""

from __future__ import annotations

import re

#: "paying" and "with a salary" may stand before the floor: "openings paying over $150k".
_FLOOR = re.compile(r"\b(?:paying\s+|pays\s+|with\s+(?:a\s+)?(?:salary|pay)\s+)?"
                    r"(?:min(?:imum)?|at least|above|over|from)\s*(?:salary\s*|pay\s*)?"
                    r"[$€£]?\s*(\d+(?:[.,]\d+)?)\s*(k)?\b", re.IGNORECASE)


def pay_floor(text: str) -> tuple[int | None, str]:
    """The lowest yearly pay asked for, if any, and the text without it. Small figures are in
    thousands ("over 120" is 120,000); "120,000" is one figure, not 120.0."""
    found = _FLOOR.search(text)
    if found is None:
        return None, text
    figure = found.group(1)
    if re.fullmatch(r"\d{1,3},\d{3}", figure):
        amount = float(figure.replace(",", ""))
    else:
        amount = float(figure.replace(",", "."))
    floor = int(amount * 1000 if found.group(2) or amount < 1000 else amount)
    return floor, text[:found.start()] + " " + text[found.end():]
