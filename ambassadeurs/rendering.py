"""Markdown of carnet entries, rendered to HTML and sanitised with nh3.

The renderer is markdown-it-py's CommonMark, which parses in linear time: Python-Markdown
took seconds on a 24 KB text of unclosed links (`[a](` repeated), for every reader of a
shared entry (issue 18, item 6). Raw HTML passes to nh3, which keeps only ALLOWED_TAGS.
"""

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "a",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# An entry's text sits under the page's h1: Markdown headings start at level 2.
HEADING_LEVELS = {"1": "2", "2": "3", "3": "4", "4": "4", "5": "4", "6": "4"}
HEADING = re.compile(r"<(/?)h([1-6])([ >])")


def _shift_headings(html):
    return HEADING.sub(lambda m: f"<{m[1]}h{HEADING_LEVELS[m[2]]}{m[3]}", html)


MARKDOWN = MarkdownIt("commonmark", {"html": True})


def render_markdown(text):
    """Safe HTML of a Markdown text: raw HTML, scripts and unsafe links never come out."""
    html = MARKDOWN.render(text or "")
    return nh3.clean(
        _shift_headings(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
