"""The model's attribute rules (tag map, pronoun cases, auxiliaries) applied without spaCy's Matcher.

spaCy's `attribute_ruler` runs its 179 patterns through the token Matcher on every
parse: a tenth of the parse on wire copy. Nearly all of them test one token's tag,
lowercase form and dependency label, so which rules a token takes is a function of
those few values: worked out once per distinct combination and remembered, it
costs a dictionary look-up per token. The few patterns of two tokens are tried at
every position. The rules then set the same attributes in the same order as the
ruler does (ascending rule number, so later rules win), with spaCy's own setter.

A model whose ruler uses anything else (another attribute, an operator) keeps
spaCy's component: `replace_attribute_ruler` leaves it in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

#: Token attributes a rule may test, and how they are read from a token.
FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")
Features = tuple[str, str, str, bool]
Predicate = Callable[[Features], bool]
FACTORY = "comity_attribute_rules"
RULER = "attribute_ruler"
#: What a word no rule tests for reads as: a string no pattern names.
OTHER = "\x00other"


def add_attribute_rules(nlp) -> None:  # nlp: spacy.Language loaded with exclude=[RULER]
    """Put the model's attribute ruler, left out at load, back at its place in the pipeline: its
    patterns read from the model's folder into comity's rules, or into spaCy's ruler when one is of
    a kind the rules do not read. Leaving it out at load spares building its Matcher (0.07 s)."""
    import srsly

    patterns_file = nlp.path / RULER / "patterns" if nlp.path is not None else None
    if patterns_file is None or not patterns_file.exists():
        return
    patterns = srsly.read_msgpack(patterns_file)
    order = srsly.read_json(nlp.path / "meta.json")["pipeline"]
    before = next((name for name in order[order.index(RULER) + 1:] if name in nlp.pipe_names), None)
    if _all_supported(patterns):
        _register()
        nlp.add_pipe(FACTORY, name=RULER, before=before, config={"patterns": patterns})
    else:
        nlp.add_pipe(RULER, before=before).add_patterns(patterns)


def replace_attribute_ruler(nlp) -> None:  # nlp: spacy.Language
    """Put the rules of the model's attribute ruler in a component that applies them without the
    Matcher, when every pattern is of the kinds it reads."""
    if RULER not in nlp.pipe_names:
        return
    patterns = nlp.get_pipe(RULER).patterns
    if not _all_supported(patterns):
        return
    _register()
    nlp.replace_pipe(RULER, FACTORY, config={"patterns": patterns})


def _all_supported(patterns: list[dict[str, Any]]) -> bool:
    return all(_supported(alternative) for pattern in patterns for alternative in pattern["patterns"])


def _supported(alternative: list[dict[str, Any]]) -> bool:
    return bool(alternative) and all(
        key in FEATURES and (not isinstance(value, dict) or set(value) <= {"IN", "NOT_IN", "REGEX"})
        for token in alternative for key, value in token.items()
    )


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, default_config={"patterns": []})(lambda nlp, name, patterns: AttributeRules(nlp.vocab, patterns))


class AttributeRules:
    """What spaCy's AttributeRuler does with the same patterns, one token's features at a time."""

    def __init__(self, vocab, patterns: Iterable[dict[str, Any]]):
        self.vocab = vocab
        self.attrs: list[dict] = []
        self.single: list[tuple[int, Predicate]] = []  # (rule number, test of one token)
        self.longer: list[tuple[int, list[Predicate], int]] = []  # (rule number, tests, index of the token set)
        for number, pattern in enumerate(patterns):
            self.attrs.append(_normalised(vocab, pattern["attrs"]))
            for alternative in pattern["patterns"]:
                tests = [_predicate(token) for token in alternative]
                if len(tests) == 1:
                    self.single.append((number, tests[0]))
                else:
                    self.longer.append((number, tests, pattern.get("index", 0)))
        self._rules_of: dict[Features, tuple] = {}
        #: a word no rule names nor any rule's regular expression matches is read as OTHER
        self._named_words = frozenset(_named_values(patterns, "LOWER"))
        self._word_regexes = [re.compile(regex) for regex in _named_values(patterns, "LOWER", "REGEX")]
        self._word_key: dict[str, str] = {}

    def __call__(self, doc):
        from spacy.tokens._retokenize import set_token_attrs

        features = [(t.tag_, self._word(t.lower_), t.dep_, t.is_space) for t in doc]
        for number, i in sorted(set(self._matches(features))):
            set_token_attrs(doc[i], self.attrs[number])
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def _word(self, lower: str) -> str:
        key = self._word_key.get(lower)
        if key is None:
            named = lower in self._named_words or any(regex.search(lower) for regex in self._word_regexes)
            key = self._word_key[lower] = lower if named else OTHER
        return key

    def _matches(self, features: list[Features]) -> Iterator[tuple[int, int]]:
        for start, token in enumerate(features):
            known = self._rules_of.get(token)
            if known is None:
                known = self._rules_of[token] = self._rules_for(token)
            rules, longer = known
            for number in rules:
                yield number, start
            for number, tests, index in longer:
                end = start + len(tests)
                if end <= len(features) and all(test(features[start + k]) for k, test in enumerate(tests[1:], 1)):
                    yield number, start + (index if index >= 0 else len(tests) + index)

    def _rules_for(self, token: Features) -> tuple[tuple[int, ...], tuple[tuple[int, list[Predicate], int], ...]]:
        """The one-token rules this token takes, and the longer rules it may start."""
        return (
            tuple(number for number, test in self.single if test(token)),
            tuple(rule for rule in self.longer if rule[1][0](token)),
        )


def _named_values(patterns: Iterable[dict[str, Any]], key: str, operator: str | None = None) -> Iterator[str]:
    """The values the patterns give `key`: plain (and IN, NOT_IN) values, or those of `operator`."""
    for pattern in patterns:
        for alternative in pattern["patterns"]:
            for token in alternative:
                value = token.get(key)
                if value is None:
                    continue
                if operator is not None:
                    if isinstance(value, dict) and operator in value:
                        yield value[operator]
                elif isinstance(value, dict):
                    yield from (*value.get("IN", ()), *value.get("NOT_IN", ()))
                else:
                    yield value


def _normalised(vocab, attrs: dict) -> dict:
    """The attributes as spaCy's ruler keeps them (its own normaliser)."""
    from spacy.tokens._retokenize import normalize_token_attrs

    return normalize_token_attrs(vocab, attrs)


def _predicate(token: dict[str, Any]) -> Predicate:
    tests = [_value_test(FEATURES.index(key), value) for key, value in token.items()]
    return lambda features: all(test(features) for test in tests)


def _value_test(position: int, value: Any) -> Predicate:
    if not isinstance(value, dict):
        return lambda features: features[position] == value
    tests: list[Predicate] = []
    if "IN" in value:
        allowed = frozenset(value["IN"])
        tests.append(lambda features: features[position] in allowed)
    if "NOT_IN" in value:
        refused = frozenset(value["NOT_IN"])
        tests.append(lambda features: features[position] not in refused)
    if "REGEX" in value:
        regex = re.compile(value["REGEX"])
        tests.append(lambda features: bool(regex.search(features[position])))
    return lambda features: all(test(features) for test in tests)
