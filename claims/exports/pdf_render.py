"""HTML part documents to PDF bytes with WeasyPrint, fetching nothing; in this process or in helper processes.

Free of Django on purpose: ``python -m claims.exports.pdf_render STYLESHEET BASE_URL`` is the helper
that ``RendererPool`` starts, and it imports nothing of the project's models or settings. Helpers are
plain subprocesses rather than ``multiprocessing`` children because a Celery worker's processes are
daemonic, and daemonic processes may not have children of their own.

The helper reads lines "HTML-PATH PDF-PATH" on standard input, writes the PDF and answers "ok" (or
"error MESSAGE") on standard output; it exits at the end of its input. Parts travel as files, so
neither side can block on a full pipe.
"""

from __future__ import annotations

import collections
import contextlib
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

# One per process: fontconfig is set up once, not once per part.
_font_config: Any = None


def render_part(html: str, stylesheet: str, base_url: str) -> bytes:
    """HTML to PDF bytes with the given stylesheet; every URL the document names is refused, none fetched."""
    global _font_config
    # Imported here: WeasyPrint loads Pango and fonts, which web requests that never print should not pay for.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):  # type: ignore[misc]
        # A link in a rationale or a hostile title must never make the renderer fetch a URL or read a file.
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"The PDF renderer does not fetch {url[:100]!r}")

    if _font_config is None:
        _font_config = FontConfiguration()
    fetcher = NoFetching()
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    css = CSS(string=stylesheet, url_fetcher=fetcher, font_config=_font_config)
    return bytes(document.write_pdf(stylesheets=[css], font_config=_font_config))


class RendererError(RuntimeError):
    """A helper process could not render a part, or stopped."""


class RendererPool:
    """``size`` helper processes laying out parts side by side; results come back in the order given.

    Part i goes to helper i % size, which works through its parts in turn, so reading the answers in
    the same order returns the PDFs in order. At most ``in_flight`` parts wait per helper, so the
    files on disk stay a few parts whatever the report's size.
    """

    def __init__(self, size: int, stylesheet: str, base_url: str, *, cwd: Path, in_flight: int = 2) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="workbench-pdf-")
        folder = Path(self._dir.name)
        stylesheet_path = folder / "report.css"
        stylesheet_path.write_text(stylesheet, encoding="utf-8")
        self._in_flight = in_flight
        self._helpers: list[subprocess.Popen[str]] = []
        try:
            for _ in range(size):
                self._helpers.append(
                    subprocess.Popen(
                        [sys.executable, "-m", __name__, str(stylesheet_path), base_url],
                        cwd=cwd,
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        text=True,
                        bufsize=1,
                    )
                )
        except BaseException:
            self.close()
            raise

    def render(self, parts: Iterable[tuple[str, int]]) -> Iterator[tuple[bytes, int]]:
        """Each (html, claims so far) as (pdf, claims so far), in order."""
        folder = Path(self._dir.name)
        waiting: collections.deque[tuple[int, int]] = collections.deque()
        limit = len(self._helpers) * self._in_flight
        for index, (html, done) in enumerate(parts):
            (folder / f"{index}.html").write_text(html, encoding="utf-8")
            del html
            self._send(index, f"{folder / f'{index}.html'} {folder / f'{index}.pdf'}\n")
            waiting.append((index, done))
            if len(waiting) >= limit:
                yield self._receive(*waiting.popleft())
        while waiting:
            yield self._receive(*waiting.popleft())

    def _helper(self, index: int) -> subprocess.Popen[str]:
        return self._helpers[index % len(self._helpers)]

    def _send(self, index: int, line: str) -> None:
        stdin: IO[str] | None = self._helper(index).stdin
        assert stdin is not None
        try:
            stdin.write(line)
            stdin.flush()
        except BrokenPipeError:
            raise RendererError("A PDF renderer process stopped unexpectedly") from None

    def _receive(self, index: int, done: int) -> tuple[bytes, int]:
        stdout: IO[str] | None = self._helper(index).stdout
        assert stdout is not None
        answer = stdout.readline().strip()
        if answer != "ok":
            raise RendererError(answer.removeprefix("error ") or "A PDF renderer process stopped unexpectedly")
        folder = Path(self._dir.name)
        pdf = (folder / f"{index}.pdf").read_bytes()
        (folder / f"{index}.pdf").unlink()
        (folder / f"{index}.html").unlink(missing_ok=True)
        return pdf, done

    def close(self) -> None:
        """Let the helpers finish (end of input), stop any that do not, and remove the part files."""
        for helper in self._helpers:
            if helper.stdin is not None and not helper.stdin.closed:
                with contextlib.suppress(BrokenPipeError):
                    helper.stdin.close()
        for helper in self._helpers:
            try:
                helper.wait(timeout=5)
            except subprocess.TimeoutExpired:
                # Still laying out a part nobody will read (the report failed or was cancelled).
                helper.kill()
                helper.wait()
            if helper.stdout is not None:
                helper.stdout.close()
        self._dir.cleanup()

    def __enter__(self) -> RendererPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _serve(stylesheet_path: str, base_url: str) -> int:
    stylesheet = Path(stylesheet_path).read_text(encoding="utf-8")
    for line in sys.stdin:
        html_path, pdf_path = line.split()
        try:
            pdf = render_part(Path(html_path).read_text(encoding="utf-8"), stylesheet, base_url)
            Path(pdf_path).write_bytes(pdf)
        except Exception as error:  # noqa: BLE001 - reported to the parent, which fails the report with it
            print("error " + " ".join(f"{type(error).__name__}: {error}".split()), flush=True)
            continue
        print("ok", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(_serve(*sys.argv[1:3]))
