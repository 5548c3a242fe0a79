"""Synthetic captures of foreign-policy articles for the benchmarks, written from the seeds' prose.

python bench/corpus.py N OUT_DIR [--seed S] [--seeds DIR]
"""

import argparse
import calendar
import hashlib
import itertools
import operator
import random
import re
import time
from collections import Counter
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
FALLBACK_SEEDS_DIR = Path("/work/shared/seeds")
POOL_SIZE = 15000  # sentences; a body takes ~55, so about one pair of bodies in five shares a sentence
BACKOFF = 0.2  # chance of an order-1 step where order 2 allows one word only: pure order 2 copies the seeds

FIRST = """Igor Andrei Elena Natalia Dmitri Sergei Olga Maria Alexei Pavel Tatiana Yulia Mikhail Irina Kirill Timofei
Vera Oleg James Sarah Thomas Laura Daniel Claire Hans Marta Wei Ravi Priya Kenji Ahmed Ingrid Piotr Nadia""".split()
LAST = """Orlov Belyakov Sokolin Vetrov Zaitsev Gradov Kalinin Lebedin Rybakov Tarasenko Ustinov Voronin Zhukin Bogdanov
Chernykh Davydov Efremov Golubev Ilyinsky Kovalev Nesterov Ozerov Petrovsky Whitcombe Harland Ashford Brennan Calloway
Delacroix Fairbank Holloway Kessler Lindqvist Moreau Novak Okafor Quinlan Rasmussen Varga Winslow Haddad""".split()
# name|domain|the layout its pages mostly come in; most popular first
PUBLISHERS = [
    tuple(entry.strip().split("|"))
    for entry in """The Moscow Times|themoscowtimes.com|oped; Valdai Discussion Club|valdaiclub.com|tank;
Russian International Affairs Council|russiancouncil.ru|chrome; Chatham House|chathamhouse.org|tank;
Carnegie Endowment for International Peace|carnegieendowment.org|tank; Foreign Affairs|foreignaffairs.com|oped;
Russia in Global Affairs|globalaffairs.ru|chrome; Foreign Policy|foreignpolicy.com|oped;
Kommersant|kommersant.ru|chrome; The Diplomat|thediplomat.com|oped; Brookings Institution|brookings.edu|tank;
Council on Foreign Relations|cfr.org|tank; European Council on Foreign Relations|ecfr.eu|tank;
The National Interest|nationalinterest.org|oped; Project Syndicate|project-syndicate.org|oped;
PONARS Eurasia|ponarseurasia.org|tank; Atlantic Council|atlanticcouncil.org|tank;
War on the Rocks|warontherocks.com|oped; Modern Diplomacy|moderndiplomacy.eu|chrome;
Eurasia Policy Review|eurasiapolicyreview.org|oped; Baltic Strategy Forum|balticstrategy.eu|tank;
Caspian Institute for Security Studies|caspianinstitute.org|tank; Northern Dialogue Review|northerndialogue.net|chrome;
Meridian Security Monitor|meridianmonitor.com|oped; Center for Eurasian Strategy|eurasianstrategy.org|tank""".split(";")
]
# theme: (popularity, phrases that work it into a sentence)
THEMES = {
    "sanctions": (10, ["sanctions", "Western sanctions", "the sanctions regime", "new sanctions against Russia"]),
    "Ukraine": (9, ["Ukraine", "the conflict in Ukraine", "Crimea", "the settlement in Ukraine"]),
    "China": (8, ["China", "relations with China", "Beijing", "the rise of China"]),
    "NATO": (7, ["NATO", "NATO enlargement", "the NATO alliance", "NATO's eastern flank"]),
    "energy": (5, ["energy", "energy security", "oil and gas exports", "the energy dialogue", "energy markets"]),
    "Middle East": (5, ["the Middle East", "the Middle Eastern settlement", "Syria", "the Gulf"]),
    "United Nations": (4, ["the United Nations", "the UN Security Council", "the United Nations Charter"]),
    "multipolar": (3, ["a multipolar world", "the multipolar order", "multipolarity"]),
    "terrorism": (3, ["terrorism", "international terrorism", "counter-terrorism cooperation"]),
    "arms control": (2, ["arms control", "nuclear arms control", "strategic stability", "the New START treaty"]),
}
PREFIXES = ["On {}, ", "When it comes to {}, ", "With regard to {}, ", "As far as {} is concerned, ", "Beyond {}, "]
SUFFIXES = [", not least with regard to {}.", ", particularly on {}.", ", as the debate over {} shows.", " and {}."]
POSITIONS = """Professor of International Relations|Senior Fellow|Director of the Russia and Eurasia Programme|Research
Fellow|Program Director|a former Deputy Foreign Minister|Associate Professor of Political Science|Head of the Center for
European Studies|Editor-in-Chief|a Visiting Scholar""".replace("\n", " ").split("|")
INSTITUTIONS = [
    tuple(pair.strip().split(": "))
    for pair in """MGIMO University: Moscow, Russia| the Higher School of Economics: Moscow, Russia|
Fudan University: Shanghai, China| Saint Petersburg State University: Saint Petersburg, Russia|
King's College London: London, United Kingdom| the University of Tartu: Tartu, Estonia|
the Institute of World Economy and International Relations: Moscow, Russia| the Kennan Institute: Washington, USA|
Georgetown University: Washington, USA| the Center for Eurasian Strategy: Berlin, Germany|
the Caspian Institute for Security Studies: Baku, Azerbaijan""".split("|")
]
SERIES = ["Valdai Papers", "Expert Comment", "Analysis", "Policy Brief", "Opinions"]
SMALL = set("a an the and but or for nor on at to from by of in with as into via vs is are".split())
STOP = """about after also been being between both could does even from have into many more most much must only other
over should some such than that their them then there these they this those very were what when where which while will
with would"""
MONTHS = calendar.month_name[1:]
STRIP = str.maketrans("", "", '“”"()[]*_<>#|')  # quotes and brackets would come out unbalanced
# Eight lanes of eight bits per simhash byte value, so a sentence's per-bit votes add up as one integer.
LANES = [[sum(1 << 8 * (8 * k + j) for j in range(8) if byte >> j & 1) for byte in range(256)] for k in range(8)]


