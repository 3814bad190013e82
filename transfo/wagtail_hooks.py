from wagtail import hooks

from transfo.public_cache import mark_cacheable


@hooks.register("on_serve_page", order=100)
def share_public_pages(callback):
    """A page Wagtail serves past its view restrictions (their check wraps this one) is public:
    its anonymous response may go to the shared cache (transfo.public_cache)."""

    def inner(page, request, serve_args, serve_kwargs):
        mark_cacheable(request)
        return callback(page, request, serve_args, serve_kwargs)

    return inner
