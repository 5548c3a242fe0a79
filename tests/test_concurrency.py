"""Several processes saving articles at once: no Whoosh lock errors, and the index agrees with the database."""

import http.cookiejar
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from tests.admin_forms import form_fields
from tests.concurrent_writer import CURATOR, title_word
from tests.conftest import ROOT

WORKERS = 3
ROUNDS = 3
ARTICLES = 10


def run(data_dir, *args):
    """Start python -m tests.concurrent_writer with these arguments over data_dir."""
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir)}
    return subprocess.Popen([sys.executable, "-m", "tests.concurrent_writer", *map(str, args)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process, timeout=120):
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    assert "LockError" not in err, err
    return json.loads(out.strip().splitlines()[-1]) if out.strip() else None


def go_when_ready(data_dir, workers, timeout=60):
    """Let the workers start saving once every one of them has started up."""
    deadline = time.monotonic() + timeout
    while not all((data_dir / f"ready-{n}").exists() for n in range(len(workers))):
        failed = [w for w in workers if w.poll() not in (None, 0)]
        assert not failed and time.monotonic() < deadline, [w.communicate()[1] for w in failed]
        time.sleep(0.02)
    (data_dir / "go").touch()


def test_it_keeps_the_index_in_step_when_processes_save_at_once(tmp_path):
    finish(run(tmp_path, "setup", ARTICLES))
    workers = [run(tmp_path, "save", worker, ROUNDS) for worker in range(WORKERS)]
    go_when_ready(tmp_path, workers)
    results = [finish(worker) for worker in workers]
    assert sum(r["saves"] for r in results) == WORKERS * ROUNDS * ARTICLES
    assert max(r["started"] for r in results) < min(r["ended"] for r in results)  # they did save at once

    report = finish(run(tmp_path, "check"))
    assert report == {"articles": ARTICLES, "missing": [], "stale": [], "orphans": [], "unfound": []}


# A process that saved first but is held between reading the article and writing the index must not
# write its older document over the newer one: the read is under the write lock.
def test_it_keeps_the_later_of_two_saves_of_one_article_in_the_index(tmp_path):
    finish(run(tmp_path, "setup", 1))
    first = run(tmp_path, "retitle", 1, 1)  # saves first, then is held before it writes the index
    second = run(tmp_path, "retitle", 1, 2)  # saves the same article after, and indexes it at once
    finish(second)
    finish(first)

    report = finish(run(tmp_path, "check"))
    assert (report["stale"], report["unfound"]) == ([], [])


# --- through gunicorn: several workers, curators posting the admin's change form at once -------------

GUNICORN_WORKERS = 3
CURATORS = 3
HTTP_ARTICLES = 5


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class AdminSession:
    """One curator's browser: cookies, the forms as rendered, posts that are not followed."""

    def __init__(self, base):
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirects)

    def request(self, path, fields=None):
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        try:
            with self.opener.open(self.base + path, data=data, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def submit(self, path, form_id, **changes):
        """GET the page, change some fields of its form and post it back: the status of the post."""
        status, html = self.request(path)
        assert status == 200, (path, status, html[:500])
        fields = [(name, changes.get(name, value)) for name, value in form_fields(html, form_id)]
        return self.request(path, fields)[0]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(data_dir, port):
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "tests.concurrent_settings"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "archive.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(GUNICORN_WORKERS), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, server.communicate()[1] if server.poll() else ""
            time.sleep(0.1)


def curate(base, curator, errors):
    """Log in and retitle every article once, in this curator's own order, through the change form."""
    try:
        session = AdminSession(base)
        username, password = CURATOR
        status = session.submit("/admin/login/?next=/admin/", "login-form", username=username, password=password)
        assert status == 302, f"login: {status}"
        pks = list(range(1, HTTP_ARTICLES + 1))
        random.Random(curator).shuffle(pks)
        for pk in pks:
            title = f"Curated {title_word(curator, 0, pk)}"
            status = session.submit(f"/admin/archive/article/{pk}/change/", "article_form", title=title)
            if status != 302:
                errors.append((curator, pk, status))
    except Exception as error:  # reported by the test, which runs in another thread
        errors.append((curator, repr(error)))


def test_it_keeps_the_index_in_step_when_gunicorn_workers_save_at_once(tmp_path):
    finish(run(tmp_path, "setup", HTTP_ARTICLES))
    port = free_port()
    server = start_gunicorn(tmp_path, port)
    try:
        errors = []
        threads = [threading.Thread(target=curate, args=(f"http://127.0.0.1:{port}", n, errors))
                   for n in range(CURATORS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        server.terminate()
        _, server_log = server.communicate(timeout=30)
    assert errors == [], server_log
    assert "LockError" not in server_log and "Traceback" not in server_log, server_log

    report = finish(run(tmp_path, "check"))
    assert report == {"articles": HTTP_ARTICLES, "missing": [], "stale": [], "orphans": [], "unfound": []}
