"""What the live server shows over a served page: the last build's problems, or that lists lag (pure)."""

from __future__ import annotations

import html


def notice_html(error: str | None, lagging: bool) -> str:
    """What the server shows over a served page: the last build's problems (escaped), or that lists lag."""
    style = "position:fixed;left:0;right:0;z-index:10000;margin:0;padding:.6em 1em;font:14px/1.4 system-ui,sans-serif;"
    if error is not None:
        return (
            f'<div id="serve-error" role="alert" style="{style}top:0;max-height:70vh;overflow:auto;'
            'background:#fff0f0;color:#6b0000;border-bottom:3px solid #b00000">'
            "<strong>The last save did not build: you see the last good pages. Fix the data and save again.</strong>"
            f'<pre style="white-space:pre-wrap;margin:.5em 0 0;font:13px/1.4 monospace">{html.escape(error)}</pre></div>'
        )
    if lagging:
        return (
            f'<div id="serve-lag" role="status" style="{style}bottom:0;background:#fffbe6;color:#4d3b00;border-top:2px solid #d9a400">'
            "The home page, glossary, timeline and search are updated in the background, a few seconds after this page; "
            "they reload by themselves when they are.</div>"
        )
    return ""
