"""Reader of PETRARCH2 verb dictionaries (`CAMEO.2.0.txt`, the validation suites' verb files).

The format, as this reader takes it::

    &CEASEFIRE                      # opens a synonym set ...
    +TRUCE                          # ... whose members follow, one a line
    +CEASE_FIRE                     # "_" (or a space) joins the words of a phrase
    +&OTHER                         # a member that is another set

    ---  ASK   [020]  ---           # opens a verb block; [code] is its code ([---]: none)
    ASK                             # a verb of the block
    QUERY {QUERYING QUERIES}        # irregular forms in {}
    GRILL [110]                     # a verb with a code of its own
    +ASK_FOR {+ASKED_FOR} [020]     # a multi-word verb; "+" marks the verb word
    WIRE_+TAP                       # ... which may come last
    - * EXTRADITION          [0213] # a pattern: words before "*" are on the subject side,
    - &MILITARY * (TO BORDER) [154] # words after it on the object side; (PREP ...) is a
    - * {HUMANITARIAN AID}   [0233] # prepositional phrase, {...} a noun phrase (last word
    - $ * (WITH +)           [045]  # its head), &NAME a synonym set, $ the source, + the
    - * (BEFORE COURT)       [:173] # target, % a compound actor, ^ a skip; IN_* joins a
    - FAILED_TO_*            [111]  # word to the verb. Codes: [042:043] a code and its
                                    # reverse (target to source), [:173] only the reverse,
                                    # [---] no event.
    ~ a (a b ATTACK) SAY = a b 015  # a transformation (read, not compiled: see below)

Comments start with `#` (or TABARI's `;`) or are `<!-- -->` spans.
A line the reader cannot place raises `KnowledgeError` with its file and line.

TRANSFORMATIONS (`~` lines) rewrite an event nested in another ("A said A attacked B")
into a compound code. They are read and kept on the dictionary, never compiled: comity
treats a saying that frames a coded event as a report frame (`stages/events/selection.py`),
and the few compound codes they give are a different reading of the same sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from comity.errors import KnowledgeError

NULL_CODE = "---"
MARKERS = frozenset({"$", "+", "%", "^"})  # source, target, compound actor, skip
_HEADER = re.compile(r"^---\s*(?P<meaning>[^\s\[]+)\s*(?:\[(?P<code>[^\]]*)\])?")
_VERB = re.compile(r"^(?P<verb>[^{}\[\]]+?)\s*(?:\{(?P<forms>[^{}]*)\})?\s*(?:\[(?P<code>[^\[\]]*)\])?\s*$")
_PATTERN_CODE = re.compile(r"\[(?P<code>[^\[\]]*)\]\s*$")
_XML_COMMENT = re.compile(r"<!--.*?-->")
_WORD = re.compile(r"^[A-Za-z0-9][\w'.\-/]*$")


@dataclass(frozen=True, slots=True)
class Code:
    """A pattern's or verb's code as written, and what it codes: `primary` from source to
    target, `reverse` from target to source; both None for the null code [---]."""

    text: str
    primary: str | None
    reverse: str | None

    @property
    def is_null(self) -> bool:
        return self.primary is None and self.reverse is None


@dataclass(frozen=True, slots=True)
class Words:
    """A word or noun phrase of a pattern: its words in order, the last its head; a word may
    name a synonym set ("&WEAPON")."""

    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Marker:
    symbol: str  # "$" source, "+" target, "%" compound actor, "^" skip


@dataclass(frozen=True, slots=True)
class PrepPhrase:
    preposition: str
    objects: tuple[Words | Marker, ...] = ()


Element = Words | Marker | PrepPhrase


@dataclass(frozen=True, slots=True)
class Pattern:
    before: tuple[Element, ...]  # the subject side, before "*"
    after: tuple[Element, ...]  # the object side
    joined_before: tuple[str, ...]  # words joined to the verb by "_": IN_* -> ("IN",)
    joined_after: tuple[str, ...]
    code: Code
    line: int
    comment: str = ""  # CAMEO.2.0.txt names there the verbs the pattern was first written for


@dataclass(frozen=True, slots=True)
class Verb:
    words: tuple[str, ...]  # ("CALL", "OFF") for +CALL_OFF
    head: int  # the index of the verb word among `words`
    forms: tuple[str, ...]  # irregular forms as written
    code: Code | None  # its own code; None: the block's
    line: int

    @property
    def lemma(self) -> str:
        return self.words[self.head]


@dataclass(slots=True)
class VerbBlock:
    meaning: str
    code: Code
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Transformation:
    text: str
    line: int


@dataclass(slots=True)
class VerbDictionary:
    path: Path
    synsets: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # "&NAME" -> member phrases
    synset_lines: dict[str, int] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    transformations: list[Transformation] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "file:line: what was skipped" (when not strict)

    def where(self, line: int) -> str:
        return f"{self.path}:{line}"


# ---------------------------------------------------------------- lines


def read_verb_dictionary(path: Path, strict: bool = True) -> VerbDictionary:
    """Every synonym set, verb block and transformation of a PETRARCH verb dictionary.
    `strict`: a bad line raises `KnowledgeError`; otherwise it is skipped and listed in
    `problems` (the converter of the shipped dictionary reports them)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read verb dictionary: {exc}") from exc
    return parse_verb_dictionary(text, path, strict)


