"""The export browser runs below the pages' CPU priority, so exports cannot starve page requests."""

from __future__ import annotations

import os
from pathlib import Path

from dashboard.export import kaleido


def test_the_export_browser_runs_at_a_lower_priority():
    kaleido.start_server()
    try:
        folder = str(kaleido._state["profile"]).encode()
        pids = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if folder in cmdline.read_bytes():
                    pids.append(int(cmdline.parent.name))
            except OSError:  # ended while we looked
                continue
        assert pids, "no Chromium process found for the export browser"
        assert all(os.getpriority(os.PRIO_PROCESS, pid) >= kaleido.BROWSER_NICE for pid in pids)
        assert os.getpriority(os.PRIO_PROCESS, os.getpid()) < kaleido.BROWSER_NICE  # the server itself is not
    finally:
        kaleido.stop_server()
