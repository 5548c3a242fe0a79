"""Authors' notes: whom a note is about ("Jane Doe is a senior fellow at …"), and a note about
several authors split into one note for each."""

import re

from archive.ingest import patterns as P
from archive.ingest.clean import BIO, Unit

_NOTE = re.compile(
    r"^(?P<name>[A-ZА-ЯЁ][\w.’'\-]+(?:\s+[A-ZА-ЯЁ][\w.’'\-]+){1,3})\s*(?:,\s*[^,]{0,80},\s*)?\s+"
    r"(?:is|was|serves|has been|works|teaches|heads|leads|directs|—|–|-|"
    # French, Spanish, Italian, Portuguese, German, Russian.
    r"est|était|es|era|è|é|ist|war|является|работает|возглавляет)\s+",
)


def end_note(u, authors):
    """The name an author's note is about ("Jane Doe is a senior fellow at …"), or None."""
    # A note about several authors is as long as several notes.
    if u.n_words > 80 * max(1, len(set(_note_names(u.text, authors)))):
        return None
    text = u.text
    head = re.match(r"^([A-ZА-ЯЁ][A-ZА-ЯЁ.’'\-]+(?:\s+[A-ZА-ЯЁ][A-ZА-ЯЁ.’'\-]+){1,3})\b", text)
    if head:  # "TOMAS BERZINS is …": a name in capitals
        text = head.group(1).title() + text[head.end():]
    m = _NOTE.match(text)
    if not m:
        return None
    name = P.clean_name(m.group("name"))
    if name in authors:
        return name
    if (u.italic or not authors) and P.looks_like_name(name) and P.POSITION_WORDS.search(u.text):
        return name
    return None


_CAPS_NOTE = re.compile(r"^([A-ZА-ЯЁ][A-ZА-ЯЁ.’'\-]+(?:\s+[A-ZА-ЯЁ][A-ZА-ЯЁ.’'\-]+){1,3}),?\s+"
                        r"(?:is|was|serves|has been|works|teaches|heads|leads|directs)\b")


def _sentence_name(sentence, authors):
    """The person a sentence of a note starts with: a known author, or a name in capitals."""
    for name in authors:
        if sentence.startswith((name + " ", name + ",", name.upper() + " ", name.upper() + ",")):
            return name
    m = _CAPS_NOTE.match(sentence)
    name = P.clean_name(m.group(1).title()) if m else ""
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
