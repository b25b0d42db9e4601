"""The sentences a notebook ends with: what holds, what does not, and what cannot be known.

They are generated from the statistics the notebook computed and from the claims ledger, never typed:
each claim the notebook settles is judged by the rules of `verdicts` (the claims audit, notebook 05,
adds cross-checks and evidence grades), and a claim the public data cannot settle says what would.
"""

from __future__ import annotations

from . import rawdata, results, verdicts
from .results import Statistic, display

CLAIMS = "claims"


def for_claims(notebook: str, statistics: list[Statistic], changed: dict | None = None,
               tolerance_exact: float = 0.005, tolerance_about: float = 0.10) -> list[str]:
    """One sentence for each claim of the ledger that this notebook's statistics settle; with
    parameters other than the published ones (``changed``, as `notebook.setup` returns it), one sentence
    saying that the claims are judged at the published parameters only: a statistic of the same name
    may then measure something else (another span of years, another week)."""
    if changed:
        names = list(changed)
        shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return [f"The articles' claims are judged only at the published parameters (in the published run of this "
                f"notebook and in the claims audit, notebook 05). This run sets {shown} to other values, so its "
                "numbers answer another question than the articles ask."]
    ledger = rawdata.read_table(CLAIMS)
    computed = {item.statistic: item for item in statistics}
    sentences = []
    for claim in ledger[ledger["notebook"] == notebook].to_dict("records"):
        label = f"“{claim['label']}” ({claim['article']})"
        if claim["check"] == "compare":
            item = computed.get(claim["statistic"])
            if item is None:
                sentences.append(f"{label}: not checked in this run, whose parameters do not compute what the claim "
                                 f"refers to ({claim['period']}); the published parameters do.")
                continue
            claim["caveat"] = _filled(claim.get("caveat"), statistics)
            verdict = verdicts.judge(claim, item.value, verdicts.bound_of(item.unit), tolerance_exact, tolerance_about)
            sentences.append(f"{label}: {verdict.verdict}. {_capital(verdict.reason)}.")
        elif claim["check"] == "trend":
            sentences.append(f"{label}: weighed on the count and on the share of detainers issued together (above); "
                             "its verdict, with both readings in its reason, is in the claims audit (notebook 05).")
        elif claim["check"] == "not_verifiable":
            settled = claim.get("settled_by")
            sentences.append(f"{label}: cannot be known from the public record"
                             + (f"; it would take {settled}." if isinstance(settled, str) and settled else "."))
    return sentences


def _filled(text, statistics: list[Statistic]):
    """A ledger text with each ``{statistic}`` replaced by its value: from this notebook's statistics, or
    else from the results table (the claims audit, notebook 05, refuses a name nobody computes; here it
    stays as written)."""
    if not isinstance(text, str):
        return text
    known = {item.statistic: (item.value, item.unit) for item in statistics}
    try:
        table = results.load()
        known = {**dict(zip(table["statistic"], zip(table["value"], table["unit"]))), **known}
    except FileNotFoundError:
        pass
    return results.fill(text, lambda name: display(*known[name]) if name in known else f"{{{name}}}")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
