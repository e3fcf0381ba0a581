"""An upload handler that refuses an upload over the size cap, before reading it when it can.

Django spools large uploads to disk whatever their size (FILE_UPLOAD_MAX_MEMORY_SIZE only decides
memory or disk), so without this a 2 GB upload would be written out before the form could refuse it.
A request whose Content-Length is already over the cap is refused without reading its body at all.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, QueryDict
from django.utils.datastructures import MultiValueDict

# Room for the form's other fields (the CSRF token) beside the largest allowed file.
FIELDS_ALLOWANCE = 64 * 1024


class CappedUploadHandler(FileUploadHandler):
    """Refuse files over MAX_UPLOAD_BYTES; the view reads ``request.upload_too_large``.

    ``request.upload_unread`` is set when the body was left unread: that request carries no
    fields (not even its CSRF token) and its connection should be closed rather than drained.
    """

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: str | None = None
    ) -> tuple[QueryDict, MultiValueDict[str, Any]] | None:
        self.request_length = content_length or 0
        self.received = 0
        if self.request_length > settings.MAX_UPLOAD_BYTES + FIELDS_ALLOWANCE and self.request is not None:
            # Returning the parsed data ourselves stops Django from reading the body.
            self.request.upload_too_large = self.request_length  # type: ignore[attr-defined]
            self.request.upload_unread = True  # type: ignore[attr-defined]
            return QueryDict(), MultiValueDict()
        return None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.MAX_UPLOAD_BYTES:
            self._refuse(max(self.request_length, self.received))
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def _refuse(self, size: int) -> None:
        # Reached only without a Content-Length to go by (chunked bodies, some proxies).
        if self.request is not None:
            self.request.upload_too_large = size  # type: ignore[attr-defined]
        # Read and discard the rest, so the browser gets our answer rather than a reset connection.
        raise StopUpload(connection_reset=False)


def leave_body_unread(request: HttpRequest) -> None:
    """Spare the server from reading what the client has not sent yet of a refused request.

    Django's development server drains the rest of the body into memory when it closes the request;
    marking its stream consumed makes it answer now, and the unread bytes end the connection.
    Production servers (gunicorn's workers) close the connection without reading.
    """
    stream = request.META.get("wsgi.input")
    if isinstance(stream, LimitedStream):
        stream.limit = 0
