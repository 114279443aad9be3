import pytest

from comity.errors import PipelineError, StageContractError
from comity.model import Document
from comity.pipeline import Pipeline


class Adds:
    def __init__(self, name, requires=(), assigns=(), returns_doc=True):
        self.name = name
        self.requires = frozenset(requires)
        self.assigns = frozenset(assigns)
        self.returns_doc = returns_doc

    def __call__(self, doc):
        return doc if self.returns_doc else {"not": "a document"}


def make_doc():
    return Document(doc_id="d", text="x", content_hash="h", origin="t", input_format="txt")


def test_a_stage_needing_what_no_earlier_stage_adds_is_refused_when_built():
    with pytest.raises(PipelineError, match="'events' needs \\['actor_mentions'\\]"):
        Pipeline([Adds("parse", ["text"], ["parsed"]), Adds("events", ["parsed", "actor_mentions"], ["event_mentions"])])


def test_unknown_field_names_are_refused():
    with pytest.raises(PipelineError, match="unknown fields \\['speling'\\]"):
        Pipeline([Adds("bad", ["text"], ["speling"])])


def test_stages_run_in_order_and_are_recorded():
    pipeline = Pipeline([Adds("meta", ["text"], ["meta"]), Adds("segment", ["meta"], ["sections"])])
    doc = pipeline(make_doc())
    assert doc.stages_run == ["meta", "segment"]
    assert [d.stages_run for d in pipeline.pipe([make_doc(), make_doc()])] == [["meta", "segment"]] * 2


def test_a_stage_returning_something_else_than_the_document_is_an_error():
    pipeline = Pipeline([Adds("broken", ["text"], ["meta"], returns_doc=False)])
    with pytest.raises(StageContractError, match="'broken' returned dict"):
        pipeline(make_doc())
