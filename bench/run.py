"""Benchmarks: the archive against a stock Haystack + Whoosh site and SQLite FTS5, side by side in one run.

python bench/run.py --size 1000   (make bench SIZE=1000); prints a table and writes bench/results.json.
"""

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import corpus, load  # noqa: E402

EXTRA = 20  # captures beyond the corpus: the articles added one at a time


class Worker:
    """A measured system in its own process, with its own data dir and settings."""

    def __init__(self, system, data_dir, settings, static_root):
        env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": settings,
               "STATIC_ROOT": str(static_root), "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"}
        self.env = env
        self.proc = subprocess.Popen([sys.executable, "-m", "bench.worker", system], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def __call__(self, cmd, **args):
        self.proc.stdin.write(json.dumps({"cmd": cmd, "args": args}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker died during {cmd}")
        return json.loads(line)

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
            self.proc.stdin.close()
            self.proc.wait(timeout=60)


def pct(values, p):
    """The p-th percentile (nearest rank) of values."""
    values = sorted(values)
    if not values:
        return 0.0
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))]


def stats(values):
    return {"p50": round(pct(values, 50), 1), "p95": round(pct(values, 95), 1), "n": len(values)}


def archive_url(query, choices):
    params = [("q", query["q"])] + [(dim, choices[dim]) for dim in query.get("facets", [])]
    if query.get("sort"):
        params.append(("sort", query["sort"]))
    return "/search/?" + urlencode(params)


def stock_url(query, choices):
    """The stock page's URL: Haystack's selected_facets=field_exact:value."""
    params = [("q", query["q"])]
    params += [("selected_facets", f"{dim}_exact:{choices[dim]}") for dim in query.get("facets", [])]
    if query.get("sort"):
        params.append(("sort", query["sort"]))
    return "/search/?" + urlencode(params)


def du(path):
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def copy_db(source_dir, target_dir):
    target_dir.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source_dir / "archive.sqlite3") as src, sqlite3.connect(target_dir / "archive.sqlite3") as dst:
        src.backup(dst)
    shutil.copy(source_dir / "secret_key", target_dir / "secret_key")


def corpus_files(size, base):
    """The corpus's captures and the extra ones, generated once per size under base."""
    folder = base / f"corpus-{size}"
    paths = sorted(folder.glob("*.*")) if folder.is_dir() else []
    if len(paths) != size + EXTRA:
        shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        paths = corpus.generate(size + EXTRA, folder)
        log(f"corpus: {len(paths)} captures in {time.perf_counter() - start:.0f}s → {folder}")
    return paths[:size], paths[size:]


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def same_work(results, mix, totals, pages_seen):
    """How far the archive's pages did FTS5's work: the same totals, facet counts and hits."""
    first = {s: v[: len(mix)] for s, v in totals.items()}
    results["search_totals"] = [{"q": q, **{s: first[s][i] for s in first}} for i, q in enumerate(mix)]
    results["search_same_totals_as_fts5"] = sum(
        1 for row in results["search_totals"] if row["archive"] == row["fts5"]) / len(mix)
    # The same work: every facet value counted alike, and (where the order is by date, not by two
    # engines' different BM25s) the same twenty hits; by relevance, how many of FTS5's twenty are shown.
    seen = {s: v[: len(mix)] for s, v in pages_seen.items()}
    pairs = list(zip(mix, seen["archive"], seen["fts5"]))
    results["search_same_facet_counts_as_fts5"] = sum(a[0] == f[0] for _, a, f in pairs) / len(mix)
    dated = [(a, f) for q, a, f in pairs if q.get("sort")]
    results["search_same_hits_as_fts5_by_date"] = sum(a[1] == f[1] for a, f in dated) / max(1, len(dated))
    ranked = [(a, f) for q, a, f in pairs if not q.get("sort") and f[1]]
    results["search_hits_overlap_with_fts5_by_relevance"] = round(
        sum(len(set(a[1]) & set(f[1])) / len(f[1]) for a, f in ranked) / max(1, len(ranked)), 3)