def seed_paragraphs(seeds_dir):
    """The seeds' prose paragraphs: blocks of running sentences, without lists, links, headings or chrome."""
    paragraphs = []
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8", errors="replace")):
            text = " ".join(" ".join(line for line in block.splitlines() if not heading(line)).split())
            if len(text.split()) >= 25 and text[-1] in '.?!"”' and not re.search(r"•|\]\(|\*\*|^<|\|", text):
                paragraphs.append(text)
    return list(dict.fromkeys(paragraphs))


def heading(line):
    """A short capitalised line without a full stop: a heading inside a hard-wrapped PDF paragraph."""
    words, capitals = line.split(), sum(w[0].isupper() for w in line.split())
    return 0 < len(words) <= 7 and line.rstrip()[-1] not in ".,;:?!" and capitals >= len(words) - 2


class Chain:
    """A word-level Markov chain of order 2 over the seeds' sentences."""

    def __init__(self, paragraphs):
        self.two, self.one, seen = {}, {}, set()
        for para in paragraphs:
            for sentence in re.split(r"(?<=[.!?])[”\"]?\s+(?=[“\"]?[A-Z])", para):
                words = [w for w in sentence.translate(STRIP).split() if w not in "-–—"]
                seen.update(words)
                a, b = "", ""
                for w in words + [None]:
                    self.two.setdefault((a, b), []).append(w)
                    self.one.setdefault(b, []).append(w)
                    a, b = b, w
        self.fixed = {state for state, options in self.two.items() if len(set(options)) == 1}
        self.names = {w for w in seen if w[:1].isupper() and w.lower() not in seen}

    def sentence(self, rng):
        """One sentence of 6 to 45 words ending in a full stop, question or exclamation mark."""
        rnd = rng.random  # indexing by random() is several times faster than choice()
        while True:
            words, a, b, w = [], "", "", ""
            while len(words) <= 45:
                options = self.one[b] if (a, b) in self.fixed and b and rnd() < BACKOFF else self.two[(a, b)]
                w = options[int(rnd() * len(options))]
                if w is None:
                    break
                words.append(w)
                a, b = b, w
            if 6 <= len(words) <= 45 and w is None and words[-1][-1] in ".?!":
                return " ".join(words)


def votes(sentence, memo):
    """Per bit of the importer's simhash, how many more of the sentence's word triples set it than clear it."""
    words = re.findall(r"\w+", sentence.lower())
    total = 0
    for triple in zip(words, words[1:], words[2:]):
        lanes = memo.get(triple)
        if lanes is None:
            digest = hashlib.blake2b(" ".join(triple).encode(), digest_size=8).digest()
            lanes = memo[triple] = sum(table[byte] for table, byte in zip(LANES, digest))
        total += lanes
    return [2 * count - len(words) + 2 for count in total.to_bytes(64, "little")]


