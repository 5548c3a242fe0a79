"""A tiny run of the benchmarks (not timed): every system runs and results.json has every key."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = ["size", "import_rate.archive", "import_rate.stock_update_index", "search_p95_ms.archive",
        "search_p95_ms.stock_haystack", "search_p95_ms.fts5", "browse_p95_ms", "article_p95_ms",
        "index_update_p95_ms", "load.requests_per_s", "load.errors"]


def test_it_runs_the_bench_at_a_tiny_size_and_writes_every_figure(tmp_path):
    out = tmp_path / "results.json"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--size", "30", "--rounds", "1", "--load-seconds", "2",
         "--corpus-dir", str(tmp_path / "corpus"), "--out", str(out)],
        cwd=ROOT, check=True, timeout=600, capture_output=True,
    )
    results = json.loads(out.read_text())
    for key in KEYS:
        value = results
        for part in key.split("."):
            value = value[part]
        assert isinstance(value, (int, float)), key
    assert results["load"]["errors"] == 0, results["load"].get("error_samples")
    assert results["search_errors"] == {"archive": 0, "stock": 0, "fts5": 0}
