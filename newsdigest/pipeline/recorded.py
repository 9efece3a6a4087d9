"""What the outputs read when they were rendered, as the build cache keeps it.

Every dependency any output read is numbered once; each output's record holds the numbers of
what it read, packed. A build computes the current value of every numbered dependency, and an
output whose plan is the same and none of whose dependencies changed value is up to date:
a change reaches exactly the outputs that read it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from newsdigest.render.jobs import Dependency
from newsdigest.render.reads import Dependencies


class RecordedDependencies:
    """The numbered dependencies of the last build, their values then and now."""

    def __init__(
        self,
        known: tuple[Dependency, ...],
        then: tuple[str, ...],
        current: Dependencies,
        suspects: Iterable[Dependency] | None = None,
    ) -> None:
        """`suspects`, when given, are the only dependencies whose value may differ from
        `then` (see reads.Carried): the others keep theirs without being computed."""
        self._current = current
        self._known = list(known)
        self._index = {dependency: number for number, dependency in enumerate(known)}
        if len(then) != len(known):  # a cache that does not fit: everything changed
            then, suspects = ("",) * len(known), None
        if suspects is None:
            self._values = [current.value(dependency) for dependency in known]
            numbers: Iterable[int] = range(len(known))
        else:
            self._values = list(then)
            numbers = {self._index[d] for d in suspects if d in self._index}
            for number in numbers:
                self._values[number] = current.value(known[number])
        self.changed = frozenset(n for n in numbers if then[n] != self._values[n])
        """Numbers of the dependencies whose value is not what the outputs read."""

    def unchanged(self, packed: bytes) -> bool:
        """True when nothing an output read (its packed numbers) has changed."""
        if not self.changed:
            return True
        numbers = array("I")
        numbers.frombytes(packed)
        return self.changed.isdisjoint(numbers)

    def pack(self, reads: frozenset[Dependency]) -> bytes:
        """An output's reads as packed numbers, numbering what was never read before."""
        numbers = array("I")
        for dependency in sorted(reads):
            number = self._index.get(dependency)
            if number is None:
                number = self._index[dependency] = len(self._known)
                self._known.append(dependency)
                self._values.append(self._current.value(dependency))
            numbers.append(number)
        return numbers.tobytes()

    def saved(self) -> tuple[tuple[Dependency, ...], tuple[str, ...]]:
        """Every numbered dependency and its value now, for the cache."""
        return tuple(self._known), tuple(self._values)
