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
import sys
import tempfile
import time
import zipfile
import base64
import hashlib

import pytest

from helpers import ROOT, explain_differences, make, project_copy, snapshot

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
CIS = "data/raw/declined_detainers_by_fiscal_year.csv"


def _edit(root, name, change):
    path = root / name
    path.write_bytes(change(path.read_bytes()))


BAD_RAW = {
    "changed byte": (CIS, lambda b: b.replace(b"7934", b"7935"), False,
                     "data/raw/declined_detainers_by_fiscal_year.csv does not match its recorded checksum"),
    "missing file": (CIS, None, False,
                     "data/raw/declined_detainers_by_fiscal_year.csv is listed in SHA256SUMS but missing"),
    "renamed column": (MONTHLY, lambda b: b.replace(b"month,detainers_issued", b"month,detainers", 1), True,
                       "data/raw/detainers_issued_by_month.csv, line 1: header does not match the schema"),
    "missing column": (MONTHLY, lambda b: re.sub(rb",(yes|no)\n", b"\n", b).replace(b",whole_month\n", b"\n"), True,
                       "missing column(s): whole_month"),
    "non-numeric count": (MONTHLY, lambda b: b.replace(b"2011-03,28475", b"2011-03,28k"), True,
                          "detainers_issued_by_month.csv, line 43, column 'detainers_issued': '28k' is not a whole number"),
    "negative count": (MONTHLY, lambda b: b.replace(b"2011-03,28475", b"2011-03,-28475"), True,
                       "line 43, column 'detainers_issued': -28475 is below the minimum 0"),
    "month twice": (MONTHLY, lambda b: b.replace(b"2011-04,26829", b"2011-03,26829"), True,
                    "line 44: duplicate key (month=2011-03); first seen on line 43"),
    "month outside series": (MONTHLY, lambda b: b + b"2015-08,7000,yes\n", True,
                             "line 96, column 'month': 2015-08 is above the maximum 2015-07"),
    "period ends before start": (CIS, lambda b: b.replace(b"2022,2021-10-01,2022-09-30", b"2022,2022-09-30,2021-10-01"), True,
                                 "line 3, column 'counted_to': period ends (2021-10-01) before it starts"),
    "blank line": (MONTHLY, lambda b: b.replace(b"2011-03,28475,yes\n", b"2011-03,28475,yes\n\n"), True,
                   "detainers_issued_by_month.csv, line 44: blank line"),
    "byte-order mark": (MONTHLY, lambda b: b"\xef\xbb\xbf" + b, True, "starts with a byte-order mark"),
    "latin-1 encoding": (MONTHLY, lambda b: b.replace(b"month,detainers_issued,whole_month", "month,détainers_issued,whole_month".encode("latin-1")), True,
                         "line 1: not valid UTF-8 (byte 0xe9)"),
}


@pytest.mark.parametrize("case", list(BAD_RAW), ids=list(BAD_RAW))
def test_bad_raw_input_stops_reproduce_before_any_notebook(copy, case):
    name, change, resum, message = BAD_RAW[case]
    if change is None:
        (copy / name).unlink()
    else:
        _edit(copy, name, change)
    if resum:  # record the new bytes, so that the schema check is what is tested
        assert make(copy, "checksums").returncode == 0
    before = published(copy)
    result = make(copy, "reproduce")
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "ran " not in result.stdout
    assert published(copy) == before


def test_unlisted_raw_file_is_refused(copy):
    (copy / "data/raw/notes.txt").write_text("scratch\n")
    before = published(copy)
    result = make(copy, "reproduce")
    assert result.returncode != 0
    assert "data/raw/notes.txt is not listed in SHA256SUMS (unrecorded file)" in result.stderr
    assert published(copy) == before


# ------------------------------------------------------------------ bad parameters

BAD_PARAMETERS = [
    ("01", "fiscal_years", "'\"2022\"'", "parameter fiscal_years must be a non-empty list of whole numbers"),
    ("01", "fiscal_years", "[2019]", "parameter fiscal_years=2019 is not allowed; choose one of: 2021, 2022, 2023, 2024"),
    ("01", "annualization_basis", "360", "parameter annualization_basis=360 is not allowed"),
    ("01", "claimed_total_floor", "lots", "parameter claimed_total_floor must be a number, got str 'lots'"),
    ("02", "baseline_year", "2016", "parameter baseline_year=2016 is not allowed; choose one of: 2008, 2009"),
    ("02", "baseline_year", "'\"2011\"'", "parameter baseline_year must be a whole number, got str '2011'"),
    ("02", "baseline_year_kind", "school", "parameter baseline_year_kind='school' is not allowed; choose one of: 'fiscal', 'calendar'"),
    ("02", "weeks_convention", "53", "parameter weeks_convention=53 is not allowed; choose one of: 'days/7', '52_weeks'"),
    ("02", "comparison_fiscal_years", "[2011]", "parameter comparison_fiscal_years=2011 is not allowed"),
    ("02", "report_week", "'\"1\"'", "parameter report_week must be a whole number, got str '1'"),
    ("03", "jurisdiction", "'Nowhere County'", "parameter jurisdiction='Nowhere County' has no declined-detainer count for week 1"),
    ("03", "report_week", "4", "parameter report_week=4 is not a published week; available: 1, 2, 3"),
    ("04", "declined_outcomes", "[refused]", "parameter declined_outcomes names 'refused', which is not allowed; choose from: 'declined', 'insufficient_notice', 'early_release'"),
    ("04", "window_start", "2006-01-01", "parameter window_start='2006-01-01' is outside the record; allowed: 2007-10-01 to 2025-12-31"),
    ("05", "tolerance_exact", "-1", "parameter tolerance_exact=-1 is out of range; allowed: 0 to 0.5"),
    ("05", "tolerance_about", "wide", "parameter tolerance_about must be a number, got str 'wide'"),
]


