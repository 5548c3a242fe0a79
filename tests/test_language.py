"""Language identification gives exactly what py3langid gives, without its byte-by-byte loop."""

import random
from pathlib import Path

import numpy as np
import py3langid

from archive.ingest import language

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "The ministers met in Brussels to discuss sanctions and the future of the alliance.",
    "Die Außenminister trafen sich in Brüssel, um über Sanktionen zu beraten.",
    "Les ministres se sont réunis à Bruxelles pour discuter des sanctions économiques.",
    "Los ministros se reunieron en Bruselas para debatir las sanciones y la alianza.",
    "Министры встретились в Брюсселе, чтобы обсудить санкции и будущее альянса.",
    "外交部长们在布鲁塞尔会面，讨论制裁问题。",
    "اجتمع الوزراء في بروكسل لمناقشة العقوبات ومستقبل التحالف.",
    "Οι υπουργοί συναντήθηκαν στις Βρυξέλλες για να συζητήσουν τις κυρώσεις.",
    "Bakanlar yaptırımları görüşmek üzere Brüksel'de bir araya geldi.",
    "THE MINISTERS MET IN BRUSSELS TO DISCUSS SANCTIONS.",
]
ALPHABET = "abcdefghijklmnopqrstuvwxyz ÄÖÜßéèàçñ ЖжЯяЁё 中文日本語 ελληνικά العربية 😀\u0301\u200b'\"-.,\n"


def texts():
    rng = random.Random(7)
    yield from ["", " ", "a", "ab", "abcde", "abcdef", "abcdefg", "\ud800 lone surrogate", "日本", "😀"]
    yield from SENTENCES
    for _ in range(200):  # mixtures of the sentences, cut anywhere
        text = " ".join(rng.choices(SENTENCES, k=rng.randint(1, 12)))
        start = rng.randrange(len(text))
        yield text[start : start + rng.randint(1, 5000)]
    for _ in range(300):
        yield "".join(rng.choices(ALPHABET, k=rng.randint(0, 80)))
    for path in sorted((ROOT / "seeds").iterdir()) + sorted((ROOT / "tests" / "captures").glob("cap_*")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        yield text[:5000]
        yield text[len(text) // 2 : len(text) // 2 + 400]


def test_it_gives_py3langids_language_and_score_for_every_text():
    fast = language._identifier()
    differing = [text for text in texts() if fast.classify(text) != py3langid.classify(text)]
    assert differing == []


def test_it_identifies_the_language_of_each_sentence():
    found = [language.identify(text) for text in SENTENCES]
    assert found == ["en", "de", "fr", "es", "ru", "zh", "ar", "el", "tr", "en"]


def test_it_walks_the_whole_depth_of_the_automaton():
    fast = language._identifier()
    assert fast._depth == language._deepest(fast._next, fast._base) > 1
    # A window one byte short of the deepest state miscounts: the depth found is the one needed.
    text = " ".join(SENTENCES).encode()
    data = np.frombuffer(text, dtype=np.uint8).astype(np.intp)
    whole = fast._features(data)
    try:
        fast._depth -= 1
        short = fast._features(data)
    finally:
        fast._depth += 1
    assert not np.array_equal(np.sort(whole), np.sort(short))
