"""The report as a reader sees it, in headless Chromium: archived alone, every page shows its figures;
no page scrolls sideways at 1,280 px; the index reads at 400 px; every notebook page links back to the
index and has a title in words (that every link stays inside the report: test_conventions.py); and axe-core,
the accessibility engine, finds no serious or critical violation on any page.

Chromium comes from the system's packages (`.ci/run` installs it where it is missing, and sets
REQUIRE_CHROMIUM=1 so that CI cannot pass without it); elsewhere these tests say they were skipped.
axe-core comes from the npm registry at the version pinned in tests/axe/package-lock.json, installed into
tests/axe/node_modules (`npm ci`) when it is missing."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess

import pytest

from helpers import ROOT, once

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
if CHROMIUM is None:
    if os.environ.get("REQUIRE_CHROMIUM"):
        raise RuntimeError("REQUIRE_CHROMIUM is set but no Chromium is installed (apt-get install chromium)")
    pytestmark = [pytest.mark.slow, pytest.mark.skip(
        reason="skipped: no headless Chromium on this machine (apt-get install chromium), so the report's "
               "page widths were NOT measured")]

PAGES = sorted(p.name for p in (ROOT / "report").glob("*.html"))
WIDE, NARROW = 1280, 400
# one Chromium start for every measurement: the harness shows each page in a frame of a given width,
# and writes what each page measures into its own DOM, which Chromium prints
AXE = ROOT / "tests" / "axe"
# axe-core's impacts, mildest first; a page passes with none of these
BLOCKING = ("serious", "critical")
HARNESS = """<!DOCTYPE html><html><body style="margin:0">
{frames}
<script>
window.addEventListener('load', async () => {{
  const out = {{}};
  for (const f of document.querySelectorAll('iframe')) {{
    const d = f.contentDocument, e = d.documentElement;
    out[f.dataset.key] = {{scroll: e.scrollWidth, client: e.clientWidth, title: d.title,
      back: d.querySelectorAll('a[href="index.html"]').length,
      // the smallest text size of claim identifiers and of table cells, in px
      sizes: Object.fromEntries([['claim id', 'code.id'], ['table cell', 'td']].map(([what, css]) => [what,
        Math.min(...[...d.querySelectorAll(css)].map(e => parseFloat(getComputedStyle(e).fontSize)))])),
      broken: [...d.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt || i.src.slice(0, 60))}};
  }}
  // axe-core, loaded into each page at the wide width (what it checks does not depend on the width)
  for (const f of document.querySelectorAll('iframe[data-axe]')) {{
    try {{
      const script = f.contentDocument.createElement('script');
      await new Promise((loaded, failed) => {{
        script.onload = loaded; script.onerror = () => failed('could not load axe-core');
        script.src = '.axe.js'; f.contentDocument.head.appendChild(script);
      }});
      const found = await f.contentWindow.axe.run(f.contentDocument, {{resultTypes: ['violations']}});
      out[f.dataset.key].violations = found.violations.map(v => ({{rule: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.length, where: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
        // for contrast: each distinct text colour on its background, with its ratio and size
        colours: [...new Set(v.nodes.flatMap(n => n.any).map(c => c.data).filter(c => c && c.contrastRatio)
          .map(c => `${{c.fgColor}} on ${{c.bgColor}} ${{c.contrastRatio}}:1 at ${{c.fontSize}}`))]}}));
    }} catch (error) {{
      out[f.dataset.key].axe_error = String(error);
    }}
  }}
  document.body.setAttribute('data-measured', JSON.stringify(out));
}});
</script></body></html>"""


def axe_core() -> str:
    """axe-core's script, installed at the pinned version (tests/axe/package-lock.json) when missing."""
    script = AXE / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("axe-core is not installed in tests/axe and npm is missing to install it (apt-get install npm)")
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=AXE, check=True,
                       capture_output=True, timeout=300)
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """report/ copied alone into an empty folder, as someone who archives it would have it, and every page
    measured there: at 1,280 px, and the index at 400 px too (once a session, whichever worker asks first)."""
    folder, found = once(tmp_path_factory, "report-pages", measure)
    return folder / "report", found


def measure(folder):
    archive = folder / "report"
    shutil.copytree(ROOT / "report", archive)
    views = [(page, WIDE) for page in PAGES] + [("index.html", NARROW)]
    frames = "\n".join(f'<iframe data-key="{page}@{width}" src="{page}"{" data-axe" if width == WIDE else ""} '
                       f'style="width:{width}px;height:600px;border:0"></iframe>' for page, width in views)
    harness = archive / ".harness.html"
    harness.write_text(HARNESS.format(frames=frames), encoding="utf-8")
    (archive / ".axe.js").write_text(axe_core(), encoding="utf-8")
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--allow-file-access-from-files", f"--user-data-dir={archive.parent / 'profile'}",
         "--window-size=1400,1000", "--virtual-time-budget=60000", "--dump-dom", harness.as_uri()],
        capture_output=True, text=True, timeout=300)
    harness.unlink()
    (archive / ".axe.js").unlink()
    found = re.search(r'data-measured="([^"]*)"', result.stdout)
    assert found, f"Chromium measured nothing:\n{result.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize("page", PAGES)
def test_no_page_scrolls_sideways_at_1280_px(measured, page):
    seen = measured[1][f"{page}@{WIDE}"]
    assert seen["scroll"] <= seen["client"], f"{page} is {seen['scroll']} px wide in a {seen['client']} px window"
    assert not seen["broken"], f"{page}, archived alone, has images that do not load: {seen['broken']}"


def test_the_index_reads_at_400_px(measured):
    seen = measured[1][f"index.html@{NARROW}"]
    assert seen["scroll"] <= seen["client"], f"index.html is {seen['scroll']} px wide in a {seen['client']} px window"


@pytest.mark.parametrize("page", [p for p in PAGES if p != "index.html"])
def test_every_notebook_page_links_back_and_has_a_title_in_words(measured, page):
    seen = measured[1][f"{page}@{WIDE}"]
    assert seen["back"] >= 1, f"{page} has no link back to index.html"
    assert seen["title"] and seen["title"] != page.removesuffix(".html") and " " in seen["title"], \
        f"{page} is titled {seen['title']!r}, not in words"


@pytest.mark.parametrize("page", PAGES)
def test_axe_core_finds_no_serious_or_critical_violation(measured, page):
    seen = measured[1][f"{page}@{WIDE}"]
    assert "axe_error" not in seen, f"axe-core failed on {page}: {seen['axe_error']}"
    assert "violations" in seen, f"axe-core did not finish on {page}"
    blocking = [v for v in seen["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{page}: " + "; ".join(
        f"{v['impact']} {v['rule']} ({v['help']}) at {v['nodes']} places, e.g. {v['where']}" for v in blocking)


def test_the_index_text_is_of_readable_size(measured):
    """Claim identifiers at least 12 px, the claims table at least 14 px (at 1,280 px; they were 8.2 and 11.7)."""
    sizes = measured[1][f"index.html@{WIDE}"]["sizes"]
    assert sizes["claim id"] >= 12 and sizes["table cell"] >= 14, sizes
