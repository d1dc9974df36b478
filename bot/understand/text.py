"""Chat text to words: strips Slack/Discord markup, emoji and punctuation the same way everywhere.

Role names in the knowledge base and user messages both go through :func:`words`, so whatever
normalisation happens here is symmetric by construction.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# <@U123>, <@U123|name>, <#C1|general>, <!here>, <!subteam^S1>, Discord <@123>, <@!1>, <@&1>,
# <#1>, custom emoji <:name:1> / <a:name:1>, timestamps <t:1:R>.
_ANGLE = re.compile(r"<([^<>\n]{0,300})>")
_URL = re.compile(r"\b(?:https?|ftp|mailto):\S+", re.IGNORECASE)
_EMOJI_CODE = re.compile(r":[a-z0-9_+\-]{1,40}:", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019\u02bc](?:s\b|(?=\W|$))", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _angle(match: re.Match[str]) -> str:
    inner = match.group(1)
    if "|" in inner and not inner.startswith(("@", "#", "!")):
        return " " + inner.split("|", 1)[1] + " "  # Slack link with a label: keep the label
    return " "


def strip_markup(message: str) -> str:
    """Remove mentions, links, emoji codes and emphasis markers, keeping the words people wrote."""
    # Most messages have none of these: skipping the searches keeps reading fast.
    text = _ANGLE.sub(_angle, message) if "<" in message else message
    if ":" in text:
        text = _EMOJI_CODE.sub(" ", _URL.sub(" ", text))
    return text


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


class Word(NamedTuple):
    """One word of a message: its folded form for matching and the form the user typed (a
    named tuple: one is made per word of every message, and tuples are made fastest)."""

    norm: str
    raw: str


#: "ETL dev -> data engineer": an arrow reads as "to".
_ARROW = re.compile(r"\s*(?:->|=>|\u2192|-->)\s*")
#: Names that share a word across a slash: "data/applied/research scientist" (or "applied /
#: research scientist") is three scientists, "data analytics/science" two fields of data.
_HEADS = r"(?:scientists?|engineers?|analysts?|developers?|architects?|managers?|science|" \
         r"engineering|analytics)"
_SHARED_HEAD = re.compile(rf"\b((?:[A-Za-z]+ ?/ ?)+[A-Za-z]+)\s+({_HEADS})\b", re.IGNORECASE)
#: Last words of a field's name that take no field head after them: "machine learning/data
#: science" is ML and data science ("machine learning/data engineer" still two engineers).
_WHOLE = frozenset({"learning", "intelligence"})
_FIELD_HEADS = frozenset({"science", "analytics"})
_SHARED_PREFIX = re.compile(r"\b(data|ml|ai|machine learning)\s+([A-Za-z]+(?:/[A-Za-z]+)+)\b",
                            re.IGNORECASE)
#: A field's first word shared across "and", "or", "&" or commas: "data scientists and
#: analysts" are data scientists and data analysts, "data science, analytics or engineering"
#: three fields. (Not managers or developers: "data scientist and manager" is no data manager.)
_JOINED_HEADS = r"(?:scientists?|engineers?|analysts?|architects?|science|engineering|analytics)"
#: (Every run of spaces is next to a sign or a word, so a long message is read in one pass.)
_JOIN = r"\s*(?:,(?:\s*(?:and\b|or\b|&))?|and\b|or\b|&)\s*"
_SHARED_ACROSS_LOWER = re.compile(
    rf"\b(data|ml|ai|machine learning)\s+({_JOINED_HEADS}(?:{_JOIN}{_JOINED_HEADS})+)\b")
_SHARED_ACROSS = re.compile(_SHARED_ACROSS_LOWER.pattern, re.IGNORECASE)
_JOINS = re.compile(f"({_JOIN})", re.IGNORECASE)
_AMPERSAND = re.compile(r"\s+&\s+")
#: Abbreviations written with dots are one word: "Ph.D." is a PhD, "B.I." BI, "M.Sc." an MSc.
_DOTTED = re.compile(r"\b([A-Za-z]{1,2})\.([A-Za-z]{1,4})\b\.?")
#: "data vs software engineer" weighs two engineers: the head word is shared across vs/or.
#: (Not after an abbreviation in capitals, a name of its own: "DS or data engineer".)
_ROLE_HEADS = r"(?:scientists?|engineers?|analysts?|developers?|architects?|managers?)"
#: (Not when the first word is a head already, "frontend developer vs BI developer", or a
#: title's last word, "database administrator vs SQL developer", or ends a slash, "AI/ML or
#: data scientist".)
_TITLE_ENDS = r"(?:administrators?|admins?|consultants?|specialists?|designers?|researchers?|" \
              r"interns?|officers?|testers?|leads?|directors?|heads?)"
_GAP_WORDS = frozenset({"vs", "vs.", "versus", "or"})
_GAPPED = re.compile(rf"(?<!/)\b(?!(?:{_ROLE_HEADS}|{_TITLE_ENDS})\b)([A-Za-z]+)"
                     rf"(\s+(?:vs\.?|versus|or)\s+[A-Za-z]+\s+)({_ROLE_HEADS})\b", re.IGNORECASE)


def _spread_shared_words(text: str) -> str:
    """"a/b/c scientist" -> "a scientist, b scientist, c scientist"; "data x/y" -> "data x,
    data y", "data x and y" -> "data x and data y"; "a vs b scientist" -> "a scientist vs b
    scientist". Only before or after the words role names are built from."""
    def head(match: re.Match[str]) -> str:
        parts = [part.strip() for part in match.group(1).split("/")]
        before = match.string[:match.start()].split()
        if before and before[-1].lower() == parts[-1].lower():
            return match.group(0)  # "data science/data engineering": two whole names already
        if match.group(2).lower() in _FIELD_HEADS and parts[0].lower() in _WHOLE:
            return match.group(0)  # "machine learning/data science": no "learning science"
        return ", ".join(f"{part} {match.group(2)}" for part in parts)

    def prefix(match: re.Match[str]) -> str:
        parts = match.group(2).split("/")
        if not all(re.fullmatch(_HEADS, p, re.IGNORECASE) for p in parts):
            return match.group(0)
        return ", ".join(f"{match.group(1)} {part}" for part in parts)

    def across(match: re.Match[str]) -> str:
        first, parts = match.group(1), _JOINS.split(match.group(2))
        # name, join, name, ...: every name after the first gets the shared first word
        return f"{first} " + "".join(part if i % 2 or i == 0 else f"{first} {part}"
                                     for i, part in enumerate(parts))

    def gap(match: re.Match[str]) -> str:
        if match.group(1).isupper():
            return match.group(0)  # "SWE or solutions architect", "DS or data engineer": whole
        return f"{match.group(1)} {match.group(3)}{match.group(2)}{match.group(3)}"

    low = text.lower()
    if _SHARED_ACROSS_LOWER.search(low):  # (a case-sensitive look first: it is faster)
        text = _SHARED_ACROSS.sub(across, text)
    if _GAP_WORDS.intersection(low.split()):  # the joining words _GAPPED needs
        text = _GAPPED.sub(gap, text)
    if "/" not in text:
        return text
    return _SHARED_HEAD.sub(head, _SHARED_PREFIX.sub(prefix, text))


