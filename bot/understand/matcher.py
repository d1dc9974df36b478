"""Finds the roles a chat message names, tolerating plurals, abbreviations, markup and typos.

The index is built once from every role's id, title and aliases. A message is reduced to words
(:mod:`.text`), each unknown word is mapped to its singular or to a near-identical known word,
common long forms are folded to their abbreviation ("machine learning" -> "ml"), and then the
longest names are picked first so "lead machine learning engineer" never also counts as
"machine learning engineer".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from careerbot.bot.understand.text import Word, words

# Long forms folded to one canonical word, on both names and messages.
PHRASES: dict[tuple[str, ...], str] = {
    ("machine", "learning"): "ml",
    ("artificial", "intelligence"): "ai",
    ("business", "intelligence"): "bi",
    ("natural", "language", "processing"): "nlp",
    ("computer", "vision"): "cv",
    ("deep", "learning"): "dl",
    ("large", "language", "model"): "llm",
    ("large", "language", "models"): "llm",
    ("back", "end"): "backend",  # "back-end software engineer" is the backend one
    ("front", "end"): "frontend",
}
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _short in PHRASES.items():
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _short))
# Chat shorthand for single words.
WORDS: dict[str, str] = {
    "eng": "engineer",
    "engg": "engineering",
    "engr": "engineer",
    "mgr": "manager",
    "sr": "senior",
    "dev": "developer",
}


# A bare field name ("MLOps", "BI") reads as a role only next to a connector ("mlops vs data
# engineer") or in a message with a career word ("a career in NLP"); the knowledge base's
# vocabulary supplies the career words (``cues`` in intents.yaml), these are the defaults.
CONNECTORS = frozenset({"vs", "versus", "or", "and", "compare", "between", "from", "to", "for"})
CUES = frozenset({"career", "careers", "become", "role", "roles", "job", "jobs", "salary",
                  "salaries", "hiring", "switch", "transition"})
# A background ("teacher", "physics PhD") counts only when the message speaks of the asker, opens
# with it, or has it right after one of these words ("from teaching", "ex banker").
FIRST_PERSON = frozenset({"i", "me", "my", "im", "ive", "myself"})
BACKGROUND_LEADS = frozenset({"from", "former", "ex", "as", "after", "with", "leaving", "left",
                              "leave", "leaves", "quit", "quitting", "exit", "exiting", "for",
                              "can", "could"})
_ARTICLES = frozenset({"a", "an", "the", "my"})
#: Skipped back over to the lead word: "after doing a PhD in physics", "with a bachelor's in
#: psychology".
_LEAD_SKIPS = _ARTICLES | {"doing", "completing", "finishing", "bachelors", "bachelor", "masters",
                           "master", "degree", "in"}
#: Words this long may be two name words typed as one ("dataengineer"); longer ones never are.
_GLUED, _GLUED_MAX = 7, 40
#: A name that counts only alone still counts set against another role ("AI vs data science",
#: "from developer to data engineer").
_RIVALS = frozenset({"vs", "versus", "or", "to", "into", "from"})
_BETWEEN_RIVALS = _RIVALS | _ARTICLES | {"role", "job", "position", "career"}
_BETWEEN_AND = _BETWEEN_RIVALS | {"and"}  # after "between": "between DS and statistics"
#: ... or moved to after it: "how can software engineers move to AI?"
_MOVES = frozenset({"move", "moving", "moved", "switch", "switching", "switched", "transition",
                    "transitioning", "transitioned", "pivot", "pivoting", "pivoted", "shift",
                    "shifting", "jump", "jumping", "dive", "diving", "get", "getting", "break",
                    "breaking"})
#: Skipped back over to the move: "move into the world of AI".
_MOVE_LEAD_IN = _ARTICLES | {"world", "field", "realm", "domain", "of", "exciting"}
#: Ids with these prefixes are backgrounds and tools, not roles. Tools are indexed so that
#: "Power BI" is a tool, never the BI role, and so answers can see the tools a person names.
BACKGROUND = "bg:"
TOOL = "tool:"
PLACE = "place:"


@dataclass(frozen=True, slots=True)
class Entry:
    """A name to index: a role's title or alias, a field that means a role, or a background."""

    id: str
    label: str
    #: Context aliases and fields count only beside another role or a career cue word.
    weak: bool = False
    #: Said in the answer when this name was the one found (a field that is a guess).
    note: str | None = None
    #: Short names in capitals ("DE") match only in capitals; fields match in any case.
    any_case: bool = False
    #: Other roles the name means as well ("AI/ML").
    also: tuple[str, ...] = ()
    #: Means its role only when no other role is named ("AI").
    alone: bool = False
    #: ... and only set against another role ("data science vs statistics").
    against_only: bool = False


