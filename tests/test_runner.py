"""The run's plan: independent notebooks largest first, the claims audit last."""

from detainer_audit import runner


def test_the_claims_audit_runs_last_and_the_largest_notebook_starts_first(tmp_path):
    sizes = {"01_small.ipynb": 10, "02_large.ipynb": 300, "03_middle.ipynb": 100, "04_middle_too.ipynb": 100,
             "05_claims_audit.ipynb": 1000}
    paths = []
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
        paths.append(tmp_path / name)
    first, last = runner.plan(sorted(paths))
    assert [p.name for p in first] == ["02_large.ipynb", "03_middle.ipynb", "04_middle_too.ipynb", "01_small.ipynb"]
    assert [p.name for p in last] == ["05_claims_audit.ipynb"]
