"""The export formats, each a generator of text chunks so a response can stream it.

Internal exports cover every non-dismissed claim with its current verdict and that verdict's state
(published, approved, proposed) in plain words; ``published_only`` narrows them to published
verdicts. ClaimReview JSON-LD is for platforms and is always published-only.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import batched
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import get_template
from django.utils import timezone

from claims.exports import claimreview
from claims.exports.records import ClaimRecord, Scope, iter_records, public_article_url
from claims.exports.report_html import claim_html
from claims.exports.summary import summarise

# Claims per piece of the streamed HTML report.
HTML_CLAIMS_PER_CHUNK = 100
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
CSV_COLUMNS = [
    "claim_id",
    "article_id",
    "article_title",
    "article_url",
    "claim",
    "claimant",
    "claimant_type",
    "claimed_on",
    "claim_type",
    "claim_status",
    "verdict_state",
    "rating",
    "rating_value",
    "rationale",
    "verdict_author",
    "approved_at",
    "published_at",
    "public_url",
    "source_count",
    "sources",
]


def neutralise(value: Any) -> Any:
    """Prefix a cell a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Line:
    """A file-like object whose write() returns what it was given, for csv.writer over a generator."""

    def write(self, value: str) -> str:
        return value


def csv_row(record: ClaimRecord) -> list[Any]:
    verdict = record.verdict
    sources = "\n".join(
        f"{source.title} <{source.url}> ({source.stance_label}; accessed "
        f"{source.accessed_at.date().isoformat() if source.accessed_at else 'not yet'})"
        for source in record.sources
    )
    published = verdict is not None and verdict.state == "published"
    return [
        record.pk,
        record.article.pk,
        record.article.title,
        record.article.url,
        record.text,
        record.claimant,
        record.claimant_type,
        record.claimed_on.isoformat() if record.claimed_on else "",
        record.claim_type,
        record.status_label,
        verdict.state_label if verdict else "No verdict yet",
        verdict.rating if verdict else "",
        "" if verdict is None or verdict.rating_value is None else verdict.rating_value,
        verdict.rationale if verdict else "",
        verdict.author if verdict else "",
        verdict.approved_at.isoformat() if verdict and verdict.approved_at else "",
        verdict.published_at.isoformat() if verdict and verdict.published_at else "",
        record.public_url if published else "",
        len(record.sources),
        sources,
    ]


def csv_chunks(scope: Scope) -> Iterator[str]:
    writer = csv.writer(_Line())
    # A byte-order mark so spreadsheet programs read the file as UTF-8.
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)
    for record in iter_records(scope):
        yield writer.writerow([neutralise(cell) for cell in csv_row(record)])


def _meta(scope: Scope) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": scope.title,
        "generated_at": timezone.now().isoformat(),
        "published_only": scope.published_only,
    }
    if scope.article is not None:
        article = scope.article
        meta["article"] = {
            "id": article.pk,
            "title": article.display_title,
            "url": article.canonical_url or article.url,
            "publisher": article.publisher,
            "authors": article.authors,
            "published_on": article.published_on.isoformat() if article.published_on else None,
        }
    if scope.query:
        meta["filter"] = scope.query
    return meta


def _json_array(head: str, items: Iterable[Any], tail: str) -> Iterator[str]:
    yield head
    for index, item in enumerate(items):
        yield ("," if index else "") + "\n" + json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False)
    yield "\n" + tail


def json_chunks(scope: Scope) -> Iterator[str]:
    meta = json.dumps(_meta(scope), ensure_ascii=False)
    yield from _json_array('{"export": ' + meta + ', "claims": [', (r.as_json() for r in iter_records(scope)), "]}\n")


def _published(scope: Scope) -> Scope:
    if scope.published_only:
        return scope
    return replace(scope, queryset=scope.queryset.published(), published_only=True)


def claimreview_items(scope: Scope) -> Iterator[dict[str, Any]]:
    """One ClaimReview per published claim of the scope."""
    organization, scale = claimreview.review_context()
    for record in iter_records(_published(scope)):
        yield claimreview.build(record, organization=organization, scale=scale)


def jsonld_chunks(scope: Scope) -> Iterator[str]:
    # Each item keeps its own @context so any one of them can be lifted out and embedded alone.
    yield from _json_array("[", claimreview_items(scope), "]\n")


