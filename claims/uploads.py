"""An upload handler that stops reading an uploaded file as soon as it passes the size cap.

Django spools large uploads to disk whatever their size (FILE_UPLOAD_MAX_MEMORY_SIZE only decides
memory or disk), so without this a 2 GB upload would be written out before the form could refuse it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class CappedUploadHandler(FileUploadHandler):
    """Refuse files over MAX_UPLOAD_BYTES while they arrive; the view reads ``request.upload_too_large``."""

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: str | None = None
    ) -> None:
        self.request_length = content_length or 0
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        # The request is larger than any allowed file plus a generous allowance for the form's fields.
        if self.request_length > settings.MAX_UPLOAD_BYTES + 64 * 1024:
            self._refuse(self.request_length)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.MAX_UPLOAD_BYTES:
            self._refuse(max(self.request_length, self.received))
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def _refuse(self, size: int) -> None:
        if self.request is not None:
            self.request.upload_too_large = size  # type: ignore[attr-defined]
        # Read and discard the rest, so the browser gets our answer rather than a reset connection.
        raise StopUpload(connection_reset=False)
