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
