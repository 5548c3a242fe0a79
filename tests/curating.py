"""Posting the article change form as a curator's browser would."""

import json

from django.utils import timezone

from tests.test_admin_foundation import change_data


def post_change(admin_client, article, *, follow=False, **changes):
    """Post article's change form with changes; the rest as the form shows it."""
    data = change_data(article)
    # The admin renders the JSON fields' initial values as hidden inputs, and a browser posts them back.
    data.update({"initial-body": data["body"], "initial-review_reasons": json.dumps(article.review_reasons)})
    if article.reviewed_at:
        local = timezone.localtime(article.reviewed_at)
        data.update(reviewed_at_0=local.date().isoformat(), reviewed_at_1=local.time().isoformat("seconds"))
    data.update(changes)
    return admin_client.post(f"/admin/archive/article/{article.pk}/change/", data, follow=follow)