def balanced(make, size, memo):
    """size distinct sentences from make(), each taken only if it pulls their per-bit balance towards zero."""
    chosen, balance = {}, [0] * 64
    while len(chosen) < size:
        s = make()
        if s not in chosen and sum(map(operator.mul, balance, v := votes(s, memo))) <= 0:
            chosen[s] = len(s.split())
            balance = list(map(operator.add, balance, v))
    return list(chosen.items())


class World:
    """What the captures of one corpus share: sentences, titles, authors, publishers and their popularity."""

    def __init__(self, seed, seeds_dir=None):
        rng = random.Random(seed)
        self.chain = Chain(seed_paragraphs(find_seeds(seeds_dir)))
        # The importer takes bodies within 6 bits of each other's simhash (blake2b of lowercased word triples)
        # for copies. Sentences from so few seeds lean the same way in every bit, pulling all bodies towards
        # one fingerprint, so a sentence joins the pool only if it pulls the pool's per-bit balance back to zero.
        # Sentences mentioning a theme are balanced apart, as their phrases would otherwise tie bodies together.
        memo, names = {}, self.chain.names
        self.pool = balanced(lambda: self.chain.sentence(rng), POOL_SIZE, memo)
        self.themed = {
            theme: balanced(lambda p=phrases: mention(rng, self.sentence(rng), rng.choice(p), names), 300, memo)
            for theme, (_, phrases) in THEMES.items()
        }
        self.authors = []
        for name in rng.sample(sorted({f"{f} {last}" for f in FIRST for last in LAST}), 400):
            if rng.random() < 0.08:  # as "Timofei V. Bordachev" is also "Timofei Bordachev" to the importer
                first, last = name.split()
                name = f"{first} {rng.choice('ABDEKMNPSV')}. {last}"
            self.authors.append((name, rng.choice(POSITIONS), *rng.choice(INSTITUTIONS)))
        self.author_weights = list(itertools.accumulate([1 / r**1.1 for r in range(1, len(self.authors) + 1)]))
        self.source_weights = list(itertools.accumulate([1 / r**0.8 for r in range(1, len(PUBLISHERS) + 1)]))
        self.theme_weights = list(itertools.accumulate([weight for weight, _ in THEMES.values()]))
        self.titles = set()

    def sentence(self, rng):
        return rng.choice(self.pool)[0]

    def title(self, rng, new=True):
        """5 to 12 words of a sentence in Title Case; a new one (a headline) has not been used before."""
        for tries in itertools.count():
            words = [w.strip(".,;:?!'’") for w in self.sentence(rng).split()]
            start = rng.randrange(max(1, len(words) - 5)) if rng.random() < 0.7 else 0
            words = [w for w in words[start : start + rng.randint(5, 12)] if w]
            while words and words[0].lower() in SMALL:
                words.pop(0)
            while words and words[-1].lower() in SMALL:
                words.pop()
            title = " ".join(w if i and w.lower() in SMALL else w[:1].upper() + w[1:] for i, w in enumerate(words))
            if tries > 20:  # headlines running out: a subtitle multiplies them
                title += ": " + self.title(rng, new=False)
            if len(words) >= 5 and not (new and title.lower() in self.titles):
                self.titles.update([title.lower()] if new else [])
                return title

    def body(self, rng):
        """Paragraphs of 40 to 150 words, about 1,200 words in all, mentioning up to three themes."""
        target, mentions = rng.randint(1050, 1350), []
        k = rng.choice([0, 1, 1, 2, 2, 3])
        for theme in dict.fromkeys(rng.choices(list(THEMES), cum_weights=self.theme_weights, k=k)):
            mentions += [theme] * rng.randint(1, 9)
        rng.shuffle(mentions)
        chance = len(mentions) * 22 / target  # spreads the mentions over the body's ~55 sentences
        paragraphs, para, words, total, limit, picks = [], [], 0, 0, rng.randint(40, 150), []
        while total < target or words < 40:
            picks = picks or rng.choices(self.pool, k=64)
            s, n = picks.pop()
            if mentions and rng.random() < chance:
                s, n = rng.choice(self.themed[mentions.pop()])
            if words >= limit or words >= 40 and words + n > 150:
                paragraphs.append(" ".join(para))
                para, words, limit = [], 0, rng.randint(40, 150)
            para.append(s)
            words, total = words + n, total + n
        return paragraphs + [" ".join(para)]


