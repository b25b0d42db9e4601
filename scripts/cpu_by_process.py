"""CPU time of a command, by kind of process: kernels (ordinary or forked), fork servers, the runner,
pytest and the rest. Used to state how much of `make test` kernel starts take (issue 14).

  python3 scripts/cpu_by_process.py [--root DIR] -- make test FORK=0
  python3 scripts/cpu_by_process.py --kernel-start [--root DIR] [--runs 3]

The first form prints a JSON report on stdout (the command's own output goes to stderr). It samples /proc every 50 ms while the command runs and adds up each new process's CPU
(user + system), so processes that outlive their parent or are never waited for are counted too; a
process shorter than one sample can be missed. The sampler itself is not counted, but it takes
part of a core, so the command runs slower than it would alone: compare wall times without it.

The second form measures one ordinary kernel start as the notebooks pay it: launch, ready, the
first notebook's import line, in the environment of --root (CPU of the kernel process).

Linux only; no package beyond the project's environment (jupyter_client for --kernel-start).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: str) -> tuple[int, int, float] | None:
    """(parent pid, start time in ticks, CPU seconds) of a process, or None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), int(fields[19]), (int(fields[11]) + int(fields[12])) / TICK


def _cmdline(pid: str) -> list[str]:
    try:
        return [a.decode(errors="replace") for a in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if a]
    except OSError:
        return []


def sample(stop: threading.Event, seen: dict, interval: float = 0.05) -> None:
    existing = {(p, s[1]) for p in os.listdir("/proc") if p.isdigit() and (s := _stat(p))}
    while not stop.is_set():
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            stat = _stat(pid)
            if stat is None or (pid, stat[1]) in existing:
                continue
            entry = seen.setdefault((pid, stat[1]), {"ppid": str(stat[0]), "cmd": []})
            entry["cpu"] = stat[2]
            if not entry["cmd"]:
                entry["cmd"] = _cmdline(pid)
        stop.wait(interval)


def kind(entry: dict, by_pid: dict) -> str:
    text = " ".join(entry["cmd"])
    parent = by_pid.get(entry["ppid"])
    if "forkserver" in text:
        # a forked kernel keeps its server's command line
        return "kernel (forked)" if parent is not None and parent["cmd"] == entry["cmd"] else "fork server"
    if "ipykernel" in text:
        return "kernel (ordinary)"
    if "audit_pipeline.runner" in text:
        return "runner (make reproduce)"
    if "audit_pipeline" in text:
        return "python -m audit_pipeline (run, checksums, ...)"
    if "pytest" in text or "execnet" in text or "import sys;exec(eval(sys.stdin" in text:
        return "pytest and its workers"
    return "other"


def profile(command: list[str]) -> int:
    seen: dict = {}
    stop = threading.Event()
    sampler = threading.Thread(target=sample, args=(stop, seen), daemon=True)
    sampler.start()
    began = time.monotonic()
    status = subprocess.run(command, stdout=sys.stderr).returncode  # stdout: the report alone
    wall = time.monotonic() - began
    stop.set()
    sampler.join()
    by_pid = {pid: entry for (pid, _), entry in seen.items()}
    totals: dict = collections.defaultdict(lambda: [0, 0.0])
    for entry in seen.values():
        if "cpu" in entry:
            row = totals[kind(entry, by_pid)]
            row[0] += 1
            row[1] += entry["cpu"]
    cpu = sum(t[1] for t in totals.values())
    print(json.dumps({"command": command, "exit": status, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                      "by_kind": {k: {"processes": n, "cpu_s": round(c, 2), "share": round(c / cpu, 3)}
                                  for k, (n, c) in sorted(totals.items(), key=lambda kv: -kv[1][1])}}, indent=1))
    return status


def kernel_start(root: Path, runs: int) -> None:
    from jupyter_client import KernelManager

    notebook = sorted((root / "notebooks").glob("01_*.ipynb"))[0]
    cells = json.loads(notebook.read_text())["cells"]
    source = next("".join(c["source"]) for c in cells
                  if c["cell_type"] == "code" and "from detainer_audit import" in "".join(c["source"]))
    imports = "\n".join(line for line in source.splitlines() if line.startswith(("from ", "import ")))
    cpus, walls = [], []
    for _ in range(runs):
        began = time.monotonic()
        manager = KernelManager(kernel_name="python3")
        manager.start_kernel(cwd=str(root / "notebooks"), env={**os.environ, "PYTHONPATH": str(root)})
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        reply = client.execute_interactive(imports, timeout=60)
        assert reply["content"]["status"] == "ok", reply["content"]
        cpus.append(_stat(str(manager.provisioner.process.pid))[2])
        walls.append(time.monotonic() - began)
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    print(json.dumps({"root": str(root), "imports": imports, "runs": runs,
                      "cpu_s_median": statistics.median(cpus), "wall_s_median": round(statistics.median(walls), 2),
                      "cpu_s": cpus}, indent=1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--kernel-start", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("command", nargs="*")
    args = parser.parse_args()
    if args.kernel_start:
        kernel_start(args.root.resolve(), args.runs)
        return 0
    if not args.command:
        parser.error("name a command after --, or use --kernel-start")
    os.chdir(args.root)
    return profile(args.command)


if __name__ == "__main__":
    sys.exit(main())
