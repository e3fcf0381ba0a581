"""Input validation for the newsroom UI; each group of forms under a comment naming its feature."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from claims import importing

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
        if len(text.split()) < 5:
            raise forms.ValidationError("There is no article text here: paste the whole article.", code="no_text")
        return text


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File", help_text="A .txt, .md, .html, .pdf or .docx file, up to the size limit shown below."
    )

    def clean_file(self) -> UploadedFile[bytes]:
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
        return url