def find_seeds(seeds_dir=None):
    """The folder of seed captures: the one given, the repository's seeds/, or the shared copy."""
    return Path(seeds_dir) if seeds_dir else SEEDS_DIR if SEEDS_DIR.is_dir() else FALLBACK_SEEDS_DIR


def uncap(sentence, names):
    """The sentence with its first word in lower case, unless that word is a name."""
    first, _, rest = sentence.partition(" ")
    return (first if first in names else first.lower()) + " " + rest


def mention(rng, sentence, phrase, names):
    """The sentence with a theme phrase worked in before or after it."""
    if rng.random() < 0.5:
        sentence = rng.choice(PREFIXES).format(phrase) + uncap(sentence, names)
        return sentence[0].upper() + sentence[1:]
    return sentence[:-1] + rng.choice(SUFFIXES).format(phrase)


def random_date(rng):
    """(year, month, day) from 1995 to 2025."""
    year, month = rng.randint(1995, 2025), rng.randint(1, 12)
    return year, month, rng.randint(1, calendar.monthrange(year, month)[1])


def original_url(rng, title, pub, date):
    """The trailer a capture tool adds: the page's address, from the publisher's domain, the date and title."""
    path = "{}/{:02d}/{:02d}".format(*date) if date else rng.choice(["opinion", "analytics", "articles"])
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8])
    return ["Original url:", "", f"<https://www.{pub[1]}/{path}/{slug}-a{rng.randint(10000, 99999)}>"]


def oped(rng, world, title, authors, pub, date, body):
    """A news site's op-ed exported as markdown: photo caption, bio in italics, disclaimer, original URL."""
    out = ["", "", f"# {title} (Op-ed)", ""]
    out += ["By " + " and ".join(f"[{a[0]}](#)" for a in authors), ""] if authors else []
    out += [f"{MONTHS[date[1] - 1]} {date[2]}, {date[0]}", "", "", ""] if date else ["", ""]
    if rng.random() < 0.5:
        out += [f"{rng.choice(world.authors)[0]} [{pub[0]} / Flickr \\(CC BY-NC-SA 2.0\\)](#)", ""]
    related = rng.randint(2, max(2, len(body) - 2)) if rng.random() < 0.6 else -1
    for i, para in enumerate(body):
        out += [f"**Related article:** [{world.title(rng, new=False)}](#)", ""] if i == related else []
        out += [para, ""]
    out += [f"*{a[0]} is {a[1]} at {a[2]}.*\n" for a in authors]
    out += [f"*The views expressed in opinion pieces do not necessarily reflect the position of {pub[0]}.*", ""]
    return "\n".join(out + original_url(rng, title, pub, date))


def think_tank(rng, world, title, authors, pub, date, body):
    """A think tank's page dump: date, title, series, subscription box, author blocks, body, teasers."""
    out = ([f"{date[2]:02d}.{date[1]:02d}.{date[0]}"] if date else []) + [title]
    out += [rng.choice(SERIES)] if rng.random() < 0.5 else []
    out += ["Want to know more about global politics?", "Subscribe to our distribution list"]
    for name, position, institution, city in authors:
        out += [name, ""] + (["Doctor of Political Science"] if rng.random() < 0.4 else [])
        out += [f"{institution.removeprefix('the ')}, {city}", f"{position};", ""]
    out += [pub[0], ""]
    teaser = rng.randint(1, max(1, len(body) - 1)) if rng.random() < 0.5 else -1
    for i, para in enumerate(body):
        out += [f"“{world.title(rng, new=False)}”", world.sentence(rng), "More", ""] if i == teaser else []
        out += [para, ""]
    for _ in range(rng.randint(1, 2)):
        out += [pub[0], world.title(rng, new=False), rng.choice(world.authors)[0], world.sentence(rng), "More"]
    return "\n".join(out + (["", *original_url(rng, title, pub, date)] if rng.random() < 0.5 else []))


