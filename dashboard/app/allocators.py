"""How a serving worker's memory is allocated: fewer glibc arenas and Arrow on the system allocator.

Measured at 10,000 documents (docs/scale.md, "Measured: a worker's memory after every page"):
- glibc gives each thread that allocates an arena of its own (up to 8 per core) and keeps what is freed in it; a
  server's 4 threads serving every page three times held 836 MB, 793 MB with 2 arenas, the same CPU time;
- pyarrow's default pool (mimalloc) keeps freed pages of its own; with the system allocator a worker is ready
  with ~45 MB less and holds ~40 MB less after every page.
An operator's own `MALLOC_ARENA_MAX` or `ARROW_DEFAULT_MEMORY_POOL` is left as it is.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

import pyarrow as pa

ARENAS = 2
_M_ARENA_MAX = -8  # mallopt's parameter (glibc malloc.h)


def tune() -> None:
    """Limit glibc's arenas and put Arrow on the system allocator in this process (call before loading data)."""
    if "MALLOC_ARENA_MAX" not in os.environ:
        name = ctypes.util.find_library("c")
        try:
            libc = ctypes.CDLL(name) if name else None
            if libc is not None and hasattr(libc, "mallopt"):  # glibc; other C libraries are left alone
                libc.mallopt(_M_ARENA_MAX, ARENAS)
        except OSError:
            pass
    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        pa.set_memory_pool(pa.system_memory_pool())