@dataclass(frozen=True, slots=True)
class Name:
    words: tuple[str, ...]
    role_id: str
    #: Two-letter abbreviations ("DE", "DA") only count when written in capitals.
    upper_only: bool
    #: Context aliases count only beside another role or a career cue word.
    weak: bool = False
    note: str | None = None
    also: tuple[str, ...] = ()
    alone: bool = False
    against_only: bool = False


@dataclass(slots=True)  # (not frozen: a frozen dataclass is slow to build, and a message
class Span:                # makes several; nothing changes one after the scan)
    start: int
    end: int
    role_id: str
    weak: bool = False
    note: str | None = None
    #: A capitals-only name spelled out ("computer vision" for CV): a career question only.
    spelled: bool = False
    #: Other roles the name means as well ("AI/ML").
    also: tuple[str, ...] = ()
    #: Dropped when another role is named ("will AI replace data analysts?").
    alone: bool = False
    #: Kept only set against another role.
    against_only: bool = False


def is_role(span: Span) -> bool:
    """A role's name, not a background's, a tool's or a place's."""
    return not span.role_id.startswith((BACKGROUND, TOOL, PLACE))


@dataclass(slots=True)  # (not frozen, as Span)
class Found:
    """What one pass over a message found: roles, backgrounds, notes and the corrected words."""

    roles: list[str]
    backgrounds: list[str]
    tools: list[str]
    #: ISO codes of the countries named, by name, city, state or demonym.
    places: list[str]
    notes: list[str]
    #: The message's words, typos corrected ("salery" -> "salary"), long forms folded
    #: ("machine learning" -> "ml"); span positions index into them.
    words: list[str]
    spans: list[Span]
    #: The spans with fields and context aliases kept even without a career word.
    loose: list[Span]
    #: The spans that name roles (not backgrounds, tools or places), which most rules weigh.
    named: list[Span]

    def lenient(self) -> Found:
        """The same message read as a career question: "what even is data engineering?"
        names the data engineer role although no career word says so."""
        return self if self.loose is self.spans else _found(self.loose, self.words, self.loose)

    def without(self, drop: list[Span]) -> Found:
        """The same message with some names read as no role ("data science models")."""
        return _found([s for s in self.spans if s not in drop], self.words,
                      [s for s in self.loose if s not in drop])


def _found(spans: list[Span], words: list[str], loose: list[Span]) -> Found:
    roles: list[str] = []
    backgrounds: list[str] = []
    tools: list[str] = []
    places: list[str] = []
    notes: list[str] = []
    named: list[Span] = []
    # A tool right before a role's name qualifies the title ("an AWS Solutions Architect", "Azure
    # data engineer"): it is no question about tools.
    titled = {s.start for s in spans if is_role(s)}
    for span in spans:
        if span.role_id.startswith(TOOL) and span.end in titled:
            continue
        if span.role_id.startswith(BACKGROUND):
            bucket, value = backgrounds, span.role_id[len(BACKGROUND):]
        elif span.role_id.startswith(TOOL):
            bucket, value = tools, span.role_id[len(TOOL):]
        elif span.role_id.startswith(PLACE):
            bucket, value = places, span.role_id[len(PLACE):]
        else:
            bucket, value = roles, span.role_id
            named.append(span)
        for one in (value, *span.also):
            if one not in bucket:
                bucket.append(one)
        if span.note and span.note not in notes:
            notes.append(span.note)
    return Found(roles, backgrounds, tools, places, notes, words, spans, loose, named)


