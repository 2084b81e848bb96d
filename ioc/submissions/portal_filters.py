from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, FilterSet

from ioc.registry import registry
from ioc.submissions.choices import Status
from ioc.submissions.models import Submission


class ReviewFilter(FilterSet):
    """Submitted reports unless another state is asked for."""

    kind = ChoiceFilter(
        label=_("report kind"),
        choices=lambda: [(k, v.title) for k, v in sorted(registry.submission_kinds.items())],
    )
    status = ChoiceFilter(label=_("status"), choices=[c for c in Status.choices if c[0] != Status.SUPERSEDED],
                          empty_label=None, method="filter_status")  # fmt: skip

    class Meta:
        model = Submission
        fields = ["kind", "status", "enterprise"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("status", Status.SUBMITTED)
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        return queryset.filter(status=value)
