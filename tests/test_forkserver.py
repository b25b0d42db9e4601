"""Forked kernels (audit_pipeline/forkserver.py): a fresh namespace each, nothing carried from one
notebook to the next, ordinary kernels when the server cannot help, and no process left behind.
Byte-identity with ordinary kernels over the whole run is in test_robustness.py."""

import os
import subprocess
import sys

import nbformat
import pytest

from audit_pipeline import forkserver, kernels, staging
from helpers import processes_mentioning

pytestmark = pytest.mark.slow

FIRST = """\
import os, random, sys
import numpy as np
import pandas as pd
import matplotlib
LEFT_BEHIND = 1
pd.set_option("display.max_rows", 3)
matplotlib.rcParams["lines.linewidth"] = 9
sys.modules["a_module_this_notebook_invented"] = sys
print(os.getppid(), os.getpgid(0) == os.getpid(), random.random(), np.random.random())
"""

SECOND = """\
import os, random, sys
import numpy as np
import pandas as pd
import matplotlib
print(os.getppid(), os.getpgid(0) == os.getpid(), random.random(), np.random.random())
print("LEFT_BEHIND" in globals(), pd.get_option("display.max_rows"), matplotlib.rcParams["lines.linewidth"],
      "a_module_this_notebook_invented" in sys.modules, matplotlib.get_backend())
"""


def _notebook(folder, name, source):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / name
    nbformat.write(nb, path)
    return path


def _printed(executed):
    nb = nbformat.read(executed, as_version=4)
    return "".join(o.get("text", "") for o in nb.cells[-1].outputs).split()


def _run_two(tmp_path):
    first = staging.execute(_notebook(tmp_path, "first.ipynb", FIRST), tmp_path / "stage", cwd=str(tmp_path))
    second = staging.execute(_notebook(tmp_path, "second.ipynb", SECOND), tmp_path / "stage", cwd=str(tmp_path))
    return _printed(first), _printed(second)


def test_a_notebook_leaves_nothing_behind_for_the_next_and_each_kernel_is_a_fresh_fork(tmp_path, monkeypatch):
    monkeypatch.setenv(forkserver.ENV_SWITCH, "1")  # also under `make test FORK=0`
    with forkserver.running(str(tmp_path)) as server:
        assert server is not None
        first, second = _run_two(tmp_path)
        server_pid = str(server.process.pid)
    assert first[0] == second[0] == server_pid, "the kernels were not forked from the run's server"
    assert first[1] == second[1] == "True", "a forked kernel must lead a process group of its own"
    assert first[2] != second[2] and first[3] != second[3], "random generators were not re-seeded"
    left_behind, max_rows, linewidth, invented_module, backend = second[4:]
    assert (left_behind, max_rows, linewidth, invented_module) == ("False", "60", "1.5", "False")
    assert backend == "module://matplotlib_inline.backend_inline"  # as in a spawned kernel


def test_without_a_server_the_kernels_are_ordinary_and_a_failed_fork_falls_back_saying_so_once(tmp_path, monkeypatch,
                                                                                                 capsys):
    monkeypatch.setenv(forkserver.ENV_SWITCH, "0")
    with forkserver.running(str(tmp_path)) as server:
        assert server is None  # FORK=0: no server at all
    monkeypatch.setenv(forkserver.ENV_SWITCH, "1")

    def refuse(self, *args, **kwargs):
        raise forkserver.ForkUnavailable("fork failed: refused on purpose")

    monkeypatch.setattr(forkserver.ForkServer, "fork", refuse)
    monkeypatch.setattr(forkserver, "_NOTICES", set())
    with forkserver.running(str(tmp_path)) as server:
        first, second = _run_two(tmp_path)
        server_pid = str(server.process.pid)
    assert first[0] != server_pid and second[0] != server_pid
    assert first[0] == second[0] == str(os.getpid())  # ordinary kernels: children of this process
    said = capsys.readouterr().err
    assert said.count("fork failed: refused on purpose; this run goes on with ordinary kernels") == 1


def test_the_server_and_its_kernels_die_with_the_process_that_started_them(tmp_path):
    """A run killed without a chance to clean up (SIGKILL) leaves no server and no kernel behind."""
    script = tmp_path / "starter.py"
    script.write_text(
        "import sys, time\n"
        "from audit_pipeline import forkserver\n"
        "server = forkserver.ForkServer(sys.argv[1], sys.argv[1])\n"
        "pid = server.fork([sys.executable, '-m', 'ipykernel_launcher', '-f', sys.argv[1] + '/k.json'],"
        " dict(__import__('os').environ), sys.argv[1])\n"
        "print(server.process.pid, pid, flush=True)\n"
        "time.sleep(600)\n")
    starter = subprocess.Popen([sys.executable, str(script), str(tmp_path)], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(staging.paths.ROOT)})
    assert len(starter.stdout.readline().split()) == 2  # the server and its kernel are up
    assert len(processes_mentioning(str(tmp_path), timeout=0)) == 3  # the starter, its server, the kernel
    starter.kill()
    starter.wait()
    assert processes_mentioning(str(tmp_path), timeout=20) == [], "still running after their run was killed"


def test_a_forked_kernel_is_interrupted_and_shut_down_like_an_ordinary_one(tmp_path, monkeypatch):
    import asyncio

    monkeypatch.setenv(forkserver.ENV_SWITCH, "1")  # also under `make test FORK=0`

    async def scenario(folder):
        manager = kernels.unix_socket_kernel_manager(folder)(kernel_name="python3")
        await manager.start_kernel(cwd=str(tmp_path))
        assert isinstance(manager.provisioner.process, forkserver.ForkedKernel)
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=30)
            client.execute("import time; print('sleeping', flush=True); time.sleep(60)")
            # interrupted once the cell is running (it says so), not after a guess at how long that takes
            while True:
                message = await client.get_iopub_msg(timeout=30)
                if message["msg_type"] == "stream" and "sleeping" in message["content"]["text"]:
                    break
            await manager.interrupt_kernel()
            reply = await client.get_shell_msg(timeout=20)
            assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt"
            assert await manager.is_alive()  # interrupted, not killed
        finally:
            client.stop_channels()
            await manager.shutdown_kernel()
        assert not await manager.is_alive()

    with forkserver.running(str(tmp_path)) as server:
        asyncio.run(scenario(os.path.dirname(server.address)))
