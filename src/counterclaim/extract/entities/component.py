"""The spaCy pipeline component ``title_persons`` (added by ``configure``): a run of capitalised
names right after a title is a PERSON, whatever the statistical NER said."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .words import (
    _NOT_NAMES,
    _PARTICLES,
    COUNTRY_OF_ADJ,
    COUNTRY_OF_NAME,
    NOT_ENTITIES,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)


def _is_head(tok: Token) -> bool:
    low = tok.lower_
    return low in TITLE_HEADS or (low + "." in TITLE_HEADS and tok.text[:1].isupper())


def _extend_particles(doc: Doc, span: Span) -> Span:
    """Take in an 'al-' particle NER cut off: 'Majed' + 'al-Ansari', 'al-' + 'Jalali'."""
    s, e = span.start, span.end
    while (
        e + 2 < len(doc)
        and doc[e].lower_ in ("al", "el")
        and doc[e + 1].text == "-"
        and doc[e + 2].text[:1].isupper()
    ):
        e += 3
    if s >= 2 and doc[s - 1].text == "-" and doc[s - 2].lower_ in ("al", "el"):
        s -= 2
    while _hyphen_joins(doc, e):  # 'Hadiza Kaouré' + '-Mamane'
        e += 2
    while s >= 2 and _hyphen_joins(doc, s - 1):  # 'Pierre-' + 'Louis Dembélé'
        s -= 2
    if (s, e) == (span.start, span.end):
        return span
    return Span(doc, s, e, label=span.label_, kb_id=span.kb_id_)


def _hyphen_joins(doc: Doc, k: int) -> bool:
    """``doc[k]`` is a hyphen written tight between two capitalised words: one double name
    ('Kaouré-Mamane', 'Pierre-Louis'), which the tokenizer splits in three."""
    return (
        0 < k < len(doc) - 1
        and doc[k].text == "-"
        and not doc[k - 1].whitespace_
        and not doc[k].whitespace_
        and doc[k - 1].text[:1].isupper()
        and doc[k - 1].is_alpha
        and doc[k + 1].text[:1].isupper()
        and doc[k + 1].is_alpha
    )


def _particle_joined(doc: Doc, j: int) -> bool:
    """``doc[j]`` is a lower-case name particle written tight to a capitalised word by a hyphen:
    'al-Shabaab', 'al-Qaeda', which the tokenizer splits in three."""
    return (
        j + 2 < len(doc)
        and doc[j].lower_ in _PARTICLES
        and doc[j].is_lower
        and not doc[j].whitespace_
        and doc[j + 1].text == "-"
        and not doc[j + 1].whitespace_
        and doc[j + 2].is_alpha
        and doc[j + 2].text[:1].isupper()
    )


def _name_run(doc: Doc, j: int) -> int:
    """End (exclusive) of the run of capitalised name tokens starting at ``j``."""
    k = j
    while k < len(doc) and k - j < 5:
        t = doc[k]
        low = t.lower_
        if (
            low in _PARTICLES
            and k + 2 < len(doc)
            and doc[k + 1].text == "-"
            and doc[k + 2].text[:1].isupper()
        ):
            k += 3
            continue
        if low in _PARTICLES and k + 1 < len(doc) and doc[k + 1].text[:1].isupper():
            k += 1
            continue
        if k > j and _hyphen_joins(doc, k):
            k += 2
            continue
        if not t.text[:1].isupper() or not t.is_alpha and "-" not in t.text and "'" not in t.text:
            break
        if (
            low in _NOT_NAMES
            or low in NOT_ENTITIES
            or low in COUNTRY_OF_NAME
            or low in COUNTRY_OF_ADJ
            or _is_head(t)
        ):
            break
        if t.pos_ not in ("PROPN", "NOUN", "ADJ") and t.tag_ != "NNP":
            break
        k += 1
    return k


def title_person_spans(doc: Doc) -> list[Span]:
    """PERSON spans for the names that follow a title ('President X', 'spokesman, X')."""
    found: list[Span] = []
    i = 0
    n = len(doc)
    while i < n:
        t = doc[i]
        if not _is_head(t):
            i += 1
            continue
        j = i + 1
        while j < n and (
            _is_head(doc[j])
            or doc[j].text == "."
            or (doc[j].lower_ in TITLE_MODIFIERS and doc[j].text[:1].isupper())
        ):
            j += 1
        if j < n and doc[j].text == "," and t.text.islower():
            j += 1  # 'adviser, Hikmat Hajiyev'
        k = _name_run(doc, j)
        inside_org = j < n and doc[j].ent_iob_ == "I" and doc[j].ent_type_ not in ("PERSON", "")
        if k > j and not inside_org and not (k - j == 1 and doc[j].ent_type_ in ("GPE", "NORP", "LOC")):
            found.append(Span(doc, j, k, label="PERSON", kb_id="title"))
        i = max(i + 1, j)
    return found


@Language.component("title_persons")
def title_persons(doc: Doc) -> Doc:
    """Names right after a title are PERSON, whatever the statistical NER said."""
    new = title_person_spans(doc)
    covered = {i for s in new for i in range(s.start, s.end)}
    keep = [e for e in doc.ents if not any(i in covered for i in range(e.start, e.end))]
    keep = [_extend_particles(doc, e) if e.label_ == "PERSON" else e for e in keep]
    doc.ents = filter_spans([*new, *keep])
    return doc


def configure(nlp: Language) -> None:
    """Add the ``title_persons`` component after the statistical NER."""
    if "title_persons" not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe("title_persons", after="ner")
