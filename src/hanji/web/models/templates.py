"""Templates of a Template domain: the bodies that create, change, deploy and test one, and the
template as the API returns it (coordinates: pixels of the sample image).

The definition parts of a body (title, fields, tables, combine) are typed here for the OpenAPI
document only: ``hanji.templates.schema.parse_definition`` is the one place that checks them, with
errors naming every offending part (``details.problems``: its path ``fields[0].boxes[1]``, a key and
one-based numbers for the message), so these models skip validation.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, SkipValidation, WithJsonSchema

from hanji.services.management.templates import STAGES
from hanji.storage.models import Template
from hanji.web.models.clova import ClovaResponse
from hanji.web.models.common import Timestamp, View, iso
from hanji.web.models.inline import inline_schema

VALUE_TYPES = ("text", "number", "date", "phone", "email", "alnum", "korean", "alphabet")
"""As ``hanji.templates.schema.VALUE_TYPES`` (which this layer may not import; a test pins them)."""
CASES = ("upper", "lower")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Box = Annotated[
    list[float],
    WithJsonSchema(
        {
            "type": "array",
            "items": {"type": "number"},
            "minItems": 4,
            "maxItems": 4,
            "description": "[x, y, width, height] in pixels of the sample image.",
        }
    ),
]
ValueType = Annotated[str, WithJsonSchema({"type": "string", "enum": list(VALUE_TYPES)})]
Case = Annotated[str, WithJsonSchema({"type": "string", "enum": list(CASES)})]
Stage = Annotated[str, WithJsonSchema({"type": "string", "enum": list(STAGES)})]


def _absent(value: object) -> bool:
    return value is None


class _Part(View):
    """A definition part: keys this version does not know are kept, not dropped."""

    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True)


class TitleArea(_Part):
    box: Box
    name: str = "title"
    text: str | None = Field(default=None, exclude_if=_absent)
    """The title's expected text; absent: read from the sample when the template is saved."""


class FieldRule(_Part):
    required: bool | None = Field(default=None, exclude_if=_absent)
    regex: str | None = Field(default=None, exclude_if=_absent)


class CheckboxText(_Part):
    """Premium: the ``inferText`` of a checkbox field when ticked and when not."""

    checked: str = ""
    unchecked: str = ""


class TemplateField(_Part):
    name: str
    boxes: list[Box]
    """One box, or (Premium) several read in order as one value."""
    value_type: ValueType = "text"
    """Premium: anything but ``text``."""
    checkbox: bool = False
    """Premium."""
    validation: FieldRule = Field(default_factory=FieldRule)
    checkbox_text: CheckboxText | None = Field(default=None, exclude_if=_absent)
    case: Case | None = Field(default=None, exclude_if=_absent)
    """``alnum`` and ``alphabet`` fields: the case letters are put in."""


class TableArea(_Part):
    name: str
    box: Box


class Combination(_Part):
    """A ``combineResult`` item: the named fields' values joined by ``separator``."""

    name: str
    fields: list[str]
    separator: str = " "


class ImageData(View):
    format: str
    """``png``, ``jpg``, ``tiff``, ``pdf`` (its first page) …"""
    data: str
    """Base64 file bytes."""


class _DefinitionBody(View):
    # Unknown keys are ignored, as before the models: the builder sends back what it read.
    model_config = ConfigDict(extra="ignore", use_attribute_docstrings=True)

    def changes(self) -> dict[str, Any]:
        """The keys the client sent, with their values as sent (for the service to check)."""
        return {name: getattr(self, name) for name in self.model_fields_set}


class TemplateUpdate(_DefinitionBody):
    """Only the keys sent change and ``version`` goes up; a new sample or title area has the title's
    text read again."""

    name: SkipValidation[str | None] = None
    sample_image: SkipValidation[ImageData | None] = None
    """The sample image; a PDF gives its first page."""
    title: SkipValidation[TitleArea | None] = None
    fields: SkipValidation[list[TemplateField] | None] = None
    tables: SkipValidation[list[TableArea] | None] = None
    combine: SkipValidation[list[Combination] | None] = None
    validation_url: SkipValidation[str | None] = None
    """An external validation server each result is POSTed to (null: none)."""


class TemplateCreate(TemplateUpdate):
    """A new draft template: a name, a sample image, and what to read from it."""

    model_config = ConfigDict(json_schema_extra={"required": ["name", "sample_image"]})


class TemplateDeploy(_DefinitionBody):
    model_config = ConfigDict(json_schema_extra={"required": ["stage"]})

    stage: SkipValidation[Stage | None] = None
    """Only ``service`` templates are matched by the invoke URL; ``beta`` is for test runs."""


class TemplateTestImage(View):
    """A test run's JSON body (or send the image as the multipart part ``file``)."""

    image: ImageData


class SampleView(View):
    width: int | None
    height: int | None
    image_url: str | None
    """``GET …/templates/{id}/sample``: the sample as PNG."""
    title_text: str | None
    """The title area's text as read from the sample when the template was saved."""


class TemplateView(View):
    """A template as the API returns it."""

    id: int
    name: str
    sample: SampleView
    title: TitleArea | None
    fields: list[TemplateField]
    tables: list[TableArea]
    combine: list[Combination]
    stage: Annotated[str, WithJsonSchema({"type": "string", "enum": ["draft", *STAGES]})]
    version: int
    validation_url: str | None
    created_at: Timestamp
    updated_at: Timestamp


class TemplateList(View):
    data: list[TemplateView]
    count: int


class TemplateTestResult(ClovaResponse):
    """The Template OCR result the invoke URL would answer, and a picture of what was read."""

    preview_url: str | None
    """A PNG of the test image with the fields' boxes and values drawn (signed, for this run)."""


def template_view(template: Template, base: str) -> TemplateView:
    """``template`` as the management API shows it; ``base`` is where clients reach this Hanji."""
    definition = template.definition
    sample = definition.get("sample") or {}
    prefix = f"{base.rstrip('/')}/api/v1/domains/{template.domain_id}/templates/{template.id}"
    return TemplateView.model_validate(
        {
            "id": template.id,
            "name": template.name,
            "sample": {
                "width": sample.get("width"),
                "height": sample.get("height"),
                "image_url": f"{prefix}/sample" if template.sample_blob else None,
                "title_text": sample.get("title_text"),
            },
            "title": definition.get("title"),
            "fields": definition.get("fields", []),
            "tables": definition.get("tables", []),
            "combine": definition.get("combine", []),
            "stage": template.stage,
            "version": template.version,
            "validation_url": definition.get("validation_url"),
            "created_at": iso(template.created_at),
            "updated_at": iso(template.updated_at),
        }
    )


TEST_RUN_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": inline_schema(TemplateTestImage)},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        },
    }
}
"""``openapi_extra`` of a test run, whose body is read raw: JSON or multipart."""
TEST_RUN_FILES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The result as JSON; with `?format=csv` or `?format=xlsx` its fields as a download.",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            XLSX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
"""``responses=`` of a test run: the exports beside the JSON result (``response_model``)."""
