"""Who a party on a page is, as HTML: a link to its canonical entity, by id, and never a guess.

A quote speaker, claimant, actor or target links to the canonical entity the store's entity
resolution placed its mention in (``EntityIndex.of``); a party without a mention links only to an
entity that bears its exact name or alias (folded). When the entity's names do not include the
party's words ('Armenian government', resolved to Armenia), the words are shown and the link
names the entity. A party with no exact entity is shown as such: a dotted link to the page that
lists what was said or done under that exact name, which says that no entity bears it. The
outlet's own voice shows the outlet's name.
"""

from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup, escape

from ..compare.entities import EntityIndex
from ..compare.sides import name_key
from ..records import CanonicalEntity, Party


def entity_url(ce: CanonicalEntity) -> str:
    """The page of a canonical entity."""
    return f"/entities/{ce.id}"


def name_url(name: str) -> str:
    """The page of everything said or done under this exact name."""
    return "/entity?" + urlencode({"name": name})


class Linker:
    """Party -> HTML for one state of the store (its ``EntityIndex``; None for no store)."""

    def __init__(self, index: EntityIndex | None) -> None:
        self.index = index
        self._forms: dict[str, frozenset[str]] = {}

    def forms(self, ce: CanonicalEntity) -> frozenset[str]:
        """The folded name and aliases of an entity."""
        got = self._forms.get(ce.id)
        if got is None:
            got = frozenset(name_key(n) for n in [ce.name, *ce.aliases])
            self._forms[ce.id] = got
        return got

    def named(self, ce: CanonicalEntity, name: str) -> bool:
        """True when ``name`` is the entity's name or one of its aliases (folded)."""
        return name_key(name) in self.forms(ce)

    def entity(self, article_id: str | None, p: Party) -> CanonicalEntity | None:
        """The canonical entity of a party: through its mention, else one bearing its exact name."""
        if self.index is None or p.kind != "source":
            return None
        if article_id and p.entity_id:
            ce = self.index.of(article_id, p.entity_id)
            if ce is not None:
                return ce
        ce = self.index.by_name(p.name)
        return ce if ce is not None and self.named(ce, p.name) else None

    def exact(self, name: str) -> CanonicalEntity | None:
        """The entity bearing exactly this name or alias, or None."""
        if self.index is None:
            return None
        ce = self.index.by_name(name)
        if ce is not None and self.named(ce, name):
            return ce
        key = name_key(name)
        return next((e for e in self.index if key in self.forms(e)), None)

    def html(self, p: Party | None, article_id: str | None = None, outlet: str | None = None) -> Markup:
        """The party as HTML (see the module doc)."""
        if p is None:
            return Markup("—")
        if p.kind == "outlet":
            who = outlet or (p.name if p.name and p.name != "outlet" else "")
            shown = escape(who) if who else Markup("the outlet")
            return Markup('<span class="outlet-party">{} <small>(own voice)</small></span>').format(shown)
        if p.kind != "source":
            return Markup('<span class="unknown">unknown</span>')
        ce = self.entity(article_id, p)
        if ce is None:
            return Markup('<a class="noent" href="{}" title="no entity bears this exact name">{}</a>').format(
                name_url(p.name), p.name
            )
        if self.named(ce, p.name):
            return Markup('<a class="ent" href="{}">{}</a>').format(entity_url(ce), p.name)
        return Markup('{} <small>(<a class="ent" href="{}">{}</a>)</small>').format(
            p.name, entity_url(ce), ce.name
        )


__all__ = ["Linker", "entity_url", "name_url"]
