"""Filters for claims lists, shared by the claims list page and exports of a filtered list."""

from __future__ import annotations

import django_filters
from django_filters.fields import ModelChoiceField

from accounts.models import User
from claims.models import Article, Claim, ClaimQuerySet, Rating


class PersonChoiceField(ModelChoiceField):  # type: ignore[misc]
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class PersonChoiceFilter(django_filters.ModelChoiceFilter):  # type: ignore[misc]
    """People by name, as everywhere else in the workbench, not by user name."""

    field_class = PersonChoiceField


class ClaimFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter ships no types
    """The filter state lives in the query string, so a filtered list can be bookmarked and shared."""

    q = django_filters.CharFilter(method="filter_search", label="Search")
    # No DISTINCT (django-filter's default for multiple choices): the filter joins nothing, and
    # DISTINCT made the count recompute the rank and verdict subqueries of every matching claim.
    status = django_filters.MultipleChoiceFilter(choices=Claim.Status.choices, distinct=False)
    verdict = django_filters.ModelChoiceFilter(
        queryset=Rating.objects.all(), field_name="current_rating_id", method="filter_verdict", label="Verdict"
    )
    claim_type = django_filters.ChoiceFilter(choices=Claim.Type.choices, label="Type")
    bucket = django_filters.ChoiceFilter(choices=Claim.Bucket.choices)
    assignee = PersonChoiceFilter(
        queryset=User.objects.filter(groups__name__in=("Editors", "Reviewers"))
        .distinct()
        .order_by("first_name", "last_name", "username"),
        null_label="Unassigned",
    )
    article = django_filters.ModelChoiceFilter(queryset=Article.objects.live().only("pk", "title", "url"))
    created = django_filters.DateFromToRangeFilter(field_name="created_at__date", label="Found between")
    recheck_by = django_filters.DateFromToRangeFilter(label="Re-check between")

    class Meta:
        model = Claim
        fields = ["q", "status", "verdict", "claim_type", "bucket", "assignee", "article", "created", "recheck_by"]

    def __init__(self, data=None, queryset=None, **kwargs):  # type: ignore[no-untyped-def]
        # Every list, queue, search and filtered export comes through here: claims of deleted articles never do.
        queryset = (queryset if queryset is not None else Claim.objects.all()).live().with_current_rating()
        super().__init__(data, queryset, **kwargs)

    def filter_search(self, queryset: ClaimQuerySet, name: str, value: str) -> ClaimQuerySet:
        return queryset.search(value) if value.strip() else queryset

    def filter_verdict(self, queryset: ClaimQuerySet, name: str, value: Rating | None) -> ClaimQuerySet:
        # current_rating_id is an annotation (ClaimQuerySet.with_current_rating), unknown to the type checker.
        return queryset.filter(**{"current_rating_id": value.pk}) if value else queryset
