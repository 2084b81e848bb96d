"""The form on the reports page: a period, a scope and a language (an enterprise user: only the period)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ioc.park.models import Enterprise, Zone
from ioc.reports import services
from ioc.reports.choices import Language, PeriodKind, ScopeKind


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, initial=PeriodKind.MONTH)
    start = forms.DateField(
        label=_("A day in the period (first day of a range)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Last day (ranges only)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=ScopeKind.choices, initial=ScopeKind.PARK)
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=Zone.objects.all(), required=False)
    enterprise = forms.ModelChoiceField(
        label=_("Enterprise"), queryset=Enterprise.objects.all(), required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["language"].initial = translation.get_language()
        if user.is_enterprise_user:
            for name in ("scope", "zone", "enterprise"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if self.user.is_enterprise_user:
            data.update(scope=ScopeKind.ENTERPRISE, enterprise=self.user.enterprise, zone=None)
        if data.get("start") and data.get("period"):
            try:
                data["the_period"] = services.period_from_input(
                    data["period"], data["start"], data.get("end"), timezone.localdate()
                )
            except ValidationError as error:
                self.add_error(None, error)
        if data.get("scope") == ScopeKind.ZONE and not data.get("zone"):
            self.add_error("zone", _("A zone report needs its zone."))
        if data.get("scope") == ScopeKind.ENTERPRISE and not data.get("enterprise"):
            self.add_error("enterprise", _("An enterprise report needs its enterprise."))
        if data.get("scope") != ScopeKind.ZONE:
            data["zone"] = None
        if data.get("scope") != ScopeKind.ENTERPRISE:
            data["enterprise"] = None
        return data
