"""Template builder tasks: a sample image as the builder keeps it, and the text of its title area.

They run on the executor, so a hostile sample costs a worker's memory and time, never the server's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

from hanji.core.errors import RequestBodyInvalid
from hanji.intake.decode import decode_pages
from hanji.pipeline.inputs import FileInput
from hanji.pipeline.task import Task, task
from hanji.templates.candidates import decode_sample
from hanji.templates.flow import read_sample_title


@dataclass(frozen=True, slots=True)
class SamplePng:
    png: bytes
    width: int
    height: int


@task("template_sample", SamplePng)
@dataclass(frozen=True, slots=True)
class SampleRequest(Task[SamplePng]):
    """A file's first page, decoded under the intake limits and written as PNG."""

    file: FileInput

    def run(self) -> SamplePng:
        """Raises:
        ClovaError: the file is refused by intake, or its first page cannot be drawn (``0011``).
        """
        file = self.file
        first = decode_pages(file.data, declared_format=file.declared_format, limits=file.limits)[0]
        if first.image is None:
            raise RequestBodyInvalid(first.error or "the first page cannot be read")
        buffer = io.BytesIO()
        Image.fromarray(first.image).save(buffer, "PNG")
        return SamplePng(buffer.getvalue(), first.width, first.height)


@task("template_title", str)
@dataclass(frozen=True, slots=True)
class TitleRequest(Task[str]):
    """The text in a sample's title area, read once when a template is saved."""

    sample: bytes
    """The sample as PNG (``SamplePng.png``)."""
    box: tuple[float, float, float, float]
    languages: tuple[str, ...]

    def run(self) -> str:
        return read_sample_title(decode_sample(self.sample), self.box, self.languages)
