"""WORTLAUT_RATE_LIMITS and WORTLAUT_RATE_LIMIT_STORAGE, read into the one settings object."""

from __future__ import annotations

import pytest

from search_service.errors import ConfigurationError
from search_service.settings import DEFAULT_RATE_LIMITS, Settings, parse_rate_limits


def test_defaults_leave_a_person_alone_and_stop_a_script() -> None:
    limits = dict(Settings.from_env({}).rate_limits)
    assert limits == DEFAULT_RATE_LIMITS
    assert limits["verify"] == "60/minute"  # 300 in a row meet a 429


def test_groups_can_be_changed_one_at_a_time_or_turned_off() -> None:
    assert parse_rate_limits("verify=10/minute, search=5 per 1 second") == {
        **DEFAULT_RATE_LIMITS, "verify": "10/minute", "search": "5 per 1 second"}
    assert parse_rate_limits("OFF") == {}
    assert parse_rate_limits(" ") == DEFAULT_RATE_LIMITS


@pytest.mark.parametrize("value", ["verfy=3/minute", "verify=3", "verify=0/minute",
                                   "verify=3/fortnight", "verify"])
def test_a_bad_entry_is_refused_naming_it(value: str) -> None:
    with pytest.raises(ConfigurationError, match="WORTLAUT_RATE_LIMITS entry"):
        Settings.from_env({"WORTLAUT_RATE_LIMITS": value})


def test_storage_is_memory_or_redis_and_never_printed() -> None:
    url = "redis://user:{password}@cache:6379".format(password="hunter2")
    settings = Settings.from_env({"WORTLAUT_RATE_LIMIT_STORAGE": url})
    assert settings.rate_limit_storage == url
    assert "hunter2" not in repr(settings)
    with pytest.raises(ConfigurationError, match="WORTLAUT_RATE_LIMIT_STORAGE"):
        Settings.from_env({"WORTLAUT_RATE_LIMIT_STORAGE": "mongodb://x"})
