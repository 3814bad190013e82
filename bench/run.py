"""`make bench`: the benchmark of issue 10, end to end, on this machine.

Fresh PostgreSQL database, the demo then `seed_demo --scale BENCH_SCALE`, gunicorn with the
production settings (transfo.settings_bench) on loopback, wrk on every main page type and on
the floor, queries per page, workers' memory, the vitrine's search over many cases; writes
bench/results.json and bench/REPORT.md. Tunable through the environment (see DEFAULTS).
"""

import datetime
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import report, wrk  # noqa: E402

BENCH = ROOT / "bench"
OUT = BENCH / "out"
PYTHON = sys.executable

DEFAULTS = {
    "BENCH_SCALE": "50",
    "BENCH_DURATION": "10",
    "BENCH_WARMUP": "3",
    "BENCH_CONCURRENCY": "10",
    "BENCH_WORKERS": "3",
    "BENCH_THREADS": "2",
    "BENCH_PORT": "8100",
    "BENCH_DB": "transfo_bench",
    "BENCH_REDIS_DB": "14",
    "BENCH_SEARCH_CASES": "100000",
    "BENCH_SEARCH_REPEATS": "20",
    # Seconds of timed runs per search at most (a slow search gets fewer runs).
    "BENCH_SEARCH_BUDGET": "60",
    # Where REPORT.md and results.json go (bench/ itself: they are committed).
    "BENCH_REPORT_DIR": str(BENCH),
}


def config():
    return {key: os.environ.get(key) or default for key, default in DEFAULTS.items()}


def step(message):
    print(f"\n==> {message}", flush=True)


def environment(cfg):
    """The environment of every Django process of the bench (production-like settings)."""
    if cfg["BENCH_DB"].startswith("transfo_ci"):
        raise SystemExit("BENCH_DB must not start with transfo_ci (the CI's databases).")
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "transfo.settings_bench",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{cfg['BENCH_DB']}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{cfg['BENCH_REDIS_DB']}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{cfg['BENCH_PORT']}",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "BENCH_OUT": str(OUT),
            "MEDIA_ROOT": str(OUT / "media"),
            "PRIVATE_MEDIA_ROOT": str(OUT / "private-media"),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, text=True, **kwargs)


def manage(env, *args, capture=False):
    completed = run([PYTHON, "manage.py", *args], env, capture_output=capture)
    return completed.stdout if capture else None


def psql(sql):
    run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], os.environ)


def analyze(cfg):
    """Fresh planner statistics after a bulk seed, as autovacuum would soon give a production
    database (without them PostgreSQL plans the seeded tables as if they were empty)."""
    run(
        ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", cfg["BENCH_DB"], "-c", "ANALYZE"],
        os.environ,
    )


def flush_cache(cfg):
    run(["redis-cli", "-h", "127.0.0.1", "-n", cfg["BENCH_REDIS_DB"], "flushdb"], os.environ)


def fresh_database(cfg, env):
    step(f"Fresh database {cfg['BENCH_DB']}, migrations, static files")
    psql(f"DROP DATABASE IF EXISTS {cfg['BENCH_DB']} WITH (FORCE)")
    psql(f"CREATE DATABASE {cfg['BENCH_DB']}")
    flush_cache(cfg)
    for folder in ("media", "private-media"):
        shutil.rmtree(OUT / folder, ignore_errors=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")


class Server:
    """gunicorn with the production config file, on loopback, without worker recycling."""

    def __init__(self, cfg, env, *, cache, name):
        self.cfg = cfg
        self.name = name
        self.base = f"http://127.0.0.1:{cfg['BENCH_PORT']}"
        self.env = {**env, "PUBLIC_PAGE_CACHE_SECONDS": "600" if cache else "0"}
        self.process = None

    def start(self):
        log = open(OUT / f"gunicorn-{self.name}.log", "w")  # noqa: SIM115 (closed with the server)
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{self.cfg['BENCH_PORT']}",
                "--workers",
                self.cfg["BENCH_WORKERS"],
                "--threads",
                self.cfg["BENCH_THREADS"],
                "--max-requests",
                "0",
                "transfo.wsgi:application",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.log = log
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped: see {log.name}")
            try:
                status, _headers, _body = fetch(f"{self.base}/sante/")
                if status == 200 and len(self.workers()) == int(self.cfg["BENCH_WORKERS"]):
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"gunicorn did not answer /sante/ within 60 s: see {log.name}")

    def workers(self):
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def memory(self):
        """Each worker's peak and current resident memory (MB), from /proc."""
        rows = []
        for pid in self.workers():
            status = dict(
                line.split(":", 1)
                for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                if ":" in line
            )
            rows.append(
                {
                    "pid": pid,
                    "vmhwm_mb": round(int(status["VmHWM"].split()[0]) / 1024, 1),
                    "vmrss_mb": round(int(status["VmRSS"].split()[0]) / 1024, 1),
                }
            )
        return rows

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@contextmanager
def server(cfg, env, *, cache, name):
    srv = Server(cfg, env, cache=cache, name=name)
    try:
        srv.start()
        yield srv
    finally:
        srv.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect())


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def prepared_pages(env):
    """The pages to measure and the demo accounts' session cookies (bench_pages command)."""
    data = json.loads(manage(env, "bench_pages", capture=True))
    for page in data["pages"]:
        page["cookie"] = data["cookies"].get(page["account"]) if page["account"] else None
    return data["pages"]


