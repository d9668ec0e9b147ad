"""A domain's result webhook: where every job result is POSTed, signed with the domain's secret."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from hanji.services.jobs.webhooks import SIGNATURE_HEADER
from hanji.web.models.common import View


class WebhookUpdate(BaseModel):
    # Unknown keys are ignored (this body never refused them).
    model_config = ConfigDict(use_attribute_docstrings=True)

    webhook_url: str | None = None
    """http(s) URL every job result of the domain is POSTed to; null: none."""
    regenerate_secret: bool = False
    """Make a new signing secret (the old one stops verifying at once)."""


class WebhookView(View):
    domain_id: int
    webhook_url: str | None
    webhook_secret: str
    """HMAC-SHA256 key of the signature header (operators only)."""
    signature_header: str
    """The header carrying the body's signature (``X-Hanji-Signature: sha256=<hex>``)."""


def webhook_view(domain_id: int, url: str | None, secret: str) -> WebhookView:
    return WebhookView(
        domain_id=domain_id, webhook_url=url, webhook_secret=secret, signature_header=SIGNATURE_HEADER
    )