def parse_verb_dictionary(text: str, path: Path, strict: bool = True) -> VerbDictionary:
    reader = _Reader(VerbDictionary(path))
    for number, line, comment in content_lines(text):
        try:
            reader.read(number, line, comment)
        except KnowledgeError as exc:
            if strict:
                raise
            reader.dictionary.problems.append(str(exc))
    return reader.finish()


def content_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """(line number, text, its "#" comment) with comments removed and blank lines skipped."""
    in_comment = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        line = _XML_COMMENT.sub(" ", line)
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
        line, comment = _split_comment(line)
        if line.strip():
            yield number, line.strip(), comment


def _split_comment(line: str) -> tuple[str, str]:
    """The line before a "#" comment, or a ";" one (TABARI's, still found after verbs), and the
    comment; a "#" inside brackets is no comment (TABARI's discard code "[###]")."""
    depth = 0
    for position, char in enumerate(line):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char in "#;" and depth <= 0:
            return line[:position].rstrip(), line[position + 1 :].strip()
    return line.rstrip(), ""


class _Reader:
    """The reading state: the synonym set or verb block the next lines belong to."""

    def __init__(self, dictionary: VerbDictionary):
        self.dictionary = dictionary
        self.synset: str | None = None  # the set whose members follow
        self.members: list[tuple[str, ...]] = []
        self.block: VerbBlock | None = None

    def read(self, number: int, line: str, comment: str = "") -> None:
        if line.startswith("~"):
            self._transformation(number, line)
        elif line.startswith("&"):
            self._open_synset(number, line)
        elif line.startswith("---"):
            self._open_block(number, line)
        elif line.startswith("-"):
            self._pattern(number, line, comment)
        elif line.startswith("+") and self.synset is not None:
            self.members.append(_member_words(line[1:], self._where(number)))
        else:
            self._verb(number, line)

    def finish(self) -> VerbDictionary:
        self._close_synset()
        return self.dictionary

    def _where(self, number: int) -> str:
        return self.dictionary.where(number)

    def _transformation(self, number: int, line: str) -> None:
        if "=" not in line:
            raise KnowledgeError(f"{self._where(number)}: a transformation needs '=' between its pattern and its result: {line!r}")
        self.dictionary.transformations.append(Transformation(line[1:].strip(), number))

    def _open_synset(self, number: int, line: str) -> None:
        self._close_synset()
        name = line.split()[0]
        if len(name) < 2:
            raise KnowledgeError(f"{self._where(number)}: a synonym set needs a name after '&'")
        self.synset = name.upper().rstrip("_")
        self.dictionary.synset_lines.setdefault(self.synset, number)
        self.block = None

    def _close_synset(self) -> None:
        if self.synset is not None:
            known = self.dictionary.synsets.get(self.synset, ())
            self.dictionary.synsets[self.synset] = known + tuple(m for m in self.members if m not in known)
        self.synset, self.members = None, []

    def _open_block(self, number: int, line: str) -> None:
        self._close_synset()
        match = _HEADER.match(line)
        if match is None:
            raise KnowledgeError(f"{self._where(number)}: a verb block opens with '---  NAME  [code]  ---', not {line!r}")
        code = parse_code(match.group("code") or NULL_CODE, self._where(number))
        self.block = VerbBlock(match.group("meaning"), code, number)
        self.dictionary.blocks.append(self.block)

    def _pattern(self, number: int, line: str, comment: str) -> None:
        if self.block is None:
            raise KnowledgeError(f"{self._where(number)}: a pattern outside a verb block (open one with '---  VERB  [code]  ---')")
        self.block.patterns.append(parse_pattern(line, number, self._where(number), comment))

    def _verb(self, number: int, line: str) -> None:
        if self.block is None:
            after = f" (after synonym set {self.synset})" if self.synset else ""
            raise KnowledgeError(f"{self._where(number)}: a verb outside a verb block{after}: {line!r}")
        self.block.verbs.append(parse_verb(line, number, self._where(number)))