def count_queries(srv, pages, tries=5):
    """Each page's queries in steady state: the least over a few requests (a worker's first
    request also fills its per-process caches). Fails on anything but a 200."""
    counts = {}
    for page in pages:
        headers = {"X-Bench-Queries": "1"}
        if page["cookie"]:
            headers["Cookie"] = page["cookie"]
        seen = []
        for _ in range(tries):
            status, response_headers, _body = fetch(srv.base + page["path"], headers)
            if status != 200:
                raise SystemExit(f"{page['name']} ({page['path']}) answered {status}")
            seen.append(int(response_headers["X-Queries"]))
        counts[page["path"]] = min(seen)
        print(f"  {page['name']}: {min(seen)} queries", flush=True)
    return counts


def load(srv, cfg, path, cookie=None):
    url = srv.base + path
    wrk.run(
        url,
        duration=int(cfg["BENCH_WARMUP"]),
        concurrency=int(cfg["BENCH_CONCURRENCY"]),
        cookie=cookie,
    )
    result = wrk.run(
        url,
        duration=int(cfg["BENCH_DURATION"]),
        concurrency=int(cfg["BENCH_CONCURRENCY"]),
        cookie=cookie,
    )
    print(
        f"  {path}: {result['rps']:.0f} req/s, p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, errors {result['errors']}",
        flush=True,
    )
    return result


FLOOR = "/bench/plancher/"


def load_average():
    """The machine's 1-minute load average: others' work on the cores skews every figure."""
    return round(os.getloadavg()[0], 2)


def commit():
    try:
        return run(
            ["git", "rev-parse", "--short", "HEAD"], os.environ, capture_output=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    cfg = config()
    load_before = load_average()
    OUT.mkdir(parents=True, exist_ok=True)
    step("Services: PostgreSQL, Redis, wrk")
    run(["bash", str(BENCH / "services.sh")], os.environ)
    env = environment(cfg)
    fresh_database(cfg, env)

    step("Demo data (seed_demo)")
    manage(env, "seed_demo", "--force", "-v", "0")
    analyze(cfg)
    step("Queries per page at demo scale")
    with server(cfg, env, cache=False, name="demo") as srv:
        # The same pages (same objects, same signed-in sessions) are measured at both scales.
        pages = prepared_pages(env)
        queries_demo = count_queries(srv, pages)

    step(f"Bench data (seed_demo --scale {cfg['BENCH_SCALE']})")
    manage(env, "seed_demo", "--force", "--scale", cfg["BENCH_SCALE"], "-v", "0")
    analyze(cfg)
    flush_cache(cfg)
    memory = {}
    step("Uncached: queries at bench scale, then the load on the floor and every page")
    with server(cfg, env, cache=False, name="uncached") as srv:
        queries_scale = count_queries(srv, pages)
        floor_page = {"name": "Floor", "path": FLOOR, "cookie": None}
        floor = {"path": FLOOR, "queries": count_queries(srv, [floor_page])[FLOOR]}
        floor["uncached"] = load(srv, cfg, FLOOR)
        for page in pages:
            page["uncached"] = load(srv, cfg, page["path"], page["cookie"])
        memory["uncached"] = srv.memory()

    step("Cache on: the floor and the anonymous public pages")
    flush_cache(cfg)
    with server(cfg, env, cache=True, name="cached") as srv:
        floor["cached"] = load(srv, cfg, FLOOR)
        for page in pages:
            page["cached"] = load(srv, cfg, page["path"]) if page["public"] else None
        memory["cached"] = srv.memory()

    step(f"Vitrine search over {cfg['BENCH_SEARCH_CASES']} published cases")
    search = json.loads(
        manage(
            env,
            "bench_search",
            "--cases",
            cfg["BENCH_SEARCH_CASES"],
            "--repeats",
            cfg["BENCH_SEARCH_REPEATS"],
            "--budget",
            cfg["BENCH_SEARCH_BUDGET"],
            capture=True,
        )
    )
    for row in search["searches"]:
        print(f"  {row['name']}: {row['matches']} matches, page p95 {row['page_p95_ms']} ms")

    results = {
        "meta": {
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
            "commit": commit(),
            "scale": int(cfg["BENCH_SCALE"]),
            "duration_s": int(cfg["BENCH_DURATION"]),
            "warmup_s": int(cfg["BENCH_WARMUP"]),
            "concurrency": int(cfg["BENCH_CONCURRENCY"]),
            "workers": int(cfg["BENCH_WORKERS"]),
            "threads": int(cfg["BENCH_THREADS"]),
            "cpus": os.cpu_count(),
            "load_before": load_before,
            "load_after": load_average(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        },
        "floor": floor,
        "pages": [
            {
                "name": page["name"],
                "path": page["path"],
                "account": page["account"],
                "public": page["public"],
                "queries_demo": queries_demo[page["path"]],
                "queries_scale": queries_scale[page["path"]],
                "uncached": page["uncached"],
                "cached": page["cached"],
            }
            for page in pages
        ],
        "memory": memory,
        "search": search,
    }
    report.write(results, cfg["BENCH_REPORT_DIR"])
    step(f"Written: {cfg['BENCH_REPORT_DIR']}/REPORT.md and results.json")


if __name__ == "__main__":
    main()
