"""Reading archive files: ClaimReview JSON-LD (objects, arrays, @graph, DataFeed), CSV and JSONL. Pure functions.

Every item becomes a `Record` or an `ItemError` saying which item and why; nothing is written here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

MAX_CLAIM_CHARS = 5000
MAX_URL_CHARS = 2048

# CSV columns (first row), each with the other names accepted for it.
CSV_COLUMNS = {
    "url": ("url", "review_url", "claimreview_url"),
    "claim": ("claim", "claim_reviewed", "claimreviewed", "text"),
    "title": ("title", "headline", "name"),
    "rating": ("rating", "truth_label", "textual_rating", "alternatename"),
    "publisher": ("publisher", "author", "organisation", "organization"),
    "review_date": ("review_date", "date", "date_published", "datepublished"),
    "claimant": ("claimant", "speaker", "claim_author"),
    "claim_date": ("claim_date", "claimed_on", "claim_date_published"),
    "language": ("language", "lang", "inlanguage"),
    "external_id": ("external_id", "id", "identifier"),
}


class FileError(ValueError):
    """The file as a whole cannot be read (not JSON, no header…); the message is for the user."""


@dataclass(frozen=True)
class Record:
    key: str
    url: str
    external_id: str
    claim: str
    title: str
    claimant: str
    claim_date: date | None
    review_date: date | None
    rating: str
    publisher: str
    language: str


@dataclass(frozen=True)
class ItemError:
    item: int
    reason: str
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.item, "reason": self.reason, "label": self.label}


Parsed = Record | ItemError


def guess_format(data: bytes, filename: str = "") -> str:
    name = filename.lower()
    for suffix, kind in ((".csv", "csv"), (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".jsonl.gz", "jsonl")):
        if name.endswith(suffix):
            return kind
    head = data.lstrip()[:1]
    if head == b"[":
        return "jsonld"
    if head == b"{":
        first_line = data.lstrip().split(b"\n", 1)[0]
        try:
            json.loads(first_line)
        except ValueError:
            return "jsonld"
        return "jsonl" if b"\n" in data.strip() else "jsonld"
    return "csv"


def read_records(data: bytes, fmt: str = "", filename: str = "") -> Iterator[Parsed]:
    """Every item of the file, in order, as a Record or an ItemError. Raises FileError for an unreadable file."""
    fmt = fmt or guess_format(data, filename)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileError(f"The file is not UTF-8 text (byte {exc.start}).") from exc
    if fmt == "csv":
        yield from _read_csv(text)
    elif fmt == "jsonl":
        yield from _read_jsonl(text)
    elif fmt == "jsonld":
        yield from _read_jsonld(text)
    else:
        raise FileError(f"Unknown format “{fmt}”: use jsonld, csv or jsonl.")


def count_items(data: bytes, fmt: str = "", filename: str = "") -> int:
    return sum(1 for _ in read_records(data, fmt, filename))


# ClaimReview JSON-LD


def _read_jsonld(text: str) -> Iterator[Parsed]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileError(f"Not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from exc
    for number, item in enumerate(_claim_reviews(document), start=1):
        yield from_claim_review(item, number)


def _claim_reviews(node: Any) -> Iterator[Any]:
    """Unwrap arrays, @graph and DataFeed wrappers down to the items that should be ClaimReviews."""
    if isinstance(node, list):
        for element in node:
            yield from _claim_reviews(element)
    elif isinstance(node, dict) and "@graph" in node and not _is_type(node, "ClaimReview"):
        yield from _claim_reviews(node["@graph"])
    elif isinstance(node, dict) and _is_type(node, "DataFeed"):
        yield from _claim_reviews(node.get("dataFeedElement", []))
    elif isinstance(node, dict) and _is_type(node, "DataFeedItem"):
        yield from _claim_reviews(node.get("item", []))
    else:
        yield node


def _is_type(node: Mapping[str, Any], name: str) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == name for k in kinds)


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _name(value: Any) -> str:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName") or ""
    return value.strip() if isinstance(value, str) else ""


def from_claim_review(item: Any, number: int) -> Parsed:
    """One ClaimReview object as a Record, or why it cannot be one."""
    if not isinstance(item, dict):
        return ItemError(number, f"Expected a ClaimReview object, found {type(item).__name__}.")
    if not _is_type(item, "ClaimReview"):
        found = item.get("@type") or "no @type"
        return ItemError(number, f"Not a ClaimReview (@type is {found}).", str(item.get("url") or "")[:200])
    rating = _first(item.get("reviewRating")) or {}
    rating_label = ""
    if isinstance(rating, dict):
        rating_label = _name(rating) or str(rating.get("ratingValue") or "").strip()
    reviewed = _first(item.get("itemReviewed")) or {}
    reviewed = reviewed if isinstance(reviewed, dict) else {}
    return make_record(
        number,
        url=item.get("url"),
        external_id=item.get("identifier") or item.get("@id"),
        claim=item.get("claimReviewed"),
        title=item.get("name") or item.get("headline"),
        claimant=_name(reviewed.get("author")),
        claim_date=reviewed.get("datePublished"),
        review_date=item.get("datePublished"),
        rating=rating_label,
        publisher=_name(item.get("author")) or _name(item.get("publisher")),
        language=_name(item.get("inLanguage")),
        names={"claim": "claimReviewed", "url": "url", "review_date": "datePublished"},
    )


# JSONL: the archive shape {"id", "claim", "title", "date", "url", "truth_label", ...}


def _read_jsonl(text: str) -> Iterator[Parsed]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ItemError(number, f"Line {number} is not valid JSON: {exc.msg}.")
            continue
        if not isinstance(item, dict):
            yield ItemError(number, f"Line {number} is not a JSON object.")
            continue
        if _is_type(item, "ClaimReview"):
            yield from_claim_review(item, number)
            continue
        yield make_record(
            number,
            url=item.get("url"),
            external_id=item.get("id"),
            claim=item.get("claim"),
            title=item.get("title"),
            claimant=item.get("speaker") or item.get("claimant"),
            claim_date=item.get("claim_date"),
            review_date=item.get("date"),
            rating=item.get("truth_label") or item.get("rating"),
            publisher=item.get("publisher"),
            language=item.get("language"),
            names={"claim": "claim", "url": "url", "review_date": "date"},
        )


# CSV with the documented columns


def _read_csv(text: str) -> Iterator[Parsed]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise FileError("The CSV file is empty: the first row must name the columns.")
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        normalised = name.strip().lower().replace(" ", "_")
        for field, aliases in CSV_COLUMNS.items():
            if normalised in aliases and field not in columns:
                columns[field] = index
    if "claim" not in columns:
        raise FileError("The CSV file has no “claim” column (see the column mapping in the matching README).")
    if "url" not in columns and "external_id" not in columns:
        raise FileError("The CSV file needs a “url” or an “external_id” column to identify each fact check.")
    for number, row in enumerate(reader, start=1):
        if not any(cell.strip() for cell in row):
            continue
        values = {field: (row[index] if index < len(row) else "") for field, index in columns.items()}
        yield make_record(number, **values, names={"claim": "claim", "url": "url", "review_date": "review_date"})


# Validation shared by every format


def _text(value: Any, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    return " ".join(value.split())[:limit]


def _date(value: Any) -> date | None:
    """ISO dates and date-times ("2020-05-01", "2020-05-01T10:00:00Z"); ValueError otherwise."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return datetime.fromisoformat(value).date()


