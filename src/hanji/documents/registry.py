"""The document-extractor registry: URL model name → extractor instance."""

from __future__ import annotations

from hanji.documents.biz_license import BizLicenseExtractor
from hanji.documents.contract import DocumentExtractor
from hanji.documents.credit_card import CreditCardExtractor
from hanji.documents.id_card import IdCardExtractor
from hanji.documents.invoice import InvoiceExtractor
from hanji.documents.medical_receipt import MedicalReceiptExtractor
from hanji.documents.name_card import NameCardExtractor
from hanji.documents.passport import PassportExtractor
from hanji.documents.receipt import ReceiptExtractor

EXTRACTORS: dict[str, DocumentExtractor] = {
    e.model: e
    for e in (
        PassportExtractor(),
        CreditCardExtractor(),
        ReceiptExtractor(),
        BizLicenseExtractor(),
        IdCardExtractor(),
        InvoiceExtractor(),
        NameCardExtractor(),
        MedicalReceiptExtractor(),
    )
}
"""Built-in extractors by ``model``."""


def get_extractor(model: str) -> DocumentExtractor:
    """The extractor for a URL model name.

    Raises:
        KeyError: No extractor serves ``model`` (the caller maps it to CLOVA error 0001/0022).
    """
    try:
        return EXTRACTORS[model]
    except KeyError:
        raise KeyError(
            f"no document extractor for model {model!r}; known: {', '.join(sorted(EXTRACTORS))}"
        ) from None