def chrome(rng, world, title, authors, pub, date, body):
    """A portal page saved as text: print, share and rating buttons, author block, body, a poll."""
    n_votes = rng.randint(1, 40)
    rating = f"(votes: {n_votes}, rating: {rng.randint(1, 5)})"
    out = ["Print Читать на русском" if rng.random() < 0.4 else "Print", title]
    out += [f"{date[2]} {MONTHS[date[1] - 1]} {date[0]}"] if date else []
    out += ["Rate this article", rating, f" ({n_votes} votes)", "Share this article"]
    out += [line for a in authors for line in (a[0], "", f"{a[1]}, {a[2]}", "")]
    out += [para + "\n" for para in body]
    out += ["Rate this article", rating, "Share this article", "", "Poll conducted", ""]
    out.append(f"  1. In your opinion, {uncap(world.sentence(rng), world.chain.names)[:-1]}?")
    counts = [rng.randint(5, 60) for _ in range(rng.randint(3, 5))]
    for count in counts:
        option = " ".join(world.sentence(rng).split()[: rng.randint(5, 16)]).rstrip(".?!,;:")
        out += [f"    {option}  ", f"     {count} ({round(100 * count / sum(counts))}%)"]
    out += [f"© {date[0] if date else 2025} {pub[0]}"] if rng.random() < 0.5 else []
    out += ["For business", "For researchers", "For students"]
    return "\n".join(out + (["", *original_url(rng, title, pub, date)] if rng.random() < 0.5 else []))


LAYOUTS = {"oped": oped, "tank": think_tank, "chrome": chrome}


def capture(rng, world):
    """The text of one capture and its file extension."""
    pub = rng.choices(PUBLISHERS, cum_weights=world.source_weights)[0]
    layout = pub[2] if rng.random() < 0.75 else rng.choice(list(LAYOUTS))
    date = random_date(rng) if rng.random() > 0.08 else None
    # one to three distinct authors, the prolific ones far more often
    picks = rng.choices(world.authors, cum_weights=world.author_weights, k=rng.choices([1, 2, 3], [80, 16, 4])[0])
    authors = list({a[0]: a for a in picks}.values()) if rng.random() > 0.06 else []
    text = LAYOUTS[layout](rng, world, world.title(rng), authors, pub, date, world.body(rng))
    return text, ".md" if layout == "oped" and rng.random() < 0.38 else ".txt"


def generate(n: int, out_dir: Path, seed: int = 42, seeds_dir: Path | None = None) -> list[Path]:
    """Write n captures into out_dir: the same seed gives the same files, and a smaller n the first of them."""
    world = World(seed, seeds_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        text, ext = capture(rng, world)
        path = out_dir / f"{i:06d}_{rng.getrandbits(64):016x}{ext}"
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        paths.append(path)
    return paths


def query_mix(seed: int = 42, seeds_dir: Path | None = None) -> list[dict]:
    """About 30 searches over the corpus vocabulary: common and rare words, several words, quoted phrases."""
    rng = random.Random(seed)
    text = " ".join(seed_paragraphs(find_seeds(seeds_dir))).translate(STRIP)
    words = [w.strip(".,;:?!'’").lower() for w in text.split()]
    stop = SMALL | set(STOP.split())
    counts = Counter(w for w in words if w.isalpha() and len(w) > 3 and w not in stop)
    common = [w for w, _ in counts.most_common(40)]
    rare = sorted(w for w, c in counts.items() if c == 1 and len(w) >= 8)
    pairs = Counter(f"{a} {b}" for a, b in zip(words, words[1:]) if a in counts and b in counts)
    phrases = [p for p, c in pairs.most_common(100) if c >= 3]
    queries = rng.sample(common, 6) + rng.sample(rare, 6)
    queries += [" ".join(rng.sample(common, rng.randint(2, 3))) for _ in range(5)]
    queries += [f'"{p}"' for p in rng.sample(phrases, min(5, len(phrases)))]
    queries += ["sanctions", "NATO", "multipolar", "China", '"arms control"', '"Middle East"', "energy terrorism"]
    queries += ['"United Nations" Ukraine', "sanctions energy"]
    mix = [{"q": q} for q in queries]
    for query in mix:
        if rng.random() < 0.4:
            query["facets"] = rng.sample(["author", "year", "theme", "source"], rng.randint(1, 2))
        if rng.random() < 0.25:
            query["sort"] = "newest"
    return mix


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write a synthetic corpus of captures.")
    parser.add_argument("n", type=int, help="how many captures")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--seeds", type=Path, help="folder of seed captures (default: the repository's seeds/)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    paths = generate(args.n, args.out_dir, args.seed, args.seeds)
    print(f"wrote {len(paths)} files to {args.out_dir} in {time.perf_counter() - start:.1f}s")


if __name__ == "__main__":
    main()
