"""A kernel's socket folder is removed even while a starting kernel writes into it (an interrupted
run under load once left such folders behind: the emptied folder's removal failed, silently)."""

import shutil
from pathlib import Path

from audit_pipeline import kernels, sockets


def test_socket_folder_is_removed_even_while_a_kernel_writes_into_it(tmp_path, monkeypatch):
    folder = tmp_path / "detainer-kernel-x"
    folder.mkdir()
    real, calls = shutil.rmtree, []

    def racing(path, ignore_errors=False):
        calls.append(path)
        real(path, ignore_errors=ignore_errors)
        if len(calls) == 1:  # the kernel writes its connection file just as the folder is emptied
            Path(path).mkdir(exist_ok=True)
            (Path(path) / "kernel-x.json").write_text("{}")

    monkeypatch.setattr(sockets.shutil, "rmtree", racing)
    with sockets._SOCKET_LOCK:
        sockets._SOCKET_DIRS.add(str(folder))
    sockets.remove_socket_dir(str(folder))
    assert not folder.exists()
    assert len(calls) == 2
    assert str(folder) not in sockets._SOCKET_DIRS


def test_a_finished_kernel_is_asked_to_shut_down_never_interrupted(tmp_path):
    """The cause of 'KeyboardInterrupt caught in kernel' after a successful notebook: jupyter_client
    interrupts before it asks. Our manager asks first; the kernel exits without a SIGINT."""
    import asyncio

    manager_class = kernels.unix_socket_kernel_manager(str(tmp_path))
    interrupts = []

    class Spy(manager_class):
        async def _async_interrupt_kernel(self):
            interrupts.append(True)
            return await super()._async_interrupt_kernel()

    async def run():
        manager = Spy(kernel_name="python3")
        await manager.start_kernel()
        client = manager.client()
        client.start_channels()
        await client.wait_for_ready(timeout=60)
        client.stop_channels()
        await manager.shutdown_kernel()
        return manager

    manager = asyncio.run(run())
    assert not interrupts
    assert not asyncio.run(manager.is_alive())
