"""Pipeline components and the stage protocol.

A *component* is a plain callable ``Doc -> Doc`` with two attributes, ``requires``
and ``assigns``, naming the `Doc.annotations` keys it reads and writes.  The
`Pipeline` checks at construction time that every requirement is assigned by an
earlier component (error E030), as spaCy does for its pipes.

A *stage* (ingest, extract, link, compare, credibility) is a pure function from
a batch of records to a batch of records with no global state, so a
distributed engine (dask.bag, Spark) can map it over partitions unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar, runtime_checkable

from .doc import Doc
from .errors import error


@runtime_checkable
class Component(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Doc) -> Doc: ...


F = TypeVar("F", bound=Callable[..., Any])


def component(name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = ()) -> Callable[[F], F]:
    """Declare a function ``Doc -> Doc`` as a pipeline component."""

    def deco(fn: F) -> F:
        fn.name = name  # type: ignore[attr-defined]
        fn.requires = tuple(requires)  # type: ignore[attr-defined]
        fn.assigns = tuple(assigns)  # type: ignore[attr-defined]
        return fn

    return deco


class Pipeline:
    """An ordered list of components, validated once."""

    def __init__(self, components: Iterable[Component], *, provided: Sequence[str] = ("text",)):
        self.components: list[Component] = list(components)
        have = set(provided)
        for c in self.components:
            missing = [r for r in c.requires if r not in have]
            if missing:
                raise error("E030", f"component {c.name!r} requires {missing} which no earlier component assigns")
            have.update(c.assigns)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def add(self, comp: Component, *, before: str | None = None, after: str | None = None) -> Pipeline:
        """A new pipeline with ``comp`` inserted; the order is re-validated."""
        comps = list(self.components)
        if before is not None:
            comps.insert(self._index(before), comp)
        elif after is not None:
            comps.insert(self._index(after) + 1, comp)
        else:
            comps.append(comp)
        return Pipeline(comps)

    def replace(self, name: str, comp: Component) -> Pipeline:
        comps = list(self.components)
        comps[self._index(name)] = comp
        return Pipeline(comps)

    def _index(self, name: str) -> int:
        for i, c in enumerate(self.components):
            if c.name == name:
                return i
        raise error("E031", f"no component named {name!r}; have {self.names}")

    def __call__(self, doc: Doc) -> Doc:
        for c in self.components:
            doc = c(doc)
        return doc

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        for d in docs:
            yield self(d)
