"""The kernel manager every notebook runs under: Unix sockets instead of TCP ports, a fork of the
fork server where one runs, and the shutdown request before any interrupt."""

from __future__ import annotations

import os

from . import forkserver


def unix_socket_kernel_manager(socket_dir: str):
    """A kernel manager whose kernel listens on Unix sockets in ``socket_dir``, not on TCP ports.

    With TCP, jupyter_client picks free ports, releases them, and the kernel binds them a moment
    later; another process starting a kernel in between can take one ("Address already in use",
    kernel died). Socket files named after the kernel cannot be taken by anyone else.
    """
    from uuid import uuid4

    from jupyter_client import AsyncKernelManager

    class UnixSocketKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            name = os.path.join(socket_dir, f"kernel-{uuid4().hex[:12]}")
            self.transport = "ipc"
            self.ip = name
            self.connection_file = name + ".json"

        async def _async_pre_start_kernel(self, **kw):
            """With a fork server running in this process, the kernel is a fork of it (forkserver.py)."""
            forkserver.attach(self, kw)
            return await super()._async_pre_start_kernel(**kw)

        async def _async_shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
            """Ask the kernel to shut down before anything else.

            jupyter_client interrupts (SIGINT) every kernel before it sends the shutdown request, to stop
            one that is still executing; a kernel that has finished its notebook is idle, and logs that
            SIGINT as "ERROR | KeyboardInterrupt caught in kernel" about one run in three. Here the
            request goes first; a kernel that does not exit within the wait is terminated and killed as
            before (`_async_finish_shutdown`). Forced shutdowns (``now``) are unchanged.
            """
            if now or not self.owns_kernel or not self.has_kernel:
                return await super()._async_shutdown_kernel(now=now, restart=restart)
            self.shutting_down = True
            self.stop_restarter()
            await self._async_request_shutdown(restart=restart)
            await self._async_finish_shutdown(restart=restart)
            await self._async_cleanup_resources(restart=restart)

        shutdown_kernel = _async_shutdown_kernel

    return UnixSocketKernelManager
