"""Has this been checked? The previous fact checks that match a statement, as on the matching page."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from ninja import P, QueryEx, Router

from accounts.http import AuthenticatedRequest
from api import schemas
from api.access import require
from api.validation import cleaned
from claims import permissions
from claims.views.access import require_member
from matching import matcher
from matching.views import CheckForm

router = Router(tags=["matching"])


@router.get(
    "/fact-checks/matches",
    response=list[schemas.FactCheckMatchOut],
    url_name="fact_check_matches",
    summary="Has this been checked?",
)
def fact_check_matches(
    request: AuthenticatedRequest,
    q: QueryEx[str, P(description="The statement to look up (at most 2,000 characters).")],
    date: QueryEx[str | None, P(description="When it was said (YYYY-MM-DD), to prefer fact checks near it.")] = None,
) -> list[dict[str, Any]]:
    """The best previous fact checks for the statement, best first, with their score and why they matched."""
    require_member(request)
    require(permissions.can_match(request.user))
    query = QueryDict(mutable=True)
    query.update({"q": q, **({"date": date} if date else {})})
    data = cleaned(CheckForm(query))
    return [
        {
            "id": s.fact_check_id,
            "external_id": s.external_id,
            "claim": s.claim,
            "title": s.title,
            "url": s.url,
            "rating": s.rating,
            "publisher": s.publisher,
            "date": s.date,
            "score": s.score,
            "reasons": list(s.reasons),
        }
        for s in matcher.match_statement(data["q"], when=data["date"])
    ]
