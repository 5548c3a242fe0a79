"""Building many documents into the index at once: postings gathered by term, written as whole lists.

Whoosh's writer puts every posting of every document into a sorting pool as a tuple (with
runs spilled to disk and merged back once the pool passes its memory limit), and at commit
walks them one by one, looking up each posting's field length in the new segment's length
column as it goes: for a 1,200-word article about a thousand tuples, a dozen calls each. For
a bulk build (update_batches), BulkSegmentWriter instead keeps each term's postings in
compact arrays as the documents arrive (they arrive in document order, so no sort is needed
but the terms'), and at commit writes each term's list block by block, with the lengths read
once per field. The blocks, term infos and segment files are the ones Whoosh's own writer
makes of the same documents (the tests compare them byte for byte; a short list inlined in the
term table can differ only in how pickle shares equal values), so every reader and merge reads
them as before. Schemas with term vectors or spelling words are left to Whoosh's writer.
BulkMpWriter runs such writers in sub-processes, as Whoosh's MpWriter runs its own, and lets
each start a new segment when its pool reaches POOL_LIMIT_MB.
"""

import pickle
import queue
from array import array

import numpy
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

from archive.search.scoring import LENGTH_OF_BYTE

POOL_LIMIT_MB = 256  # a sub-process's postings in memory before it writes them out as a segment
_TERM_BYTES = 400  # what a new term costs the pool, roughly: its key and four arrays
_POSTING_BYTES = 16  # what a posting costs it beside its value's bytes


class TermPool:
    """Postings by (field name, term bytes): document numbers, weights, values joined, value lengths.

    It takes the place of Whoosh's PostingPool in a writer (add() as its, for each posting in document order).
    """

    def __init__(self):
        self.terms = {}
        self.size = 0

    def add(self, item):
        fieldname, btext, docnum, weight, value = item
        entry = self.terms.get((fieldname, btext))
        if entry is None:
            entry = self.terms[(fieldname, btext)] = (array("I"), array("d"), bytearray(), array("I"))
            self.size += _TERM_BYTES
        ids, weights, values, lengths = entry
        ids.append(docnum)
        weights.append(weight)
        if value:
            values += value
            lengths.append(len(value))
            self.size += _POSTING_BYTES + len(value)
        else:
            lengths.append(0)
            self.size += _POSTING_BYTES

    def sorted_terms(self):
        """(field name, term bytes, ids, weights, [value of each posting]) in the order a segment is written."""
        for key in sorted(self.terms):
            ids, weights, joined, lengths = self.terms[key]
            ids = numpy.frombuffer(ids, dtype=numpy.uint32)
            if len(ids) > 1 and (ids[1:] <= ids[:-1]).any():
                # Documents (and merged segments' documents) are numbered as they are added.
                raise ValueError(f"postings of {key!r} out of document order")
            yield key[0], key[1], ids, numpy.frombuffer(weights, dtype=numpy.float64), _split(joined, lengths)

    def cleanup(self):
        self.terms.clear()
        self.size = 0


def _split(joined, lengths):
    """The values joined in bytes, cut back apart by their lengths."""
    joined = bytes(joined)
    ends = numpy.cumsum(numpy.frombuffer(lengths, dtype=numpy.uint32), dtype=numpy.int64).tolist()
    starts = [0, *ends[:-1]]
    return [joined[a:b] for a, b in zip(starts, ends)]


class BulkSegmentWriter(SegmentWriter):
    """A segment writer whose pool is a TermPool and whose commit writes each term's postings as a whole."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        if not supports(self.schema):
            self.cancel()
            raise ValueError("a schema with term vectors or separate spelling fields needs Whoosh's own writer")
        self.pool = TermPool()

    def pool_is_full(self):
        return self.pool.size > POOL_LIMIT_MB * 1024 * 1024

    def _flush_segment(self):
        self.perdocwriter.close()
        perdoc = self.per_document_reader() if self.codec.length_stats else None
        try:
            write_terms(self.fieldwriter, self.schema, self.pool.sorted_terms(), _Lengths(perdoc))
        finally:
            self.fieldwriter.close()
            if perdoc:
                perdoc.close()


def supports(schema):
    """Whether the bulk writer can write this schema's documents (no term vectors, no spelling words)."""
    return not any(field.vector or field.separate_spelling() for _, field in schema.items())


class _Lengths:
    """Each field's document lengths in the new segment, decoded as Whoosh's doc_field_length decodes them."""

    def __init__(self, perdoc):
        self.perdoc = perdoc
        self.fields = {}

    def __call__(self, fieldname):
        lengths = self.fields.get(fieldname)
        if lengths is None:
            column = self.perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN) if self.perdoc else None
            if column is None:
                lengths = numpy.zeros(self.perdoc.doc_count_all() if self.perdoc else 0, dtype=numpy.int64)
            else:
                lengths = LENGTH_OF_BYTE[numpy.frombuffer(column.load(), dtype=numpy.uint8)]
            self.fields[fieldname] = lengths
        return lengths


