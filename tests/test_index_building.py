"""The fast index build writes what Whoosh's own analyzers and writer would write."""

import os
import pickle
import random
import signal
import time

import pytest
from whoosh.analysis import FancyAnalyzer, LanguageAnalyzer, NgramAnalyzer, StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from archive.search import building
from archive.search.building import BulkMpWriter, BulkSegmentWriter, WriterProcessFailed
from archive.search.codec import ArrayCodec
from archive.search.fields import FastText

# The analyzers of the archive's schema, as (analyzer, phrase).
ARCHIVE_ANALYZERS = [
    (StemmingAnalyzer(), True),
    (StandardAnalyzer(stoplist=None, minsize=3), False),
    (LanguageAnalyzer("ru"), True),
    (StandardAnalyzer(stoplist=None), True),
]
VOCABULARY = """the a of and to in NATO's U.S. E.U. sanctions Sanctions SANCTIONS running runs ran ratified
treaties treaty 2024 3.5 1.2.3 foo..bar e.g. it's naïve façade İstanbul straße ΣΊΣΥΦΟΣ Москва России внешней
политики политика x y z — … "quoted" (parenthesised) co-operation re-elected a.k.a. *starred* _under_ 12th""".split()


def texts():
    rng = random.Random(5)
    yield from ["", "   ", "the of and a", "x" * 300 + " word", "Sanctions, sanctions; SANCTIONS!"]
    for n in (1, 2, 7, 40, 400):
        for _ in range(5):
            yield rng.choice([" ", "\n", ", ", ". "]).join(rng.choices(VOCABULARY, k=n))


@pytest.mark.parametrize("analyzer, phrase", ARCHIVE_ANALYZERS)
def test_it_indexes_the_terms_counts_weights_and_positions_whooshs_analyzer_gives(analyzer, phrase):
    theirs, ours = TEXT(analyzer=analyzer, phrase=phrase), FastText(analyzer=analyzer, phrase=phrase)
    assert ours._plan() is not None  # the fast path, not Whoosh's
    for text in texts():
        assert sorted(ours.index(text)) == sorted(theirs.index(text)), text


@pytest.mark.parametrize("analyzer", [FancyAnalyzer(), NgramAnalyzer(3)])
def test_it_takes_whooshs_own_path_for_analyzers_it_does_not_know(analyzer):
    theirs, ours = TEXT(analyzer=analyzer), FastText(analyzer=analyzer)
    assert ours._plan() is None
    for text in texts():
        assert sorted(ours.index(text)) == sorted(theirs.index(text))


def test_it_is_pickled_into_the_index_without_its_plan():
    field = FastText(analyzer=StemmingAnalyzer(), phrase=True)
    list(field.index("treaties ratified"))
    copy = pickle.loads(pickle.dumps(field))
    assert "_fast_plan" not in copy.__dict__
    assert sorted(copy.index("treaties ratified")) == sorted(field.index("treaties ratified"))


def schema():
    return Schema(id=ID(stored=True, unique=True), text=FastText(analyzer=StemmingAnalyzer(), phrase=True),
                  spell=FastText(analyzer=StandardAnalyzer(stoplist=None), phrase=False),
                  tags=KEYWORD(commas=True, scorable=False), year=NUMERIC(numtype=int, bits=32, sortable=True),
                  lang=ID(sortable=True))


def documents(n, seed=3):
    rng = random.Random(seed)
    words = "arctic sanctions gas pipeline treaty summit nuclear alliance border trade tariff envoy".split()
    for i in range(n):
        text = " ".join(rng.choices(words, k=rng.randint(0, 60)) + [f"rare{i % 7}", f"unique{i}"])
        doc = {"id": str(i), "text": text, "spell": " ".join(sorted(set(text.split()))),
               "tags": ",".join(rng.sample(["a", "b", f"t{i % 9}"], 2)), "lang": "ru" if i % 5 == 0 else "en"}
        if i % 4:
            doc["year"] = 1995 + i % 30  # and some documents without
        yield doc


def new_index(path):
    return FileStorage(str(path)).create().create_index(schema())


def written(index, writer_class, docs, **kwargs):
    writer = writer_class(index, codec=ArrayCodec(), compound=False, **kwargs)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    return index


def segment_files(index):
    """{file extension or column: bytes} of an index's one segment."""
    (segment,) = index._segments()
    prefix = segment.segment_id()
    folder = index.storage.folder
    return {name[len(prefix):]: open(os.path.join(folder, name), "rb").read()
            for name in os.listdir(folder) if name.startswith(prefix)}


def by_document(index):
    """Every posting and block statistic, with documents named by id rather than number."""
    out = set()
    with index.reader() as reader:
        ids = {n: fields["id"] for n, fields in reader.iter_docs()}
        for fieldname, text in reader.all_terms():
            info = reader.term_info(fieldname, text)
            out.add((fieldname, text, info.weight(), info.doc_frequency(), info.max_weight()))
            for segment_reader, base in reader.leaf_readers():
                if (fieldname, text) in segment_reader:
                    matcher = segment_reader.postings(fieldname, text)
                    for docnum, weight, value in zip(*_postings(matcher)):
                        out.add((fieldname, text, ids[base + docnum], weight, value))
    return out


