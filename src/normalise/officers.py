"""Lead cells → people, role titles and teams.

A lead cell names parties in many shapes: "Craig Picknell, Joanne Ives", "Head of HR and OD",
"City Learning, BWGs & Voluntary Directors", a name broken by a narrow PDF column ("George
Ballentyn\\ne"). The model alone is not enough (it misses "Daxa Patel", calls "Sukhi Biring" an
organisation), so reading a cell takes three steps:

1. **Lines.** A newline is a wrap inside one party ("Hannah\\nWatkins") or a break between parties
   ("Divisional Directors\\nBWGs & Head of Communications"). A line boundary is soft (a wrap) when a
   side is a lone ordinary word, ends or starts with a connector, or starts in lower case; a lone
   1-3 letter lower-case line is the tail of a word cut mid-way and is glued back on.
2. **Parties.** Lines split at commas, ``&``, ``/``, ``+`` (and at ``and`` between two people)
   unless coordination is *inside* one party: a shared head ("Policy and Projects Manager": a
   lone modifier before a role/team word), a lone trailing word ("HR Policy and Projects"), or
   the complement of an "X of …" role ("Head of HR and OD", "Executive Director of Finance and
   Resources"), which joins like with like only (acronym with acronym), so "Head of
   Communications & BWGs" still splits.
   Parenthesised qualifiers ("(internal)") are dropped and end a party. "with support from"
   marks the parties after it as supporting.
3. **Kinds.** spaCy runs with an EntityRuler (before ``ner``) tagging ROLE and TEAM from the word
   lists below; the head word decides (the right-most tagged span: "Equality Team Manager" is a
   role, "Head of Equality" too). Otherwise a person is the model's PERSON, or any two or three
   capitalised words that are not all ordinary English words (the model's own lemma index is the
   dictionary: "Smart Cities" and "Youth Ambition" are teams, "Owain Turner" a person).

Decisions: "Voluntary Directors" and "Divisional Directors" are *roles* (a title held by a group of
people, like "HR Business Partners"). "and" splits only two people: in team names it coordinates
inside the name far more often ("Mental Health and Wellbeing Group"), so "Digital Transformation /
Smart Cities and Equality Team" reads as two teams even though that plan's progress text names a
Smart Cities Team on its own. A shared head distributes over a lone modifier only ("Communities &
Equality Team" stays one team).

A :class:`NameBook` carries the people of one plan from cell to cell, so a name tagged once by a
rule is recognised elsewhere: a surname alone, a first name alone, a name cut short by a page
break ("George Ballentyn"), or a name in running progress text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import Tok2Vec
from spacy.tokens import Doc

from planingest.errors import PlanIngestError
from planingest.normalise.records import Lead, LeadCapacity, LeadEntry, LeadKind
from planingest.settings import DEFAULT_SPACY_MODEL

KIND_CACHE_SIZE = 50_000
"""Party texts whose model verdict a tagger remembers (a worker's tagger outlives many plans)."""

# --- The rules, as data ------------------------------------------------------------------------


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


ROLE_HEADS = _word_set(
    """manager managers officer officers analyst analysts lead leads leader leaders director
    directors partner partners adviser advisers advisor advisors executive executives coordinator
    coordinators co-ordinator co-ordinators consultant consultants specialist specialists
    administrator administrators supervisor supervisors solicitor solicitors champion champions
    controller head heads chair chairs chairman chairperson secretary treasurer holder holders
    sponsor sponsors owner owners councillor councillors planner planners"""
)
"""Words that end a role title ("Policy and Projects Manager", "Divisional Directors")."""

ROLE_OPENERS = _word_set("head heads director directors chief deputy assistant")
"""Words that open a role title followed by "of"/"for" or a title ("Head of …", "Chief …")."""

TEAM_HEADS = _word_set(
    """team teams group groups forum forums fora board boards service services unit units
    network networks panel panels committee committees partnership partnerships department
    departments directorate directorates division divisions section sections office
    programme"""
)
"""Words that end a team or body ("Equality Team", "Learning Services", "priority board")."""

ORG_WORDS = _word_set(
    """learning development resources communications transformation city cities policy projects
    equality equalities diversity recruitment workforce finance legal procurement digital human
    organisational organizational communities community sector strategy engagement training
    payroll housing employment performance research consultation democratic schools children
    adult adults social care health safety estates facilities property revenues benefits
    customer corporate information systems management governance audit planning transport
    environment sustainability inclusion centre centres center library libraries depot site sites
    building buildings council councils station hospital"""
)
"""Common words of unit and place names: never part of a person's name ("City Learning",
"Leisure Centre")."""

CONNECTORS = _word_set("of for and & the to in on at by with after from / -")
"""Words that cannot end or start a party: a line ending or starting with one is wrapped."""

SUPPORT_MARKERS = ("with support from", "with the support of", "supported by")
"""Phrases after which the named parties support rather than lead."""

QUALIFIERS = _word_set(
    """joint co co-lead lead leads interim acting overall main primary secondary support
    supporting tbc tba tbd tbconfirmed"""
)
"""Words of a bracketed qualifier of a party ("(interim)", "(Joint Lead)"), not a party."""

_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,5}s?$")
"""2-6 capitals, optionally a plural s: IPM, WRWG, CESG, BWGs, HR, OD, L&D."""
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z]\.?|[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*|(?:Mc|Mac|O')[A-Z][a-z]+)$"
)
_BULLET = re.compile(r"^\s*(?:[-•·▪●◦*]|\d+[.)])\s+")
_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*")
_SEPARATOR = re.compile(
    r"(\s*[,;/]\s*|\s+&\s*|\s*&\s+|\s+\+\s+|\s+and\s+|"
    + "|".join(r"\s+" + m.replace(" ", r"\s+") + r"\s+" for m in SUPPORT_MARKERS)
    + ")",
    re.IGNORECASE,
)
_ROLE_OF = re.compile(
    r"\b(?:" + "|".join(sorted(ROLE_OPENERS | ROLE_HEADS)) + r")\s+(?:of|for)\s+(.+)$", re.I
)

_HARD = ";"
SHORT_WORDS = _word_set("a an as at be by do if in is it no of on or so to up us we")
"""Real one- and two-letter words; any other lone lower-case fragment is the tail of a word a
narrow PDF column broke mid-way ("Communication s", "Ballenty ne")."""
_WORD_TAIL = re.compile(r"(?<=[A-Za-z]{3}) ([a-z]{1,2})\b(?!['’-])")


def _glue_word_tails(text: str) -> str:
    return _WORD_TAIL.sub(lambda m: m.group(0) if m.group(1) in SHORT_WORDS else m.group(1), text)


_SUPPORT = "support"


def _ruler_patterns() -> list[dict[str, Any]]:
    """EntityRuler patterns built from the word lists above."""
    title = {"IS_TITLE": True, "OP": "*"}
    words = {"IS_SPACE": False, "OP": "+"}
    return [
        {"label": "ROLE", "pattern": [title, {"LOWER": {"IN": sorted(ROLE_HEADS)}}]},
        {
            "label": "ROLE",
            "pattern": [
                {"LOWER": {"IN": sorted(ROLE_OPENERS)}},
                {"LOWER": {"IN": ["of", "for"]}},
                words,
            ],
        },
        {"label": "ROLE", "pattern": [{"LOWER": "chief"}, {"IS_TITLE": True, "OP": "+"}]},
        {"label": "TEAM", "pattern": [title, {"LOWER": {"IN": sorted(TEAM_HEADS)}}]},
        {
            "label": "TEAM",
            "pattern": [
                {"LOWER": {"IN": ["network", "forum", "group"]}},
                {"LOWER": {"IN": ["for", "of"]}},
                words,
            ],
        },
        {"label": "TEAM", "pattern": [title, {"LOWER": {"IN": sorted(ORG_WORDS)}}]},
        {"label": "TEAM", "pattern": [{"TEXT": {"REGEX": _ACRONYM.pattern}}]},
    ]


# --- Small predicates on a piece of text ---------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


def _is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text))


