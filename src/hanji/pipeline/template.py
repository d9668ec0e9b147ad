"""The Template flow: each page matched against candidate templates and read with the one it fits."""

from __future__ import annotations

from dataclasses import dataclass

from hanji.core.template_reading import TemplateReading
from hanji.pipeline.inputs import FileInput
from hanji.pipeline.task import Task, task
from hanji.templates.candidates import TemplateSpec
from hanji.templates.flow import read_with_templates


@task("template", TemplateReading)
@dataclass(frozen=True, slots=True)
class TemplateRequest(Task[TemplateReading]):
    file: FileInput
    templates: tuple[TemplateSpec, ...]
    languages: tuple[str, ...]
    preview: bool = False
    """The builder's test runs: draw what was read over each page."""

    def run(self) -> TemplateReading:
        file = self.file
        pages = read_with_templates(
            file.data,
            declared_format=file.declared_format,
            templates=self.templates,
            languages=self.languages,
            limits=file.limits,
            preview=self.preview,
        )
        return TemplateReading(tuple(pages))
