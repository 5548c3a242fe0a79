"""Access to the admin: the Editors group, anonymous users, throttled logins, cookies over HTTP and HTTPS."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from archive.models import Article
from tests.admin_forms import change_form_data
from tests.conftest import ROOT
from tests.factories import make_article, make_author, make_source

# --- the Editors group ---------------------------------------------------------


def test_it_gives_editors_no_permission_on_users_or_groups(db):
    permissions = Group.objects.get(name="Editors").permissions.all()
    assert {p.content_type.app_label for p in permissions} == {"archive"}
    assert {"change_article", "view_capture", "change_historicalarticle"} <= {p.codename for p in permissions}
    assert not permissions.filter(codename__in=["change_capture", "delete_historicalarticle"]).exists()


def test_it_lets_an_editor_edit_an_article(editor_client, editor):
    article = make_article("Original quokka title")
    url = f"/admin/archive/article/{article.pk}/change/"
    data = change_form_data(editor_client, url, "article_form")
    data["title"] = "Edited wombat title"
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.title == "Edited wombat title"
    assert article.history.latest().history_user == editor


def test_it_lets_an_editor_open_the_review_list_and_history(editor_client):
    article = make_article("Quokka awaiting review", needs_review=True)
    response = editor_client.get("/admin/archive/article/review/")
    assert response.status_code == 200
    assert "Quokka awaiting review" in response.content.decode()
    response = editor_client.get("/admin/archive/article/", {"needs_review__exact": "1"})
    assert response.context["cl"].result_count == 1
    assert editor_client.get(f"/admin/archive/article/{article.pk}/history/").status_code == 200


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/",
                                 "/admin/auth/group/add/", "/admin/axes/accessattempt/"])
def test_it_refuses_editors_the_user_and_group_pages(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_it_refuses_an_editor_another_users_change_page(editor_client, admin_user):
    assert editor_client.get(f"/admin/auth/user/{admin_user.pk}/change/").status_code == 403
    response = editor_client.post(f"/admin/auth/user/{admin_user.pk}/change/", {"is_superuser": ""})
    assert response.status_code == 403


def test_it_leaves_users_and_groups_off_an_editors_admin_index(editor_client):
    response = editor_client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/admin/archive/article/" in html
    assert "/admin/auth/" not in html and "/admin/axes/" not in html


def test_it_refuses_a_staff_user_without_a_group(client, django_user_model):
    article = make_article("Original quokka title")
    client.force_login(django_user_model.objects.create_user("staff", password="x", is_staff=True))
    url = f"/admin/archive/article/{article.pk}/change/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Edited wombat title"}).status_code == 403
    assert client.get("/admin/archive/article/review/").status_code == 403
    assert "/admin/archive/article/" not in client.get("/admin/").content.decode()
    assert Article.objects.get(pk=article.pk).title == "Original quokka title"


# --- anonymous users -----------------------------------------------------------


def admin_urls():
    article = make_article(authors=[make_author()], source=make_source())
    author, source, theme = article.authors.get(), article.source, article.themes.model.objects.first()
    history_id = article.history.latest().history_id
    urls = ["/admin/", "/admin/archive/", "/admin/archive/article/review/", "/admin/auth/user/", "/admin/auth/group/", "/admin/axes/accessattempt/",
            "/admin/password_change/",
            f"/admin/archive/article/{article.pk}/history/{history_id}/"]
    for name, obj in (("article", article), ("author", author), ("source", source), ("theme", theme)):
        base = f"/admin/archive/{name}/"
        urls += [base, f"{base}add/", f"{base}{obj.pk}/change/", f"{base}{obj.pk}/history/", f"{base}{obj.pk}/delete/"]
    return urls


def test_it_sends_anonymous_users_to_the_login_page_from_every_admin_page(client, db):
    for url in admin_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/?next="), url


def test_it_changes_nothing_for_an_anonymous_post(client, db):
    article = make_article("Original quokka title")
    response = client.post(f"/admin/archive/article/{article.pk}/change/", {"title": "Edited wombat title"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert Article.objects.get(pk=article.pk).title == "Original quokka title"


# --- failed logins are throttled -----------------------------------------------


def log_in(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})


@pytest.mark.usefixtures("axes_reset")
def test_it_locks_out_after_repeated_failed_logins(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "editor", "wrong").status_code == 200  # the form again, with an error
    assert log_in(client, "editor", "wrong").status_code == 429  # the failure that reaches the limit
    response = log_in(client, "editor", "editor-pass-1234")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert client.get("/admin/").status_code == 302


@pytest.mark.usefixtures("axes_reset")
def test_it_lets_a_user_in_after_fewer_failures_than_the_limit(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "editor", "wrong")
    assert log_in(client, "editor", "editor-pass-1234").status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("axes_reset")
def test_it_locks_out_only_the_username_that_failed(client, editor, admin_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "editor", "wrong")
    admin_user.set_password("admin-pass-1234")
    admin_user.save()
    assert log_in(client, "admin", "admin-pass-1234").status_code == 302


@pytest.mark.usefixtures("axes_reset")
def test_it_lets_a_user_in_again_once_an_administrator_resets_the_lockout(client, editor):
    from axes.utils import reset

    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "editor", "wrong")
    assert log_in(client, "editor", "editor-pass-1234").status_code == 429
    assert reset(username="editor") == 1
    assert log_in(client, "editor", "editor-pass-1234").status_code == 302


# --- plain HTTP locally, secure cookies when configured ------------------------


def test_it_logs_in_over_plain_http_by_default(client, editor):
    assert not settings.SESSION_COOKIE_SECURE and not settings.CSRF_COOKIE_SECURE
    client.get("/admin/login/")
    assert client.cookies["csrftoken"]["secure"] == ""
    response = log_in(client, "editor", "editor-pass-1234")
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"] == ""
    assert client.get("/admin/").status_code == 200


def test_it_sends_cookies_only_over_https_when_secure_cookies_are_on(client, editor, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client.get("/admin/login/", secure=True)
    assert client.cookies["csrftoken"]["secure"] is True
    response = client.post("/admin/login/", {"username": "editor", "password": "editor-pass-1234"}, secure=True)
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"] is True


def settings_under(tmp_path, **env):
    """Cookie and proxy settings of archive.settings loaded afresh in a process with this environment."""
    code = ("import json, archive.settings as s; print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "getattr(s, 'SECURE_PROXY_SSL_HEADER', None)]))")
    base = {k: v for k, v in os.environ.items() if k not in ("SECURE_COOKIES", "ARCHIVE_PRODUCTION", "SECRET_KEY",
                                                             "ALLOWED_HOSTS", "BEHIND_HTTPS_PROXY")}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={**base, "ARCHIVE_DATA_DIR": str(tmp_path), **env})
    return result.returncode, (json.loads(result.stdout) if result.returncode == 0 else result.stderr)


def test_it_keeps_cookies_plain_by_default(tmp_path):
    assert settings_under(tmp_path) == (0, [False, False, None])


def test_it_makes_cookies_secure_with_secure_cookies_on(tmp_path):
    assert settings_under(tmp_path, SECURE_COOKIES="1") == (0, [True, True, None])


def test_it_makes_cookies_secure_in_production(tmp_path):
    env = {"ARCHIVE_PRODUCTION": "1", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "archive.example.org"}
    assert settings_under(tmp_path, **env) == (0, [True, True, None])


def test_it_trusts_the_forwarded_protocol_only_behind_a_proxy(tmp_path):
    code, values = settings_under(tmp_path, SECURE_COOKIES="1", BEHIND_HTTPS_PROXY="1")
    assert (code, values[2]) == (0, ["HTTP_X_FORWARDED_PROTO", "https"])


def test_it_refuses_production_without_a_secret_key(tmp_path):
    code, stderr = settings_under(tmp_path, ARCHIVE_PRODUCTION="1", ALLOWED_HOSTS="archive.example.org")
    assert code != 0 and "set SECRET_KEY" in stderr
