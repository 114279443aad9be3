"""The same token attributes with spaCy's attribute ruler and comity's attribute rules, over Reuters stories.

    .venv/bin/python bench/attribute_rules_check.py [ARTICLES] [SEED]

Parses a fixed sample of Reuters-21578 stories (bench/corpora.py; the held-out
ones are never read) with two copies of the model, one with spaCy's ruler and one
with comity's rules, component by component; prints the stories whose tokens
differ in tag, part of speech, features, lemma, dependency or entity (with the
first differing token), and the time of each of the two components.
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import spacy  # noqa: E402
from corpora import corpus_records  # noqa: E402

from comity.config import SPACY_MODEL  # noqa: E402
from comity.stages.attribute_rules import replace_attribute_ruler  # noqa: E402
from comity.stages.parse import UNREAD_COMPONENTS  # noqa: E402

n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
texts = [r["text"] for r in corpus_records("reuters", n, seed=int(sys.argv[2]) if len(sys.argv) > 2 else 5)]
a = spacy.load(SPACY_MODEL, exclude=UNREAD_COMPONENTS)
b = spacy.load(SPACY_MODEL, exclude=UNREAD_COMPONENTS)
replace_attribute_ruler(b)
def attrs(doc):
    return [(t.i, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_, t.ent_iob_) for t in doc]
bad = tokens = 0
ta = tb = 0.0
for text in texts:
    da = a.make_doc(text); db = b.make_doc(text)
    for (na, ca), (nb, cb) in zip(a.pipeline, b.pipeline):
        t = time.perf_counter(); da = ca(da); t1 = time.perf_counter(); db = cb(db); t2 = time.perf_counter()
        if na == "attribute_ruler": ta += t1 - t; tb += t2 - t1
    x, y = attrs(da), attrs(db)
    tokens += len(x)
    if x != y:
        bad += 1
        for p, q in zip(x, y):
            if p != q: print(p, q); break
print(f"{len(texts)} stories, {tokens} tokens, {bad} differ; ruler {ta:.2f} s, rules {tb:.2f} s")
