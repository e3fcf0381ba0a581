"""The fact-check archive, the matches found for claims and reviewers' decisions on them."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from claims.models import Claim, Verdict

# The search document: the checked claim (weight A) and the fact check's headline (weight B).
SEARCH_CONFIG = "english"


def search_document() -> models.Expression:
    return SearchVector("claim", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "title", weight="B", config=SEARCH_CONFIG
    )


class FactCheck(models.Model):
    """A previous fact check: the newsroom's own published verdicts and those imported from others."""

    class Origin(models.TextChoices):
        NEWSROOM = "newsroom", "Our verdict"
        IMPORTED = "imported", "Imported"

    # The review URL, or "id:<external id>" for archive items published without one: re-imports update.
    key = models.CharField(max_length=2100, unique=True)
    url = models.URLField(max_length=2048, blank=True)
    external_id = models.CharField(max_length=255, blank=True)
    claim = models.TextField(help_text="The statement that was checked.")
    title = models.TextField(blank=True, help_text="The fact check's headline.")
    claimant = models.CharField(max_length=255, blank=True)
    claim_date = models.DateField(null=True, blank=True, help_text="When the statement was made.")
    review_date = models.DateField(null=True, blank=True, help_text="When the fact check was published.")
    rating = models.CharField(max_length=255, blank=True)
    publisher = models.CharField(max_length=255, blank=True)
    language = models.CharField(max_length=16, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.IMPORTED)
    verdict = models.OneToOneField(
        Verdict, on_delete=models.CASCADE, null=True, blank=True, related_name="fact_check", editable=False
    )
    search = models.GeneratedField(expression=search_document(), output_field=SearchVectorField(), db_persist=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-review_date", "-pk"]
        indexes = [
            # Candidate search: full text over claim and headline, and trigram similarity of the claim.
            GinIndex(fields=["search"], name="factcheck_search"),
            GinIndex(fields=["claim"], opclasses=["gin_trgm_ops"], name="factcheck_claim_trgm"),
            # The admin's filters.
            models.Index(fields=["publisher"], name="factcheck_publisher"),
            models.Index(fields=["-review_date"], name="factcheck_review_date"),
            models.Index(fields=["rating"], name="factcheck_rating"),
            models.Index(fields=["language"], name="factcheck_language"),
        ]

    def __str__(self) -> str:
        return self.claim[:80]

    @property
    def date(self) -> object:
        return self.review_date or self.claim_date


class Term(models.Model):
    """How many archive items contain a search lexeme: the weights of candidate search and BM25."""

    word = models.CharField(max_length=255, primary_key=True)
    documents = models.PositiveIntegerField()

    class Meta:
        indexes = [
            # Candidate search: the archive's lexemes spelt like a statement's word the archive lacks.
            GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="term_word_trgm"),
        ]

    def __str__(self) -> str:
        return f"{self.word} ({self.documents})"


class ArchiveStatistics(models.Model):
    """Size of the archive when the term counts were last refreshed. There is one row."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    documents = models.PositiveIntegerField(default=0)
    average_length = models.FloatField(default=0.0, help_text="Lexemes per claim, on average.")
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(singleton=True), name="archive_statistics_singleton")]

    def __str__(self) -> str:
        return f"{self.documents} fact checks"


class Match(models.Model):
    """A stored match for a claim: a previous fact check, or the same claim open in another article."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches")
    fact_check = models.ForeignKey(FactCheck, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    other_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    score = models.FloatField()
    rank = models.PositiveSmallIntegerField(default=0)
    reasons = models.JSONField(default=list, blank=True)
    features = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["claim", "rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fact_check__isnull=False, other_claim__isnull=True)
                | Q(fact_check__isnull=True, other_claim__isnull=False),
                name="match_one_target",
            ),
            models.UniqueConstraint(fields=["claim", "fact_check"], name="match_unique_fact_check"),
            models.UniqueConstraint(fields=["claim", "other_claim"], name="match_unique_other_claim"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} → {self.fact_check_id or self.other_claim_id} ({self.score:.2f})"


class MatchedClaim(models.Model):
    """When a claim was last matched, so the panel knows "not yet" from "nothing found"."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, primary_key=True, related_name="+")
    matched_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Claim {self.claim_id} matched {self.matched_at:%Y-%m-%d %H:%M}"


class MatchDecision(models.Model):
    """A reviewer's decision on a suggested fact check, kept with its features so ranking can learn."""

    class Decision(models.TextChoices):
        REUSED = "reused", "Reused"
        NOT_SAME = "not_same", "Not the same claim"

    claim = models.ForeignKey(Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    fact_check = models.ForeignKey(FactCheck, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(help_text="The claim's wording when the decision was made.")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    features = models.JSONField(default=dict)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["claim", "fact_check"], name="match_decision_unique")]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.text[:60]}"

    @property
    def label(self) -> int:
        return int(self.decision == self.Decision.REUSED)


class MatcherModel(models.Model):
    """A set of re-ranker weights with the figures it reached; at most one is active."""

    weights = models.JSONField()
    metrics = models.JSONField(default=dict)
    trained_on = models.PositiveIntegerField(default=0, help_text="Number of decisions.")
    is_active = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True), name="one_active_matcher")
        ]

    def __str__(self) -> str:
        return f"Matcher model {self.pk}{' (active)' if self.is_active else ''}"


class ImportJob(models.Model):
    """An archive import running in the background, with its progress and its report of skipped items."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    filename = models.CharField(max_length=255, blank=True)
    format = models.CharField(max_length=10, blank=True, help_text="jsonld, csv or jsonl; guessed when empty.")
    # Kept in the database so web and worker need no shared volume.
    data = models.BinaryField(editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True, help_text="The first skipped items, with why.")
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="importjob_status")]

    def __str__(self) -> str:
        return f"{self.filename or 'Import'} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def progress(self) -> int:
        return int(100 * self.processed / self.total) if self.total else (100 if not self.is_pending else 0)
