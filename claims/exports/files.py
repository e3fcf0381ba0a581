"""Safe download names and the Content-Disposition header for exports."""

from __future__ import annotations

from urllib.parse import quote

from django.utils.text import slugify

MAX_STEM = 80


def safe_stem(title: str, *, fallback: str = "report", allow_unicode: bool = False) -> str:
    """A file-name stem from a title: slugified, no path characters, bounded length."""
    stem = slugify(title or "", allow_unicode=allow_unicode)[:MAX_STEM].strip("-_")
    return stem or fallback


def content_disposition(title: str, extension: str, *, suffix: str = "", inline: bool = False) -> str:
    """``attachment; filename="ascii.ext"; filename*=UTF-8''unicode.ext`` for a title."""
    tail = f"-{suffix}" if suffix else ""
    ascii_name = f"{safe_stem(title)}{tail}.{extension}"
    unicode_name = f"{safe_stem(title, allow_unicode=True)}{tail}.{extension}"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(unicode_name, safe='')}"