def words(message: str) -> list[Word]:
    """Split chat text into words, dropping markup, possessive 's and everything non-alphanumeric."""
    text = strip_markup(message)
    if "." in text:
        text = _DOTTED.sub(r"\1\2", text)
    if "'" in text or "\u2019" in text or "\u02bc" in text:
        text = _POSSESSIVE.sub("", text)
    if ">" in text or "\u2192" in text:
        text = _ARROW.sub(" to ", text)
    text = _spread_shared_words(text)
    if "&" in text:  # "AI & deep learning" joins two names as "and" does ("R&D" stays a word)
        text = _AMPERSAND.sub(" and ", text)
    if text.isascii():  # most messages: lower-casing keeps every word where it was
        return [Word(norm, raw) for norm, raw in zip(_WORD.findall(text.lower()),
                                                     _WORD.findall(text), strict=True)]
    out: list[Word] = []
    for match in _WORD.finditer(text):
        raw = match.group(0)
        norm = _fold(raw)
        if not norm.isalnum():
            # Folding can split one letter into a letter plus marks; keep word characters.
            norm = "".join(ch for ch in norm if ch.isalnum())
        if norm and norm.isascii():
            out.append(Word(norm, raw))
    return out


def plain(message: str) -> str:
    """The message as lower-case words separated by single spaces (for keyword checks)."""
    return " ".join(w.norm for w in words(message))
