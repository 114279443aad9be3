"""Domain exceptions. Each message says what went wrong and what to do about it."""


class ComityError(Exception):
    """Base of every error comity raises on purpose."""


class PipelineError(ComityError):
    """A pipeline is wired wrongly: a stage needs what no earlier stage adds."""


class StageContractError(PipelineError):
    """A stage returned something other than the Document it was given."""


class InputError(ComityError):
    """An input cannot be read or decoded."""


class KnowledgeError(ComityError):
    """A knowledge file (actors, agents, patterns, codebook) is missing or malformed."""


class StoreError(ComityError):
    """The store cannot be opened or written."""


class GoldError(ComityError):
    """A gold annotation file is malformed."""


class NotFoundError(ComityError):
    """A document, actor or event asked for by id does not exist."""


class StoreBusyError(StoreError):
    """The store is held by another program (a writer's turn, or a reader that does not let go)."""
