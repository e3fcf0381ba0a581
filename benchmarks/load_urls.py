"""The project's URLs plus ``/__bare__/``, the load benchmark's floor.

The bare page is logged in and goes through the whole middleware stack (session, user, CSRF, CSP,
htmx) but renders a two-line template: no real page can be faster on the same server.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from workbench.urls import urlpatterns as project_urls

BARE = engines["django"].from_string(
    "<!doctype html><title>{{ title }}</title><p>{{ user.get_username }}: a bare template response.</p>"
)


@login_required
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE.render({"title": "Bare"}, request))


urlpatterns = [path("__bare__/", bare), *project_urls]
