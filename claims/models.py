"""Articles, claims, evidence, verdicts, the rating scale and comments."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from claims.exports.markdown import render_markdown
from documents.models import Document

if TYPE_CHECKING:
    from accounts.models import User


def is_web_url(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() in ("http", "https")


def public_token() -> str:
    return secrets.token_urlsafe(16)


class Rating(models.Model):
    """One step of the publication's rating scale, as shown to readers and in ClaimReview."""

    label = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    # ClaimReview's ratingValue; empty for ratings off the numeric scale ("Unverifiable").
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the scale, lowest first.")
    colour = models.CharField(
        max_length=7,
        default="#6b7280",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a colour like #b91c1c.")],
    )
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class Organization(models.Model):
    """The publishing organisation named as ClaimReview's author. There is one row."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    name = models.CharField(max_length=200, default="Claim Workbench newsroom")
    url = models.URLField(blank=True)
    logo_url = models.URLField(blank=True)
    same_as = models.JSONField(default=list, blank=True, help_text="Profile URLs (a JSON list).")

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(singleton=True), name="organization_singleton")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def get(cls) -> Organization:
        organization, _ = cls.objects.get_or_create(singleton=True)
        return organization


class ArticleQuerySet(models.QuerySet["Article"]):
    def with_claim_counts(self) -> ArticleQuerySet:
        open_statuses = (Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.VERDICT_PROPOSED)
        return self.annotate(
            claim_count=models.Count("claims", filter=~Q(claims__status=Claim.Status.DISMISSED)),
            open_claim_count=models.Count("claims", filter=Q(claims__status__in=open_statuses)),
            published_claim_count=models.Count("claims", filter=Q(claims__status=Claim.Status.PUBLISHED)),
        )

    def in_progress(self) -> ArticleQuerySet:
        return self.filter(status__in=Article.IN_PROGRESS)

    def live(self) -> ArticleQuerySet:
        """Articles nobody deleted: what every page, list, export and API answer shows."""
        return self.filter(deleted_at__isnull=True)

    def deleted(self) -> ArticleQuerySet:
        return self.filter(deleted_at__isnull=False)


# Deleting and restoring an article are recorded with who did it (the request's pghistory context).
@pghistory.track(
    pghistory.UpdateEvent(
        "deleted", condition=pghistory.Q(old__deleted_at__isnull=True, new__deleted_at__isnull=False)
    ),
    pghistory.UpdateEvent(
        "restored", condition=pghistory.Q(old__deleted_at__isnull=False, new__deleted_at__isnull=True)
    ),
    fields=["deleted_at", "deleted_by"],
    model_name="ArticleEvent",
)
class Article(models.Model):
    """A news article being checked. ``body`` is the single source of truth for claim offsets.

    Deleting is soft: ``deleted_at`` hides the article and its claims everywhere people look
    (``Article.objects.live()``, ``Claim.objects.live()``), and staff restore it from the admin.
    The default manager keeps every row on purpose, so the admin, related lookups, the sweeps and
    the import task still see deleted articles.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        FETCHING = "fetching", "Fetching"
        EXTRACTING = "extracting", "Extracting"
        SPLITTING = "splitting", "Finding claims"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    IN_PROGRESS = (Status.QUEUED, Status.FETCHING, Status.EXTRACTING, Status.SPLITTING)

    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=2048, blank=True)
    canonical_url = models.URLField(max_length=2048, blank=True)
    publisher = models.CharField(max_length=255, blank=True)
    authors = models.JSONField(default=list, blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    body = models.TextField(blank=True)
    notices = models.JSONField(default=list, blank=True)
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="articles")
    # "url:<sha256>" or "text:<sha256>": importing the same thing twice finds this article. Unique
    # among live articles only (Meta.constraints), so a deleted article does not block a new import.
    dedupe_key = models.CharField(max_length=80)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    status_changed_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    public_token = models.CharField(max_length=32, unique=True, default=public_token, editable=False)

    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The dashboard lists the newest articles; the sweep scans unfinished ones.
            models.Index(fields=["-created_at"], name="article_created"),
            models.Index(fields=["status", "status_changed_at"], name="article_status_changed"),
            # The admin's "deleted" filter; partial, so it stays as small as the deleted articles are few.
            models.Index(fields=["-deleted_at"], condition=Q(deleted_at__isnull=False), name="article_deleted"),
        ]
        constraints = [
            # Serves the import's lookup by key too; a deleted twin may share the key.
            models.UniqueConstraint(
                fields=["dedupe_key"], condition=Q(deleted_at__isnull=True), name="article_dedupe_key_live"
            )
        ]
        triggers = [
            pgtrigger.Trigger(
                name="claims_revision_cleanup",
                operation=pgtrigger.Delete,
                when=pgtrigger.After,
                func="DELETE FROM claims_claimsrevision WHERE article_id = OLD.id; RETURN NULL;",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("claims:article-detail", args=[self.pk])

    @property
    def is_in_progress(self) -> bool:
        return self.status in self.IN_PROGRESS

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def display_title(self) -> str:
        return self.title or self.url or "Untitled article"

    @property
    def address(self) -> str:
        """Where the article was published, as stated (shown as text)."""
        return self.canonical_url or self.url

    @property
    def web_address(self) -> str:
        """The article's address when it is safe to link to: http and https only."""
        return self.address if is_web_url(self.address) else ""


class ClaimsRevision(models.Model):
    """How often an article's claims (or their verdicts) changed in what the article page shows.

    Written only by the database triggers on Claim and Verdict, so bulk updates, the admin and raw SQL
    count too; the article page keys its cached highlights on it. The triggers fire at commit
    (deferred), when every other lock of the transaction is held, so they add no lock-order deadlock.
    """

    # No constraint: a claim's trigger may count it while its article is being deleted; the article's
    # own trigger deletes the row.
    article = models.OneToOneField(
        Article, on_delete=models.DO_NOTHING, db_constraint=False, primary_key=True, related_name="claims_revision"
    )
    number = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Revision {self.number} of article {self.article_id}"


# The body of the triggers that count revisions; {articles} names the article ids touched. The EXISTS
# guard skips an article deleted in the same transaction (its claims' triggers fire at commit).
BUMP_REVISION = """
    INSERT INTO claims_claimsrevision (article_id, number)
    SELECT a.id, 1 FROM claims_article a WHERE a.id IN ({articles})
    ON CONFLICT (article_id) DO UPDATE SET number = claims_claimsrevision.number + 1;
    RETURN NULL;
"""


def claims_revision_of(article: Article) -> int:
    """The article's revision, read from ``select_related("claims_revision")`` without a query."""
    try:
        return article.claims_revision.number
    except ClaimsRevision.DoesNotExist:
        return 0


class ClaimQuerySet(models.QuerySet["Claim"]):
    def visible(self) -> ClaimQuerySet:
        return self.exclude(status=Claim.Status.DISMISSED)

    def live(self) -> ClaimQuerySet:
        """Claims of articles nobody deleted (a deleted article takes its claims with it)."""
        return self.filter(article__deleted_at__isnull=True)

    def assigned_to(self, user: User) -> ClaimQuerySet:
        return self.filter(assignee=user)

    def needing_approval(self) -> ClaimQuerySet:
        return self.filter(status=Claim.Status.VERDICT_PROPOSED)

    def published(self) -> ClaimQuerySet:
        return self.filter(status=Claim.Status.PUBLISHED)

    def kept(self) -> ClaimQuerySet:
        return self.filter(Claim.KEPT)

    def highlighted(self, *, every_candidate: bool = False) -> ClaimQuerySet:
        """What the article page shows: worth and may-be claims and those editors kept; or every candidate."""
        claims = self.visible()
        if every_candidate:
            return claims
        return claims.filter(~Q(bucket=Claim.Bucket.NOT_WORTH_CHECKING) | Claim.KEPT)

    def with_current_rating(self) -> ClaimQuerySet:
        """Annotate only the latest verdict's rating id: one subquery, for callers that hold the ratings."""
        latest = Verdict.objects.filter(claim=models.OuterRef("pk")).order_by("-created_at", "-pk")
        return self.annotate(current_rating_id=models.Subquery(latest.values("rating_id")[:1]))

    def with_current_verdict(self) -> ClaimQuerySet:
        """Annotate the latest verdict's rating (id, label, colour) without a query per claim."""
        latest = Verdict.objects.filter(claim=models.OuterRef("pk")).order_by("-created_at", "-pk")
        return self.annotate(
            current_rating_id=models.Subquery(latest.values("rating_id")[:1]),
            current_rating_label=models.Subquery(latest.values("rating__label")[:1]),
            current_rating_colour=models.Subquery(latest.values("rating__colour")[:1]),
        )

    def search(self, query: str) -> ClaimQuerySet:
        """PostgreSQL full-text search over wording and claimant (served by the claim_search index)."""
        from django.contrib.postgres.search import SearchQuery, SearchRank

        vector = SearchVector("text", "claimant", config="english")
        search_query = SearchQuery(query, config="english", search_type="websearch")
        return (
            self.annotate(search=vector, rank=SearchRank(vector, search_query))
            .filter(search=search_query)
            .order_by("-rank", "-pk")
        )


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Claim(models.Model):
    """A checkable statement taken from an article, anchored to its text by offsets."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_REVIEW = "in_review", "In review"
        VERDICT_PROPOSED = "verdict_proposed", "Verdict proposed"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        DISMISSED = "dismissed", "Dismissed"

    class Type(models.TextChoices):
        QUANTITY = "quantity", "Quantity"
        CORRELATION_CAUSATION = "correlation_causation", "Correlation or causation"
        RULES_LAWS = "rules_laws", "Rules and laws"
        PREDICTION = "prediction", "Prediction"
        PERSONAL_EXPERIENCE = "personal_experience", "Personal experience"
        COMPARISON = "comparison", "Comparison"
        EVENT = "event", "Event"
        QUOTE_ATTRIBUTION = "quote_attribution", "Quote or attribution"
        OTHER = "other", "Other"

    class Bucket(models.TextChoices):
        WORTH_CHECKING = "worth_checking", "Worth checking"
        MAY_BE_WORTH_CHECKING = "may_be_worth_checking", "May be worth checking"
        NOT_WORTH_CHECKING = "not_worth_checking", "Not worth checking"

    class Origin(models.TextChoices):
        DETECTED = "detected", "Found by the detector"
        MANUAL = "manual", "Added by hand"
        SPLIT = "split", "Split from another claim"
        MERGED = "merged", "Merged"

    class ClaimantType(models.TextChoices):
        PERSON = "Person", "Person"
        ORGANIZATION = "Organization", "Organisation"

    # Claims people have touched (the SQL of has_work): they stay highlighted whatever their bucket.
    KEPT = Q(edited=True) | ~Q(origin=Origin.DETECTED) | ~Q(status=Status.NEW)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField()
    quote = models.TextField(blank=True, help_text="The exact span of the article it came from.")
    rewrite = models.TextField(
        blank=True,
        help_text="A self-contained wording the detector proposed where the span needs its context; "
        "words in square brackets were supplied, the rest is the article's.",
    )
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    claimant = models.CharField(max_length=255, blank=True)
    claimant_type = models.CharField(max_length=12, choices=ClaimantType.choices, blank=True)
    claimed_on = models.DateField(null=True, blank=True)
    claim_type = models.CharField(max_length=24, choices=Type.choices, default=Type.OTHER)
    checkworthiness = models.FloatField(default=0.0, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)])
    bucket = models.CharField(max_length=24, choices=Bucket.choices, default=Bucket.MAY_BE_WORTH_CHECKING)
    reasons = models.JSONField(default=list, blank=True)
    features = models.JSONField(default=dict, blank=True, editable=False)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.DETECTED)
    edited = models.BooleanField(default=False, help_text="The wording was changed by a person.")

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    dismissal_reason = models.CharField(max_length=255, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_claims"
    )
    duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recheck_by = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    public_token = models.CharField(max_length=32, unique=True, default=public_token, editable=False)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True)
                | Q(start__isnull=False, end__isnull=False, end__gt=F("start")),
                name="claim_span_valid",
            ),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1), name="claim_score_range"
            ),
        ]
        indexes = [
            # The article page lists claims in text order.
            models.Index(fields=["article", "start"], name="claim_article_start"),
            # Queues: "my claims", "needs approval" and the filtered claims list.
            models.Index(fields=["assignee", "status"], name="claim_assignee_status"),
            models.Index(fields=["status", "-updated_at"], name="claim_status_updated"),
            # Full-text search on the claims list.
            GinIndex(SearchVector("text", "claimant", config="english"), name="claim_search"),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="claims_revision_on_add",
                operation=pgtrigger.Insert | pgtrigger.Delete,
                when=pgtrigger.After,
                timing=pgtrigger.Deferred,
                func=BUMP_REVISION.format(articles="OLD.article_id, NEW.article_id"),
            ),
            pgtrigger.Trigger(
                name="claims_revision_on_change",
                operation=pgtrigger.Update,
                when=pgtrigger.After,
                timing=pgtrigger.Deferred,
                # What the article page's cached highlights and counts show of a claim.
                condition=pgtrigger.AnyChange(
                    "article", "start", "end", "status", "bucket", "origin", "edited", "checkworthiness"
                ),
                func=BUMP_REVISION.format(articles="OLD.article_id, NEW.article_id"),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("claims:claim-detail", args=[self.article_id, self.pk])

    @property
    def has_work(self) -> bool:
        """True when people have touched it, so re-splitting must keep it."""
        return self.edited or self.origin != self.Origin.DETECTED or self.status != self.Status.NEW


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Source(models.Model):
    """A piece of evidence: a fetched page cited for a claim, with its stance."""

    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        CONTEXT = "context", "Context"
        MIXED = "mixed", "Mixed"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sources")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="sources")
    excerpt = models.TextField(blank=True, help_text="The passage that matters.")
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.CONTEXT)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["claim", "document"], name="source_unique_per_claim")]

    def __str__(self) -> str:
        return str(self.document)


VERDICT_ARTICLES = "SELECT c.article_id FROM claims_claim c WHERE c.id IN (OLD.claim_id, NEW.claim_id)"


class VerdictQuerySet(models.QuerySet["Verdict"]):
    def published(self) -> VerdictQuerySet:
        return self.filter(published_at__isnull=False)


# The rendered rationale is derived from the Markdown, which history already keeps.
@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), exclude=["rationale_html"])
class Verdict(models.Model):
    """A rating with its rationale. A claim's current verdict is its latest one."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="verdicts")
    rationale = models.TextField(help_text="Markdown.")
    # The rationale as reports show it, rendered once on save: a 10,000-claim report would otherwise
    # spend a third of its time in markdown-it. Rows written around save() (bulk_create) leave it
    # empty and reports render those as they go.
    rationale_html = models.TextField(blank=True, editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VerdictQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        constraints = [
            # Nobody approves their own verdict.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("author")), name="verdict_not_self_approved"
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(approved_at__isnull=False), name="verdict_published_approved"
            ),
        ]
        indexes = [models.Index(fields=["claim", "-created_at"], name="verdict_claim_latest")]
        triggers = [
            pgtrigger.Trigger(
                name="claims_revision_on_verdict",
                operation=pgtrigger.Insert | pgtrigger.Delete,
                when=pgtrigger.After,
                timing=pgtrigger.Deferred,
                func=BUMP_REVISION.format(articles=VERDICT_ARTICLES),
            ),
            pgtrigger.Trigger(
                name="claims_revision_on_verdict_change",
                operation=pgtrigger.Update,
                when=pgtrigger.After,
                timing=pgtrigger.Deferred,
                condition=pgtrigger.AnyChange("claim", "rating"),
                func=BUMP_REVISION.format(articles=VERDICT_ARTICLES),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating} — {self.claim}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.rationale_html = render_markdown(self.rationale)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "rationale" in update_fields:
            kwargs["update_fields"] = {*update_fields, "rationale_html"}
        super().save(*args, **kwargs)


class Comment(models.Model):
    """Discussion on a claim between reviewer and editor."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["claim", "created_at"], name="comment_claim_created")]

    def __str__(self) -> str:
        return self.body[:80]


class DetectorDecision(models.Model):
    """An editor's decision on a claim candidate, kept with its features so the detector can learn."""

    class Action(models.TextChoices):
        KEPT = "kept", "Kept"
        DISMISSED = "dismissed", "Dismissed"
        EDITED = "edited", "Edited"
        ADDED = "added", "Added by hand"

    claim = models.ForeignKey(Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions")
    action = models.CharField(max_length=10, choices=Action.choices)
    text = models.TextField()
    features = models.JSONField(default=dict)
    label = models.BooleanField(help_text="True when the text is worth checking.")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.text[:60]}"


class DetectorModel(models.Model):
    """A set of claim-detector weights with the figures it reached; at most one is active."""

    weights = models.JSONField()
    metrics = models.JSONField(default=dict)
    trained_on = models.PositiveIntegerField(default=0, help_text="Number of training examples.")
    is_active = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True), name="one_active_detector")
        ]

    def __str__(self) -> str:
        return f"Detector model {self.pk}{' (active)' if self.is_active else ''}"


class ReportJob(models.Model):
    """A report rendered in the background (a large PDF), with its progress and the finished file."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Rendering"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="report_jobs")
    # The claims filter's query string when the report is of a filtered list rather than one article.
    query = models.TextField(blank=True)
    published_only = models.BooleanField(default=False)
    title = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    total = models.PositiveIntegerField(default=0, help_text="Claims in the report.")
    error = models.TextField(blank=True)
    # Kept in the database so web and worker need no shared volume; reports are a few MB at most.
    pdf = models.BinaryField(blank=True, default=b"", editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