def _member_words(text: str, where: str) -> tuple[str, ...]:
    words = tuple(word for word in re.split(r"[\s_]+", text.strip()) if word)
    if not words:
        raise KnowledgeError(f"{where}: an empty synonym set member")
    return words


# ---------------------------------------------------------------- codes, verbs


def parse_code(text: str, where: str) -> Code:
    """`042`, `042:043`, `:173`, `---`; the codes themselves are checked against the codebook
    where the patterns are compiled, not here."""
    text = text.strip()
    if not text:
        raise KnowledgeError(f"{where}: an empty code '[]'")
    if text == NULL_CODE:
        return Code(text, None, None)
    primary, _, reverse = text.partition(":")
    primary, reverse = primary.strip(), reverse.strip()
    if " " in primary or " " in reverse:
        raise KnowledgeError(f"{where}: a code has no spaces: [{text}]")
    return Code(text, primary if primary and primary != NULL_CODE else None, reverse if reverse and reverse != NULL_CODE else None)


def parse_verb(line: str, number: int, where: str) -> Verb:
    match = _VERB.match(line)
    if match is None:
        raise KnowledgeError(f"{where}: a verb line is 'VERB {{FORMS}} [code]', not {line!r}")
    words, head = _verb_words(match.group("verb"), where)
    forms = tuple((match.group("forms") or "").split())
    code = None if match.group("code") is None else parse_code(match.group("code"), where)
    return Verb(words, head, forms, code, number)


def _verb_words(text: str, where: str) -> tuple[tuple[str, ...], int]:
    """The words of a verb phrase and which one is the verb: "+CALL_OFF" -> (CALL, OFF), 0."""
    parts = [part for part in re.split(r"[\s_]+", text) if part]
    marked = [index for index, part in enumerate(parts) if part.startswith("+")]
    if len(marked) > 1:
        raise KnowledgeError(f"{where}: a multi-word verb marks one verb word with '+', not {len(marked)}: {text!r}")
    words = tuple(part.lstrip("+") for part in parts)
    if not words or not all(_WORD.match(word) for word in words):
        raise KnowledgeError(f"{where}: a verb is written in words (letters, digits, - and '), not {text!r}")
    return words, marked[0] if marked else 0


# ---------------------------------------------------------------- patterns


def parse_pattern(line: str, number: int, where: str, comment: str = "") -> Pattern:
    body = line[1:]
    code_match = _PATTERN_CODE.search(body)
    if code_match is None:
        raise KnowledgeError(f"{where}: a pattern ends with its code in brackets, as '- * WORD [042]': {line!r}")
    code = parse_code(code_match.group("code"), where)
    tokens = _tokens(body[: code_match.start()])
    stars = [index for index, token in enumerate(tokens) if "*" in token]
    if len(stars) != 1:
        raise KnowledgeError(f"{where}: a pattern has exactly one '*' (the verb), found {len(stars)}: {line!r}")
    star = stars[0]
    joined_before, joined_after = _joined_words(tokens[star], where)
    before = _elements(tokens[:star], where)
    after = _elements(tokens[star + 1 :], where)
    return Pattern(before, after, joined_before, joined_after, code, number, comment)


