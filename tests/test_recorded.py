"""newsdigest.pipeline.recorded: the outputs' reads, numbered, and turned around."""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.pipeline.recorded import Readers

PATHS = [f"p{n}/index.html" for n in range(12)]
RECORDS = st.dictionaries(
    st.sampled_from(PATHS), st.sets(st.integers(0, 15), max_size=6).map(sorted), max_size=12
)


def packed(numbers: list[int]) -> bytes:
    return array("I", numbers).tobytes()


def records(found: dict[str, list[int]]) -> dict[str, bytes]:
    return {path: packed(numbers) for path, numbers in found.items()}


def reaching(found: dict[str, list[int]], numbers: set[int]) -> set[str]:
    """Asking each output in turn, as a build without the readers does."""
    return {path for path, read in found.items() if numbers & set(read)}


@settings(max_examples=150, deadline=None)
@given(st.lists(RECORDS, min_size=1, max_size=5), st.sets(st.integers(0, 15), max_size=4))
def test_readers_followed_through_builds_find_what_asking_each_output_finds(
    builds: list[dict[str, list[int]]], changed: set[int]
) -> None:
    readers = Readers(records(builds[0]))
    for found in builds[1:]:
        readers = readers.follow(records(found))
    assert readers.reaching(changed) == reaching(builds[-1], changed)


def test_following_a_build_that_changed_a_few_outputs_keeps_the_readers() -> None:
    found = {path: [1, 2] for path in PATHS}
    readers = Readers(records(found))
    found["p3/index.html"] = [2, 9]
    assert readers.follow(records(found)) is readers  # not turned around afresh
    assert readers.reaching({1}) == set(PATHS) - {"p3/index.html"}
    assert readers.reaching({9}) == {"p3/index.html"}
