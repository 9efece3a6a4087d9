"""What the outputs read when they were rendered, as the build cache keeps it.

Every dependency any output read is numbered once; each output's record holds the numbers of
what it read, packed. A build computes the current value of every numbered dependency, and an
output whose plan is the same and none of whose dependencies changed value is up to date:
a change reaches exactly the outputs that read it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping

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


class Readers:
    """The outputs that read each numbered dependency: a build's records turned around, so
    that a change finds the few outputs it reaches without asking each of 19,000 in turn.

    Kept by a session from one build to the next (`follow`), since turning 800,000 reads
    around takes a quarter of a second. Outputs are numbered too, which keeps it a few MB.
    """

    def __init__(self, reads: Mapping[str, bytes]) -> None:
        self._paths: list[str] = []
        self._number: dict[str, int] = {}
        self._reads: dict[str, bytes] = {}
        self._readers: dict[int, array[int]] = {}
        for path, packed in reads.items():
            self._add(path, packed)

    def reaching(self, numbers: Iterable[int]) -> set[str]:
        """The outputs that read any of the numbered dependencies."""
        paths, found = self._paths, set[str]()
        for number in numbers:
            found.update(paths[output] for output in self._readers.get(number, ()))
        return found

    def follow(self, reads: Mapping[str, bytes]) -> Readers:
        """The readers of the next build's records: these, with the outputs gone, new or
        whose reads differ changed; made afresh when most did (a layout was edited)."""
        differ = [path for path, packed in reads.items() if self._reads.get(path) != packed]
        if len(differ) > len(reads) // 8:  # removing one reader scans all of a number's
            return Readers(reads)
        for path in self._reads.keys() - reads.keys():
            self._remove(path)
        for path in differ:
            if path in self._reads:
                self._remove(path)
            self._add(path, reads[path])
        return self

    def _add(self, path: str, packed: bytes) -> None:
        output = self._number.get(path)
        if output is None:
            output = self._number[path] = len(self._paths)
            self._paths.append(path)
        self._reads[path] = packed
        for number in _unpacked(packed):
            readers = self._readers.get(number)
            if readers is None:
                readers = self._readers[number] = array("I")
            readers.append(output)

    def _remove(self, path: str) -> None:
        output = self._number[path]
        for number in _unpacked(self._reads.pop(path)):
            self._readers[number].remove(output)


def _unpacked(packed: bytes) -> array[int]:
    numbers = array("I")
    numbers.frombytes(packed)
    return numbers
