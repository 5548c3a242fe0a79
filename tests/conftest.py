"""Tests run on a real SQLite database and a real Whoosh index, both in a temporary directory."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CAPTURES = Path(__file__).resolve().parent / "captures"


def pytest_sessionfinish(session, exitstatus):
    if "fpa-test-" in str(django_settings.DATA_DIR):
        shutil.rmtree(django_settings.DATA_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def fresh_index(settings):
    """An empty search index for every test."""
    from haystack import connections

    connections["default"].get_backend().clear()
    yield
    connections["default"].get_backend().clear()


@pytest.fixture
def seeds(db):
    """The five seed captures, imported and indexed."""
    from archive.ingest.importer import import_paths

    report = import_paths([SEEDS], progress=False)
    assert report.count("created") == 5, report.summary()
    return report


@pytest.fixture
def seed_article(seeds):
    """The article imported from a seed, by its number: seed_article("000")."""
    from archive.models import Article

    def get(number):
        return Article.objects.get(capture_file__startswith=number + "_")

    return get


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium (Debian's), driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page; page.base is the live server's URL."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15000)
    tab.base = live_server.url
    yield tab
    context.close()


# --- curators: the Editors group, and failed-login state ----------------------


@pytest.fixture
def editor(db, django_user_model):
    """A staff user in the Editors group (made by migration 0003), not a superuser."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("editor", password="editor-pass-1234", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def axes_reset(db):
    """No failed logins recorded before or after the test (axes keeps them in the database)."""
    from axes.utils import reset

    reset()
    yield
    reset()
