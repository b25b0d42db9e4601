"""Bad input, interruption, concurrency and determinism, end to end in copies of the project.

Every bad input must give a message naming the file, row, column or parameter, a non-zero
exit, and no change to data/processed/, figures/, report/ or any committed notebook.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import warnings

import pytest

from helpers import ROOT, environment, explain_differences, make, processes_mentioning, project_copy, snapshot
from audit_pipeline import fingerprint, runlock

pytestmark = pytest.mark.slow
PUBLISHED = ("data/processed", "figures", "notebooks", "report")


@pytest.fixture(scope="module")
def shared_copy(tmp_path_factory):
    """One copy for the checks that must leave it unchanged."""
    return project_copy(tmp_path_factory.mktemp("shared") / "project")


@pytest.fixture
def copy(tmp_path):
    return project_copy(tmp_path / "project")


def published(root):
    return snapshot(root, PUBLISHED)


def assert_published_as_committed(root):
    """The run in ``root`` wrote the committed bytes; if not, say where they differ."""
    mine, committed = published(root), published(ROOT)
    differing = {name for name in mine.keys() | committed.keys() if mine.get(name) != committed.get(name)}
    assert not differing, explain_differences(root, ROOT, differing)


# ------------------------------------------------------------------ bad parameters

# bad input to `make reproduce` end to end: test_pipeline.py (a changed raw byte); every raw-data message is proven
# in test_rawdata.py, and a notebook saved with other parameters, in test_published_run.py, where each is decided.
# Every parameter message is proven in test_notebook_parameters.py; end to end, once: a bad value given as YAML
# from the command line through make ('"2011"' is text), refused before any kernel starts
BAD_PARAMETERS = [
    ("02", "baseline_year", "'\"2011\"'", "parameter baseline_year must be a whole number, got str '2011'"),
]


@pytest.mark.parametrize("notebook, name, value, message", BAD_PARAMETERS,
                         ids=[f"{n}-{p}" for n, p, _, _ in BAD_PARAMETERS])
def test_bad_parameter_is_refused_before_any_kernel_starts_and_changes_nothing(shared_copy, notebook, name, value,
                                                                               message):
    before = published(shared_copy)
    result = make(shared_copy, "run", f"NB={notebook}", f"ARGS=-p {name} {value}", "OUT=build/runs/bad")
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "(refused before any kernel started)" in result.stderr
    assert not (shared_copy / "build/runs/bad").exists(), "the run started although its parameter was refused"
    assert published(shared_copy) == before


# ------------------------------------------------------------------ where and how make runs

def _network_namespace_available() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.whole_run
def test_two_overlapping_forced_runs_in_unusual_conditions_publish_the_committed_bytes_one_after_the_other(tmp_path):
    """Two `make reproduce FORCE=1` in one checkout, the second started while the first holds the run's lock:
    the second waits for the first, names it, then runs; both succeed; after each, what is published is byte
    for byte the committed run; and the fingerprint recorded afterwards is that of those outputs.

    The same two runs cover the conditions that must not change a byte. The first: `make -C` from another
    directory, a checkout path with spaces, `-j2` (against the committed serial run), another PYTHONHASHSEED,
    time zone and locale, and no network (a new network namespace with only loopback, where one can be made:
    as root with unshare). The second: ordinary kernels (FORK=0), where the committed outputs come from
    forked ones, and none of them outlives the run."""
    root = project_copy(tmp_path / "a folder with spaces" / "project")
    readme = (root / "README.md").read_bytes()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = environment(PYTHONHASHSEED="12345", TZ="Pacific/Kiritimati", LANG="C", LC_ALL="C")
    command = ["make", "--no-print-directory", "-C", str(root), "-j2", "reproduce", "FORCE=1"]
    offline = _network_namespace_available()
    if offline:  # loopback is brought up for the kernels' local sockets; no name resolves
        command = ["unshare", "-n", "sh", "-c",
                   'ip link set lo up && ! getent hosts pypi.org >/dev/null && exec "$@"', "sh"] + command
    first = subprocess.Popen(command, cwd=elsewhere, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # the second starts once the first holds the lock (no clock: the lock itself says so)
    lock = root / "build" / "reproduce.lock"
    while runlock.in_progress(lock) is None:
        assert first.poll() is None, "the first run ended before it took the lock:\n" + "".join(first.communicate())
        time.sleep(0.05)
    scratch = tempfile.mkdtemp(prefix="fork0-")  # short: Unix socket paths are limited to 107 bytes
    try:
        second = subprocess.Popen(["make", "--no-print-directory", "reproduce", "FORCE=1", "FORK=0"], cwd=root,
                                  env=environment(TMPDIR=scratch), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        said_first, first_errors = first.communicate(timeout=600)
        assert first.returncode == 0, said_first + first_errors
        # the second publishes only once it has run every notebook itself, after this: what is published now is
        # the first run's (and if it were the second's, it must be the committed bytes all the same)
        assert_published_as_committed(root)
        said_second, second_errors = second.communicate(timeout=600)
        assert second.returncode == 0, said_second + second_errors
        assert processes_mentioning(scratch, timeout=5) == [], "an ordinary kernel outlived the run"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    assert re.search(r"published \d+ files", said_first), said_first
    assert re.search(r"waiting for the run in progress \(pid \d+\) to finish", second_errors), second_errors
    assert re.search(r"published \d+ files", said_second), said_second
    assert said_first.splitlines()[-1] == said_second.splitlines()[-1] == fingerprint.where_to_look()
    assert_published_as_committed(root)
    assert (root / "README.md").read_bytes() == readme
    # a green run says nothing alarming (kernels used to log a KeyboardInterrupt at shutdown)
    for word in ("ERROR", "Traceback"):
        for said in (said_first, first_errors, said_second, second_errors):
            assert word not in said, said
    again = make(root, "reproduce")
    assert again.returncode == 0 and "nothing changed since the last published run" in again.stdout
    assert again.stdout.splitlines()[-1] == fingerprint.where_to_look()
    if not offline:
        warnings.warn("the run had the network: no network namespace here (needs unshare as root), so the "
                      "no-network condition was not proven; every other condition was")


# ------------------------------------------------------------------ interruption

def _wait_until_group_is_gone(group: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError(f"processes of the interrupted run still alive after {timeout} s")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_run_leaves_published_outputs_as_they_were(copy, sig):
    # make the outputs differ from what a run would write, so a partial publish would show
    for path in (copy / "figures").glob("*.csv"):
        path.write_bytes(path.read_bytes() + b"\n")
    before = published(copy)
    scratch = copy.parent / "scratch"  # the run's temporary folders (kernel sockets) go here
    scratch.mkdir()
    env = environment(TMPDIR=str(scratch))
    process = subprocess.Popen(["make", "--no-print-directory", "reproduce"], cwd=copy, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    staged = copy / "build" / "stage" / "notebooks"
    while time.monotonic() < deadline and not (staged.exists() and any(staged.glob("*.ipynb"))):
        time.sleep(0.1)
    assert process.poll() is None, f"the run ended before it could be interrupted:\n{process.stdout.read().decode()}"
    os.killpg(process.pid, sig)
    said = process.communicate(timeout=60)[0].decode()
    assert process.returncode != 0
    # one line says what was published and how to go on (make's own "Error"/"Interrupt" line may follow)
    farewell = [line for line in said.splitlines() if line.startswith("interrupted")]
    assert farewell == ["interrupted: nothing was published (the published run is as it was); resume with "
                        "`make reproduce`"], said
    _wait_until_group_is_gone(process.pid)  # make may end before the runner below it has cleaned up
    assert published(copy) == before
    leftovers = [p for top in PUBLISHED for p in (copy / top).rglob("*") if p.name.endswith((".tmp", ".publishing"))]
    assert not leftovers
    assert not list(scratch.iterdir()), "the interrupted run left temporary files behind"
    # no kernel (forked kernels live in sessions of their own) and no fork server outlives the run
    assert processes_mentioning(str(scratch)) == [], "the interrupted run left processes behind"


# ------------------------------------------------------------------ never into the checkout

@pytest.mark.parametrize("out", [".", "$PWD"])
def test_make_run_into_the_checkout_is_refused_and_changes_nothing(shared_copy, out):
    before = published(shared_copy)
    folder = str(shared_copy) if out == "$PWD" else out
    result = make(shared_copy, "run", "NB=02", "ARGS=-p baseline_year 2012", f"OUT={folder}")
    assert result.returncode != 0
    assert result.stderr.startswith(f"error: output folder {folder!r} is the project's own folder"), result.stderr
    assert published(shared_copy) == before


def test_no_machine_details_or_timestamps_in_committed_outputs():
    needles = {str(ROOT), os.path.expanduser("~") + "/", tempfile.gettempdir() + "/", dt.date.today().isoformat()}
    needles |= {name for name in (socket.gethostname(), getpass.getuser()) if len(name) >= 6}
    for top in PUBLISHED:
        for path in (ROOT / top).rglob("*"):
            if path.is_file():
                text = path.read_bytes().decode("utf-8", errors="replace")
                for needle in needles:
                    assert needle not in text, f"{path.relative_to(ROOT)} contains {needle!r}"


# ------------------------------------------------------------------ supply chain

def test_every_requirement_is_pinned_with_a_hash():
    text = (ROOT / "requirements.txt").read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
    assert len(entries) > 50
    for entry in entries:
        assert re.match(r"^[A-Za-z0-9_.\-\[\]]+==[^\s\\]+", entry), f"not pinned: {entry.splitlines()[0]}"
        assert "--hash=sha256:" in entry, f"no hash: {entry.splitlines()[0]}"
    assert "--require-hashes" in (ROOT / "scripts" / "ensure-venv").read_text()


def test_make_lets_python_cache_bytecode_where_the_machine_forbids_it():
    """.venv is installed without bytecode; where PYTHONDONTWRITEBYTECODE is set, as on this machine,
    every process would compile pandas, matplotlib and IPython from source again, forever."""
    probe = 'probe: ; @echo "[$${PYTHONDONTWRITEBYTECODE-}]"'
    result = subprocess.run(["make", "-s", "--no-print-directory", "-f", "Makefile", "--eval", probe, "probe"],
                            cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# ------------------------------------------------------------------ make test is never silent for minutes

SLOW_GROUP = '''
import os
import time
from pathlib import Path

import pytest


def test_fast():
    pass


@pytest.mark.slow
def test_slow_short():
    pass


@pytest.mark.slow
def test_slow_long():
    # ends only once the terminal has shown the short test's result (the harness then writes this file):
    # if make test held the slow group's report back to the end, this test could never end
    release = Path(os.environ["RELEASE_FILE"])
    deadline = time.monotonic() + 90
    while not release.exists():
        assert time.monotonic() < deadline, "the short test's line never reached the terminal while this one ran"
        time.sleep(0.1)
'''


def test_make_test_shows_each_slow_test_as_it_ends_not_all_at_the_end(tmp_path):
    """The Makefile's own `test` recipe, on a project of three tests: the short slow test's line reaches the
    terminal while the long one still runs. No clock is read: the long test waits for a file that this test
    writes only when it has seen the short test's line, so a busy machine cannot make it pass or fail."""
    mini = tmp_path / "mini"
    (mini / "scripts").mkdir(parents=True)
    for name in ("Makefile", "runtime.txt", "requirements.txt", "scripts/ensure-venv", "scripts/prepare-environment"):
        shutil.copy2(ROOT / name, mini / name)
    os.symlink(ROOT / ".venv", mini / ".venv")
    (mini / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\nmarkers =\n    slow: slow\n")
    (mini / "tests").mkdir()
    (mini / "tests" / "test_mini.py").write_text(SLOW_GROUP)
    release = tmp_path / "release"
    process = subprocess.Popen(["make", "--no-print-directory", "test"], cwd=mini,
                               env=environment(RELEASE_FILE=str(release)),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    shown = b""  # read as it arrives, not line by line: pytest ends a result's line only with the next one
    while chunk := os.read(process.stdout.fileno(), 4096):
        shown += chunk
        if b"PASSED tests/test_mini.py::test_slow_short" in shown and not release.exists():
            release.touch()
    process.wait(timeout=180)
    said = shown.decode()
    assert process.returncode == 0, said
    assert "end-to-end group" in said and "PASSED tests/test_mini.py::test_slow_long" in said, said
