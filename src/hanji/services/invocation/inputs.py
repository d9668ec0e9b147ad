"""What a call reads before OCR: its languages (checked against the domain) and its file's bytes
(inline data, or fetched from its URL under the SSRF policy and the size cap)."""

from __future__ import annotations

from hanji.clova.request import InvokeRequest
from hanji.config import Settings
from hanji.core.errors import RequestBodyInvalid, RequestDomainInvalid
from hanji.intake.fetch import fetch_image
from hanji.storage.models import Domain

FETCH_TIMEOUT_S = 15.0
FETCH_MAX_REDIRECTS = 3


def languages_for(domain: Domain, request: InvokeRequest) -> list[str]:
    """The request's ``lang`` (default: the domain's); each must be enabled (English always is)."""
    enabled = [*domain.languages, "en"]
    wanted = request.languages or list(domain.languages)
    for lang in wanted:
        if lang not in enabled:
            raise RequestDomainInvalid(f"Language '{lang}' is not enabled on this domain.")
    return wanted


def read_file_bytes(request: InvokeRequest, settings: Settings, *, allow_url: bool) -> bytes:
    image = request.image
    if image.data is not None:
        data = image.data
    elif not allow_url:
        raise RequestBodyInvalid("Document models accept images[].data only, not url.")
    else:
        assert image.url is not None
        data = fetch_image(
            image.url,
            allow=settings.fetch_allow,
            max_bytes=settings.max_file_bytes,
            timeout_s=FETCH_TIMEOUT_S,
            max_redirects=FETCH_MAX_REDIRECTS,
        )
    if len(data) > settings.max_file_bytes:
        raise RequestBodyInvalid(
            f"The file is larger than the {settings.max_file_bytes // (1024 * 1024)} MB limit."
        )
    return data
