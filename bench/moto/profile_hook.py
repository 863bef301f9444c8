"""Per-operation cProfile of moto_server's requests (bench only; enabled by MOTO_PROFILE_OUT=FILE).

Each request runs under its own cProfile.Profile (cProfile profiles only the thread that enables it, and werkzeug
serves each request on a thread of its own); the stats are summed per "service:Action" and written to FILE as text
(top functions by cumulative time per operation, heaviest operations first) every 20 s, on SIGUSR1 and at exit.
"""
import atexit
import cProfile
import io
import os
import pstats
import re
import signal
import threading
import time
import urllib.parse

from moto.moto_server.werkzeug_app import DomainDispatcherApplication

_lock = threading.Lock()
_stats = {}
_totals = {}
_scope = re.compile(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/")


def _operation(environ):
    service = "?"
    match = _scope.search(environ.get("HTTP_AUTHORIZATION", ""))
    if match:
        service = match.group(1)
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return f"{service}:{target.split('.')[-1]}"
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    if "Action" in query:
        return f"{service}:{query['Action'][0]}"
    if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        if "Action" in form:
            return f"{service}:{form['Action'][0]}"
    path = environ.get("PATH_INFO", "")
    return f"{service}:{environ.get('REQUEST_METHOD')} {re.sub(r'/[^/]+', '/x', path)[:40]}"


def dump(path):
    with _lock:
        items = sorted(_totals.items(), key=lambda kv: -kv[1][1])
        out = io.StringIO()
        out.write("operation | calls | thread CPU s (sum) | CPU ms per call | wall ms per call\n")
        for op, (n, cpu, wall) in items:
            out.write(f"{op} | {n} | {cpu:.2f} | {1000 * cpu / n:.2f} | {1000 * wall / n:.1f}\n")
        for op, (n, cpu, wall) in items[:12]:
            out.write(f"\n===== {op}: {n} calls, {cpu:.2f} s of thread CPU\n")
            s = _stats[op]
            s.stream = out
            s.sort_stats("cumulative").print_stats(35)
    with open(path, "w") as f:
        f.write(out.getvalue())


def install(path):
    original = DomainDispatcherApplication.__call__

    def profiled(self, environ, start_response):
        op = _operation(environ)
        # Timed by the thread's own CPU time: under a loaded machine and the GIL, wall time says little.
        profiler = cProfile.Profile(time.thread_time)
        start = time.perf_counter()
        start_cpu = time.thread_time()
        profiler.enable()
        try:
            return original(self, environ, start_response)
        finally:
            profiler.disable()
            wall = time.perf_counter() - start
            cpu = time.thread_time() - start_cpu
            with _lock:
                n, total_cpu, total = _totals.get(op, (0, 0.0, 0.0))
                _totals[op] = (n + 1, total_cpu + cpu, total + wall)
                if op in _stats:
                    _stats[op].add(profiler)
                else:
                    _stats[op] = pstats.Stats(profiler)

    DomainDispatcherApplication.__call__ = profiled
    signal.signal(signal.SIGUSR1, lambda *_: dump(path))
    atexit.register(dump, path)

    # The bench ends moto_server with SIGKILL (no atexit): dump every 20 s as well.
    def every():
        while True:
            time.sleep(20)
            try:
                dump(path)
            except Exception as e:  # keep dumping
                print("profile dump failed:", e, flush=True)

    threading.Thread(target=every, daemon=True).start()


def log_operations(path):
    """One line per request, "epoch_seconds service:Operation", written as it arrives: no profiler, so no slowdown."""
    original = DomainDispatcherApplication.__call__
    out = open(path, "a", buffering=1)

    def logged(self, environ, start_response):
        op = _operation(environ)
        with _lock:
            out.write(f"{time.time():.3f} {op}\n")
        return original(self, environ, start_response)

    DomainDispatcherApplication.__call__ = logged
