"""How a serving worker's memory is allocated: fewer glibc arenas, a fixed mmap threshold, and Arrow on the system
allocator.

Measured at 10,000 documents (docs/scale.md, "Measured: a worker's memory after every page"):
- glibc gives each thread that allocates an arena of its own (up to 8 per core) and keeps what is freed in it; a
  server's 4 threads serving every page three times held 836 MB, 793 MB with 2 arenas, the same CPU time;
- pyarrow's default pool (mimalloc) keeps freed pages of its own; with the system allocator a worker is ready
  with ~45 MB less and holds ~40 MB less after every page;
- glibc raises its mmap threshold each time a block it mapped is freed (up to 32 MB), so later large blocks
  (Arrow and numpy buffers, DuckDB's results) are carved out of the arenas and, once freed, stay there as free
  memory: a server's 4 threads serving every page held 60-80 MB of it. A fixed threshold (MMAP_THRESHOLD) maps
  every block over it on its own and gives it back when freed: 647-662 MB after each round -> 588-602 MB.
  The cost: each such block is mapped and faulted in again. It doubled the Explorer results' CPU median
  (32 -> 61 ms) while they built arrays over all 626,420 provisions; over the matched rows only, 39.8 -> 40.2 ms.
  With the gate (app/gate.py): 582-589 MB after each round without the threshold, 571-576 MB with it.
An operator's own `MALLOC_ARENA_MAX`, `MALLOC_MMAP_THRESHOLD_` or `ARROW_DEFAULT_MEMORY_POOL` is left as it is.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

import pyarrow as pa

ARENAS = 2
MMAP_THRESHOLD = 128 * 1024  # glibc's starting value, kept fixed
_M_ARENA_MAX = -8  # mallopt's parameters (glibc malloc.h)
_M_MMAP_THRESHOLD = -3


def tune() -> None:
    """Limit glibc's arenas, fix its mmap threshold and put Arrow on the system allocator in this process (call
    before loading data)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        libc = None
    if libc is not None and hasattr(libc, "mallopt"):  # glibc; other C libraries are left alone
        if "MALLOC_ARENA_MAX" not in os.environ:
            libc.mallopt(_M_ARENA_MAX, ARENAS)
        if "MALLOC_MMAP_THRESHOLD_" not in os.environ:
            libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        pa.set_memory_pool(pa.system_memory_pool())