class RoleMatcher:
    """An index of role names; build it once per knowledge base."""

    def __init__(self, names: Iterable[Entry | tuple[str, str] | tuple[str, str, bool]],
                 words: Iterable[str] = (), cues: Iterable[str] = CUES,
                 known: Iterable[str] = (), english: frozenset[str] = frozenset()) -> None:
        """``names``: entries, or (role id, name[, weak]) pairs. ``words``: other words worth
        correcting typos towards ("salery" -> "salary"). ``known``: words that are never typos
        ("earns" is not "learns"); ``english``: the same, a dictionary ("colleague" is not
        "college"). ``cues``: career words that let weak names count."""
        self._english = english
        #: Names by their words, and the lengths of the names each word starts, longest first:
        #: a message word looks up a few lengths instead of comparing every name it starts.
        self._names: dict[tuple[str, ...], Name] = {}
        self._lengths: dict[str, tuple[int, ...]] = {}
        self.vocabulary: set[str] = {w for phrase in PHRASES for w in phrase}
        self.cues = frozenset(cues)
        self._labels: list[str] = []
        self._label_roles: list[str] = []
        seen: set[tuple[str, ...]] = set()
        entries = [(n if isinstance(n, Entry) else Entry(n[0], n[1], bool(n[2:] and n[2])))
                   for n in names]
        prepared = [(entry, _label_words(entry.label)) for entry in entries]
        # Typos are corrected towards the words of role, field and background names (and the
        # ``words`` given); tool and place names are known words but no typo targets, which
        # keeps correction fast and never turns a word into a city.
        lookalikes = {w for entry, raw in prepared if entry.id.startswith((TOOL, PLACE))
                      for w in raw}
        for entry, raw in prepared:
            if not entry.id.startswith((TOOL, PLACE)):
                self.vocabulary.update(raw)
        #: Neighbouring words of role, field and background names: a word glued from such a
        #: pair is split ("mlopsengineer", "#datascience"; never "website" or "decoding").
        self._pairs = frozenset((a, b) for entry, raw in prepared
                                if not entry.id.startswith((TOOL, PLACE))
                                for a, b in zip(raw, raw[1:], strict=False))
        self.vocabulary.update(w for text in words for w in _label_words(text))
        #: Tool and place words that are no role word: never singularised ("CSS" is not "CS").
        self._literal = frozenset(lookalikes - self.vocabulary)
        self._known = frozenset(w for text in known for w in _label_words(text)) | self._literal
        for entry, raw in prepared:
            key = tuple(self._canonical([self._singular(w) for w in raw])[0])
            if not key:
                continue
            if not entry.id.startswith((BACKGROUND, TOOL, PLACE)):
                self._labels.append(" ".join(raw))
                self._label_roles.append(entry.id)
            if key in seen:
                continue
            seen.add(key)
            # One short word ("DE", "R", "Go") only in capitals, unless it is a field.
            upper = len(key) == 1 and len(key[0]) <= 2 and not entry.any_case
            if upper and not entry.label[:2].isupper():
                continue  # "Go" would be every "go"
            self._names[key] = Name(key, entry.id, upper, entry.weak, entry.note, entry.also,
                                    entry.alone, entry.against_only)
        lengths: dict[str, set[int]] = {}
        for key in self._names:
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths = {word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()}
        # Typo candidates: every known word and its plural, each pointing at the known word.
        self._candidates: dict[str, str] = {}
        for word in self.vocabulary:
            if len(word) >= 4:
                self._candidates.setdefault(word + "s", word)
                self._candidates[word] = word
        # Sorted: ties between two words as near go the same way in every process (a set's
        # order changes with the hash seed).
        self._choices = sorted(self._candidates)
        self._corrections: dict[str, str] = {}
        self._splits: dict[str, tuple[str, str] | None] = {}

    @classmethod
    def name_key(cls, label: str) -> tuple[str, ...]:
        """The words a name is matched by; two names with one key are the same name."""
        return tuple(cls._canonical(_label_words(label))[0])

    # ---- normalisation -------------------------------------------------------------------

    @staticmethod
    def _canonical(tokens: Sequence[str], typed: Sequence[str] = ()) -> tuple[list[str], list[str]]:
        """Fold long forms and shorthand; returns the words and, aligned, what the user typed."""
        if _PHRASES_BY_FIRST.keys().isdisjoint(tokens):  # most messages: no long form
            return [WORDS.get(t, t) for t in tokens], list(typed) if typed else [""] * len(tokens)
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
        # "DEs" -> "de", "engineers" -> "engineer"; never "as" -> "a" or "us" -> "u".
        if (word.endswith("s") and len(word) >= 3 and (len(word) == 3 or not word.endswith("ss"))
                and word[:-1] in self.vocabulary and word not in self._literal):
            return word[:-1]
        return word

    def _correct(self, word: str) -> str:
        """Map a word to its singular, or an unknown word to a known word a letter or two away
        (remembered: chat repeats its words)."""
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        fixed = self._singular(word)
        known = fixed != word or word in self.vocabulary or word in WORDS or word in self._known
        if not known and 5 <= len(word) <= 30 and word not in self._english and (
                not word.isdigit()):
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
        return self._scan(message)[0]

    def find(self, message: str) -> Found:
        """Roles, backgrounds, tools, notes and corrected words of a message, in one pass."""
        spans, loose, corrected = self._scan(message)
        return _found(spans, corrected, loose)

    def _split(self, word: str) -> tuple[str, str] | None:
        """Two name words typed as one ("mlopsengineer", "#datascience"), or None."""
        if word in self._splits:
            return self._splits[word]
        split = None
        if not (word in self.vocabulary or word in self._known or word in WORDS):
            for cut in range(2, len(word) - 1):
                head, tail = word[:cut], word[cut:]
                if (head, tail) in self._pairs or (head, self._singular(tail)) in self._pairs:
                    split = (head, tail)
                    break
        if len(self._splits) < 50_000:
            self._splits[word] = split
        return split

    def _unglue(self, found: list[Word]) -> list[Word]:
        if all(len(w.norm) < _GLUED for w in found):
            return found
        out: list[Word] = []
        for w in found:
            split = self._split(w.norm) if _GLUED <= len(w.norm) <= _GLUED_MAX else None
            out += [Word(part, part) for part in split] if split else [w]
        return out

    def _scan(self, message: str) -> tuple[list[Span], list[Span], list[str]]:
        """(spans, the spans with every weak name kept, the corrected words)."""
        found = self._unglue(words(message))
        norms = [w.norm for w in found]
        known = self._corrections.get  # (most words are known: one look-up, no call)
        corrected = [known(w) or self._correct(w) for w in norms]
        fixed, typed = self._canonical(corrected, [w.raw for w in found])
        # For reading intent: known words as typed ("jobs" stays plural), unknown ones corrected,
        # long forms folded like the names so that span positions point into these words too.
        if corrected != norms:
            reading = self._canonical([w if w in self.vocabulary or w in self._known else c
                                       for w, c in zip(norms, corrected, strict=True)])[0]
            corrected = reading if len(reading) == len(fixed) else fixed
        else:
            corrected = fixed
        candidates: list[Span] = []
        for start, word in enumerate(fixed):
            for size in self._lengths.get(word, ()):
                end = start + size
                name = self._names.get(tuple(fixed[start:end])) if end <= len(fixed) else None
                if name is None:
                    continue
                # Capitals-only names count when written in capitals; spelled out in full
                # ("business intelligence" folds to "bi") only in a career question.
                spelled = (name.upper_only or name.against_only) and not typed[start]
                if name.upper_only and not spelled and not typed[start].rstrip("s").isupper():
                    continue
                # A short form that needs a rival ("CV": a resume, unless "CV vs NLP") is a
                # field like any other spelled out ("computer vision").
                plain = name.against_only and spelled
                candidates.append(Span(start, end, name.role_id, name.weak or spelled, name.note,
                                       spelled, name.also, name.alone and not plain,
                                       name.against_only and not plain))
        taken = [False] * len(fixed)
        chosen: list[Span] = []
        # Longest first; on a tie a title beats a field ("lead data science manager")
        for span in sorted(candidates, key=lambda s: (s.start - s.end, s.weak, s.start)):
            if not any(taken[span.start : span.end]):
                taken[span.start : span.end] = [True] * (span.end - span.start)
                chosen.append(span)
        if any(s.role_id.startswith(BACKGROUND) for s in chosen) and not FIRST_PERSON.intersection(
                fixed):
            # ... or opens the message ("Chemist here, ...", "leaving academia, what now?").
            chosen = [s for s in chosen if not s.role_id.startswith(BACKGROUND)
                      or _led(fixed, s.start)]
        chosen.sort(key=lambda s: s.start)
        if "non" in fixed:  # "from ITSM (non-dev) to DE" names no developer
            chosen = [s for s in chosen if s.start == 0 or fixed[s.start - 1] != "non"]
        if any(s.alone for s in chosen):
            # "will AI replace data analysts?" is about analysts; "AI or data science?", "from
            # developer to data engineer" set it against another role. Alone, such a name
            # counts only in a career question ("how do I get into AI?", read leniently),
            # never in chat with a career word ("the job statistics are out").
            others = [o for o in chosen if is_role(o) and not o.alone]
            held = [s for s in chosen if s.alone and others and _held(fixed, s.start)]
            loose = [s for s in chosen if not s.alone or s in held or (
                _against(fixed, s, others) if others else not s.against_only)]
            chosen = [s for s in chosen if not s.alone or s in held or _against(fixed, s, others)]
        else:
            loose = chosen
        background = any(s.role_id.startswith(BACKGROUND) for s in chosen)
        if (any(s.weak for s in chosen) and not background
                and not self.cues.intersection(fixed)):
            # ... or next to a connector ("I asked the developer for help" names no role)
            chosen = [s for s in chosen
                      if not s.weak or (_beside(fixed, s, CONNECTORS) and not s.spelled)]
        return chosen, loose, corrected


    def match(self, message: str) -> list[str]:
        """Role ids named in the message, in order of first appearance, without repeats."""
        return self.find(message).roles

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

    def best(self, text: str, cutoff: int = 85) -> str | None:
        """The role whose name ``text`` spells with small slips ("data scienst"), or None."""
        query = " ".join(w.norm for w in words(text))
        if not query:
            return None
        hit = process.extractOne(query, self._labels, scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is None or _abbreviation_changed(query, hit[0]):
            return None
        return self._label_roles[hit[2]]

    def _roles_of(self, first: list[str], hits: Sequence[tuple[str, float, int]],
                  limit: int) -> list[str]:
        """Role ids of fuzzy label hits, after ``first``, best first, each once."""
        out = list(first)
        for _label, _score, index in hits:
            if self._label_roles[index] not in out:
                out.append(self._label_roles[index])
        return out[:limit]


def _abbreviation_changed(typed: str, label: str) -> bool:
    """A slip in a word of three letters or fewer makes another abbreviation, not a typo:
    "QA engineer" is no "AI engineer"."""
    pairs = zip(typed.split(), label.split(), strict=False)
    return any(a != b and min(len(a), len(b)) <= 3 for a, b in pairs)


def _rank_key(typed: str, label: str, score: float) -> tuple[int, float]:
    starts = label.startswith(typed) or any(w.startswith(typed) for w in label.split())
    return (0 if starts else 1, -score)


def _beside(words: Sequence[str], span: Span, connectors: frozenset[str]) -> bool:
    before = words[span.start - 1] if span.start > 0 else ""
    after = words[span.end] if span.end < len(words) else ""
    return before in connectors or after in connectors


def _held(words: Sequence[str], start: int) -> bool:
    """The asker is one: "I'm a developer, how do I get into DevOps?", "as an analyst"."""
    before = start - 1
    if before >= 0 and words[before] in ("a", "an"):
        before -= 1
    return before >= 0 and (words[before] in ("im", "as") or (
        words[before] in ("am", "m") and before >= 1 and words[before - 1] == "i"))


def _against(words: Sequence[str], span: Span, others: Sequence[Span]) -> bool:
    """``span`` set against one of ``others`` by "vs", "or", "to"... ("AI vs data science",
    "iOS developer to ML engineer") or "between ... and", not glued to it ("data archtect
    developer")."""
    for other in others:
        between = (words[span.end:other.start] if span.end <= other.start
                   else words[other.end:span.start])
        if not between:
            return False  # glued: part of the other name
        if other.end < span.start and moved_to(words, span.start):
            return True
        # only the joining word, articles and "role" between ("from developer role to DevOps"),
        # not "is AI going to replace analysts?"
        if _RIVALS.intersection(between) and _BETWEEN_RIVALS.issuperset(between):
            return True
        # "torn between statistics and data science", "a job in AI and deep learning"
        if between == ["and"] and other.weak or "and" in between and _BETWEEN_AND.issuperset(
                between) and word_before(words, min(span.start, other.start)) == "between":
            return True
    return False


def moved_to(words: Sequence[str], start: int) -> bool:
    """A move ends at ``start``: "... move to", "switching into"."""
    before = start - 1
    while before >= 0 and words[before] in _MOVE_LEAD_IN:
        before -= 1
    return before >= 1 and words[before] in ("to", "into") and words[before - 1] in _MOVES


def index_before(words: Sequence[str], start: int, skip: AbstractSet[str] = _ARTICLES) -> int:
    """Where the word before ``start`` is, past ``skip`` words; -1 if there is none."""
    before = start - 1
    while before >= 0 and words[before] in skip:
        before -= 1
    return before


def word_before(words: Sequence[str], start: int,
                skip: AbstractSet[str] = _ARTICLES) -> str | None:
    """The word before ``start``, past articles or other ``skip`` words ("from the chemists":
    "from")."""
    before = index_before(words, start, skip)
    return words[before] if before >= 0 else None


def _led(words: Sequence[str], start: int) -> bool:
    """A background at the start, or after a lead word ("from teaching", "for the chemists")."""
    return start == 0 or word_before(words, start, _LEAD_SKIPS) in BACKGROUND_LEADS


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
