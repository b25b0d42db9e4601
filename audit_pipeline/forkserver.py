"""Kernels forked from a parent that has already imported what every notebook imports.

Every notebook still gets a fresh kernel of its own. What a fresh kernel spends most of its start on
is importing the same libraries (pandas, matplotlib, IPython, ipykernel) again; here one server
process per run imports them once, and each kernel is a ``fork()`` of it that then starts ipykernel
on its own connection file, with an empty namespace.

Rules that keep a forked kernel equal to a spawned one (see ipykernel PR #410 and sagecell's forking
device): the server only imports, it never executes notebook code, and it starts no thread, event
loop or ZMQ context before forking; it imports matplotlib under the backend a fresh kernel would set
(ipykernel's inline backend unless ``MPLBACKEND`` says otherwise) without loading it; a child
re-seeds the random generators it inherited, takes the environment and working directory the
kernel manager asked for, gets its own session (process group), and dies with the server
(PR_SET_PDEATHSIG), which dies with the run that started it. The server is Linux-only (pidfd); if
it cannot start or a fork fails, the run goes on with ordinary kernels and says so once.

  python -m audit_pipeline.forkserver SOCKET PARENT_PID    (started by `ForkServer`, never by hand)
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys
import threading
import time

from . import sockets

PRELOAD = ("numpy", "pandas", "matplotlib", "matplotlib.pyplot", "seaborn", "IPython", "ipykernel.kernelapp",
           "ipykernel.ipkernel", "ipykernel.zmqshell")
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
PR_SET_PDEATHSIG = 1
ENV_SWITCH = "DETAINER_AUDIT_FORK"  # "0": ordinary kernels throughout (make reproduce FORK=0)


class ForkUnavailable(RuntimeError):
    pass


def _die_with_parent(sig: int) -> None:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")


# --------------------------------------------------------------------------- the server process

def _child(request: dict, server_pid: int, startup_path0: str) -> None:
    """In the forked child: become the kernel the request describes. Never returns."""
    code = 1
    try:
        os.setsid()
        _die_with_parent(signal.SIGKILL)
        if os.getppid() != server_pid:  # the server died before prctl took effect
            os._exit(1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if request.get("stderr_devnull"):  # as the caller asked of an ordinary kernel (nbval does)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)
            os.close(null)
        os.environ.clear()
        os.environ.update(request["env"])
        time.tzset()
        os.chdir(request["cwd"])
        # `python -m ipykernel_launcher` starts with its working directory as sys.path[0] and removes it
        if sys.path and sys.path[0] == startup_path0:
            del sys.path[0]
        import random

        random.seed()
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        # ipykernel reads these two from the environment when it is imported, i.e. in the server:
        # give each kernel the values its own environment holds
        argv = list(request["argv"]) + [
            f"--IPKernelApp.parent_handle={int(os.environ.get('JPY_PARENT_PID') or 0)}",
            f"--IPKernelApp.interrupt={int(os.environ.get('JPY_INTERRUPT_EVENT') or 0)}"]
        sys.argv = [sys.executable, "-m", "ipykernel_launcher"] + request["argv"]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance(argv=argv)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # noqa: BLE001  (report, then leave without running the server's code)
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001
                pass
        os._exit(code)


def serve(address: str, parent_pid: int) -> None:
    _die_with_parent(signal.SIGTERM)
    if os.getppid() != parent_pid:
        return
    startup_path0 = sys.path[0] if sys.path else ""
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)  # what ipykernel sets before any notebook code
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    if threading.active_count() != 1:  # forking a process with threads copies only the forking one
        print(f"fork server: an import started a thread ({threading.enumerate()}); not serving",
              file=sys.stderr)
        sys.exit(3)  # the run falls back to ordinary kernels
    children: dict[int, int] = {}  # pid -> pidfd
    stopping = []

    def stop(number, frame):
        stopping.append(number)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address + ".tmp")
    os.rename(address + ".tmp", address)  # the socket appears only when the server is ready
    listener.listen(16)
    try:
        while not stopping and os.getppid() == parent_pid:
            try:
                ready, _, _ = select.select([listener], [], [], 0.5)
            except InterruptedError:
                continue
            if not ready:
                continue
            connection, _ = listener.accept()
            with connection:
                request = json.loads(connection.makefile("r").readline())
                if request.get("stop"):
                    break
                pid = os.fork()
                if pid == 0:
                    listener.close()
                    connection.close()
                    _child(request, os.getppid(), startup_path0)
                try:
                    children[pid] = os.pidfd_open(pid)
                except OSError:
                    pass
                connection.sendall((json.dumps({"pid": pid}) + "\n").encode())
    finally:
        for pid, fd in children.items():
            try:
                signal.pidfd_send_signal(fd, signal.SIGKILL)
            except OSError:
                pass
            os.close(fd)
        listener.close()
        for path in (address, address + ".tmp"):
            try:
                os.unlink(path)
            except OSError:
                pass


# --------------------------------------------------------------------------- the run's side

_NOTICES: set[str] = set()
_NOTICE_LOCK = threading.Lock()


def say_once(message: str) -> None:
    with _NOTICE_LOCK:
        if message in _NOTICES:
            return
        _NOTICES.add(message)
    print(f"note: {message}", file=sys.stderr, flush=True)


def enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "1") != "0"


class ForkServer:
    """The server for one run: started at once, ready when its socket appears, stopped with the run."""

    def __init__(self, folder: str, cwd: str):
        import subprocess

        if not sys.platform.startswith("linux") or not hasattr(os, "pidfd_open"):
            raise ForkUnavailable("fork server needs Linux with pidfd")
        self.address = os.path.join(folder, "forkserver.sock")
        # in the run's process group: an interrupt of the run reaches the server too
        self.process = subprocess.Popen([sys.executable, "-m", __name__, self.address, str(os.getpid())],
                                        cwd=cwd, stdin=subprocess.DEVNULL)
        self._ready = False
        self._lock = threading.Lock()

    def _wait_ready(self, timeout: float = 60) -> None:
        with self._lock:
            deadline = time.monotonic() + timeout
            while not self._ready:
                if os.path.exists(self.address):
                    self._ready = True
                    break
                if self.process.poll() is not None:
                    raise ForkUnavailable(f"fork server exited with status {self.process.returncode}")
                if time.monotonic() > deadline:
                    raise ForkUnavailable("fork server did not start in time")
                time.sleep(0.01)

    def _ask(self, request: dict) -> dict:
        self._wait_ready()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(30)
            client.connect(self.address)
            client.sendall((json.dumps(request) + "\n").encode())
            line = client.makefile("r").readline()
        if not line:
            raise ForkUnavailable("fork server closed the connection")
        return json.loads(line)

    def fork(self, cmd: list[str], env: dict, cwd: str, stderr_devnull: bool = False) -> int:
        if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
            raise ForkUnavailable(f"not an ipykernel command: {cmd[:3]}")
        if os.path.realpath(cmd[0]) != os.path.realpath(sys.executable):
            raise ForkUnavailable(f"the kernel's Python ({cmd[0]}) is not the run's")
        try:
            return int(self._ask({"argv": cmd[3:], "env": dict(env), "cwd": str(cwd),
                                  "stderr_devnull": stderr_devnull})["pid"])
        except (OSError, ValueError, KeyError) as error:
            raise ForkUnavailable(f"fork failed: {error}") from None

    def stop(self) -> None:
        if self.process.poll() is None:
            if self._ready or os.path.exists(self.address):
                try:
                    self._ask({"stop": True})  # it kills its kernels, removes its socket and exits
                except (OSError, ForkUnavailable):
                    self.process.terminate()
            else:  # still importing (a run that failed early): no kernel exists yet
                self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except Exception:  # noqa: BLE001
                self.process.kill()
                self.process.wait()


class ForkedKernel:
    """The kernel manager's handle on a forked kernel (not its child): what Popen offers, through a pidfd."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        try:
            self._fd: int | None = os.pidfd_open(pid)
        except ProcessLookupError:
            self._fd, self.returncode = None, -1

    def poll(self) -> int | None:
        if self.returncode is None and self._fd is not None:
            ready, _, _ = select.select([self._fd], [], [], 0)
            if ready:  # a pidfd becomes readable when its process has ended
                self.returncode = 0
                os.close(self._fd)
                self._fd = None
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                import subprocess

                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            signal.pidfd_send_signal(self._fd, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


# the server of the run in this process, if any (set by `running`)
ACTIVE: ForkServer | None = None


def provisioner_class():
    from jupyter_client.provisioning import LocalProvisioner

    class ForkProvisioner(LocalProvisioner):
        """LocalProvisioner, except that the kernel is a fork of the run's server when there is one."""

        async def launch_kernel(self, cmd, **kwargs):
            server = ACTIVE
            if server is not None:
                env = dict(kwargs.get("env") or os.environ)
                if not kwargs.get("independent"):  # as jupyter_client's launcher does for its kernels
                    env["JPY_PARENT_PID"] = str(os.getpid())
                stderr = kwargs.get("stderr")
                unsupported = [k for k in ("stdin", "stdout") if kwargs.get(k) is not None]
                quiet = getattr(stderr, "name", None) == os.devnull
                if unsupported or (stderr is not None and not quiet):
                    return await super().launch_kernel(cmd, **kwargs)  # streams a fork cannot take over
                try:
                    pid = server.fork(list(cmd), env, kwargs.get("cwd") or os.getcwd(), stderr_devnull=quiet)
                except ForkUnavailable as error:
                    say_once(f"{error}; this run goes on with ordinary kernels")
                else:
                    self.process = ForkedKernel(pid)
                    self.pid = self.pgid = pid
                    self.cwd = kwargs.get("cwd", os.getcwd())
                    return self.connection_info
            return await super().launch_kernel(cmd, **kwargs)

        async def send_signal(self, signum: int) -> None:
            if isinstance(self.process, ForkedKernel):
                if self.process.poll() is None:  # only while the pid (= its group) is still the kernel's
                    try:
                        os.killpg(self.pgid, signum)
                    except OSError:
                        self.process.send_signal(signum)
                return
            await super().send_signal(signum)

    return ForkProvisioner


def attach(manager, kw: dict) -> None:
    """Called by a kernel manager before it starts a kernel: with a server running in this process, the
    kernel will be a fork of it (the provisioner is set before jupyter_client's factory would pick one)."""
    if manager.provisioner is None and ACTIVE is not None:
        import uuid

        manager.kernel_id = manager.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
        manager.provisioner = provisioner_class()(kernel_id=manager.kernel_id, kernel_spec=manager.kernel_spec,
                                                  parent=manager)


class running:
    """``with forkserver.running(cwd):`` a server for the kernels this process starts meanwhile, with its
    socket in a temporary folder that an interrupt of the run removes too (sockets.new_socket_dir).

    Does nothing when switched off (DETAINER_AUDIT_FORK=0) or unavailable (then says so once)."""

    def __init__(self, cwd: str):
        self.cwd = cwd
        self.folder: str | None = None

    def __enter__(self):
        global ACTIVE
        if enabled():
            self.folder = sockets.new_socket_dir()
            try:
                ACTIVE = ForkServer(self.folder, self.cwd)
            except (ForkUnavailable, OSError) as error:
                say_once(f"{error}; kernels are ordinary ones")
        return ACTIVE

    def __exit__(self, *exc):
        global ACTIVE
        server, ACTIVE = ACTIVE, None
        try:
            if server is not None:
                server.stop()
        finally:
            if self.folder is not None:
                sockets.remove_socket_dir(self.folder)
                self.folder = None
        return False


def kernel_manager_for_nbval(base):
    """nbval's KernelManager, with its kernels forked from a server started at the first kernel (a test
    session that runs no notebook starts none) and stopped by `stop_for_nbval` at the session's end."""
    class ForkingKernelManager(base):
        async def _async_pre_start_kernel(self, **kw):
            global _NBVAL_SESSION
            with _NBVAL_LOCK:
                if _NBVAL_SESSION is None:
                    from detainer_audit import paths

                    _NBVAL_SESSION = running(str(paths.NOTEBOOKS))
                    _NBVAL_SESSION.__enter__()
            attach(self, kw)
            return await super()._async_pre_start_kernel(**kw)

    return ForkingKernelManager


_NBVAL_SESSION: running | None = None
_NBVAL_LOCK = threading.Lock()


def stop_for_nbval() -> None:
    global _NBVAL_SESSION
    if _NBVAL_SESSION is not None:
        _NBVAL_SESSION.__exit__(None, None, None)
        _NBVAL_SESSION = None


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
