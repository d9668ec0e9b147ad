"""The CLOVA OCR wire format: parse invoke requests, render responses and error bodies.

``spec/clova-api.md`` is the contract; field names, key order and error codes here follow it exactly.
"""

from hanji.clova.errors import render_error_body
from hanji.clova.render import render_general_response
from hanji.clova.request import ImageInput, InvokeRequest, parse_json_request, parse_multipart_request

__all__ = [
    "ImageInput",
    "InvokeRequest",
    "parse_json_request",
    "parse_multipart_request",
    "render_error_body",
    "render_general_response",
]
