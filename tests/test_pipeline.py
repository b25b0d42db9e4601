"""The pipeline end to end, in a throw-away copy of the project (a few seconds each)."""

import json
import re
import subprocess
import sys

import pytest

from helpers import make, project_copy, snapshot

pytestmark = pytest.mark.slow
RAW_FILE = "data/raw/declined_detainers_by_fiscal_year.csv"


@pytest.fixture
def copy(tmp_path):
    return project_copy(tmp_path / "project")


def test_one_changed_raw_byte_stops_reproduce_before_any_notebook(copy):
    before = snapshot(copy)
    path = copy / RAW_FILE
    data = bytearray(path.read_bytes())
    data[data.index(b"7934")] = ord("8")  # 7934 -> 8934
    path.write_bytes(bytes(data))
    result = make(copy, "reproduce")
    assert result.returncode != 0
    assert f"{RAW_FILE} does not match its recorded checksum" in result.stderr
    assert "ran " not in result.stdout, "a notebook ran although the raw data failed verification"
    assert snapshot(copy) == before


@pytest.mark.whole_run
def test_a_failing_notebook_publishes_nothing_and_its_error_reaches_the_user(copy):
    """The last notebook fails (a ledger row points at a statistic nobody computes) after every other one
    has succeeded: nothing is published. The ledger's messages are unit-tested in test_audit.py, the
    notebooks' own parameter checks in test_notebook_parameters.py."""
    path = copy / "data/raw/claims.csv"
    path.write_text(path.read_text().replace(",compare,declined_fy2022,", ",compare,declined_fy2022_typo,"))
    assert make(copy, "checksums").returncode == 0
    before = snapshot(copy)
    result = make(copy, "-j2", "reproduce")
    assert result.returncode != 0
    assert ("LedgerError: data/raw/claims.csv, line 4, column 'statistic': claim 'dcnf_fy2022' points at "
            "'declined_fy2022_typo', which no notebook computes") in result.stderr
    assert "ran 04_" in result.stdout, "the other notebooks should have run and succeeded"
    assert snapshot(copy) == before
    assert not list((copy / "build" / "stage").rglob("*.tmp"))


def test_single_run_renders_its_page_and_names_the_statistics_that_differ(copy):
    """`make run` with another baseline year (and a list, as YAML from the command line): the executed notebook
    with its parameters injected, its page beside it (its figures linked, no link to an index that is not
    there), and a table of the statistics that differ from the published run, as readers see the numbers;
    the published run is untouched. (What each parameter does to the numbers is tested in-process.)"""
    from detainer_audit import results

    before = snapshot(copy, ("data/processed", "figures", "notebooks", "report"))
    result = make(copy, "run", "NB=02", "ARGS=-p baseline_year 2012 -p comparison_fiscal_years [2015,2016]")
    assert result.returncode == 0, result.stderr
    assert snapshot(copy, ("data/processed", "figures", "notebooks", "report")) == before, \
        "a single run touched the published run"
    out = copy / "build" / "runs" / "02_weekly_detainer_rates_2011_vs_2017"
    executed = json.loads(next((out / "notebooks").glob("02_*.ipynb")).read_text())
    injected = [c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1
    assert "baseline_year = 2012" in "".join(injected[0]["source"])
    assert "comparison_fiscal_years = [2015, 2016]" in "".join(injected[0]["source"]), "a list arrived as text"
    page = out / "02_weekly_detainer_rates_2011_vs_2017.html"
    assert f"its page: build/runs/{out.name}/{page.name}" in result.stdout
    text = page.read_text()
    assert "index.html" not in text
    links = re.findall(r'href="(figures/[^"]+)"', text)
    assert links and all((out / link).is_file() for link in links)
    said = result.stdout.splitlines()
    start = next(i for i, line in enumerate(said) if "differ from the published run" in line)
    table = {line.split()[0]: line.split()[1:] for line in said[start + 2:]}
    run = results.load(out / "data" / "processed" / "results.csv")
    published = results.load(copy / "data" / "processed" / "results.csv")
    # the baseline's own statistics: the published year's only there, the new year's only in this run
    shown = results.display(results.value("detainers_2012_fiscal", run), "detainers")
    assert table["detainers_2012_fiscal"] == ["not", "recorded", shown, "detainers"]
    shown = results.display(results.value("detainers_2011_fiscal", published), "detainers")
    assert table["detainers_2011_fiscal"] == [shown, "not", "recorded", "detainers"]
    assert "weekly_rate_fy2015_trac" not in table, "an unchanged statistic is listed"


@pytest.mark.whole_run
def test_hand_edited_outputs_fail_the_tests(copy):
    """Three hand edits at once (a processed CSV, a figure's numbers, a notebook's printed output); the
    tests `make test` runs name each of them."""
    processed = copy / "data/processed/results.csv"
    processed.write_text(processed.read_text().replace("declined_total,22040", "declined_total,22400"))
    figure = copy / "figures/01-declined-detainers-by-fiscal-year.csv"
    figure.write_text(figure.read_text().replace("7934", "7943"))
    notebook = sorted((copy / "notebooks").glob("01_*.ipynb"))[0]
    notebook.write_text(notebook.read_text().replace("22,040 over", "22,400 over"))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(notebook), "tests/test_outputs_unchanged.py", "-q"],
        cwd=copy, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(copy), "HOME": str(copy)},
    )
    assert result.returncode != 0
    assert "22,400 over" in result.stdout  # nbval shows the committed text against the computed one
    assert "output changed, is this expected?" in result.stdout
    for path in (processed, figure):
        assert path.relative_to(copy).as_posix() in result.stdout


