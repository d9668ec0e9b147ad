"""The rules a domain must satisfy that need no database: names, codes, models, languages."""

from __future__ import annotations

import re
from typing import Final

from hanji.core.errors import InvalidDomainCode, InvalidDomainName, ValidationFailed
from hanji.core.languages import ALL_LANGUAGES

SERVICE_TYPES: Final = ("general", "template", "document")
TEMPLATE_MODELS: Final = ("basic", "premium")
DOCUMENT_MODELS: Final = (
    "receipt",
    "name-card",
    "biz-license",
    "id-card",
    "credit-card",
    "medical-receipt",
    "invoice",
)
SERVICE_PLANS: Final = ("basic", "standard", "unlimited")
MAX_DOMAINS_PER_DOCUMENT_MODEL: Final = 2

# Hangul syllables and jamo, CJK ideographs (incl. extension A and compatibility), kana.
_CJK = (
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u309f\u30a0-\u30ff"
)
_NAME_CHAR = f"A-Za-z0-9{_CJK}&\u3002_\\-\u00d7\u3005"
_NAME_RE: Final = re.compile(f"^[{_NAME_CHAR}](?:[{_NAME_CHAR} ]{{0,48}}[{_NAME_CHAR}])?$")
_CODE_RE: Final = re.compile("^[A-Za-z0-9.?&\u3002_\\-\u00d7\u3005]{1,50}$")
_REGION_RE: Final = re.compile("^[A-Z]{2,8}$")


def check_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME_RE.fullmatch(name):
        raise InvalidDomainName(details={"field": "name"})
    return name


def check_code(code: str) -> str:
    if not isinstance(code, str) or not _CODE_RE.fullmatch(code):
        raise InvalidDomainCode(details={"field": "code"})
    return code


def check_languages(languages: list[str]) -> list[str]:
    if not languages:
        raise ValidationFailed(
            "Enable at least one language (ko, ja, zh-TW).", details={"field": "languages"}
        )
    out: list[str] = []
    for lang in languages:
        if lang not in ALL_LANGUAGES:
            raise ValidationFailed(
                f"Unknown language {lang!r}; use ko, ja or zh-TW (English is always on).",
                details={"field": "languages"},
            )
        if lang not in out:
            out.append(lang)
    return out


def check_recognition_model(service_type: str, model: str | None) -> str:
    """Return the model a domain of ``service_type`` uses, refusing ones that do not fit."""
    if service_type not in SERVICE_TYPES:
        raise ValidationFailed(
            "service_type must be general, template or document.", details={"field": "service_type"}
        )
    allowed: tuple[str, ...] = {
        "general": ("general",),
        "template": TEMPLATE_MODELS,
        "document": DOCUMENT_MODELS,
    }[service_type]
    if model is None and service_type == "general":
        return "general"
    if model not in allowed:
        raise ValidationFailed(
            f"recognition_model for a {service_type} domain must be one of: {', '.join(allowed)}.",
            details={"field": "recognition_model"},
        )
    return model


def check_service_plan(plan: str) -> str:
    if plan not in SERVICE_PLANS:
        raise ValidationFailed(
            "service_plan must be basic, standard or unlimited.", details={"field": "service_plan"}
        )
    return plan


def check_region(region: str) -> str:
    if not isinstance(region, str) or not _REGION_RE.fullmatch(region):
        raise ValidationFailed(
            "region is an upper-case code such as KR, JP or SG.", details={"field": "region"}
        )
    return region


def endpoint_kinds(service_type: str, model: str) -> tuple[str, ...]:
    """Invoke URL kinds a domain has: ``default``, plus ``passport`` for ID-card domains."""
    return ("default", "passport") if service_type == "document" and model == "id-card" else ("default",)


def invoke_suffix(service_type: str, model: str, kind: str) -> str:
    """The last part of an invoke URL for this domain and endpoint kind."""
    if service_type == "general":
        return "general"
    if service_type == "template":
        return "infer"
    return "document/passport" if kind == "passport" else f"document/{model}"


WEBHOOK_URL_MAX = 2000


def webhook_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a webhook (an absolute http(s) URL; its address is checked when it is
    called), or None when it can."""
    if not url.startswith(("http://", "https://")) or len(url) > WEBHOOK_URL_MAX:
        return "webhook must be an http:// or https:// URL."
    return None


def check_webhook_url(url: str | None) -> str | None:
    """The webhook URL to store (None for none); 422 for one that cannot be."""
    if not url:
        return None
    problem = webhook_url_problem(url)
    if problem:
        raise ValidationFailed(problem, details={"field": "webhook_url"})
    return url
