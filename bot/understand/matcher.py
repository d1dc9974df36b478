"""Finds the roles a chat message names, tolerating plurals, abbreviations, markup and typos.

The index is built once from every role's id, title and aliases. A message is reduced to words
(:mod:`.text`), each unknown word is mapped to its singular or to a near-identical known word,
common long forms are folded to their abbreviation ("machine learning" -> "ml"), and then the
longest names are picked first so "lead machine learning engineer" never also counts as
"machine learning engineer".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from careerbot.bot.understand.text import words

# Long forms folded to one canonical word, on both names and messages.
PHRASES: dict[tuple[str, ...], str] = {
    ("machine", "learning"): "ml",
    ("artificial", "intelligence"): "ai",
    ("business", "intelligence"): "bi",
    ("natural", "language", "processing"): "nlp",
    ("computer", "vision"): "cv",
    ("large", "language", "model"): "llm",
    ("large", "language", "models"): "llm",
}
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _short in PHRASES.items():
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _short))
# Chat shorthand for single words.
WORDS: dict[str, str] = {
    "eng": "engineer",
    "engr": "engineer",
    "mgr": "manager",
    "sr": "senior",
    "dev": "developer",
}
# Real words that sit one or two letters from a role word and must never be "corrected".
NOT_TYPOS = frozenset(
    {"analyse", "analyze", "analysis", "analyses", "analytic", "engineered", "engines",
     "science", "sciences", "scientific", "leader", "leaders", "heads", "header", "headed",
     "manage", "managed", "managing", "management", "leading", "learned", "learner",
     "searcher", "modeler", "developed", "developing", "architecture", "officers", "quanta",
     "dates", "datum", "deal", "dead", "heal", "read", "lean", "lear", "mail", "male",
     "programme", "programmes", "backed", "produce"}
)


# A bare field name ("MLOps", "BI") reads as a role only next to a connector ("mlops vs data
# engineer") or in a message with a career word ("a career in NLP").
CONNECTORS = frozenset({"vs", "versus", "or", "and", "compare", "between", "from", "to"})
CUES = frozenset({"career", "careers", "become", "role", "roles", "job", "jobs", "salary",
                  "salaries", "hiring", "switch", "transition"})


@dataclass(frozen=True, slots=True)
class Name:
    words: tuple[str, ...]
    role_id: str
    #: Two-letter abbreviations ("DE", "DA") only count when written in capitals.
    upper_only: bool
    #: Context aliases count only beside another role or a career cue word.
    weak: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    role_id: str
    weak: bool = False


class RoleMatcher:
    """An index of role names; build it once per knowledge base."""

    def __init__(self, names: Iterable[tuple[str, str] | tuple[str, str, bool]]) -> None:
        """``names`` holds (role id, name) or (role id, name, weak) with weak for context aliases."""
        self._by_first: dict[str, list[Name]] = {}
        self.vocabulary: set[str] = {w for phrase in PHRASES for w in phrase}
        self._labels: list[str] = []
        self._label_roles: list[str] = []
        seen: set[tuple[str, ...]] = set()
        entries = [(role_id, label, bool(flags and flags[0]), _label_words(label))
                   for role_id, label, *flags in names]
        for *_, raw in entries:
            self.vocabulary.update(raw)
        for role_id, label, weak, raw in entries:
            key = tuple(self._canonical([self._singular(w) for w in raw])[0])
            if not key:
                continue
            self._labels.append(" ".join(raw))
            self._label_roles.append(role_id)
            if key in seen:
                continue
            seen.add(key)
            upper = len(key) == 1 and len(label) <= 2 and label.isupper()
            self._by_first.setdefault(key[0], []).append(Name(key, role_id, upper, weak))
        for bucket in self._by_first.values():
            bucket.sort(key=lambda n: -len(n.words))
        # Typo candidates: every known word and its plural, each pointing at the known word.
        self._candidates: dict[str, str] = {}
        for word in self.vocabulary:
            if len(word) >= 4:
                self._candidates.setdefault(word + "s", word)
                self._candidates[word] = word
        self._choices = list(self._candidates)
        self._corrections: dict[str, str] = {}

    @classmethod
    def name_key(cls, label: str) -> tuple[str, ...]:
        """The words a name is matched by; two names with one key are the same name."""
        return tuple(cls._canonical(_label_words(label))[0])

    # ---- normalisation -------------------------------------------------------------------

    @staticmethod
    def _canonical(tokens: Sequence[str], typed: Sequence[str] = ()) -> tuple[list[str], list[str]]:
        """Fold long forms and shorthand; returns the words and, aligned, what the user typed."""
        out: list[str] = []
        raw: list[str] = []
        i = 0
        while i < len(tokens):
            for phrase, short in _PHRASES_BY_FIRST.get(tokens[i], ()):
                if tuple(tokens[i : i + len(phrase)]) == phrase:
                    out.append(short)
                    raw.append("")
                    i += len(phrase)
                    break
            else:
                out.append(WORDS.get(tokens[i], tokens[i]))
                raw.append(typed[i] if typed else "")
                i += 1
        return out, raw

    def _singular(self, word: str) -> str:
        if (word.endswith("s") and (len(word) <= 3 or not word.endswith("ss"))
                and word[:-1] in self.vocabulary):
            return word[:-1]
        return word

    def _correct(self, word: str) -> str:
        """Map a word to its singular, or an unknown word to a known word a letter or two away."""
        fixed = self._singular(word)
        if fixed != word or word in self.vocabulary or word in WORDS:
            return fixed
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        if 5 <= len(word) <= 30 and word not in NOT_TYPOS and not word.isdigit():
            limit = 1 if len(word) < 9 else 2
            best = process.extractOne(
                word, self._choices, scorer=OSA.distance, score_cutoff=limit
            )
            if best is not None and not _same_stem(word, self._candidates[best[0]]):
                fixed = self._candidates[best[0]]
        if len(self._corrections) < 50_000:
            self._corrections[word] = fixed
        return fixed

    # ---- matching ------------------------------------------------------------------------

    def spans(self, message: str) -> list[Span]:
        """Every role name in the message, longest first where names overlap, in text order."""
        found = words(message)
        fixed, typed = self._canonical(
            [self._correct(w.norm) for w in found], [w.raw for w in found]
        )
        candidates: list[Span] = []
        for start, word in enumerate(fixed):
            for name in self._by_first.get(word, ()):
                end = start + len(name.words)
                if tuple(fixed[start:end]) != name.words:
                    continue
                if name.upper_only and not typed[start].rstrip("s").isupper():
                    continue
                candidates.append(Span(start, end, name.role_id, name.weak))
        taken = [False] * len(fixed)
        chosen: list[Span] = []
        for span in sorted(candidates, key=lambda s: (s.start - s.end, s.start)):
            if not any(taken[span.start : span.end]):
                taken[span.start : span.end] = [True] * (span.end - span.start)
                chosen.append(span)
        if any(s.weak for s in chosen) and not CUES.intersection(fixed):
            chosen = [s for s in chosen if not s.weak or _beside(fixed, s, CONNECTORS)]
        return sorted(chosen, key=lambda s: s.start)

    def match(self, message: str) -> list[str]:
        """Role ids named in the message, in order of first appearance, without repeats."""
        out: list[str] = []
        for span in self.spans(message):
            if span.role_id not in out:
                out.append(span.role_id)
        return out

    def complete(self, typed: str, limit: int = 25) -> list[str]:
        """Role ids for an autocomplete box: names the text spells first, then prefixes of a
        title or alias, then fuzzy matches (typos), best first."""
        text = " ".join(w.norm for w in words(typed))
        if not text:
            return []
        hits = process.extract(text, self._labels, scorer=fuzz.WRatio, limit=None,
                               score_cutoff=65)
        ranked = sorted(hits, key=lambda h: _rank_key(text, h[0], h[1]))
        return self._roles_of(self.match(typed), ranked, limit)

    def closest(self, query: str, limit: int = 3, cutoff: int = 50, whole: bool = False
                ) -> list[str]:
        """The roles whose names look most like ``query``, best first (for "Did you mean?").

        ``whole`` compares the query as a whole name (stricter), for text that may not be a
        role at all; otherwise partial matches count, for text known to name a role.
        """
        text = " ".join(w.norm for w in words(query))
        if not text:
            return []
        scorer = fuzz.token_sort_ratio if whole else fuzz.WRatio
        hits = process.extract(
            text, self._labels, scorer=scorer, limit=max(limit * 6, 20), score_cutoff=cutoff
        )
        return self._roles_of([], hits, limit)

    def _roles_of(self, first: list[str], hits: Sequence[tuple[str, float, int]],
                  limit: int) -> list[str]:
        """Role ids of fuzzy label hits, after ``first``, best first, each once."""
        out = list(first)
        for _label, _score, index in hits:
            if self._label_roles[index] not in out:
                out.append(self._label_roles[index])
        return out[:limit]


def _rank_key(typed: str, label: str, score: float) -> tuple[int, float]:
    starts = label.startswith(typed) or any(w.startswith(typed) for w in label.split())
    return (0 if starts else 1, -score)


def _beside(words: Sequence[str], span: Span, connectors: frozenset[str]) -> bool:
    before = words[span.start - 1] if span.start > 0 else ""
    after = words[span.end] if span.end < len(words) else ""
    return before in connectors or after in connectors


def _label_words(label: str) -> list[str]:
    return [w.norm for w in words(label.replace("-", " "))]


def _same_stem(word: str, known: str) -> bool:
    """True for inflections like engineered/engineer, managed/manager, learned/learning.

    Those are real words, not typos; "appled" (a typo of "applied") is not an inflection.
    """
    if not word.endswith(("ed", "ing")):
        return False
    common = 0
    for a, b in zip(word, known, strict=False):
        if a != b:
            break
        common += 1
    return common >= len(word) - 3 and known[common:] in ("", "e", "r", "er", "ing")
