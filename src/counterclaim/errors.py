"""Numbered errors. Every error names the input it is about and what is wrong with it.

Faces turn these into exit codes (CLI) or HTTP responses (web); library code only raises them.
"""

from __future__ import annotations


class CounterclaimError(Exception):
    """Base class: ``code`` is stable (E0xx), ``source`` names the file/line/item concerned."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"[{self.code}] {where}{message}")


class InputError(CounterclaimError):
    """Bad input: the item is reported and skipped in bulk runs."""

    code = "E010"
    exit_code = 2


class EmptyInput(InputError):
    code = "E011"


class BinaryInput(InputError):
    code = "E012"


class InputTooLarge(InputError):
    code = "E013"


class NoArticleFound(InputError):
    code = "E014"


class MalformedInput(InputError):
    """Malformed JSON, JSONL line, or HTML that cannot be read."""

    code = "E015"


class MissingField(InputError):
    code = "E016"


class UnsupportedLanguage(InputError):
    code = "E017"


class UnsupportedFormat(InputError):
    code = "E018"


class InputNotFound(InputError):
    code = "E019"


class BudgetExceeded(InputError):
    """An article took more time or size than the configured per-article budget."""

    code = "E020"


class GoldError(InputError):
    """A gold file of ``counterclaim evaluate`` that cannot be scored: bad JSON, a missing key, a
    value of the wrong type. The file is reported and left out; the others are scored."""

    code = "E050"


class MissingArticle(InputError):
    """The article text (or the ready analysis) a gold file names is not there: scored as empty."""

    code = "E051"


class NoGold(InputError):
    """A folder given to ``counterclaim evaluate`` holds no ``NAME.gold.json`` file."""

    code = "E052"


class PipelineError(CounterclaimError):
    """The NLP pipeline could not be loaded or failed on an article."""

    code = "E030"
    exit_code = 3


class StoreError(CounterclaimError):
    """The store could not be opened, read or written."""

    code = "E040"
    exit_code = 4


class NotFoundInStore(StoreError):
    code = "E041"
