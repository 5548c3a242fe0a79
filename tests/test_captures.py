"""The invented captures of tests/captures/ against their expected results (tests/captures/expected.json)."""

from pathlib import Path

from archive.ingest.importer import import_paths
from archive.models import Capture
from tests.scoring import capture_files, load_spec, score

CAPTURES = Path(__file__).parent / "captures"


def test_it_extracts_the_invented_captures_without_a_wrong_value(db):
    report = import_paths(capture_files(CAPTURES), progress=False, index=False)
    assert report.count("rejected") == 0
    by_file = {c.file_name: c.article for c in Capture.objects.select_related("article")}
    counts, misses = score(load_spec(CAPTURES / "expected.json"), by_file)
    wrong = [m for m in misses if counts and m[3] not in (None, [], "")]
    assert wrong == []
    right = sum(n for (field, verdict), n in counts.items() if verdict == "right")
    assert right >= 0.97 * sum(counts.values())


def test_it_recognises_the_syndicated_copy(db):
    report = import_paths(capture_files(CAPTURES), progress=False, index=False)
    statuses = {Path(f.path).name: f.status for f in report.files}
    assert statuses["cap_10_syndicated_copy.txt"] == "duplicate"


def test_it_cleans_the_bodies_of_the_invented_captures(db):
    import json

    import_paths(capture_files(CAPTURES), progress=False, index=False)
    spec = json.loads((CAPTURES / "expected.json").read_text(encoding="utf-8"))["captures"]
    by_file = {c.file_name: c.article for c in Capture.objects.select_related("article")}
    problems = []
    for name, expected in spec.items():
        if "duplicate_of" in expected:
            continue
        text = by_file[name].body_text
        problems += [(name, "leak", p) for p in expected.get("must_not_contain", []) if p in text]
        problems += [(name, "missing", p) for p in expected.get("must_contain", []) if p not in text]
        if expected.get("body_first") and not text.startswith(expected["body_first"]):
            problems.append((name, "first", text[:60]))
        if expected.get("body_last") and not text.endswith(expected["body_last"]):
            problems.append((name, "last", text[-60:]))
    assert problems == []