def _is_lone_word(text: str) -> bool:
    """One ordinary capitalised or lower-case word: a fragment, not a party on its own."""
    words = _words(text)
    return len(words) == 1 and not _is_acronym(words[0]) and words[0][:1].isalpha()


def _has_head(text: str) -> bool:
    return any(w.lower() in ROLE_HEADS | TEAM_HEADS for w in _words(text))


def _finished(text: str) -> bool:
    """A whole team or role on its own: capitalised words ending in their head word ("Estates
    Team", not "team" or "his team"), a "Head of …" role, or an acronym."""
    words = _words(text)
    if not words or not words[0][:1].isupper():
        return False
    return (
        (len(words) >= 2 and words[-1].lower() in ROLE_HEADS | TEAM_HEADS)
        or (len(words) == 1 and _is_acronym(words[0]))
        or _role_complement(text) is not None
    )


def _role_complement(text: str) -> str | None:
    """The "…" of "Head of …" / "Director for …", when the piece is such a role."""
    match = _ROLE_OF.search(text)
    return match.group(1) if match else None


def _starts_open(text: str) -> bool:
    words = _words(text)
    return bool(words) and (words[0][0].islower() or words[0].lower() in CONNECTORS)


def _ends_open(text: str) -> bool:
    words = _words(text)
    return bool(words) and words[-1].lower() in CONNECTORS


