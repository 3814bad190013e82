"""Running wrk and reading what it prints."""

import json
import subprocess
from pathlib import Path

SUMMARY_SCRIPT = Path(__file__).with_name("wrk_summary.lua")
MARKER = "BENCH_JSON "


class WrkError(RuntimeError):
    pass


def command(url, *, duration, concurrency, cookie=None, threads=2):
    """The wrk command line of one measure (threads never more than connections)."""
    args = [
        "wrk",
        f"-t{min(threads, concurrency)}",
        f"-c{concurrency}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(SUMMARY_SCRIPT),
    ]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    return [*args, url]


def parse(output):
    """requests/s, p50, p95, p99 (ms) and errors from wrk's output with wrk_summary.lua."""
    for line in output.splitlines():
        if line.startswith(MARKER):
            raw = json.loads(line[len(MARKER) :])
            break
    else:
        raise WrkError(f"no summary line in wrk's output:\n{output}")
    seconds = raw["duration_us"] / 1_000_000
    errors = sum(
        raw[key]
        for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "errors": errors,
    }


def run(url, *, duration, concurrency, cookie=None):
    completed = subprocess.run(
        command(url, duration=duration, concurrency=concurrency, cookie=cookie),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise WrkError(f"wrk failed ({completed.returncode}): {completed.stderr}")
    return parse(completed.stdout)
