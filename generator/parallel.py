"""Map a function over items on several cores, in forked worker processes.

Forked workers see the caller's loaded data as it is in memory: only the items and the results are
pickled, not the articles a function closes over. Where the OS cannot fork, or one worker is asked
for, the map runs in this process; the results are the same either way.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: The function of the map in progress, read by the forked workers.
_FN: list[Callable[[Any], Any]] = []


def fork_map(fn: Callable[[T], R], items: Sequence[T], workers: int, chunksize: int = 1) -> list[R]:
    """[fn(item) for item in items], in order, on up to `workers` forked processes."""
    workers = min(workers, len(items))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(item) for item in items]
    _FN.append(fn)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_call, items, chunksize=chunksize)
    finally:
        _FN.pop()


def _call(item: Any) -> Any:
    return _FN[-1](item)
