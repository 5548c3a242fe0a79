"""The version of an article's search document: what it was built from, as a short hash.

An article's document goes stale when the article changes, and also when one of its
authors, themes or its source is renamed, merged or deleted without the article
itself being saved; the version covers all of them.
"""

import hashlib


def version(updated, source, authors, themes):
    """A short hash of the article's update time, (slug, name) of its source, authors (in order) and themes."""
    parts = [updated.isoformat(), repr(tuple(source) if source else None),
             repr([tuple(a) for a in authors]), repr(sorted(tuple(t) for t in themes))]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=8).hexdigest()
