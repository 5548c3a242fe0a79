"""Body fingerprints: a majority vote of the word triples' hashes, bit by bit."""

import hashlib
import random
import re

from archive.ingest.store import distance, simhash


def reference(text):
    """The fingerprint as its definition says, one bit at a time."""
    words = re.findall(r"\w+", text.lower())
    triples = [" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))]
    hashes = [int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "little") for t in triples]
    value = sum(1 << bit for bit in range(64) if 2 * sum(h >> bit & 1 for h in hashes) > len(hashes))
    return value - (1 << 64) if value >= 1 << 63 else value


def texts():
    rng = random.Random(11)
    vocabulary = "the sanctions treaty NATO alliance Москва санкции naïve 2024 e.g. — co-operation".split()
    yield from ["", "   ", "one", "one two", "one two three", ",,, ...", "Один два три четыре"]
    for n in (4, 10, 100, 1500):
        for _ in range(10):
            yield " ".join(rng.choices(vocabulary, k=n))


def test_it_gives_the_majority_of_the_triples_hashes_bit_by_bit():
    assert [simhash(t) for t in texts()] == [reference(t) for t in texts()]


def test_it_fits_a_signed_bigint_and_moves_few_bits_for_a_small_edit():
    rng = random.Random(2)
    words = [rng.choice(["policy", "sanctions", "treaty", "border", "summit", "energy", "trade"]) + str(i % 97)
             for i in range(800)]
    text = " ".join(words)
    edited = " ".join(words[:400] + ["changed"] + words[401:])
    assert all(-(1 << 63) <= simhash(t) < 1 << 63 for t in (text, edited))
    assert distance(simhash(text), simhash(edited)) <= 6 < distance(simhash(text), simhash(" ".join(reversed(words))))
