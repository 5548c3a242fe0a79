"""Known publishers, kept as data in data/publishers.json, matched by domain or by name."""

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

DATA = Path(__file__).parent / "data" / "publishers.json"


def _key(name):
    return re.sub(r"[^\w]+", " ", name.lower()).strip()


@lru_cache(maxsize=1)
def publishers():
    """The list of known publishers: {"name", "domains", "aliases"}."""
    return json.loads(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _by_name():
    table = {}
    for pub in publishers():
        for name in [pub["name"], *pub.get("aliases", [])]:
            table[_key(name)] = pub
    return table


def domain_of(url):
    host = (urlparse(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def publisher_for_url(url):
    """The known publisher whose domain serves url, or None."""
    host = domain_of(url)
    if not host:
        return None
    for pub in publishers():
        for domain in pub["domains"]:
            if host == domain or host.endswith("." + domain):
                return pub
    return None


def publisher_named(name):
    """The known publisher with this name or alias, or None."""
    return _by_name().get(_key(name))


def publisher_in_name(name):
    """The known publisher a name as pages write it stands for: "The Example Institute",
    "Russian International Affairs Council (RIAC)"; or None."""
    name = name.strip(" .,;")
    m = re.match(r"^(?P<name>.+?)\s*\((?P<short>[^()]{2,20})\)$", name)
    forms = [name, m.group("name"), m.group("short")] if m else [name]
    forms += [re.sub(r"^the\s+", "", f, flags=re.I) for f in forms]
    return next((pub for pub in map(publisher_named, forms) if pub), None)


def match_publisher_line(text):
    """The publisher a line names on its own ("Valdai Discussion Club", "Source: RIAC"), or None."""
    text = re.sub(r"^(source|publisher|published by|источник|©|copyright)\s*[:©]?\s*(\d{4}\s*)?", "", text.strip(), flags=re.I)
    text = re.sub(r"^from\s+([^,]{2,40}),\s+the free encyclopedia$", r"\1", text, flags=re.I)  # a wiki's tagline
    text = text.strip(" .|")
    if not text or len(text) > 80:
        return None
    found = publisher_named(text)
    if not found and re.search(r" [|–—] ", text) and len(text.split()) <= 10:
        # "The Interpreter | Lowy Institute", "Chatham House – International Affairs Think Tank".
        found = next((pub for pub in map(publisher_named, re.split(r" [|–—] ", text)) if pub), None)
    words = text.split()
    # "Carnegie Politika": a known publisher's name followed by one of its series.
    for n in range(len(words) - 1, 0, -1):
        if found or len(words) > 5:
            break
        head = " ".join(words[:n])
        found = publisher_named(head) if len(head) > 4 or head.isupper() and len(head) >= 3 else None
    return found


def homepage(pub):
    return f"https://{pub['domains'][0]}/" if pub.get("domains") else ""