def _postings(matcher):
    found = [], [], []
    while matcher.is_active():
        found[0].append(matcher.id())
        found[1].append(matcher.weight())
        found[2].append(matcher.value())
        matcher.next()
    return found


def test_it_writes_the_segment_whooshs_writer_writes(tmp_path):
    docs = list(documents(700))  # common words' lists take several blocks of 128
    theirs = written(new_index(tmp_path / "theirs"), SegmentWriter, docs)
    ours = written(new_index(tmp_path / "ours"), BulkSegmentWriter, docs)
    mine, whooshs = segment_files(ours), segment_files(theirs)
    assert mine.keys() == whooshs.keys() and ".pst" in mine
    for name in whooshs:
        assert mine[name] == whooshs[name], name  # the same bytes: postings, term table, lengths, columns


def test_it_builds_with_processes_starting_new_segments_as_their_pools_fill(tmp_path, monkeypatch):
    monkeypatch.setattr(building, "POOL_LIMIT_MB", 0.05)  # (the writer processes are forked after this)
    docs = list(documents(600, seed=8))
    theirs = written(new_index(tmp_path / "theirs"), SegmentWriter, docs)
    ours = written(new_index(tmp_path / "ours"), BulkMpWriter, docs, procs=2, batchsize=50)
    assert len(ours._segments()) > 2  # more than one segment per process
    assert by_document(ours) == by_document(theirs)
    with ours.searcher() as searcher:
        assert searcher.doc_count() == 600


def test_it_fails_the_commit_when_a_writer_process_fails_and_keeps_the_index_as_it_was(tmp_path):
    index = written(new_index(tmp_path / "index"), SegmentWriter, documents(20))
    writer = BulkMpWriter(index, procs=2, batchsize=5, codec=ArrayCodec(), compound=False)
    for doc in documents(30):
        writer.add_document(**{**doc, "id": f"new{doc['id']}"})
    writer.add_document(id="bad", text="x", year="not a number")  # raises in the writer process
    with pytest.raises(WriterProcessFailed):
        writer.commit()
    with index.refresh().searcher() as searcher:
        assert searcher.doc_count() == 20
    written(index.refresh(), BulkMpWriter, documents(5, seed=1), procs=2)  # and the index is not locked


def test_it_merges_existing_segments_into_its_own_as_whooshs_writer_does(tmp_path):
    docs = list(documents(300, seed=4))
    built = []
    for name, writer_class in (("theirs", SegmentWriter), ("ours", BulkSegmentWriter)):
        index = written(new_index(tmp_path / name), SegmentWriter, docs[:120])
        with index.writer(codec=ArrayCodec(), compound=False) as writer:
            writer.delete_by_term("id", "5")  # a deletion: merged documents are renumbered
        writer = writer_class(index.refresh(), codec=ArrayCodec(), compound=False)
        for doc in docs[120:]:
            writer.add_document(**doc)
        writer.commit(optimize=True)  # the old segment's postings come after the new documents'
        built.append(index.refresh())
    theirs, ours = built
    assert len(ours._segments()) == 1
    assert by_document(ours) == by_document(theirs)


@pytest.fixture
def no_hang():
    """Fail a test that would wait for ever (a writer waiting on a dead process) instead of hanging."""
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the writer hung"))
    signal.alarm(60)
    yield
    signal.alarm(0)


@pytest.mark.parametrize("which", [0, 1])
def test_it_fails_the_build_when_a_writer_process_is_killed_while_it_waits(tmp_path, which, no_hang):
    # A process killed while it waits for a job may hold the job queue's lock: the other then waits for ever.
    index = new_index(tmp_path / "index")
    writer = BulkMpWriter(index, procs=2, batchsize=5, codec=ArrayCodec(), compound=False)
    docs = list(documents(80))
    for doc in docs[:10]:
        writer.add_document(**doc)  # two jobs: both processes started
    time.sleep(1.5)
    os.kill(writer.tasks[which].pid, signal.SIGKILL)
    with pytest.raises(WriterProcessFailed):
        for doc in docs[10:]:
            writer.add_document(**doc)
        writer.commit()
    writer.cancel()  # (as update_batches does on any error): nothing more to stop, no second error
    assert not any(task.is_alive() for task in writer.tasks)
    assert index.refresh().doc_count() == 0
    written(index.refresh(), BulkMpWriter, documents(5), procs=2)  # the index is not left locked


def test_it_stops_its_processes_when_cancelled(tmp_path, no_hang):
    writer = BulkMpWriter(new_index(tmp_path / "index"), procs=2, batchsize=5, codec=ArrayCodec(), compound=False)
    for doc in documents(10):
        writer.add_document(**doc)
    writer.cancel()
    assert writer.tasks and not any(task.is_alive() for task in writer.tasks)


def test_it_leaves_schemas_with_spelling_words_to_whooshs_writer(tmp_path):
    spelled = Schema(id=ID(stored=True), text=TEXT(analyzer=StemmingAnalyzer(), spelling=True))
    index = FileStorage(str(tmp_path)).create().create_index(spelled)
    assert not building.supports(spelled) and building.supports(schema())
    with pytest.raises(ValueError, match="Whoosh's own writer"):
        BulkSegmentWriter(index)
    written(index, SegmentWriter, [{"id": "1", "text": "gas"}])  # and the index is not left locked
