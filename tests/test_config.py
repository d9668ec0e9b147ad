"""Settings: environment parsing, unsafe production defaults, and docs that list every setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanji.config import ENV_VARIABLES, Settings, SettingsError

README = Path(__file__).resolve().parents[1] / "README.md"


def test_environment_is_parsed_and_overrides_win() -> None:
    settings = Settings.from_env(
        {"HANJI_PORT": "9000", "HANJI_FETCH_ALLOW": "127.0.0.1, 10.0.0.0/8", "HANJI_COOKIE_SECURE": "true"},
        host="0.0.0.0",
    )
    assert settings.port == 9000 and settings.host == "0.0.0.0" and settings.cookie_secure is True
    assert settings.fetch_allow == ("127.0.0.1", "10.0.0.0/8")
    assert settings.resolved_database_url.startswith(
        "sqlite:///"
    ) and settings.resolved_database_url.endswith("hanji.db")


@pytest.mark.parametrize(
    "env",
    [
        {"HANJI_PORT": "x"},
        {"HANJI_PORT": "70000"},
        {"HANJI_ENV": "staging"},
        {"HANJI_ENV": "production", "HANJI_ADMIN_PASSWORD": "short"},
        {"HANJI_ENV": "production", "HANJI_PUBLIC_URL": "http://ocr.example.com"},
        {"HANJI_COOKIE_SECURE": "maybe"},
    ],
)
def test_bad_or_unsafe_settings_are_refused(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError):
        Settings.from_env(env)


def test_server_key_is_created_once(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path).with_server_key()
    assert len(first.secret_key) == 64
    assert Settings(data_dir=tmp_path).with_server_key().secret_key == first.secret_key
    assert (tmp_path / "server.key").stat().st_mode & 0o077 == 0


def test_readme_documents_every_setting() -> None:
    text = README.read_text()
    missing = [name for name in ENV_VARIABLES if name not in text]
    assert not missing, f"README.md does not document {missing}"
