"""One published run at a time in a checkout: `make reproduce` holds a lock for the whole run.

Two runs that overlap in one checkout (two terminals, `make -j`, an editor's save hook) would share
`build/stage/` and publish into the same folders. The second run therefore waits for the first to
finish, saying so and naming it; it then runs as if started afterwards (without FORCE=1 it finds that
nothing changed). Waiting rather than refusing: whoever started the second run asked for a published
run, and gets one, correct, a little later; an editor's hook or `make -j` has no person to read a
refusal and run it again.

The lock is an advisory ``flock`` on ``build/reproduce.lock``, which the operating system releases
when the process holding it ends in any way (a crash or ``kill -9`` included), so it can never be left
stale. The file holds the process id of the run that has it, for the message only. Standard library
only: `fingerprint` asks it whether a run is in progress before anything heavy is imported.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Callable, Iterator

try:
    import fcntl
except ImportError:  # Windows: no flock; runs there are not serialized (the README says so)
    fcntl = None

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "build" / "reproduce.lock"


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
    except OSError:
        return "unknown"


def in_progress(lock: Path | None = None) -> str | None:
    """The process id of the run holding the lock, or None when no run is in progress."""
    lock = lock or LOCK
    if fcntl is None or not lock.exists():
        return None
    fd = os.open(lock, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _holder(fd)
        return None
    finally:
        os.close(fd)


@contextlib.contextmanager
def held(lock: Path | None = None, say: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock for the block; wait (saying so, once) while another run holds it."""
    lock = lock or LOCK
    if fcntl is None:
        yield
        return
    say = say or (lambda text: print(text, file=sys.stderr, flush=True))
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"waiting for the run in progress (pid {_holder(fd)}) to finish: one published run at a time "
                f"in a checkout ({lock.relative_to(ROOT) if lock.is_relative_to(ROOT) else lock}) ...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
