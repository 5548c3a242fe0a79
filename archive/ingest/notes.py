"""Authors' notes: whom a note is about ("Jane Doe is a senior fellow at …"), and a note about
several authors split into one note for each."""

import re

from archive.ingest import patterns as P
from archive.ingest.clean import BIO, Unit

_WORD = r"[^\W\d_][\w.’'\-]*"
_VERB = (r"(?:is|was|serves|has been|works|teaches|heads|leads|directs|"
         # French, Spanish, Italian, Portuguese, German, Russian.
         r"est|était|es|era|è|é|ist|war|является|работает|возглавляет)")
_NOTE = re.compile(rf"^(?P<name>{_WORD}(?:\s+{_WORD}){{1,3}})\s*(?:,\s*[^,]{{0,80}},\s*)?\s+(?:{_VERB}|—|–|-)\s+")


def note_start(text):
    """The name a note about someone starts with ("Søren Example is a fellow at …", "Jane Doe, a former
    minister, was …"), or None. Names in any alphabet count; each word capitalised, but for particles."""
    m = _NOTE.match(text)
    if not m:
        return None
    words = m.group("name").split()
    if not all(w[:1].isupper() or w.lower() in P.NAME_PARTICLES for w in words):
        return None
    return m.group("name")


def _caps_name(text):
    """The name in capitals a text starts with ("TOMAS BERZINS is …"), and the rest, or None."""
    if not text[:2].isupper():
        return None
    words = text.split(" ", 5)
    k = 0
    while k < min(4, len(words) - 1) and any(c.isalpha() for c in words[k]) and words[k].strip(",").isupper():
        k += 1
    return (" ".join(words[:k]).rstrip(","), " ".join(words[k:])) if k >= 2 else None


def end_note(u, authors):
    """The name an author's note is about ("Jane Doe is a senior fellow at …"), or None."""
    # A note about several authors is as long as several notes.
    if u.n_words > 80 * max(1, len(set(_note_names(u.text, authors)))):
        return None
    # "* Ana Example is …" (a note's mark), "About the author Jane Doe is …" (its heading run into it).
    text = re.sub(r"^(?:[*†‡\\]+\s*|about the authors?\s*:?\s+|об авторе\s*:?\s+|à propos de l['’]auteur\s*:?\s+)", "",
                  u.text, flags=re.I)
    head = _caps_name(text)
    if head:  # "TOMAS BERZINS is …": a name in capitals
        text = head[0].title() + " " + head[1]
    found = note_start(text)
    if not found:
        return None
    name = P.clean_name(found)
    if name in authors:
        return name
    if (u.italic or not authors) and P.looks_like_name(name) and P.POSITION_WORDS.search(u.text):
        return name
    return None


def _sentence_name(sentence, authors):
    """The person a sentence of a note starts with: a known author, or a name in capitals."""
    for name in authors:
        if sentence.startswith((name + " ", name + ",", name.upper() + " ", name.upper() + ",")):
            return name
    head = _caps_name(sentence)
    if not head or not re.match(rf"{_VERB}\b", head[1]):
        return None
    name = P.clean_name(head[0].title())
    return name if P.looks_like_name(name) else None


def _note_names(text, authors):
    return [n for n in (_sentence_name(s, authors) for s in re.split(r"(?<=[.!?])\s+", text)) if n]


def split_joint_note(units, u, authors):
    """Give each author their part of a note about several ("JANE DOE is … JOHN ROE is …")."""
    pieces = []
    for sentence in re.split(r"(?<=[.!?])\s+", u.text):
        name = _sentence_name(sentence, authors)
        if not pieces or name and name != pieces[-1][0]:
            pieces.append([name or u.value, sentence])
        else:
            pieces[-1][1] += " " + sentence
    if len(pieces) < 2:
        return
    at = units.index(u)
    u.value, u.text = pieces[0]
    units[at + 1 : at + 1] = [Unit(text, u.kind, u.group, role=BIO, value=name, evidence=u.evidence)
                              for name, text in pieces[1:]]
