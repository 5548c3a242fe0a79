"""Related articles: the terms that set an article apart, and the articles that share them.

Whoosh's own key terms (Bo1) favour words frequent in the text, and in a collection of
articles on foreign policy those are the words every article uses ("russia", "policy",
"state"): an OR of them scores nearly every document, in pure Python, and says little
about which articles are alike. Here a term counts by tf·idf and terms found in more than
MAX_SHARE of the documents are left out, as are terms no other document has: the query
then reads a few short posting lists, and the articles it finds share what is particular
to this one.
"""

import heapq
import math
from collections import Counter

from whoosh import query as wq

NUMTERMS = 12
# A term in more than this share of the documents does not tell articles apart.
MAX_SHARE = 0.05
# In a small collection every term is in a large share of it: allow at least this many documents.
MIN_COMMON = 20


def key_terms(reader, fieldname, text, numterms=NUMTERMS):
    """[(term, weight)] of the text's most distinctive indexed terms, best first; weights in (0, 1]."""
    field = reader.schema[fieldname]
    counts = Counter()
    for btext, freq, _weight, _value in field.index(text):
        counts[btext] += freq
    total = reader.doc_count()
    most = max(MIN_COMMON, int(total * MAX_SHARE))
    scored = []
    for btext, tf in counts.items():
        df = reader.doc_frequency(fieldname, btext)
        if 1 < df <= most:
            scored.append(((1 + math.log(tf)) * math.log(1 + total / df), btext))
    best = heapq.nlargest(numterms, scored)
    if not best:
        return []
    top = best[0][0]
    return [(field.from_bytes(btext), score / top) for score, btext in best]


def query_for(reader, fieldname, text, numterms=NUMTERMS):
    """An OR query of the text's key terms, each boosted by its weight; None when it has none."""
    terms = key_terms(reader, fieldname, text, numterms)
    if not terms:
        return None
    return wq.Or([wq.Term(fieldname, term, boost=weight) for term, weight in terms])
