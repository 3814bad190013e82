from django.db import connections

# Sent by bench/run.py when it counts a page's queries; the load itself does not ask.
REQUEST_HEADER = "HTTP_X_BENCH_QUERIES"
RESPONSE_HEADER = "X-Queries"


class QueryCounter:
    """A database execute wrapper that counts the statements run through it."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class QueryCountMiddleware:
    """Answers `X-Queries: N` (the request's database queries) when the request asks for it
    with `X-Bench-Queries: 1`; works with DEBUG off (no connection.queries needed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get(REQUEST_HEADER) != "1":
            return self.get_response(request)
        counter = QueryCounter()
        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response[RESPONSE_HEADER] = str(counter.count)
        return response
