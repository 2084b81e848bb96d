"""The circularity partials render from circularity_context, scoped to the user, in both languages."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from environment.pages import circularity_context
from ioc.park.choices import Role

PARTIALS = ["_connections", "_waste", "_symbiosis", "_green_space"]


def render(user, language):
    request = RequestFactory().get("/environment/")
    request.user = user
    with translation.override(language):
        context = circularity_context(request)
        return "".join(render_to_string(f"environment/{name}.html", context, request) for name in PARTIALS)


@pytest.mark.parametrize(
    ("language", "heading"), [("vi", "Cộng sinh công nghiệp"), ("en", "Industrial symbiosis")]
)
def test_the_partials_render_in_both_languages(small_park, make_user, language, heading):
    html = render(make_user(Role.PARK_MANAGER), language)
    assert heading in html and "HG-a" in html and "HG-b" in html and "KCN Phúc Điền" in html


def test_an_enterprise_user_sees_its_own_rows_and_links_it_receives(small_park, make_user):
    html = render(make_user(Role.ENTERPRISE, small_park["b"]), "vi")
    assert "HG-b" in html and "HG-a" not in html
    assert "Pallet gỗ" in html  # A's link to B is B's business too


def test_the_context_reads_in_a_bounded_number_of_queries(
    small_park, make_user, django_assert_max_num_queries
):
    user = make_user(Role.PARK_MANAGER)
    with django_assert_max_num_queries(15):
        render(user, "vi")
