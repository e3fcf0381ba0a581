"""Users in the admin, with their roles (groups) and actions to grant them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import User
from .roles import EDITORS, REVIEWERS

# Only a superuser may hand out these: anyone else could promote themselves.
PRIVILEGE_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")


@admin.register(User)
class WorkbenchUserAdmin(UserAdmin[User]):
    list_display = ("username", "email", "first_name", "last_name", "roles", "is_staff", "is_active")
    list_filter = ("groups", "is_staff", "is_superuser", "is_active")
    actions = ("add_to_editors", "add_to_reviewers", "remove_roles")

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).prefetch_related("groups")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += PRIVILEGE_FIELDS
        return readonly

    def has_roles_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    @admin.display(description="Roles")
    def roles(self, obj: User) -> str:
        return ", ".join(group.name for group in obj.groups.all()) or "—"

    def _add_to(self, request: HttpRequest, queryset: QuerySet[User], name: str) -> None:
        group = Group.objects.get(name=name)
        group.user_set.add(*queryset)
        self.message_user(request, f"Added {queryset.count()} user(s) to {name}.", "success")

    @admin.action(description="Add to Editors", permissions=("roles",))
    def add_to_editors(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._add_to(request, queryset, EDITORS)

    @admin.action(description="Add to Reviewers", permissions=("roles",))
    def add_to_reviewers(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._add_to(request, queryset, REVIEWERS)

    @admin.action(description="Remove from Editors and Reviewers", permissions=("roles",))
    def remove_roles(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for group in Group.objects.filter(name__in=(EDITORS, REVIEWERS)):
            group.user_set.remove(*queryset)
        self.message_user(request, f"Removed {queryset.count()} user(s) from the newsroom roles.", "success")
