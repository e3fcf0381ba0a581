"""What the API accepts and returns. Field names follow the models; the OpenAPI document is built from these."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from claims.models import Claim, Source

ClaimStatus = Literal["new", "in_review", "verdict_proposed", "approved", "published", "dismissed"]
ClaimType = Literal[
    "quantity",
    "correlation_causation",
    "rules_laws",
    "prediction",
    "personal_experience",
    "comparison",
    "event",
    "quote_attribution",
    "other",
]
Bucket = Literal["worth_checking", "may_be_worth_checking", "not_worth_checking"]
Stance = Literal["supports", "refutes", "context", "mixed"]
ClaimantType = Literal["Person", "Organization", ""]
ArticleStatus = Literal["queued", "fetching", "extracting", "splitting", "ready", "failed"]
Text = Annotated[str, StringConstraints(max_length=10_000)]
# The Literals spell the models' choices out so the OpenAPI document lists them; these keep them in step.
assert set(ClaimStatus.__args__) == set(Claim.Status.values)  # type: ignore[attr-defined]
assert set(ClaimType.__args__) == set(Claim.Type.values)  # type: ignore[attr-defined]
assert set(Stance.__args__) == set(Source.Stance.values)  # type: ignore[attr-defined]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---- People and ratings ----------------------------------------------------------


class UserRef(BaseModel):
    id: int
    username: str
    name: str


class MeOut(UserRef):
    roles: list[str]
    is_staff: bool


class RatingOut(BaseModel):
    id: int
    label: str
    slug: str
    value: int | None
    colour: str
    description: str


class FactCheckMatchOut(BaseModel):
    id: int
    external_id: str
    claim: str
    title: str
    url: str
    rating: str
    publisher: str
    date: datetime.date | None
    score: float
    reasons: list[str]


# ---- Articles ------------------------------------------------------------------


class ImportUrlIn(Strict):
    url: Annotated[str, StringConstraints(min_length=1, max_length=2048)]


class ImportTextIn(Strict):
    text: Annotated[str, StringConstraints(min_length=1)]
    title: Annotated[str, StringConstraints(max_length=500)] = ""
    url: Annotated[str, StringConstraints(max_length=2048)] = ""
    publisher: Annotated[str, StringConstraints(max_length=255)] = ""
    published_on: datetime.date | None = None


class Step(BaseModel):
    label: str
    state: Literal["done", "current", "waiting"]


class ArticleStatusOut(BaseModel):
    id: int
    status: ArticleStatus
    status_label: str
    progress: int = Field(description="Percent of the import's steps done.")
    steps: list[Step]
    error: str
    attempts: int
    status_changed_at: datetime.datetime


class ArticleSummaryOut(BaseModel):
    id: int
    title: str
    url: str
    status: ArticleStatus
    created_at: datetime.datetime
    links: dict[str, str]


class ImportOut(BaseModel):
    article: ArticleSummaryOut
    created: bool = Field(description="False when this input (or this Idempotency-Key) was imported before.")


class ArticleOut(BaseModel):
    id: int
    title: str
    url: str
    canonical_url: str
    publisher: str
    authors: list[str]
    published_on: datetime.date | None
    language: str
    body: str
    notices: list[str]
    status: ArticleStatus
    error: str
    claim_count: int
    imported_by: UserRef | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    links: dict[str, str]


# ---- Claims --------------------------------------------------------------------


class VerdictOut(BaseModel):
    id: int
    rating: RatingOut
    rationale: str
    author: UserRef
    approved_by: UserRef | None
    approved_at: datetime.datetime | None
    published_at: datetime.datetime | None
    created_at: datetime.datetime


class SourceOut(BaseModel):
    id: int
    claim_id: int
    url: str
    title: str
    publisher: str
    published_on: datetime.date | None
    fetch_status: Literal["queued", "fetching", "ready", "failed"]
    fetch_error: str
    fetched_at: datetime.datetime | None
    stance: Stance
    excerpt: str
    note: str
    added_by: UserRef | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class HistoryEntryOut(BaseModel):
    when: datetime.datetime
    user: UserRef | None
    summary: str
    changes: list[str]


class CommentOut(BaseModel):
    id: int
    author: UserRef
    body: str
    created_at: datetime.datetime


class ClaimOut(BaseModel):
    id: int
    article_id: int
    text: str
    quote: str
    start: int | None
    end: int | None
    claimant: str
    claim_type: ClaimType
    checkworthiness: float
    bucket: Bucket
    reasons: list[str]
    status: ClaimStatus
    assignee: UserRef | None
    current_rating: str | None
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ClaimPageOut(BaseModel):
    items: list[ClaimOut]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page.")


class ClaimDetailOut(ClaimOut):
    claimant_type: str
    claimed_on: datetime.date | None
    origin: str
    edited: bool
    dismissal_reason: str
    duplicate_of: int | None
    recheck_by: datetime.date | None
    verdict: VerdictOut | None
    verdicts: list[VerdictOut]
    sources: list[SourceOut]
    comments: list[CommentOut]
    history: list[HistoryEntryOut]
    links: dict[str, str]


# ---- Claim actions ---------------------------------------------------------------


class DismissIn(Strict):
    reason: Annotated[str, StringConstraints(min_length=1, max_length=255)]


class EditIn(Strict):
    text: Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
    claim_type: ClaimType | None = None
    claimant: Annotated[str, StringConstraints(max_length=255)] | None = None
    claimant_type: ClaimantType | None = None
    recheck_by: datetime.date | None = None


class SplitIn(Strict):
    first: Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
    second: Annotated[str, StringConstraints(min_length=1, max_length=10_000)]


class SplitOut(BaseModel):
    claims: list[ClaimOut]


class MergeIn(Strict):
    others: Annotated[list[int], Field(min_length=1, max_length=100)]


class AssignIn(Strict):
    assignee: int | None = Field(description="A user id; null unassigns.")


class AddClaimIn(Strict):
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=1)]
    text: Text = ""


class VerdictIn(Strict):
    rating: int = Field(description="A rating id from GET /ratings.")
    rationale: Annotated[str, StringConstraints(min_length=1, max_length=50_000)]


class SendBackIn(Strict):
    reason: Text = ""


class CommentIn(Strict):
    body: Annotated[str, StringConstraints(min_length=1, max_length=10_000)]


class SourceIn(Strict):
    url: Annotated[str, StringConstraints(min_length=1, max_length=2048)]
    stance: Stance = "context"
    excerpt: Text = ""
    note: Text = ""


class SourcePatchIn(Strict):
    stance: Stance | None = None
    excerpt: Text | None = None
    note: Text | None = None


# ---- Exports ---------------------------------------------------------------------


class ReportJobOut(BaseModel):
    id: int
    title: str
    status: Literal["queued", "running", "ready", "failed"]
    progress: int
    total: int
    error: str
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    download_url: str | None
