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


class UsageError(CounterclaimError):
    """A command line that cannot be run: an unknown option, a missing argument, a bad flag value."""

    code = "E001"
    exit_code = 2


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


class NotRegularFile(InputError):
    """A FIFO, device, socket or other special file where an article file was expected: never
    opened for reading (a FIFO would block, a device never ends)."""

    code = "E021"


class InvalidAnalysis(InputError):
    """An analysis (from ``load``, or built in memory) that does not match the schema or the
    record types: refused before anything is written."""

    code = "E022"


class InvalidValue(InputError):
    """A date or number that cannot be: 2020-02-30, 9999-12-31, 'not-a-date', a negative count."""

    code = "E023"


class CrossSiteRequest(InputError):
    """A state-changing web request that is not from the app's own pages (another origin)."""

    code = "E024"


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


class ForeignStore(StoreError):
    """A database counterclaim did not create (no counterclaim marker): refused, left untouched."""

    code = "E042"


class CorruptStore(StoreError):
    """A store file that is damaged or not an SQLite database, or holds values no counterclaim
    writes (a store version that is not a number)."""

    code = "E043"


class ReadOnlyStore(StoreError):
    """A store on read-only media (or without write permission) opened for writing."""

    code = "E044"


class ArticleConflict(StoreError):
    """An analysis whose article id is stored with a different title or text: never a replacement."""

    code = "E045"


class OutputError(CounterclaimError):
    """An output file or folder that cannot be written (missing permission, full disk ...); the
    previous file of that name is left as it was."""

    code = "E060"
    exit_code = 5


class InternalError(CounterclaimError):
    """A bug: an exception no rule anticipated. Reported with its type, never as a traceback."""

    code = "E999"
    exit_code = 1
