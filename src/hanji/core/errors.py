"""One error hierarchy for all of Hanji.

Every failure a user can cause or see is a ``HanjiError`` subclass with a stable ``code`` and an
``http_status``. The edges render them: the management API as ``{"error": {code, message, details}}``,
invoke URLs in CLOVA OCR's shape (``ClovaError`` codes are CLOVA's own four-digit codes).
"""

from __future__ import annotations

from typing import Any, ClassVar


class HanjiError(Exception):
    """Base of every error Hanji raises on purpose."""

    code: ClassVar[str] = "INTERNAL_ERROR"
    http_status: ClassVar[int] = 500
    default_message: ClassVar[str] = "Something went wrong inside Hanji."

    def __init__(
        self,
        message: str | None = None,
        *,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.details = details or {}
        self.headers = headers or {}
        super().__init__(self.message)


# --- management API -------------------------------------------------------------------------


class ValidationFailed(HanjiError):
    code = "VALIDATION_ERROR"
    http_status = 422
    default_message = "The request is not valid."


class NotFound(HanjiError):
    code = "NOT_FOUND"
    http_status = 404
    default_message = "No such resource."


class DomainNotFound(NotFound):
    code = "DOMAIN_NOT_FOUND"
    default_message = "No domain with that id."


class SecretKeyNotFound(NotFound):
    code = "SECRET_KEY_NOT_FOUND"
    default_message = "No secret key with that id in this domain."


class Conflict(HanjiError):
    code = "CONFLICT"
    http_status = 409
    default_message = "The request conflicts with the current state."


class DomainNameTaken(Conflict):
    code = "DOMAIN_NAME_TAKEN"
    default_message = "Another domain already has this name (names are compared case-insensitively)."


class DomainCodeTaken(Conflict):
    code = "DOMAIN_CODE_TAKEN"
    default_message = "Another domain already has this code (codes are compared case-insensitively)."


class GeneralDomainExists(Conflict):
    code = "GENERAL_DOMAIN_EXISTS"
    default_message = "This region already has a General domain; only one is allowed per region."


class SpecializedModelLimit(Conflict):
    code = "SPECIALIZED_MODEL_LIMIT"
    default_message = "At most two Document domains may use the same specialized model."


class GeneralDomainNotCopyable(Conflict):
    code = "GENERAL_DOMAIN_NOT_COPYABLE"
    default_message = "A General domain cannot be copied."


class SecretKeyLimit(Conflict):
    code = "SECRET_KEY_LIMIT"
    default_message = "A domain holds at most two secret keys; revoke one before creating another."


class InvalidDomainName(ValidationFailed):
    code = "INVALID_DOMAIN_NAME"
    default_message = (
        "A domain name has 1-50 characters: Korean, English letters, Chinese, Japanese, digits, "
        "spaces inside, and & 。 _ - × 々."
    )


class InvalidDomainCode(ValidationFailed):
    code = "INVALID_DOMAIN_CODE"
    default_message = (
        "A domain code has 1-50 characters without spaces: English letters, digits and . ? & 。 _ - × 々."
    )


class ConfirmationRequired(ValidationFailed):
    code = "CONFIRMATION_REQUIRED"
    http_status = 400
    default_message = "Deleting a domain needs ?confirm=<its code>."


class PremiumFeature(ValidationFailed):
    code = "PREMIUM_FEATURE"
    default_message = "This feature needs a Premium recognition model."


class AuthenticationRequired(HanjiError):
    code = "AUTHENTICATION_REQUIRED"
    http_status = 401
    default_message = "Sign in, or send 'Authorization: Bearer <token>'."


class InvalidCredentials(AuthenticationRequired):
    code = "INVALID_CREDENTIALS"
    default_message = "Wrong username or password."


class CsrfFailed(HanjiError):
    code = "CSRF_FAILED"
    http_status = 403
    default_message = "Missing or wrong CSRF token; reload the page and try again."


class Forbidden(HanjiError):
    code = "FORBIDDEN"
    http_status = 403
    default_message = "Your role does not allow this."


class OperatorNotFound(NotFound):
    code = "OPERATOR_NOT_FOUND"
    default_message = "No operator with that name."


class TokenNotFound(NotFound):
    code = "TOKEN_NOT_FOUND"
    default_message = "No API token with that id."


class TooManyAttempts(HanjiError):
    code = "TOO_MANY_ATTEMPTS"
    http_status = 429
    default_message = "Too many failed sign-in attempts; wait a minute and try again."


class InvalidQuery(ValidationFailed):
    code = "INVALID_QUERY"
    http_status = 400
    default_message = "A query parameter is not valid."


# --- invoke URLs (CLOVA OCR codes and wording) ------------------------------------------------


class ClovaError(HanjiError):
    """An invoke-URL failure; ``code`` is CLOVA's code and the message starts with CLOVA's wording."""

    code = "0500"
    http_status = 500
    default_message = "Unknown service error."

    def __init__(
        self,
        reason: str | None = None,
        *,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        message = self.default_message if not reason else f"{self.default_message} {reason}"
        super().__init__(message, details=details, headers=headers)
        self.reason = reason


class InvalidUrl(ClovaError):
    code = "0001"
    http_status = 400
    default_message = "URL is invalid."


class SecretKeyInvalid(ClovaError):
    code = "0002"
    http_status = 401
    default_message = "Secret key validate failed."


class RequestBodyInvalid(ClovaError):
    code = "0011"
    http_status = 400
    default_message = "Request body invalid."


class RequestBodyTooLarge(RequestBodyInvalid):
    http_status = 413


class ProtocolVersionUnsupported(ClovaError):
    code = "0021"
    http_status = 400
    default_message = "Protocol version not support."


class RequestDomainInvalid(ClovaError):
    code = "0022"
    http_status = 400
    default_message = "Request domain invalid."


class QuotaExceeded(ClovaError):
    code = "0023"
    http_status = 400
    default_message = "API request count reach the upper limit."


class RateLimited(ClovaError):
    code = "0025"
    http_status = 429
    default_message = "Calls to this api have exceeded the rate limit."


class TableDetectionDisabled(ClovaError):
    code = "0028"
    http_status = 400
    default_message = "Table detection disabled: Please activate the table extractor button."


class DeployInfoNotFound(ClovaError):
    code = "1021"
    http_status = 400
    default_message = "Not Found Deploy Info"


class UnknownServiceError(ClovaError):
    code = "0500"
    http_status = 500
    default_message = "Unknown service error."


class OcrServiceError(ClovaError):
    code = "0501"
    http_status = 500
    default_message = "OCR service error."


# --- per-page problems (reported inside a 200 response, never raised to the client) ----------


class PageError(HanjiError):
    """A page or image that could not be processed: reported as ``inferResult: ERROR``."""

    code = "PAGE_ERROR"
    http_status = 200
    default_message = "This page could not be processed."
