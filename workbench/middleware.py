"""Middleware that delivers queued messages to htmx requests."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


class HtmxMessagesMiddleware:
    """Append the #messages region out-of-band to successful htmx responses.

    Redirects are skipped so the messages survive until the page they lead to.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or not 200 <= response.status_code < 300:
            return response
        if response.streaming or "text/html" not in response.get("Content-Type", ""):
            return response
        queued = list(get_messages(request))
        if not queued:
            return response
        html = render_to_string("base.html#messages", {"messages": queued, "oob": True}, request=request)
        response.content += html.encode()
        return response
