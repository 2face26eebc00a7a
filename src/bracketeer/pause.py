"""Pausing Python's cycle collector around work that builds large acyclic trees."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector: reading and resolving allocate many small objects and no
    cycles, and with the collector on, each of its passes walks the whole tree built so far, so
    the time grows faster than the draft (bench/bench_parse.py, bench/bench_resolve.py)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