def _compact(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


# --- The name book -------------------------------------------------------------------------------


class NameBook:
    """The people named in one plan, so one cell's finding resolves another cell's fragment.

    Keep one per document: names do not carry from one plan to the next.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._names: dict[str, str] = {}
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        name = " ".join(name.split())
        if len(_words(name)) >= 2:
            self._names.setdefault(_compact(name), name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names.values())

    def __len__(self) -> int:
        return len(self._names)

    def resolve(self, text: str) -> str | None:
        """The known full name ``text`` stands for, if exactly one fits.

        Fits: the same letters ("Hannah\\nWatkins", "Ballentyn e"), a cut-short form missing at most
        two final letters ("George Ballentyn"), or a lone first name or surname ("Patel").
        """
        key = _compact(text)
        if len(key) < 3:
            return None
        if key in self._names:
            return self._names[key]
        words = _words(text)
        candidates = {
            full
            for compact, full in self._names.items()
            if (len(key) >= 5 and compact.startswith(key) and len(compact) - len(key) <= 2)
            or (
                len(words) == 1
                and any(
                    part == key
                    or (len(key) >= 5 and part.startswith(key) and len(part) - len(key) <= 2)
                    for part in (_compact(w) for w in (_words(full)[0], _words(full)[-1]))
                )
            )
        }
        return candidates.pop() if len(candidates) == 1 else None


# --- Splitting a cell into parties ----------------------------------------------------------------


@dataclass(frozen=True)
class _Party:
    text: str
    supporting: bool


def _lines(text: str) -> list[str]:
    """Cell lines without bullets; a blank line stays as an empty string (a hard break)."""
    return [_BULLET.sub("", line).strip() for line in text.splitlines()]


def _unbracket(line: str) -> str:
    """Brackets end a party. Their content is a party of its own when it names one ("Tom Baker
    (Head of Estates)", "Estates Manager (Tom Baker)") and supporting parties when it says so
    ("(with support from Finance Team)"); a qualifier ("(interim)", "(Joint Lead)", "(TBC)") is
    left out of the parties (the cell's raw text keeps it)."""

    def one(match: re.Match[str]) -> str:
        inner = " ".join(match.group(0).strip().strip("()").split())
        if inner.lower().startswith(SUPPORT_MARKERS):
            return f" {inner} "
        words = _words(inner)
        if all(w.lower() in QUALIFIERS for w in words):
            return f" {_HARD} "
        names_one = (
            _role_complement(inner) is not None
            or _looks_like_name(inner)
            or (len(words) >= 2 and _finished(inner))
        )
        return f" {_HARD} {inner} {_HARD} " if names_one else f" {_HARD} "

    return _PARENTHESIS.sub(one, line)


def _pieces(line: str) -> list[str]:
    return [p for p in _SEPARATOR.split(_unbracket(line))[::2] if p.strip()]


def _soft_boundary(left: str, right: str) -> bool:
    """Whether the line break between ``left`` and ``right`` is a wrap inside one party."""
    if _ends_open(left) or left.rstrip().endswith((",", "&", "/", "(")) or _starts_open(right):
        return True
    if left.count("(") > left.count(")"):
        return True
    left_pieces, right_pieces = _pieces(left), _pieces(right)
    if not left_pieces or not right_pieces:
        return False
    last, first = left_pieces[-1], right_pieces[0]
    if left.rstrip().endswith(")"):
        return False
    if _is_lone_word(last):
        return True
    if _is_lone_word(first):
        closes = _words(last)[-1].lower() in ROLE_HEADS | TEAM_HEADS
        return not closes or first.lower() in ROLE_HEADS | TEAM_HEADS
    return False


def _logical_lines(text: str) -> list[str]:
    """Lines after undoing wraps: soft breaks become spaces, mid-word breaks vanish."""
    merged: list[str] = []
    previous_blank = True
    for line in _lines(text):
        if not line:
            previous_blank = True
            continue
        if merged and not previous_blank:
            tail = merged[-1]
            if re.fullmatch(r"[a-z]{1,3}", line) and line not in CONNECTORS and tail[-1:].isalpha():
                merged[-1] = tail + line
                continue
            if _soft_boundary(tail, line):
                merged[-1] = f"{tail} {line}"
                continue
        merged.append(line)
        previous_blank = False
    return [" ".join(line.split()) for line in merged]


def _joins(
    left: str,
    separator: str,
    right: str,
    is_person: Callable[[str], bool],
    maybe_person: Callable[[str], bool],
) -> bool:
    """Whether ``separator`` sits inside one party rather than between two."""
    if separator in (_HARD, _SUPPORT):
        return False
    if separator.strip().lower() == "and":
        # "Mental Health and Wellbeing Group", "Community and Voluntary Sector Engagement":
        # "and" coordinates inside a name far more often than between parties, so it splits
        # only two people ("Jo Bloggs and Sam Smith": the model may vouch for both) or a person
        # whom both the name rule (or the plan's other cells) and the model take for one and a
        # whole team or role ("Priya Ramanathan and Estates Team"): either alone also takes
        # "Safer Neighbourhoods" or "Victoria Park" for a person.
        sure = [is_person(x) and maybe_person(x) for x in (left, right)]
        if any(sure):
            other = left if sure[1] else right
            return not (_finished(other) or is_person(other) or maybe_person(other))
        return not (maybe_person(left) and maybe_person(right))
    if _ends_open(left) or _starts_open(right):
        return True
    complement = _role_complement(left)
    right_is_person = is_person(right)
    if complement is not None and not _has_head(right) and not right_is_person:
        if separator == ",":
            return _is_lone_word(right)
        parallel = _is_acronym(_words(complement)[-1]) == _is_acronym(_words(right)[0])
        return parallel or _is_lone_word(right)
    if separator == ",":
        return False
    shared_head = (
        _is_lone_word(left) and not _has_head(left) and _has_head(right) and not is_person(left)
    )
    trailing_word = _is_lone_word(right) and not _has_head(right) and not right_is_person
    return shared_head or trailing_word


def _looks_like_name(text: str) -> bool:
    """Two or three capitalised name-shaped words with no role, team or unit word among them."""
    words = _words(text)
    return (
        2 <= len(words) <= 3
        and all(_NAME_TOKEN.match(w) for w in words)
        and not any(w.lower() in ROLE_HEADS | TEAM_HEADS | ORG_WORDS | CONNECTORS for w in words)
    )


def _trailing_acronyms(party: str) -> list[str]:
    """ "City Learning WRWG BWGs" → ["City Learning", "WRWG", "BWGs"]: a finished unit name
    followed only by acronyms is several parties run together (paragraphs flattened)."""
    words = _words(party)
    if _role_complement(party) is not None:
        return [party]
    for cut in range(1, len(words)):
        tail = words[cut:]
        if all(_is_acronym(w) for w in tail) and not _is_acronym(words[cut - 1]):
            if words[cut - 1].lower() in ROLE_HEADS | TEAM_HEADS | ORG_WORDS:
                return [" ".join(words[:cut]), *tail]
            break
    return [party]


def _parties(
    text: str, is_person: Callable[[str], bool], maybe_person: Callable[[str], bool]
) -> list[_Party]:
    found: list[tuple[str, bool]] = []
    supporting = False
    for line in _logical_lines(text):
        tokens = _SEPARATOR.split(_unbracket(line))
        current: str | None = None
        for index in range(0, len(tokens), 2):
            piece = tokens[index].strip().strip(".:")
            raw_separator = tokens[index - 1] if index else ""
            separator = " ".join(raw_separator.lower().split())
            if separator in SUPPORT_MARKERS:
                separator = _SUPPORT
            if (
                current is not None
                and piece
                and _joins(current, separator, piece, is_person, maybe_person)
            ):
                current = " ".join(f"{current}{raw_separator or ' '}{piece}".split())
                continue
            if current is not None:
                found.append((current, supporting))
                current = None
            supporting = supporting or separator == _SUPPORT
            current = piece or None
        if current is not None:
            found.append((current, supporting))
    return [_Party(part, sup) for text_, sup in found for part in _trailing_acronyms(text_)]


# --- The tagger ------------------------------------------------------------------------------


_HONORIFIC = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Prof|Rev|Revd|Sir|Dame)\.?\s+)+(?=[A-Z])"
)
"""A courtesy title before a person's name: the person is the name ("Cllr Ann Lee" is Ann Lee)."""


