"""The export gate: a slot held elsewhere on the machine makes an export wait, then answer "busy"; a file made
once is served again from the bounded cache without a slot."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dashboard.export import gate
from dashboard.export.gate import ExportBusy, ExportCache, export_slot

HOLD = """
import fcntl, os, sys, time
handle = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(handle, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.readline()
"""


def hold_slot_in_another_process(lock_dir: Path) -> subprocess.Popen:
    lock_dir.mkdir(exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(lock_dir / "slot-0.lock")], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def release(holder: subprocess.Popen) -> None:
    holder.stdin.close()
    holder.wait(timeout=10)
    holder.stdout.close()


def test_a_slot_held_by_another_process_makes_the_export_busy(tmp_path: Path):
    holder = hold_slot_in_another_process(tmp_path / "locks")
    try:
        with pytest.raises(ExportBusy) as caught, export_slot(wait=0.3, slots=1, lock_dir=tmp_path / "locks"):
            pass
        assert caught.value.code == "export-busy" and caught.value.retry_after > 0
    finally:
        release(holder)
    with export_slot(wait=5, slots=1, lock_dir=tmp_path / "locks") as slot:  # freed when its process ended
        assert slot == 0


def test_two_slots_let_two_exports_run(tmp_path: Path):
    holder = hold_slot_in_another_process(tmp_path / "locks")
    try:
        with export_slot(wait=0.3, slots=2, lock_dir=tmp_path / "locks") as slot:
            assert slot == 1
    finally:
        release(holder)


def test_only_one_request_per_process_queues(tmp_path: Path):
    holder = hold_slot_in_another_process(tmp_path / "locks")
    started = threading.Event()
    outcome: list[str] = []

    def waiter() -> None:
        started.set()
        try:
            with export_slot(wait=3, slots=1, lock_dir=tmp_path / "locks"):
                outcome.append("ran")
        except ExportBusy:
            outcome.append("busy")

    thread = threading.Thread(target=waiter)
    try:
        thread.start()
        started.wait(5)
        while gate._waiting._value:  # the first request is queueing for the slot
            threading.Event().wait(0.01)
        with pytest.raises(ExportBusy, match="already waiting"), export_slot(wait=3, slots=1,
                                                                             lock_dir=tmp_path / "locks"):
            pass
    finally:
        release(holder)
        thread.join(10)
    assert outcome == ["ran"]  # the queued one ran once the slot was free


def test_the_cache_is_bounded_and_serves_repeats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = ExportCache(limit=1000)
    made: list[str] = []

    def make(name: str, size: int):
        return lambda: (made.append(name), b"x" * size)[1]

    monkeypatch.setattr(gate, "LOCK_DIR", tmp_path / "locks")
    assert gate.cached_export("a", make("a", 200), cache) == b"x" * 200
    assert gate.cached_export("a", make("a", 200), cache) == b"x" * 200
    assert made == ["a"]
    for key in "bcdef":
        gate.cached_export(key, make(key, 200), cache)
    assert cache.size <= 1000 and cache.get("a") is None and cache.get("f") is not None
    holder = hold_slot_in_another_process(tmp_path / "locks-held")
    try:  # a cached file needs no slot: served while every slot is taken
        monkeypatch.setattr(gate, "LOCK_DIR", tmp_path / "locks-held")
        assert gate.cached_export("f", make("f", 200), cache) == b"x" * 200
    finally:
        release(holder)


def test_the_lock_is_released_when_the_export_fails(tmp_path: Path):
    with pytest.raises(RuntimeError), export_slot(wait=1, slots=1, lock_dir=tmp_path / "locks"):
        raise RuntimeError("render failed")
    handle = os.open(tmp_path / "locks" / "slot-0.lock", os.O_RDWR)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again
    os.close(handle)
