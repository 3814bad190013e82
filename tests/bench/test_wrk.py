import pytest

from bench import wrk

OUTPUT = """Running 10s test @ http://127.0.0.1:8100/bench/plancher/
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.21ms    2.10ms  41.20ms   88.00%
    Req/Sec   805.12     60.10   910.00     71.00%
  Latency Distribution
     50%    5.90ms
     75%    6.80ms
     90%    8.10ms
     99%   14.00ms
  16100 requests in 10.00s, 20.00MB read
Requests/sec:   1610.00
Transfer/sec:      2.00MB
BENCH_JSON {"requests": 16100, "duration_us": 10000000, "p50_us": 5900, "p95_us": 9450, \
"p99_us": 14000, "max_us": 41200, "connect_errors": 0, "read_errors": 1, "write_errors": 0, \
"status_errors": 2, "timeouts": 3}
""".replace("\\\n", "")


def test_parse_reads_rate_percentiles_and_errors():
    assert wrk.parse(OUTPUT) == {
        "requests": 16100,
        "rps": 1610.0,
        "p50_ms": 5.9,
        "p95_ms": 9.45,
        "p99_ms": 14.0,
        "max_ms": 41.2,
        "errors": 6,
    }


def test_parse_of_a_run_that_served_nothing_gives_zero_rate():
    output = (
        'BENCH_JSON {"requests": 0, "duration_us": 3000000, "p50_us": 0, "p95_us": 0, '
        '"p99_us": 0, "max_us": 0, "connect_errors": 10, "read_errors": 0, '
        '"write_errors": 0, "status_errors": 0, "timeouts": 0}'
    )
    result = wrk.parse(output)
    assert result["rps"] == 0.0
    assert result["errors"] == 10


def test_parse_without_the_summary_line_fails_loudly():
    with pytest.raises(wrk.WrkError, match="no summary line"):
        wrk.parse("Requests/sec: 12.00\n")


def test_command_sends_the_session_cookie_and_the_summary_script():
    args = wrk.command("http://127.0.0.1:8100/espace/", duration=10, concurrency=10, cookie="s=1")
    assert args[:4] == ["wrk", "-t2", "-c10", "-d10s"]
    assert args[args.index("-H") : args.index("-H") + 2] == ["-H", "Cookie: s=1"]
    assert str(wrk.SUMMARY_SCRIPT) in args
    assert wrk.SUMMARY_SCRIPT.exists()
    assert args[-1] == "http://127.0.0.1:8100/espace/"


def test_command_of_an_anonymous_page_has_no_cookie_and_no_more_threads_than_connections():
    args = wrk.command("http://127.0.0.1:8100/", duration=3, concurrency=1)
    assert "-H" not in args
    assert "-t1" in args
