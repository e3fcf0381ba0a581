from __future__ import annotations

from claims.exports.files import content_disposition, safe_stem


def test_it_drops_path_and_control_characters():
    assert safe_stem('../../etc/passwd\r\n"; x=y') == "etcpasswd-xy"


def test_it_bounds_the_length():
    assert len(safe_stem("word " * 200)) <= 80


def test_it_falls_back_when_nothing_is_left():
    assert safe_stem("«»—") == "report"
    assert content_disposition("", "pdf").startswith('attachment; filename="report.pdf"')


def test_inline_reports_open_in_the_browser():
    assert content_disposition("Report", "html", inline=True).startswith('inline; filename="report.html"')