_UNREAD_PIPES = ("parser", "tagger", "attribute_ruler", "senter")
"""Pipes whose annotations (parse, tags, sentences) nothing here reads, not even loaded: only
the entities are read, and the recogniser and the entity ruler look at the words alone."""


class OfficerTagger:
    """A spaCy pipeline plus role/team rules, loaded once per model (see :func:`get_tagger`)."""

    def __init__(self, model: str = DEFAULT_SPACY_MODEL) -> None:
        try:
            self.nlp: Language = spacy.load(model, exclude=list(_UNREAD_PIPES))
        except OSError as error:
            raise PlanIngestError(
                f"spaCy model {model!r} is not installed (set the spacy_model setting to one that"
                f" is, e.g. en_core_web_sm): {error}"
            ) from error
        self.model = model
        self._run_only_what_is_read()
        ruler = self.nlp.add_pipe(
            "entity_ruler", before="ner", config={"overwrite_ents": True, "validate": True}
        )
        ruler.add_patterns(_ruler_patterns())  # type: ignore[attr-defined]
        self._dictionary = self._ordinary_words()
        self._kinds: dict[str, LeadKind] = {}
        """What the model made of each party text seen: plans name the same officers row after
        row, and running the model once per distinct text is most of the normaliser's time."""
        self._model_people: dict[str, bool] = {}
        """Whether the model itself found a PERSON in each party text seen."""

    def _run_only_what_is_read(self) -> None:
        """Keep the lemmatizer for its word index but do not run it (nothing reads a lemma), nor
        a shared tok2vec that no pipe left listens to: the entity recogniser of spaCy's small,
        medium and large English models has its own."""
        if "lemmatizer" in self.nlp.pipe_names:
            self.nlp.disable_pipe("lemmatizer")
        for name in self.nlp.pipe_names:
            pipe = self.nlp.get_pipe(name)
            if isinstance(pipe, Tok2Vec) and not pipe.listening_components:
                self.nlp.disable_pipe(name)

    def _ordinary_words(self) -> frozenset[str]:
        """Ordinary English words, from the lemmatizer's own index (empty if it has none)."""
        if "lemmatizer" not in self.nlp.component_names:
            return frozenset()
        lookups = getattr(self.nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is None or not lookups.has_table("lemma_index"):
            return frozenset()
        index = lookups.get_table("lemma_index")
        return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, []))

    def _is_ordinary(self, word: str) -> bool:
        """A dictionary word, or its plural or comparative ("Safer", "Greener")."""
        word = word.lower()
        singular = {
            word,
            re.sub(r"ies$", "y", word),
            re.sub(r"s$", "", word),
            re.sub(r"es$", "", word),
            re.sub(r"(?<=.{3})r$", "", word),
            re.sub(r"(?<=.{3})er$", "", word),
            re.sub(r"(?<=.{3})ier$", "y", word),
        }
        return bool(singular & self._dictionary) or word in ORG_WORDS

    def _tag(self, texts: list[str]) -> None:
        """Fill ``_kinds`` for the texts not seen yet, in one batch through the model."""
        fresh = list(dict.fromkeys(t for t in texts if t not in self._kinds))
        if len(self._kinds) + len(fresh) > KIND_CACHE_SIZE:
            self._kinds.clear()
            self._model_people.clear()
        for text, doc in zip(fresh, self.nlp.pipe(fresh), strict=True):
            self._kinds[text] = self._kind(text, doc)
            self._model_people[text] = any(e.label_ == "PERSON" for e in doc.ents)

    def _kind(self, party: str, doc: Doc) -> LeadKind:
        tagged = [e for e in doc.ents if e.label_ in ("ROLE", "TEAM")]
        if tagged:
            head = max(tagged, key=lambda e: (e.end, len(e)))
            return "role" if head.label_ == "ROLE" else "team"
        if any(e.label_ == "PERSON" for e in doc.ents) or _HONORIFIC.match(party):
            return "person"
        return "person" if self._name_shaped(party) else "team"

    def _model_person(self, piece: str) -> bool:
        """A name-looking piece the model calls a person ("Tom Baker", whose words are both in
        the dictionary); weaker evidence than the name rule, as the model says the same of
        "Victoria Park"."""
        titled = _HONORIFIC.match(piece)
        if titled:
            return _looks_like_name(piece[titled.end() :])
        if not _looks_like_name(piece):
            return False
        self._tag([piece])
        return self._model_people[piece]

    def _name_shaped(self, text: str) -> bool:
        """Two or three name-like words, not all of them ordinary English ("Open Spaces"), or a
        name after a courtesy title ("Mr Tom Baker")."""
        titled = _HONORIFIC.match(text)
        if titled:
            return _looks_like_name(text[titled.end() :])
        return _looks_like_name(text) and not all(self._is_ordinary(w) for w in _words(text))

    def split(
        self, text: str, capacity: LeadCapacity = "lead", names: NameBook | None = None
    ) -> Lead:
        """One lead cell as people, roles and teams, in source order; ``text`` kept raw.

        People found are added to ``names`` (when given), and ``names`` resolves fragments.
        """

        def in_book(piece: str) -> bool:
            return names is not None and names.resolve(piece) is not None

        parties = _parties(
            _glue_word_tails(text),
            lambda piece: in_book(piece) or self._name_shaped(piece),
            lambda piece: in_book(piece) or self._model_person(piece),
        )
        self._tag([p.text for p in parties])
        entries: list[LeadEntry] = []
        for party in parties:
            known = names.resolve(party.text) if names is not None else None
            kind: LeadKind = "person" if known else self._kinds[party.text]
            name = known or party.text
            if kind == "person":
                name = _HONORIFIC.sub("", name) or name
            if kind == "person" and names is not None:
                names.add(name)
            entry_capacity: LeadCapacity = "supporting" if party.supporting else capacity
            entries.append(LeadEntry(name=name, kind=kind, capacity=entry_capacity))
        return Lead(
            text=text,
            people=_unique(e.name for e in entries if e.kind == "person"),
            roles=_unique(e.name for e in entries if e.kind == "role"),
            teams=_unique(e.name for e in entries if e.kind == "team"),
            entries=entries,
        )

    def name_book(self, cells: Iterable[str]) -> NameBook:
        """A first pass over a plan's lead cells, collecting everyone they name."""
        book = NameBook()
        for cell in cells:
            self.split(cell, names=book)
        return book

    def people_in_text(self, text: str, names: NameBook | None = None) -> list[str]:
        """People named in running text (progress updates): the model's PERSONs and known names."""
        found: list[tuple[int, str]] = []
        flat = " ".join(text.split())
        for ent in self.nlp(flat).ents:
            if ent.label_ == "PERSON" and len(ent) >= 2 and _looks_like_name(ent.text):
                resolved = names.resolve(ent.text) if names is not None else None
                found.append((ent.start_char, resolved or ent.text))
        for name in names or ():
            for match in re.finditer(
                r"\b" + r"\s+".join(map(re.escape, _words(name))) + r"\b", flat
            ):
                found.append((match.start(), name))
        return _unique(name for _, name in sorted(found))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


@lru_cache(maxsize=4)
def get_tagger(model: str = DEFAULT_SPACY_MODEL) -> OfficerTagger:
    """The tagger for ``model``, loaded on first use and shared afterwards (loading takes ~1 s)."""
    return OfficerTagger(model)