def run(size, *, corpus_base, out, rounds, load_seconds, keep=False, archive_only=False, reuse=None):
    files, extra = corpus_files(size, corpus_base)
    work = Path(tempfile.mkdtemp(prefix=f"fpa-bench-{size}-"))
    dirs = {name: work / name for name in ("archive", "stock", "fts5")}
    if reuse:
        dirs["archive"] = Path(reuse)
    static = dirs["archive"] / "staticfiles"
    workers = {}
    results = {"size": size, "systems": ["archive"] if archive_only else ["archive", "stock", "fts5"]}
    try:
        workers["archive"] = Worker("archive", dirs["archive"], "archive.settings", static)
        if reuse:
            log(f"archive: the data of {reuse} as it is (import not measured)")
            imported = workers["archive"]("reuse")
        else:
            log(f"archive: import {size} captures and build the index")
            imported = workers["archive"]("import", files=[str(p) for p in files])
        articles = imported["articles"]
        results["articles"] = articles
        if not archive_only:
            copy_db(dirs["archive"], dirs["stock"])
            copy_db(dirs["archive"], dirs["fts5"])
            log("stock: update_index")
            workers["stock"] = Worker("stock", dirs["stock"], "bench.stock_settings", static)
            stock_index = workers["stock"]("stock_index")
            log("fts5: build the table")
            workers["fts5"] = Worker("fts5", dirs["fts5"], "archive.settings", static)
            fts5_index = workers["fts5"]("fts5_index")
        if not reuse:
            total_s = imported["store_s"] + imported["index_s"]
            results["import_rate"] = {"archive": round(size / total_s, 1),
                                      "archive_index_only": round(articles / imported["index_s"], 1)}
            results["import_seconds"] = {"archive_store": round(imported["store_s"], 1),
                                         "archive_index": round(imported["index_s"], 1)}
            if not archive_only:
                results["import_rate"]["stock_update_index"] = round(articles / stock_index["index_s"], 1)
                results["import_rate"]["fts5_index_only"] = round(articles / fts5_index["index_s"], 1)
                results["import_seconds"]["stock_update_index"] = round(stock_index["index_s"], 1)
                results["import_seconds"]["fts5_index"] = round(fts5_index["index_s"], 1)

        sample = workers["archive"]("sample", n=30 * rounds)
        choices = sample["choices"]
        mix = corpus.query_mix()
        urls = {"archive": [archive_url(q, choices) for q in mix], "fts5": [archive_url(q, choices) for q in mix],
                "stock": [stock_url(q, choices) for q in mix]}
        log(f"search: {len(mix)} queries × {rounds} rounds on each system, interleaved")
        for system, worker in workers.items():  # warm: open indexes, build per-searcher tables
            worker("pages", urls=urls[system])
        search_ms = {s: [] for s in workers}
        totals = {s: [] for s in workers}
        pages_seen = {s: [] for s in workers}  # (facet counts, hits) of each page
        errors = {s: 0 for s in workers}
        for _ in range(rounds):
            for system, worker in workers.items():
                for ms, status, count, facet_counts, hits in worker("pages", urls=urls[system]):
                    search_ms[system].append(ms)
                    errors[system] += status != 200
                    totals[system].append(count)
                    pages_seen[system].append((facet_counts, hits))
        results["search_ms"] = {s: stats(v) for s, v in search_ms.items()}
        results["search_p95_ms"] = {"archive": results["search_ms"]["archive"]["p95"]}
        results["search_errors"] = errors
        if not archive_only:
            results["search_p95_ms"]["stock_haystack"] = results["search_ms"]["stock"]["p95"]
            results["search_p95_ms"]["fts5"] = results["search_ms"]["fts5"]["p95"]
            same_work(results, mix, totals, pages_seen)

        log("browse, article and author pages")
        pages = {}
        browse = sample["browse"] * max(1, rounds * 4)
        pages["browse"] = workers["archive"]("pages", urls=browse)
        pages["article"] = workers["archive"]("pages", urls=[f"/articles/{s}/" for s in sample["articles"]])
        pages["author"] = workers["archive"]("pages", urls=[f"/authors/{s}/" for s in sample["authors"]])
        for name, rows in pages.items():
            results[f"{name}_ms"] = stats([r[0] for r in rows])
            results[f"{name}_errors"] = sum(1 for r in rows if r[1] != 200)
        results["browse_p95_ms"] = results["browse_ms"]["p95"]
        results["article_p95_ms"] = results["article_ms"]["p95"]
        results["author_p95_ms"] = results["author_ms"]["p95"]

        log("index updates: edits and additions one at a time")
        updates = workers["archive"]("updates", new_files=[str(p) for p in extra])
        results["index_update_ms"] = {"edit": stats(updates["edit_ms"]), "add": stats(updates["add_ms"]),
                                      "segments_after": updates["segments"]}
        results["index_update_p95_ms"] = round(pct(updates["edit_ms"] + updates["add_ms"], 95), 1)
        if not archive_only:  # (a whole-index merge at 50,000 articles takes longer than the rest of the run)
            merge = workers["archive"]("optimize_while_searching", urls=urls["archive"])
            results["optimize"] = {"seconds": round(merge["optimize_s"], 1), "searches_meanwhile": merge["searches"],
                                   "search_p95_ms_meanwhile": round(pct(merge["search_ms"], 95), 1),
                                   "errors": merge["errors"], "segments_before": merge["segments_before"],
                                   "segments_after": merge["segments_after"]}
        results["disk_mb"] = {
            "archive_index": round(du(dirs["archive"] / "whoosh_index") / 1e6, 1),
            "archive_db": round(sum(du(p) for p in dirs["archive"].glob("archive.sqlite3*")) / 1e6, 1),
        }
        if not archive_only:
            results["disk_mb"]["stock_index"] = round(du(dirs["stock"] / "stock_whoosh_index") / 1e6, 1)
            results["disk_mb"]["fts5_db_with_table"] = round(
                sum(du(p) for p in dirs["fts5"].glob("archive.sqlite3*")) / 1e6, 1)
        env = dict(workers["archive"].env)
        for worker in workers.values():
            worker.close()
        workers.clear()

        log(f"load: gunicorn, 2 workers, 4 concurrent clients, {load_seconds:.0f}s")
        rng = random.Random(3)
        mix_urls = ([(u, 40) for u in urls["archive"]] + [(u, 25) for u in sample["browse"]]
                    + [(f"/articles/{s}/", 25) for s in sample["articles"]] + [(f"/authors/{s}/", 10) for s in sample["authors"]])
        groups = {}
        for u, w in mix_urls:
            groups.setdefault(w, []).append(u)
        load_urls = [rng.choice(groups[w]) for w in rng.choices(list(groups), weights=list(groups), k=2000)]
        loaded = load.measure(env, load_urls, duration=load_seconds, warmup=urls["archive"][:10] * 2)
        results["load"] = {"requests_per_s": round(loaded["requests_per_s"], 1), "requests": loaded["requests"],
                           "p50_ms": round(pct(loaded["latency_ms"], 50), 1),
                           "p95_ms": round(pct(loaded["latency_ms"], 95), 1), "errors": loaded["errors"],
                           "error_samples": loaded["error_samples"], "concurrency": loaded["concurrency"],
                           "mix": "40% search, 25% browse, 25% article, 10% author"}
        results["worker_peak_mb"] = [round(m, 1) for m in loaded["worker_peak_mb"]]
        results["machine"] = machine()
    finally:
        for worker in workers.values():
            worker.close()
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"data dirs kept in {work}")
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    return results


