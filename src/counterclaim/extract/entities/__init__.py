"""Entities: one entry per real-world entity in the article, with its aliases and every mention.

Built on spaCy's NER (PERSON, ORG, GPE, NORP, LOC, FAC) with fixes as data:

- ``configure`` adds ``title_persons``: a run of capitalised names right after a title
  ("Prime Minister X", "adviser, X", "Lt. Gen. X"; lexicon ``titles``) is a PERSON whatever NER
  said, since NER reads names from conflict regions as places or organisations;
- a surface form tagged PERSON once is PERSON everywhere, and so is a surname alone after its
  full name; occurrences NER missed are found again by their text;
- persons merge by surname and by close transliteration (rapidfuzz), never when first names differ;
- a capital used for its government ("Baku's right", "Moscow said", "the Kiev regime") joins its
  state (lexicon ``countries``); nationality adjectives become mentions of their state;
- generic institutions ("Defense Ministry") take the state that qualifies them, so "Russia's
  Defense Ministry" and "Russian Defense Ministry" are one entity and Azerbaijan's another;
- titles and appositions give ``descriptors``, ``affiliation`` and ``gender``;
- names no lexicon lists are read from the article's own evidence (``_learn_local``): a name in
  state contexts ("X's defence ministry", "neighbouring X", "the president of X", a dateline's
  region) is a state, one in place contexts ("in X", "the capital, X") a place, whatever NER
  said; an unlisted nationality word built on such a name ("Calveran" ~ "Calvera") is a mention of
  it; "Z, the capital of X" teaches a capital; a dateline's capitalised city is a place, named
  in normal case. What an article teaches lives in the lexicon maps only while it is read;
- the layout around a story names no party (lexicon ``entity_cues``): bylines, reporting and
  picture credits, a dateline's agency, all-capital subheadings, news wires and the outlet
  itself; a name seen only in a photo caption is the picture's, not the story's;
- a capitalised common word opening a sentence ('Ceasefire talks ...') is no name; time zones and
  'X-type' kinds are not entities;
- names NER cuts or mistypes are read from their frame: double names joined by a hyphen, lists
  ('the villages of A, B and C'), 'X, the regional capital', 'the X and Y regions', 'the X
  strait', 'news agency X', 'the mission, ACRONYM,', 'X, known as Y', states and international
  organisations the lexicons list, and places the model has never seen after 'at' or 'from'.
"""

from ...records import Entity
from .component import configure, title_person_spans, title_persons
from .noise import noise_spans
from .table import extract
from .words import FEMALE, MALE, TYPES

__all__ = [
    "FEMALE",
    "MALE",
    "TYPES",
    "Entity",
    "configure",
    "extract",
    "noise_spans",
    "title_person_spans",
    "title_persons",
]
