"""The per-document step on an existing Dask distributed cluster (`build --scheduler tcp://HOST:8786`): the same
`perdoc.process_document` as the local pool runs, as tasks (`pip install 'policy-timeline[cluster]'`).

The parent puts the results into the build cache itself (the workers may not share its disk; dataset.parallel).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from dashboard import errors
from dashboard.dataset.perdoc import DocResult, DocTask, process_document


def dask_map(address: str, tasks: list[DocTask], bar: Callable[[Iterable[Any]], Iterable[Any]]) -> list[DocResult]:
    """Run the per-document step of every task on the Dask cluster at `address`; return the results in task order.
    Errors reaching the cluster are one typed input error on `--scheduler`."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:
        raise errors.BuildFailed(
            [
                errors.InvalidField(
                    address, "--scheduler", "needs Dask distributed: pip install 'policy-timeline[cluster]'"
                )
            ]
        ) from exc
    try:
        client = Client(address, timeout="10s")
    except OSError as exc:
        raise errors.BuildFailed(
            [errors.InvalidField(address, "--scheduler", f"cannot reach the Dask scheduler ({exc})")]
        ) from exc
    with client:
        # distributed leaves parts of Client.map's and Client.gather's signatures unannotated (and gather's return
        # type covers its asynchronous use); here it gathers a list of futures synchronously: their results
        futures = client.map(process_document, tasks, pure=False)  # pyright: ignore[reportUnknownMemberType]
        for _ in bar(as_completed(futures)):
            pass
        return cast("list[DocResult]", client.gather(futures))  # pyright: ignore[reportUnknownMemberType]
