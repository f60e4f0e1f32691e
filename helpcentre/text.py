"""Staff write help pages in Markdown; readers get HTML that can carry nothing but text, lists, tables and links.

Markdown passes raw HTML through, so its output is sanitised with nh3 (an allow-list): no script, no
style, no inline event handlers, no `javascript:` or `data:` links; every link gets rel="noopener nofollow".
"""

from __future__ import annotations

import html

import markdown  # type: ignore[import-untyped]  # ships no type information; types-Markdown is not a dependency
import nh3
from markdown.extensions.tables import TableExtension  # type: ignore[import-untyped]
from markdown.extensions.toc import TocExtension  # type: ignore[import-untyped]

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "b", "i", "a",
    "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
LINK_REL = "noopener nofollow"


def render_markdown(source: str) -> str:
    """Sanitised HTML for a page body written in Markdown."""
    # The page title is the only h1: headings in the body start at h2 ("# x" becomes <h2>).
    extensions = [TableExtension(use_align_attribute=True), TocExtension(baselevel=2), "sane_lists"]
    converted = markdown.markdown(source, extensions=extensions, output_format="html")
    return sanitise(converted).strip()


def sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def plain_text(fragment: str) -> str:
    """The text of sanitised HTML, for search snippets."""
    return html.unescape(nh3.clean(fragment, tags=set())).strip()