def make_record(number: int, *, names: Mapping[str, str], **values: Any) -> Parsed:
    claim = _text(values.get("claim"), MAX_CLAIM_CHARS + 1)
    url = _text(values.get("url"), MAX_URL_CHARS + 1)
    external_id = _text(values.get("external_id"), 256)
    label = url or external_id or claim[:80]
    if not claim:
        return ItemError(number, f"No claim: “{names['claim']}” is missing or empty.", label)
    if len(claim) > MAX_CLAIM_CHARS:
        return ItemError(number, f"The claim is longer than {MAX_CLAIM_CHARS:,} characters.", label)
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return ItemError(number, f"“{names['url']}” is not an http(s) URL: {url[:100]}", label)
        if len(url) > MAX_URL_CHARS:
            return ItemError(number, f"The URL is longer than {MAX_URL_CHARS:,} characters.", label)
    elif not external_id:
        return ItemError(number, f"No “{names['url']}” and no id: nothing identifies this fact check.", label)
    if len(external_id) > 255:
        return ItemError(number, "The id is longer than 255 characters.", label)
    dates = {}
    for field in ("review_date", "claim_date"):
        try:
            dates[field] = _date(values.get(field))
        except ValueError:
            name = names["review_date"] if field == "review_date" else "claim date"
            return ItemError(number, f"“{name}” is not a date: {str(values.get(field))[:40]}", label)
    return Record(
        key=url or f"id:{external_id}",
        url=url,
        external_id=external_id,
        claim=claim,
        title=_text(values.get("title"), 1000),
        claimant=_text(values.get("claimant"), 255),
        claim_date=dates["claim_date"],
        review_date=dates["review_date"],
        rating=_text(values.get("rating"), 255),
        publisher=_text(values.get("publisher"), 255),
        language=_text(values.get("language"), 16),
    )
