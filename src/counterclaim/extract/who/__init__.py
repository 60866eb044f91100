"""Who: the one layer that answers which party a mention denotes.

Quotes, figures, events and framing all ask it; none of them keeps a table of pronouns,
demonyms or titles of its own.

No coreference model installs offline here, so this resolves what the extractors need with
rules over the spaCy parse and the article's entity table:

- **names** are looked up in ``ctx.entities`` (canonical name; ``resolved_via`` "name" or
  "alias"); without an entry, a surname is expanded to the full name seen elsewhere in the
  article, else the surface name is kept;
- **pronouns** (he, she, it, they) take the most salient earlier mention that agrees in
  gender and number: recent, and preferably a clause subject (``resolved_via`` "pronoun");
- **titles** ("the prime minister", "the adviser", "the ministry") take the most recent
  mention carrying that role, from its title ("Prime Minister Nikol Pashinian"), apposition
  ("Hikmet Hajiyev, foreign policy adviser to Aliyev") or entity descriptors
  (``resolved_via`` "title");
- **collective** speakers ("Azerbaijani authorities", "residents of Khan Younis") are named
  by their noun phrase without "the", linked to the state entity a nationality adjective
  names (``resolved_via`` "collective").

Public API (for every extractor)::

    index = build_index(doc, ctx)                 # once per doc (cached while the doc lives)
    party = resolve_mention(doc, token_or_span, ctx)   # -> Party | None
    span = noun_phrase(token)                     # the phrase that names a head token

``resolve_mention`` accepts the head token of a subject (or any span); it returns ``None``
only when nothing sensible can be said (a bare "it" with no antecedent, a lone title or a
document with no holder or author in sight): callers then use their own context or
``Party.unknown()``. A share of a group ("six in 10 voters") is named by its description
(``resolved_via`` "collective"). ``index.note(party, token)`` lets a caller
record a resolved speaker so later pronouns can prefer it.
"""

from .cache import clear_cache
from .index import SUBJECT_DEPS, CorefIndex, Mention, author_of, build_index
from .naming import describe, entity_party, is_outlet, name_party, names_outlet
from .resolve import main_clause_subject, owner_of, resolve_mention

__all__ = [
    "SUBJECT_DEPS",
    "CorefIndex",
    "Mention",
    "author_of",
    "build_index",
    "clear_cache",
    "describe",
    "entity_party",
    "is_outlet",
    "main_clause_subject",
    "name_party",
    "names_outlet",
    "owner_of",
    "resolve_mention",
]
