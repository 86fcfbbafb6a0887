"""Work spread over worker processes, when there is enough of it to pay for starting them."""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor


def cpu_count() -> int:
    """The CPUs this process may run on (a container may allow fewer than the machine has;
    macOS cannot say, so there it is the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def map_chunks(function: Callable[[list], object], items: Sequence, threshold: int,
               initializer: Callable | None = None, initargs: tuple = ()) -> Iterator:
    """`function` over chunks of `items`: in this process when there are fewer than `threshold`
    items or one CPU, else in a pool of forked workers (forked, so what `initializer` sets up,
    such as the whole catalog, reaches them without being pickled). Results in order, each as
    soon as it is ready, so the caller can work on it while the workers go on."""
    if not items:
        return
    workers = cpu_count()
    if len(items) < threshold or workers < 2:
        if initializer is not None:
            initializer(*initargs)
        yield function(list(items))
        return
    size = -(-len(items) // (workers * 4))
    chunks = [list(items[i:i + size]) for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=initializer, initargs=initargs) as pool:
        yield from pool.map(function, chunks)
