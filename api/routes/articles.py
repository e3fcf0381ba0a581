"""Articles: import by URL, text or file (with Idempotency-Key), import status, the article, re-run detection."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse, QueryDict
from django.utils.datastructures import MultiValueDict
from ninja import FileEx, HeaderEx, P, Router, Status
from ninja.files import UploadedFile as NinjaUploadedFile

from accounts.http import AuthenticatedRequest
from api import idempotency, schemas
from api.access import get_article_for_user, require, require_editor
from api.problems import Problem
from api.representations import article_out, article_status, article_summary, claim_out
from api.validation import cleaned
from claims import permissions
from claims.forms import AddClaimForm, PasteForm, UploadForm, UrlForm
from claims.intake import importing
from claims.models import Article
from claims.review import triage
from claims.review.triage import TriageError

router = Router(tags=["articles"])

IMPORT_RESPONSES = {200: schemas.ImportOut, 201: schemas.ImportOut}


def _answer(outcome: idempotency.Outcome, response: HttpResponse) -> Status[dict[str, object]]:
    response["Location"] = article_summary(outcome.article)["links"]["self"]
    if outcome.replayed:
        response["Idempotent-Replayed"] = "true"
    body = {"article": article_summary(outcome.article), "created": outcome.created}
    return Status(201 if outcome.created else 200, body)


def _query(data: dict[str, object]) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in data.items():
        if value is not None:
            query[name] = str(value)
    return query


@router.post("/articles/url", response=IMPORT_RESPONSES, url_name="import_url", summary="Import an article by URL")
def import_url(
    request: AuthenticatedRequest,
    response: HttpResponse,
    payload: schemas.ImportUrlIn,
    idempotency_key: HeaderEx[str | None, P(alias="Idempotency-Key")] = None,
) -> Status[dict[str, object]]:
    """Save the URL as a queued article; a worker fetches the page. The same URL twice is one article."""
    require_editor(request)
    url = cleaned(UrlForm(_query(payload.model_dump())))["url"]
    outcome = idempotency.run_once(
        user=request.user,
        key=idempotency_key,
        request_fingerprint=idempotency.fingerprint(b"url", url.encode()),
        run=lambda: importing.import_url(url=url, user=request.user),
    )
    return _answer(outcome, response)


@router.post("/articles/text", response=IMPORT_RESPONSES, url_name="import_text", summary="Import pasted text")
def import_text(
    request: AuthenticatedRequest,
    response: HttpResponse,
    payload: schemas.ImportTextIn,
    idempotency_key: HeaderEx[str | None, P(alias="Idempotency-Key")] = None,
) -> Status[dict[str, object]]:
    """Save the text (with optional title, URL, publisher, date) as a queued article; detection runs in a worker."""
    require_editor(request)
    data = cleaned(PasteForm(_query(payload.model_dump())))
    outcome = idempotency.run_once(
        user=request.user,
        key=idempotency_key,
        request_fingerprint=idempotency.fingerprint(b"text", payload.model_dump_json().encode()),
        run=lambda: importing.import_text(**data, user=request.user),
    )
    return _answer(outcome, response)


@router.post("/articles/file", response=IMPORT_RESPONSES, url_name="import_file", summary="Import a file (multipart)")
def import_file(
    request: AuthenticatedRequest,
    response: HttpResponse,
    file: FileEx[NinjaUploadedFile | None, P(description="A .txt, .md, .html, .pdf or .docx file.")] = None,
    idempotency_key: HeaderEx[str | None, P(alias="Idempotency-Key")] = None,
) -> Status[dict[str, object]]:
    """Save an uploaded file as a queued article, up to MAX_UPLOAD_BYTES."""
    require_editor(request)
    if request.content_type != "multipart/form-data":
        raise Problem(415, "Send the file as multipart/form-data, in a part named file.", kind="unsupported-media-type")
    files: MultiValueDict[str, UploadedFile[bytes]] = MultiValueDict({"file": [file]} if file is not None else {})
    form = UploadForm(QueryDict(), files, too_large=getattr(request, "upload_too_large", None))
    upload = cleaned(form)["file"]
    data = upload.read()
    outcome = idempotency.run_once(
        user=request.user,
        key=idempotency_key,
        request_fingerprint=idempotency.fingerprint(b"file", (upload.name or "").encode(), data),
        run=lambda: importing.import_upload(
            data=data, filename=upload.name or "", content_type=upload.content_type or "", user=request.user
        ),
    )
    return _answer(outcome, response)


@router.get("/articles/{article_id}", response=schemas.ArticleOut, url_name="article", summary="An article")
def get_article(request: AuthenticatedRequest, article_id: int) -> dict[str, object]:
    """The article with its clean text (claim offsets point into ``body``) and metadata."""
    article = get_article_for_user(request, article_id)
    if article.imported_by_id:
        article = Article.objects.select_related("imported_by").get(pk=article.pk)
    return article_out(article, claim_count=article.claims.visible().count())


@router.get(
    "/articles/{article_id}/status",
    response=schemas.ArticleStatusOut,
    url_name="article_status",
    summary="Import status",
)
def get_article_status(request: AuthenticatedRequest, article_id: int) -> dict[str, object]:
    """Where the import is (queued, fetching, extracting, splitting, ready or failed), with its progress and error."""
    return article_status(get_article_for_user(request, article_id))


@router.post(
    "/articles/{article_id}/detection",
    response={202: schemas.ArticleStatusOut},
    url_name="rerun_detection",
    summary="Re-run extraction and claim detection",
)
def rerun_detection(request: AuthenticatedRequest, article_id: int) -> Status[dict[str, object]]:
    """Queue extraction and detection again from the stored input; claims that carry work are kept. 409 while running."""
    article = get_article_for_user(request, article_id)
    require_editor(request)
    if not importing.rerun_import(article=article):
        raise Problem(409, "The article is still being imported; wait until it is ready or failed.", kind="in-progress")
    article.refresh_from_db()
    return Status(202, article_status(article))


@router.post(
    "/articles/{article_id}/claims",
    response={200: schemas.ClaimOut, 201: schemas.ClaimOut},
    url_name="add_claim",
    summary="Add a claim by offsets",
)
def add_claim(request: AuthenticatedRequest, article_id: int, payload: schemas.AddClaimIn) -> Status[dict[str, object]]:
    """Add a claim from a span of the article's ``body`` (start inclusive, end exclusive). The same span twice is one claim."""
    article = get_article_for_user(request, article_id)
    require(permissions.can_triage(request.user), "Only editors add claims.")
    data = cleaned(AddClaimForm(_query(payload.model_dump())))
    existing = set(article.claims.values_list("pk", flat=True))
    try:
        claim = triage.add_claim(article=article, user=request.user, **data)
    except TriageError as error:
        raise Problem(422, str(error), kind="invalid-selection") from error
    return Status(200 if claim.pk in existing else 201, claim_out(claim))
