from __future__ import annotations

from claims.exports.markdown import render_markdown


def test_it_renders_the_markdown_a_rationale_needs():
    html = render_markdown("The **report** says [4%](https://stats.example/r).\n\n- one\n- two\n\n> quoted")
    assert "<strong>report</strong>" in html
    assert '<a href="https://stats.example/r" rel="noopener noreferrer nofollow">4%</a>' in html
    assert "<ul>" in html and "<blockquote>" in html


def test_it_never_lets_markup_or_scripts_through():
    html = render_markdown(
        "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) ![i](http://evil.example/i.png)"
        ' <a href="https://x.example" hx-get="/steal">y</a>'
    )
    # Raw HTML shows as text; a javascript: link stays text; an image becomes a plain link.
    assert "<script" not in html and "<img" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;" in html and "[x](javascript:alert(3))" in html
    assert '<a href="http://evil.example/i.png" rel="noopener noreferrer nofollow">i</a>' in html
    assert '<a href="https://x.example"' not in html and "&lt;a href=" in html


def test_empty_rationales_render_nothing():
    assert render_markdown("") == ""