def _tokens(text: str) -> list[str]:
    spaced = re.sub(r"([(){}])", r" \1 ", text)
    return spaced.split()


def _joined_words(token: str, where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """ "IN_AND_*_OUT" -> (IN, AND), (OUT,)."""
    left, _, right = token.partition("*")
    if "*" in right:
        raise KnowledgeError(f"{where}: a pattern has exactly one '*' (the verb)")
    return tuple(w for w in left.split("_") if w), tuple(w for w in right.split("_") if w)


def _elements(tokens: list[str], where: str) -> tuple[Element, ...]:
    elements: list[Element] = []
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token == "(":
            phrase, position = _prep_phrase(tokens, position + 1, where)
            elements.append(phrase)
        elif token == "{":
            words, position = _braced(tokens, position + 1, where)
            elements.append(words)
        elif token in (")", "}"):
            raise KnowledgeError(f"{where}: '{token}' without its opening bracket")
        else:
            elements.extend(_plain(token, where))
            position += 1
    return tuple(elements)


def _prep_phrase(tokens: list[str], position: int, where: str) -> tuple[PrepPhrase, int]:
    """A "(PREP ...)" phrase from just after its "(", and the position after its ")"."""
    inner: list[Words | Marker] = []
    preposition: str | None = None
    while position < len(tokens) and tokens[position] != ")":
        token = tokens[position]
        if token == "(":
            raise KnowledgeError(f"{where}: a prepositional phrase cannot hold another '('")
        if token == "{":
            words, position = _braced(tokens, position + 1, where)
            inner.append(words)
            continue
        if token == "}":
            raise KnowledgeError(f"{where}: '}}' without its opening bracket")
        if preposition is None:
            if token in MARKERS or token.startswith("&"):
                raise KnowledgeError(f"{where}: a prepositional phrase starts with its preposition, not {token!r}")
            preposition = token
        else:
            inner.extend(_plain(token, where))
        position += 1
    if position >= len(tokens):
        raise KnowledgeError(f"{where}: '(' without its closing ')'")
    if preposition is None:
        raise KnowledgeError(f"{where}: an empty prepositional phrase '()'")
    return PrepPhrase(preposition, tuple(inner)), position + 1


def _braced(tokens: list[str], position: int, where: str) -> tuple[Words, int]:
    """A "{...}" noun phrase from just after its "{", and the position after its "}"."""
    words: list[str] = []
    while position < len(tokens) and tokens[position] != "}":
        token = tokens[position]
        if token in ("(", ")", "{") or token in MARKERS:
            raise KnowledgeError(f"{where}: a noun phrase {{...}} holds words only, not {token!r}")
        words.extend(w for w in token.split("_") if w)
        position += 1
    if position >= len(tokens):
        raise KnowledgeError(f"{where}: '{{' without its closing '}}'")
    if not words:
        raise KnowledgeError(f"{where}: an empty noun phrase '{{}}'")
    return Words(tuple(words)), position + 1


def _plain(token: str, where: str) -> list[Words | Marker]:
    """A token outside brackets: a marker, a word, or words joined by "_" (a marker joined
    to a word, as in "SUGGESTED_+", stands on its own)."""
    if token in MARKERS:
        return [Marker(token)]
    found: list[Words | Marker] = []
    words: list[str] = []
    for part in (p for p in token.split("_") if p):
        if part in MARKERS:
            if words:
                found.append(Words(tuple(words)))
                words = []
            found.append(Marker(part))
        else:
            words.append(part)
    if words:
        found.append(Words(tuple(words)))
    if not found:
        raise KnowledgeError(f"{where}: an empty word in a pattern: {token!r}")
    return found