def write_terms(fieldwriter, schema, terms, lengths_of):
    """Write (field name, term, ids, weights, values) lists, in order, as FieldWriter.add_postings would."""
    field = None
    for fieldname, btext, ids, weights, values in terms:
        if fieldname != field:
            if field is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            field, lengths = fieldname, lengths_of(fieldname)
        fieldwriter.start_term(btext)
        add_postings(fieldwriter._postwriter, ids, weights, values, lengths[ids] if len(lengths) else None)
        fieldwriter.finish_term()
    if field is not None:
        fieldwriter.finish_field()


def add_postings(postwriter, ids, weights, values, lengths):
    """One term's postings into a W3PostingsWriter, block by block, as add_posting() one by one would."""
    limit = postwriter._blocklimit
    count = len(ids)
    for start in range(0, count, limit):
        end = min(start + limit, count)
        if postwriter._ids:  # a block is full: add_posting writes it when the next posting comes
            postwriter._write_block()
        block = weights[start:end]
        postwriter._ids = array("I", ids[start:end].tobytes())
        postwriter._weights = array("f", block.tolist())
        postwriter._values = [v for v in values[start:end] if v]
        # add_posting keeps the largest weight above 0 (a NaN is never larger).
        postwriter._maxweight = max(0.0, float(numpy.nanmax(block))) if not numpy.isnan(block).all() else 0
        known = lengths[start:end] if lengths is not None else numpy.zeros(0)
        known = known[known > 0]
        postwriter._minlength = int(known.min()) if len(known) else None
        postwriter._maxlength = int(known.max()) if len(known) else 0


class BulkSubWriterTask(SubWriterTask):
    """Whoosh's sub-process writer task, with a BulkSegmentWriter, starting a new segment when its pool is full."""

    def run(self):
        ix = self.storage.open_index(self.indexname)
        self.writer = BulkSegmentWriter(ix, _lk=False, **self.kwargs)
        segments = []
        while self.running:
            jobinfo = self.jobqueue.get()
            if jobinfo is None:
                break
            self._process_file(*jobinfo)
            if self.writer.pool_is_full():
                segments.append(self.writer._finalize_segment())
                self.writer = BulkSegmentWriter(ix, _lk=False, **self.kwargs)
        if not self.running:
            self.writer.cancel()
            return
        if self.writer._added:
            segments.append(self.writer._finalize_segment())
        else:
            self.writer._close_segment()
        self.resultqueue.put(segments)


class WriterProcessFailed(RuntimeError):
    pass


class BulkMpWriter(MpWriter):
    """MpWriter (multisegment) whose sub-processes are BulkSubWriterTasks; a failed one fails the commit."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, multisegment=True, **kwargs)

    def _new_task(self):
        task = BulkSubWriterTask(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, True)
        self.tasks.append(task)
        task.start()
        return task

    def _enqueue(self):
        # MpWriter's, but a job is never left waiting for processes that have ended.
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as f:
            for item in self.docbuffer:
                pickle.dump(item, f, 2)
        if len(self.tasks) < self.procs:
            self._new_task()
        self._put((filename, len(self.docbuffer)))
        self.docbuffer = []

    def _put(self, job):
        while True:
            try:
                return self.jobqueue.put(job, timeout=1)
            except queue.Full:
                self._check_tasks()

    def _check_tasks(self):
        # A process that failed (or was killed, perhaps holding the job queue's lock, which would
        # leave the others waiting for ever) fails the whole build: its documents are not written.
        failed = any(task.exitcode not in (None, 0) for task in self.tasks)
        if failed or (all(not task.is_alive() for task in self.tasks) and self.resultqueue.empty()):
            codes = [task.exitcode for task in self.tasks]
            self.cancel()
            raise WriterProcessFailed(f"an index writer process ended without its segments (exit codes {codes})")

    def cancel(self):
        """Stop the writer processes (their unfinished segments are left for the next commit to clear)."""
        if self.is_closed:
            return
        for task in self.tasks:
            if task.is_alive():
                task.terminate()
        for task in self.tasks:
            task.join()
        SegmentWriter.cancel(self)

    def _commit(self, mergetype, optimize, merge):
        if self.docbuffer:
            self._enqueue()
        for _ in self.tasks:
            self._put(None)
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        results = []
        while len(results) < len(self.tasks):
            try:
                results.append(self.resultqueue.get(timeout=1))
            except queue.Empty:
                self._check_tasks()
        for task in self.tasks:
            task.join()
        for segments in results:
            finalsegments += segments
        if self._added:
            finalsegments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finalsegments)
        self._finish()
