"""comity's attribute rules set what spaCy's attribute ruler sets, without its Matcher."""

from __future__ import annotations

import pytest
import spacy

from comity.config import SPACY_MODEL
from comity.stages.attribute_rules import AttributeRules, add_attribute_rules, replace_attribute_ruler
from comity.stages.parse import UNREAD_COMPONENTS, load_nlp

TEXTS = [
    "Kim Jong Un met Miguel Diaz-Canel in Pyongyang on Monday and they signed two accords.",
    "I told you it was over, but it wasn't, and we're gonna talk again.",
    "There is no deal yet; there were talks that did not end, and she has said nothing since.",
    "Ain't nobody leaving, the minister said: \"We will not be moved by threats.\"",
    "Which side gave what?  Those that had promised aid did, and that is all.\n\nThe U.S.-Soviet talks resumed.",
]


def token_attributes(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def model_ruler():  # spaCy's own component, in a model loaded apart
    return spacy.load(SPACY_MODEL, exclude=UNREAD_COMPONENTS)


def test_comity_s_parse_uses_the_rules_in_place_of_spacy_s_ruler(model_ruler) -> None:
    assert isinstance(load_nlp().get_pipe("attribute_ruler"), AttributeRules)
    assert [name for name in load_nlp().pipe_names if name != "comity_section_starts"] == model_ruler.pipe_names


@pytest.mark.parametrize("text", TEXTS[:2])
def test_the_ruler_left_out_at_load_and_put_back_sets_what_the_model_s_sets(model_ruler, text: str) -> None:
    nlp = spacy.load(SPACY_MODEL, exclude=(*UNREAD_COMPONENTS, "attribute_ruler"))
    add_attribute_rules(nlp)
    assert nlp.pipe_names == model_ruler.pipe_names
    assert token_attributes(nlp(text)) == token_attributes(model_ruler(text))


@pytest.fixture(scope="module")
def our_rules():  # the same model with comity's rules in place of the ruler
    nlp = spacy.load(SPACY_MODEL, exclude=UNREAD_COMPONENTS)
    replace_attribute_ruler(nlp)
    return nlp


@pytest.mark.parametrize("text", TEXTS)
def test_the_rules_set_the_same_tags_parts_of_speech_features_and_lemmas(model_ruler, our_rules, text: str) -> None:
    assert isinstance(our_rules.get_pipe("attribute_ruler"), AttributeRules)
    assert token_attributes(our_rules(text)) == token_attributes(model_ruler(text))


def test_a_ruler_with_a_pattern_the_rules_do_not_read_is_left_in_place() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "Hanoi", "OP": "+"}]], {"POS": "PROPN"})
    replace_attribute_ruler(nlp)
    assert nlp.get_pipe("attribute_ruler") is ruler


def test_a_ruler_left_out_at_load_with_a_pattern_the_rules_do_not_read_comes_back_as_spacy_s(tmp_path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"ORTH": "Hanoi", "OP": "+"}]], {"POS": "PROPN"})
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model", exclude=["attribute_ruler"])
    add_attribute_rules(loaded)
    assert loaded.pipe_names == ["attribute_ruler"]
    assert not isinstance(loaded.get_pipe("attribute_ruler"), AttributeRules)
    assert [t.pos_ for t in loaded("Hanoi said")] == ["PROPN", ""]