def _audit_verdict(root, claim_id):
    import csv

    with open(root / "data/processed/claims_audit.csv", newline="") as handle:
        return {row["claim_id"]: row["verdict"] for row in csv.DictReader(handle)}[claim_id]


def test_a_parameter_and_a_claimed_value_change_flow_to_the_verdicts(copy):
    """A changed tolerance (a parameter) and a changed claimed value (raw data, its bytes recorded) reach
    claims_audit.csv, and the README's verdict table rendered from it, in one run of
    the claims audit over the published statistics (the other notebooks' results do not depend on either)."""
    from audit_pipeline import readme

    assert _audit_verdict(copy, "cis_double_obama") == "overstated"
    path = copy / "data/raw/claims.csv"
    path.write_text(path.read_text().replace("cis_jails_46,By 46 jails,Center for Immigration Studies,2017-03,The declines were by 46 different jails,46,",
                                             "cis_jails_46,By 46 jails,Center for Immigration Studies,2017-03,The declines were by 46 different jails,20,"))
    # (that a changed raw file is refused until its bytes are recorded: test_one_changed_raw_byte_stops_reproduce...)
    assert make(copy, "checksums").returncode == 0
    before = snapshot(copy)
    result = make(copy, "run", "NB=05", "ARGS=-p tolerance_about 0.15", "OUT=build/runs/audit")
    assert result.returncode == 0, result.stderr
    assert snapshot(copy) == before, "a single run touched published outputs"
    out = copy / "build/runs/audit"
    assert _audit_verdict(out, "cis_double_obama") == "reproduced with caveat"
    assert _audit_verdict(out, "cis_jails_46") == "understated"
    table = readme.render((copy / "README.md").read_text(), out / "data" / "processed")
    rows = {line.split(" | ")[0].removeprefix("| "): line.split(" | ") for line in table.splitlines()
            if line.startswith("| ")}
    # the README's verdict table follows the run: the claimed value written above, the verdicts it gives
    assert rows["By 46 jails"][2] == "20 jails" and rows["By 46 jails"][4] == "**understated**"
    assert rows["Double the late-Obama weekly average"][4] == "**reproduced with caveat**"


def test_output_split_by_the_kernel_flush_is_merged(tmp_path):
    """The kernel sends stdout on a timer; a slow, busy machine can cut one print in two stream
    messages. The executed notebook must not depend on where the cut fell."""
    import nbformat

    from audit_pipeline import staging

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import sys, time\n"
        "sys.stdout.write('first part'); sys.stdout.flush(); time.sleep(0.5)\n"
        "print(' and the rest'); print('a second line')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    source = tmp_path / "split.ipynb"
    nbformat.write(nb, source)
    executed = nbformat.read(staging.execute(source, tmp_path / "stage", cwd=str(tmp_path)), as_version=4)
    outputs = executed.cells[0].outputs
    assert [o.output_type for o in outputs] == ["stream"]
    assert outputs[0].text == "first part and the rest\na second line\n"
