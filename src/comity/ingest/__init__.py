"""Ingestion: paths in, a stream of Documents (or the reason an input failed) out.

Every input yields exactly one `Document` or one `InputFailure`; a JSONL file
yields one per non-blank line. Folders are walked lazily, one directory at a
time, so an archive of any size streams in bounded memory.

Metadata given with an input (a `NAME.meta.json` sidecar, Markdown front matter,
JSONL fields, HTML markup) is put in `Document.meta` as `Found` records whose
`basis` names the source; the metadata stage later completes it from the text.

The package: `walk` streams the paths given, `files` reads each file (`decoding` its
bytes, `jsonl` its lines), `given` and `published` read the metadata given with it,
`documents` builds the `Document`, and `failures` says why an input could not be read.
"""

from comity.ingest.decoding import BINARY_CHARACTER_SHARE, BINARY_SAMPLE_CHARS
from comity.ingest.documents import content_hash, document_from_text
from comity.ingest.files import FORMAT_BY_SUFFIX
from comity.ingest.given import FIELD_ALIASES, FOUND_FIELDS, NON_METADATA_FIELDS, SIDECAR_SUFFIX, Given
from comity.ingest.jsonl import jsonl_document
from comity.ingest.published import normalize_published
from comity.ingest.walk import iter_inputs

__all__ = [
    "BINARY_CHARACTER_SHARE",
    "BINARY_SAMPLE_CHARS",
    "FIELD_ALIASES",
    "FORMAT_BY_SUFFIX",
    "FOUND_FIELDS",
    "NON_METADATA_FIELDS",
    "SIDECAR_SUFFIX",
    "Given",
    "content_hash",
    "document_from_text",
    "iter_inputs",
    "jsonl_document",
    "normalize_published",
]
