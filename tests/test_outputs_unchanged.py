"""After nbval has re-executed every notebook, the committed outputs must be unchanged.

The notebooks write `data/processed/` and `figures/` as they run, so any hand edit of a
committed output (or any output that is not byte-stable) shows up here as a difference.
"""

import pytest

from helpers import ROOT, snapshot


@pytest.mark.after_notebooks
def test_committed_outputs_equal_what_the_notebooks_computed(request, outputs_before):
    ran = [item for item in request.session.items if item.nodeid.endswith(".ipynb") or ".ipynb::" in item.nodeid]
    if not ran:
        pytest.skip("no notebook ran under nbval in this session")
    failed = request.session.testsfailed
    after = snapshot(ROOT, ("data/processed", "figures"))
    before = outputs_before
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    assert not changed, (
        "output changed, is this expected? These committed files differ from what the notebooks "
        "compute now: " + ", ".join(changed) + ". If the change is intended, run `make reproduce` "
        "and commit the result; otherwise find what edited them."
        + (f" ({failed} earlier test(s) failed)" if failed else "")
    )
