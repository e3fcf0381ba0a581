"""Input validation for the newsroom UI; the domain functions do the writing. Grouped by feature."""

from __future__ import annotations

import ipaddress
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from accounts.models import User
from claims.article_page import workspace
from claims.intake import importing
from claims.models import Claim, Rating, Source
from claims.permissions import EDITORS, REVIEWERS
from documents import extraction, fetching, furniture
from documents.fetch_errors import BlockedAddress

# ---- Import ----------------------------------------------------------------------

UPLOAD_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


class PasteForm(forms.Form):
    text = forms.CharField(
        label="Article text",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Paste the whole article; menus, share buttons and similar page furniture are removed.",
    )
    title = forms.CharField(max_length=500, required=False, help_text="Found in the text when left empty.")
    url = forms.URLField(label="URL", max_length=2048, required=False, help_text="Where it was published.")
    publisher = forms.CharField(max_length=255, required=False)
    published_on = forms.DateField(label="Published on", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        try:
            importing.check_paste_length(len(text))
        except importing.ImportRejected as exc:
            raise forms.ValidationError(exc.message, code="too_long") from exc
        if furniture.words(text) < extraction.MIN_WORDS:
            raise forms.ValidationError(extraction.TOO_SHORT, code="too_short")
        return text


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File", help_text="A .txt, .md, .html, .pdf or .docx file, up to the size limit shown below."
    )

    def __init__(self, *args: Any, too_large: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Set when the upload handler stopped reading a file over the cap: say so, not "required".
        self.too_large = too_large
        if too_large:
            self.fields["file"].required = False

    def clean_file(self) -> UploadedFile[bytes]:
        if self.too_large:
            try:
                importing.check_upload_size(self.too_large)
            except importing.ImportRejected as exc:
                raise forms.ValidationError(exc.message, code="too_large") from exc
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        try:
            importing.check_upload_size(upload.size or 0)
        except importing.ImportRejected as exc:
            raise forms.ValidationError(exc.message, code="too_large") from exc
        suffix = PurePath(upload.name or "").suffix.lower()
        if suffix not in UPLOAD_EXTENSIONS:
            raise forms.ValidationError(
                f"This kind of file ({suffix or 'no extension'}) cannot be imported; use .txt, .md, .html, .pdf or .docx",
                code="unsupported",
            )
        try:
            importing.check_upload_content(upload.read(), upload.name or "")
        except importing.ImportRejected as exc:
            raise forms.ValidationError(exc.message, code="content") from exc
        finally:
            upload.seek(0)
        return upload

    @property
    def limit(self) -> str:
        return importing.megabytes(settings.MAX_UPLOAD_BYTES)


class UrlForm(forms.Form):
    url = forms.URLField(
        label="URL", max_length=2048, help_text="The article's web address; the page is fetched in the background."
    )

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("Only http:// and https:// addresses can be imported.", code="scheme")
        check_literal_address(url)
        return url


def check_literal_address(url: str) -> None:
    """Refuse a URL whose host is a private IP address now; names are resolved and judged by the fetcher."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port
    except ValueError as exc:
        raise forms.ValidationError("Enter a valid URL.", code="invalid") from exc
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return
    default_port = 443 if parts.scheme.lower() == "https" else 80
    try:
        fetching.check_address(str(address), port or default_port, fetching.FetchPolicy.from_settings())
    except BlockedAddress as exc:
        raise forms.ValidationError(exc.message, code="private_address") from exc


# ---- Review workspace ---------------------------------------------------------------


def assignable_users() -> QuerySet[User]:
    return User.objects.filter(is_active=True, groups__name__in=(EDITORS, REVIEWERS)).distinct().order_by("username")


class PanelForm(forms.Form):
    """A form of the claim panel; ids are prefixed because several forms share field names."""

    id_prefix = "panel"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class AssigneeChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class ClaimEditForm(PanelForm):
    id_prefix = "edit"

    text = forms.CharField(label="Wording", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    claim_type = forms.ChoiceField(label="Type", choices=Claim.Type.choices)
    claimant = forms.CharField(label="Claimant", required=False, max_length=255)
    recheck_by = forms.DateField(
        label="Re-check by", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DismissForm(PanelForm):
    id_prefix = "dismiss"

    reason = forms.CharField(label="Reason", max_length=255)
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class SplitForm(PanelForm):
    id_prefix = "split"

    first = forms.CharField(label="First claim", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    second = forms.CharField(label="Second claim", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)


class MergeForm(PanelForm):
    id_prefix = "merge"

    other = forms.ModelChoiceField(
        label="Merge this duplicate into the claim", queryset=Claim.objects.none(), required=False
    )
    # Past a few hundred candidates the panel asks for the duplicate's number (as in "Claim #12") instead.
    number = forms.IntegerField(min_value=1, required=False)

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.claim = claim
        field: Any = self.fields["other"]
        field.queryset = claim.article.claims.visible().exclude(pk=claim.pk).exclude(status=Claim.Status.PUBLISHED)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        number = cleaned.get("number")
        if number is not None and cleaned.get("other") is None:
            by_number = {n: pk for pk, n in workspace.claim_numbers(self.claim.article).items()}
            queryset: Any = self.fields["other"].queryset  # type: ignore[attr-defined]
            cleaned["other"] = queryset.filter(pk=by_number.get(number)).first()
        if cleaned.get("other") is None and not self.has_error("other"):
            raise forms.ValidationError("Choose another claim of this article to merge.")
        return cleaned


class AssignForm(forms.Form):
    assignee = AssigneeChoiceField(label="Reviewer", queryset=User.objects.none(), required=False, empty_label="Nobody")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_users()  # type: ignore[attr-defined]


class AddClaimForm(forms.Form):
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    text = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)


class BulkForm(forms.Form):
    ACTIONS = [("dismiss", "Dismiss"), ("assign", "Assign"), ("type", "Change type")]

    action = forms.ChoiceField(choices=ACTIONS)
    claims = forms.ModelMultipleChoiceField(
        queryset=Claim.objects.none(), error_messages={"required": "Select claims first."}
    )
    reason = forms.CharField(required=False, max_length=255)
    assignee = AssigneeChoiceField(queryset=User.objects.none(), required=False, empty_label="Nobody")
    claim_type = forms.ChoiceField(choices=[("", "—"), *Claim.Type.choices], required=False)

    def __init__(self, *args: Any, claims: QuerySet[Claim], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["claims"].queryset = claims  # type: ignore[attr-defined]
        self.fields["assignee"].queryset = assignable_users()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "dismiss" and not data.get("reason", "").strip():
            self.add_error("reason", "Give a reason for dismissing.")
        if data.get("action") == "type" and not data.get("claim_type"):
            self.add_error("claim_type", "Choose a type.")
        return data


class SourceAddForm(PanelForm):
    id_prefix = "source"

    url = forms.URLField(label="URL", max_length=2048, assume_scheme="https")
    stance = forms.ChoiceField(choices=Source.Stance.choices, initial=Source.Stance.CONTEXT)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class SourceUpdateForm(forms.Form):
    stance = forms.ChoiceField(choices=Source.Stance.choices)
    excerpt = forms.CharField(
        label="The passage that matters", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class VerdictForm(PanelForm):
    id_prefix = "verdict"

    rating = forms.ModelChoiceField(queryset=Rating.objects.filter(is_active=True), empty_label="Choose a rating")
    rationale = forms.CharField(
        label="Rationale (Markdown)", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class SendBackForm(PanelForm):
    id_prefix = "send-back"

    reason = forms.CharField(label="What needs more work", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(PanelForm):
    id_prefix = "comment"

    body = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 2}), max_length=10000)