@pytest.mark.parametrize("notebook, name, value, message", BAD_PARAMETERS,
                         ids=[f"{n}-{p}-{v}" for n, p, v, _ in BAD_PARAMETERS])
def test_bad_parameter_is_named_and_changes_nothing(shared_copy, notebook, name, value, message):
    before = published(shared_copy)
    result = make(shared_copy, "run", f"NB={notebook}", f"ARGS=-p {name} {value}", "OUT=build/runs/bad")
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert published(shared_copy) == before


# ------------------------------------------------------------------ where and how make runs

def test_parallel_run_from_another_directory_in_a_path_with_spaces_gives_the_same_bytes(tmp_path):
    """One full run covers four conditions at once, each of which must not change a byte:
    `make -C` from another directory, a checkout path with spaces, `-j2` (against the committed
    serial run), and another PYTHONHASHSEED, time zone and locale."""
    root = project_copy(tmp_path / "a folder with spaces" / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = make(root, "-j2", "reproduce", cwd=elsewhere,
                  env={"PYTHONHASHSEED": "12345", "TZ": "Pacific/Kiritimati", "LANG": "C", "LC_ALL": "C"})
    assert result.returncode == 0, result.stderr
    assert_published_as_committed(root)
    # a green run says nothing alarming (kernels used to log a KeyboardInterrupt at shutdown)
    for word in ("ERROR", "Traceback"):
        assert word not in result.stdout + result.stderr, result.stdout + result.stderr


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
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DETAINER_AUDIT", "PYTHONPATH"))}
    scratch = copy.parent / "scratch"  # the run's temporary folders (kernel sockets) go here
    scratch.mkdir()
    env["TMPDIR"] = str(scratch)
    process = subprocess.Popen(["make", "--no-print-directory", "reproduce"], cwd=copy, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    staged = copy / "build" / "stage" / "notebooks"
    while time.monotonic() < deadline and not (staged.exists() and any(staged.glob("*.ipynb"))):
        time.sleep(0.1)
    assert process.poll() is None, f"the run ended before it could be interrupted:\n{process.stdout.read().decode()}"
    os.killpg(process.pid, sig)
    process.wait(timeout=60)
    assert process.returncode != 0
    _wait_until_group_is_gone(process.pid)  # make may end before the runner below it has cleaned up
    assert published(copy) == before
    leftovers = [p for top in PUBLISHED for p in (copy / top).rglob("*") if p.name.endswith((".tmp", ".publishing"))]
    assert not leftovers
    assert not list(scratch.iterdir()), "the interrupted run left temporary files behind"


# ------------------------------------------------------------------ network

@pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0, reason="needs unshare as root")
def test_runs_without_network(copy):
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("network namespaces are not available here")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DETAINER_AUDIT", "PYTHONPATH"))}
    # a new network namespace has only a loopback device (brought up for the kernels' local sockets)
    script = "ip link set lo up && ! getent hosts pypi.org >/dev/null && make --no-print-directory reproduce"
    result = subprocess.run(["unshare", "-n", "sh", "-c", script], cwd=copy, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_published_as_committed(copy)


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


def _tiny_wheel(folder):
    name = "auditprobe-1.0-py3-none-any.whl"
    files = {"auditprobe.py": b"VALUE = 1\n",
             "auditprobe-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: auditprobe\nVersion: 1.0\n",
             "auditprobe-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append("auditprobe-1.0.dist-info/RECORD,,")
    files["auditprobe-1.0.dist-info/RECORD"] = ("\n".join(record) + "\n").encode()
    with zipfile.ZipFile(folder / name, "w") as wheel:
        for path, data in files.items():
            wheel.writestr(path, data)
    return folder / name


def test_pip_refuses_a_package_whose_hash_differs(tmp_path):
    wheel = _tiny_wheel(tmp_path)
    good = hashlib.sha256(wheel.read_bytes()).hexdigest()
    install = [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links", str(tmp_path),
               "--require-hashes", "-r"]
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_FIND_LINKS": "", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    (tmp_path / "ok.txt").write_text(f"auditprobe==1.0 --hash=sha256:{good}\n")
    assert subprocess.run(install + [str(tmp_path / "ok.txt")], capture_output=True, env=env).returncode == 0
    (tmp_path / "tampered.txt").write_text(f"auditprobe==1.0 --hash=sha256:{'0' * 64}\n")
    refused = subprocess.run(install + [str(tmp_path / "tampered.txt")], capture_output=True, text=True, env=env)
    assert refused.returncode != 0
    assert "DO NOT MATCH THE HASHES" in refused.stdout + refused.stderr
