"""Concurrent load on gunicorn from a bounded local client (127.0.0.1 only) (bench only)."""

import http.client
import os
import socket
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port, url, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", url, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def start_gunicorn(env, workers=2):
    """gunicorn serving the archive on a free port of 127.0.0.1: (process, port) once it answers."""
    port = free_port()
    proc = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "archive.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT, env=env,
    )
    for _ in range(300):
        try:
            _get(port, "/articles/", timeout=5)
            return proc, port
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("gunicorn did not answer")


def worker_pids(master):
    """The gunicorn master's child processes."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == master:
                    pids.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return pids


def peak_rss_mb(pid):
    """Peak resident memory of a process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(port, urls, *, concurrency=4, duration=20.0, warmup=None):
    """GET urls round-robin from concurrency threads for duration seconds: rate, latencies, errors."""
    for url in warmup or []:
        _get(port, url)
    lock = threading.Lock()
    latencies, errors, position = [], [], [0]
    stop = time.perf_counter() + duration

    def client():
        while time.perf_counter() < stop:
            with lock:
                url = urls[position[0] % len(urls)]
                position[0] += 1
            start = time.perf_counter()
            try:
                status = _get(port, url)
            except OSError as exc:
                status = repr(exc)
            ms = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(ms)
                if status != 200:
                    errors.append(f"{status} {url}")

    begin = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - begin
    return {"requests": len(latencies), "seconds": elapsed, "requests_per_s": len(latencies) / elapsed,
            "latency_ms": latencies, "errors": len(errors), "error_samples": errors[:5],
            "concurrency": concurrency}


def measure(env, urls, *, workers=2, concurrency=4, duration=20.0, warmup=None):
    """Start gunicorn, load it, and report rate, latencies, errors and each worker's peak memory."""
    proc, port = start_gunicorn({**os.environ, **env}, workers)
    try:
        result = run(port, urls, concurrency=concurrency, duration=duration, warmup=warmup)
        result["worker_peak_mb"] = [peak_rss_mb(pid) for pid in worker_pids(proc.pid)]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return result