def findings_chunks(scope: Scope) -> Iterator[str]:
    """The validator's findings for every ClaimReview of the scope, as JSON."""

    def items() -> Iterator[dict[str, Any]]:
        for review in claimreview_items(scope):
            yield {
                "url": review["url"],
                "claimReviewed": review["claimReviewed"],
                "findings": [vars(finding) for finding in claimreview.validate(review)],
            }

    yield from _json_array('{"findings": [', items(), "]}\n")


MARKDOWN_SPECIAL = str.maketrans({char: "\\" + char for char in "\\`*_{}[]<>#|!~"})


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it literally (no links, emphasis, headings or raw HTML)."""
    escaped = " ".join(text.split()).translate(MARKDOWN_SPECIAL)
    if escaped and (escaped[0] in "-+=" or escaped.split(".")[0].isdigit()):
        escaped = "\\" + escaped
    return escaped


def markdown_chunks(scope: Scope) -> Iterator[str]:
    summary = summarise(scope)
    lines = [f"# Verdict report: {md_escape(scope.title)}", ""]
    if scope.article is not None:
        article = scope.article
        details = [article.publisher, article.published_on.isoformat() if article.published_on else ""]
        lines += [f"{md_escape(' · '.join(d for d in details if d))}", ""] if any(details) else []
        if article.canonical_url or article.url:
            lines += [f"<{article.canonical_url or article.url}>", ""]
    lines += [f"**{md_escape(summary.sentence)}**", ""]
    yield "\n".join(lines) + "\n"
    for record in iter_records(scope):
        yield _markdown_claim(record)


def _markdown_claim(record: ClaimRecord) -> str:
    verdict = record.verdict
    number = f"{record.number}. " if record.number else ""
    lines = [f"## {number}{md_escape(record.text)}", ""]
    if record.claimant:
        lines += [
            f"Claimed by {md_escape(record.claimant)}" + (f" on {record.claimed_on}" if record.claimed_on else ""),
            "",
        ]
    if verdict is None:
        lines += ["*No verdict yet.*", ""]
    else:
        lines += [
            f"**Verdict: {md_escape(verdict.rating)}** ({verdict.state_label})",
            "",
            verdict.rationale.strip(),
            "",
        ]
    if record.sources:
        lines += ["Sources:", ""]
        for source in record.sources:
            accessed = source.accessed_at.date().isoformat() if source.accessed_at else "not yet fetched"
            lines.append(
                f"- [{md_escape(source.title)}](<{source.url}>), {source.stance_label.lower()}; accessed {accessed}"
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def _report_context(scope: Scope, *, pdf: bool) -> dict[str, Any]:
    return {
        "scope": scope,
        "article": scope.article,
        "summary": summarise(scope),
        "pdf": pdf,
        "generated_at": timezone.now(),
        "public_url": public_article_url(scope.article.public_token) if scope.article and scope.published_only else "",
    }


def html_chunks(scope: Scope, *, pdf: bool = False, progress: Callable[[int], None] | None = None) -> Iterator[str]:
    """The printable report: the head, then the claims a chunk at a time, then the foot."""
    context = _report_context(scope, pdf=pdf)
    yield get_template("claims/report.html#report-head").render(context)
    count = 0
    # One piece of text per chunk of claims rather than per claim: fewer, larger writes to the response.
    for batch in batched(iter_records(scope), HTML_CLAIMS_PER_CHUNK):
        yield "".join(claim_html(record, record.number) for record in batch)
        count += len(batch)
        if progress is not None:
            progress(count)
    yield get_template("claims/report.html#report-foot").render({**context, "count": count})


def report_parts(scope: Scope, *, claims_per_part: int) -> Iterator[tuple[str, int]]:
    """The printable report for PDF as complete HTML documents of ``claims_per_part`` claims each.

    Yields (html, claims so far). The first part carries the head (metadata, summary, chart), the last
    the foot; numbering continues across parts. A report with no claims is one part.
    """
    context = _report_context(scope, pdf=True)
    batches = batched(iter_records(scope), claims_per_part)
    batch: tuple[ClaimRecord, ...] = next(batches, ())
    head, count = "claims/report.html#report-head", 0
    while True:
        # Read one batch ahead: only then is it known whether this part is the last and ends with the foot.
        following = next(batches, None)
        chunks = [get_template(head).render(context)]
        for record in batch:
            count += 1
            chunks.append(claim_html(record, record.number))
        if following is None:
            chunks.append(get_template("claims/report.html#report-foot").render({**context, "count": count}))
        else:
            chunks.append(get_template("claims/report.html#report-part-foot").render({}))
        yield "".join(chunks), count
        if following is None:
            return
        batch, head = following, "claims/report.html#report-part-head"