def machine():
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()}


def table(r):
    """The results as one plain-text table (the rows of the systems and parts that ran)."""
    s, rate = r["search_ms"], r.get("import_rate")
    full = "stock" in s
    rows = [("articles", f"{r['articles']} (of {r['size']} captures)")]
    if rate:
        rows.append(("import, read→index (articles/s)", f"archive {rate['archive']}"))
        build = f"archive {rate['archive_index_only']}"
        if full:
            build += f" · stock update_index {rate['stock_update_index']} · fts5 {rate['fts5_index_only']}"
        rows.append(("index build alone (articles/s)", build))
    rows.append(("search page p50/p95 (ms)", " · ".join(f"{name} {v['p50']}/{v['p95']}" for name, v in s.items())))
    if full:
        rows.append(("search: same work as fts5", f"same totals {r['search_same_totals_as_fts5']:.0%}, same facet "
                     f"counts {r['search_same_facet_counts_as_fts5']:.0%} of queries; same hits by date "
                     f"{r['search_same_hits_as_fts5_by_date']:.0%}, hits shared by relevance "
                     f"{r['search_hits_overlap_with_fts5_by_relevance']:.0%}"))
    rows += [
        ("browse page p50/p95 (ms)", f"{r['browse_ms']['p50']}/{r['browse_ms']['p95']}"),
        ("article page p50/p95 (ms)", f"{r['article_ms']['p50']}/{r['article_ms']['p95']}"),
        ("author page p50/p95 (ms)", f"{r['author_ms']['p50']}/{r['author_ms']['p95']}"),
        ("index update p95 (ms)", f"{r['index_update_p95_ms']} (edit {r['index_update_ms']['edit']['p95']}, "
         f"add {r['index_update_ms']['add']['p95']})"),
    ]
    if "optimize" in r:
        o = r["optimize"]
        rows.append(("optimize while searching", f"{o['seconds']}s, {o['searches_meanwhile']} searches, "
                     f"p95 {o['search_p95_ms_meanwhile']} ms, {o['errors']} errors"))
    rows += [
        ("gunicorn load", f"{r['load']['requests_per_s']} req/s, p50/p95 {r['load']['p50_ms']}/{r['load']['p95_ms']} ms, "
         f"{r['load']['errors']} errors"),
        ("peak memory per worker (MB)", ", ".join(str(m) for m in r["worker_peak_mb"])),
        ("disk (MB)", ", ".join(f"{k} {v}" for k, v in r["disk_mb"].items())),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="articles in the corpus")
    parser.add_argument("--rounds", type=int, help="passes over the query mix per system (default by size)")
    parser.add_argument("--load-seconds", type=float, help="length of the gunicorn load test")
    parser.add_argument("--corpus-dir", type=Path, default=Path(tempfile.gettempdir()) / "fpa-bench",
                        help="where generated corpora are kept between runs")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--keep", action="store_true", help="keep the data dirs of the run")
    parser.add_argument("--archive-only", action="store_true",
                        help="measure the archive alone: no stock site, no FTS5, no whole-index merge")
    parser.add_argument("--reuse", type=Path, metavar="DATA_DIR",
                        help="measure an archive data dir already imported and indexed (import not measured)")
    args = parser.parse_args(argv)
    rounds = args.rounds or (5 if args.size <= 2000 else 3 if args.size <= 20000 else 2)
    seconds = args.load_seconds or (20 if args.size <= 2000 else 30)
    start = time.perf_counter()
    run(args.size, corpus_base=args.corpus_dir, out=args.out, rounds=rounds, load_seconds=seconds, keep=args.keep,
        archive_only=args.archive_only, reuse=args.reuse)
    log(f"done in {time.perf_counter() - start:.0f}s → {args.out}")


if __name__ == "__main__":
    main()
