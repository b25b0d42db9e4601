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
import hashlib

import pytest

from helpers import ROOT, environment, explain_differences, make, processes_mentioning, project_copy, snapshot
from audit_pipeline import fingerprint

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


# ------------------------------------------------------------------ bad raw input

MONTHLY = "data/raw/detainers_issued_by_month.csv"


def test_a_schema_error_stops_reproduce_before_any_notebook(copy):
    """One case of the schema kind end to end (every message: test_rawdata.py; the checksum kind:
    test_pipeline.py)."""
    path = copy / MONTHLY
    path.write_bytes(path.read_bytes().replace(b"2011-03,28475", b"2011-03,28k"))
    # record the new bytes, so that the schema check is what is tested (`make checksums` itself refuses a file that
    # fails its schema, since 98f3af3, so the line is rewritten here)
    sums = copy / "data" / "raw" / "SHA256SUMS"
    name = MONTHLY.rsplit("/", 1)[1]
    sums.write_text("".join(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}\n" if line.endswith(f"  {name}")
                            else line + "\n" for line in sums.read_text().splitlines()))
    before = published(copy)
    result = make(copy, "reproduce")
    assert result.returncode != 0
    assert "detainers_issued_by_month.csv, line 43, column 'detainers_issued': '28k' is not a whole number" in result.stderr
    assert "ran " not in result.stdout
    assert published(copy) == before


# ------------------------------------------------------------------ bad parameters

# every parameter message is proven in test_notebook_parameters.py; end to end, once per kind: a bad
# value (as YAML from the command line: '"2011"' is text) and an unknown name
BAD_PARAMETERS = [
    ("02", "baseline_year", "'\"2011\"'", "parameter baseline_year must be a whole number, got str '2011'"),
    ("04", "window", "2020-01-01", "unknown parameter 'window' for 04_longer_record_2008_2025.ipynb; its parameters: "
                                   "window_start, window_end,"),
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
def test_parallel_run_without_network_from_another_directory_in_a_path_with_spaces_gives_the_same_bytes(tmp_path):
    """One full run covers five conditions at once, each of which must not change a byte:
    `make -C` from another directory, a checkout path with spaces, `-j2` (against the committed
    serial run), another PYTHONHASHSEED, time zone and locale, and no network (a new network
    namespace with only loopback, where one can be made: as root with unshare)."""
    root = project_copy(tmp_path / "a folder with spaces" / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = environment(PYTHONHASHSEED="12345", TZ="Pacific/Kiritimati", LANG="C", LC_ALL="C")
    command = ["make", "--no-print-directory", "-C", str(root), "-j2", "reproduce"]
    offline = _network_namespace_available()
    if offline:  # loopback is brought up for the kernels' local sockets; no name resolves
        command = ["unshare", "-n", "sh", "-c",
                   'ip link set lo up && ! getent hosts pypi.org >/dev/null && exec "$@"', "sh"] + command
    result = subprocess.run(command, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_published_as_committed(root)
    # a green run says nothing alarming (kernels used to log a KeyboardInterrupt at shutdown)
    for word in ("ERROR", "Traceback"):
        assert word not in result.stdout + result.stderr, result.stdout + result.stderr
    if not offline:
        warnings.warn("the run had the network: no network namespace here (needs unshare as root), so the "
                      "no-network condition was not proven; every other condition was")


@pytest.mark.whole_run
def test_ordinary_kernels_give_the_same_bytes_as_forked_ones(copy):
    """The committed outputs come from forked kernels (the default); FORK=0 runs ordinary ones."""
    scratch = tempfile.mkdtemp(prefix="fork0-")  # short: Unix socket paths are limited to 107 bytes
    try:
        result = make(copy, "reproduce", "FORCE=1", "FORK=0", env={"TMPDIR": scratch})
        assert result.returncode == 0, result.stderr
        assert_published_as_committed(copy)
        assert processes_mentioning(scratch, timeout=5) == []
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


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


# ------------------------------------------------------------------ one published run at a time


@pytest.mark.whole_run
def test_two_overlapping_forced_runs_publish_the_committed_bytes_one_after_the_other(copy):
    """Two `make reproduce FORCE=1` a second apart in one checkout: the second waits for the first, names it,
    then runs; both succeed; what is published is byte for byte the committed run; and the fingerprint
    recorded afterwards is that of those outputs."""
    readme = (copy / "README.md").read_bytes()
    env = environment()
    first = subprocess.Popen(["make", "--no-print-directory", "reproduce", "FORCE=1"], cwd=copy, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(1)
    second = make(copy, "reproduce", "FORCE=1")
    said_first = first.communicate(timeout=600)[0]
    assert first.returncode == 0, said_first
    assert second.returncode == 0, second.stdout + second.stderr
    assert re.search(r"published \d+ files", said_first), said_first
    assert re.search(r"waiting for the run in progress \(pid \d+\) to finish", second.stderr), second.stderr
    assert re.search(r"published \d+ files", second.stdout), second.stdout
    assert said_first.splitlines()[-1] == second.stdout.splitlines()[-1] == fingerprint.where_to_look()
    assert_published_as_committed(copy)
    assert (copy / "README.md").read_bytes() == readme
    again = make(copy, "reproduce")
    assert again.returncode == 0 and "nothing changed since the last published run" in again.stdout
    assert again.stdout.splitlines()[-1] == fingerprint.where_to_look()


def test_a_notebook_saved_with_another_parameter_is_named_before_any_kernel_starts(copy):
    """A researcher sets baseline_year = 2012 in notebook 02 in JupyterLab and saves: make reproduce names the
    notebook, the parameter, the published value and the way back, and runs nothing."""
    notebook = copy / "notebooks" / "02_weekly_detainer_rates_2011_vs_2017.ipynb"
    notebook.write_text(notebook.read_text().replace('"baseline_year = 2011  #', '"baseline_year = 2012  #'))
    before = published(copy)
    result = make(copy, "reproduce")
    assert result.returncode != 0
    assert ("error: only the published parameters may be published; nothing was run\n"
            "notebooks/02_weekly_detainer_rates_2011_vs_2017.ipynb is saved with parameters other than the published "
            "ones: baseline_year = 2012 (published: 2011)\n") in result.stderr, result.stderr
    assert "git checkout notebooks/02_weekly_detainer_rates_2011_vs_2017.ipynb" in result.stderr
    assert "make run NB=02 ARGS='-p baseline_year 2012'" in result.stderr
    assert "LedgerError" not in result.stderr and "ran " not in result.stdout and "verified" not in result.stdout
    assert published(copy) == before


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
