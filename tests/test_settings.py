from django.conf import settings


def test_it_keeps_test_data_in_a_temporary_directory():
    assert "fpa-test-" in str(settings.DATA_DIR)
    assert str(settings.WHOOSH_PATH).startswith(str(settings.DATA_DIR))
    assert settings.HAYSTACK_CONNECTIONS["default"]["PATH"].startswith(str(settings.DATA_DIR))


def test_it_generates_a_secret_key_in_the_data_dir():
    key_file = settings.DATA_DIR / "secret_key"
    assert key_file.read_text().strip() == settings.SECRET_KEY
    assert len(settings.SECRET_KEY) >= 50


def test_it_runs_with_debug_off_by_default():
    assert settings.DEBUG is False
