"""Ready-to-paste client snippets for an invoke URL, in CLOVA's request shape (multipart)."""

from __future__ import annotations

import json

SECRET_PLACEHOLDER = "YOUR_SECRET_KEY"


def _message(service_type: str) -> dict[str, object]:
    message: dict[str, object] = {
        "version": "V2",
        "requestId": "sample-1",
        "timestamp": 0,
        "images": [{"format": "jpg", "name": "sample"}],
    }
    if service_type == "general":
        message["lang"] = "ko"
    return message


def curl_example(url: str, service_type: str) -> str:
    """A ``curl`` call that sends ``image.jpg`` to ``url``."""
    message = json.dumps(_message(service_type), separators=(",", ":"))
    return (
        f'curl -X POST "{url}" \\\n'
        f'  -H "X-OCR-SECRET: {SECRET_PLACEHOLDER}" \\\n'
        f"  -F 'message={message};type=application/json' \\\n"
        "  -F 'file=@image.jpg'"
    )


def python_example(url: str, service_type: str) -> str:
    """A Python (``requests``) program that sends ``image.jpg`` to ``url`` and prints the result."""
    message = json.dumps(_message(service_type))
    return (
        "import json\n"
        "import time\n"
        "import uuid\n\n"
        "import requests\n\n"
        f'URL = "{url}"\n'
        f'SECRET = "{SECRET_PLACEHOLDER}"\n\n'
        f"message = {message}\n"
        'message["requestId"] = str(uuid.uuid4())\n'
        'message["timestamp"] = int(time.time() * 1000)\n'
        'with open("image.jpg", "rb") as image:\n'
        "    response = requests.post(\n"
        '        URL, headers={"X-OCR-SECRET": SECRET},\n'
        '        data={"message": json.dumps(message)}, files={"file": image}, timeout=60,\n'
        "    )\n"
        "response.raise_for_status()\n"
        "print(json.dumps(response.json(), ensure_ascii=False, indent=2))\n"
    )
