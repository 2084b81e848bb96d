"""Tenancy: an enterprise user sees only rows of their own enterprise."""

from django.db.models import QuerySet


def scope_to_user(queryset: QuerySet, user, enterprise_field: str | None) -> QuerySet:
    """Rows of `queryset` that `user` may see.

    `enterprise_field` is the lookup path from the model to its enterprise's primary key
    ("enterprise", "device__enterprise", "pk" for Enterprise itself); None marks park-wide data
    (zones, lots) that every signed-in user may read.
    """
    if enterprise_field is None or not getattr(user, "is_enterprise_user", False):
        return queryset
    return queryset.filter(**{enterprise_field: user.enterprise_id})
