"""Kernels' socket folders: made per kernel (and per fork server), removed when it ends, and all
removed at once when a run is interrupted (SIGINT or SIGTERM ends the driver at once; nothing has
been published yet, so its partial work is scratch)."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import time


class RunStopping(RuntimeError):
    """The run is being stopped: no new kernel may start."""


# kernels' socket folders in use; an interrupted run removes them before it exits
_SOCKET_DIRS: set[str] = set()
_SOCKET_LOCK = threading.RLock()
_STOPPING = False


def new_socket_dir() -> str:
    """A temporary folder for a kernel's (or the fork server's) sockets, removed on an interrupt too."""
    with _SOCKET_LOCK:
        if _STOPPING:
            raise RunStopping("the run is being stopped")
        folder = tempfile.mkdtemp(prefix="detainer-kernel-")
        _SOCKET_DIRS.add(folder)
        return folder


def remove_socket_dir(folder: str, attempts: int = 200) -> None:
    """Remove a kernel's socket folder. A kernel that is still starting may be writing its connection
    and socket files into it while it is removed, so the last step (removing the emptied folder) can
    fail; try again until the folder is gone. Once it is, nothing recreates it: the kernel's own writes
    fail instead."""
    with _SOCKET_LOCK:
        for _ in range(attempts):
            shutil.rmtree(folder, ignore_errors=True)
            if not os.path.lexists(folder):
                break
            time.sleep(0.005)
        _SOCKET_DIRS.discard(folder)


def stop_at_once_on_signals(farewell=None) -> None:
    """SIGINT or SIGTERM ends the process at once (exit 128 + signal), after removing the kernels'
    socket folders, and prints ``farewell()`` (one line: what was published, how to resume) when given.
    For drivers whose partial work is scratch: nothing is published until the end.
    The kernels notice that their parent is gone and exit by themselves."""
    def stop(number, frame):
        global _STOPPING
        with _SOCKET_LOCK:
            _STOPPING = True  # no new socket folder from now on
            for folder in list(_SOCKET_DIRS):
                remove_socket_dir(folder)
        if farewell is not None:
            try:
                os.write(2, f"\n{farewell()}\n".encode())
            except OSError:
                pass
        os._exit(128 + number)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)
