"""The form a park manager tunes a camera's analysis with: regions and counting line drawn on a snapshot."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst

from security.models import Camera

FIELDS = ["analysis_enabled", "grab_interval", "sensitivity", "detect_people", "restricted_from",
          "restricted_until", "regions", "counting_line"]  # fmt: skip


class AnalysisSettingsForm(forms.ModelForm):
    class Meta:
        model = Camera
        fields = FIELDS
        widgets = {
            "restricted_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "restricted_until": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "sensitivity": forms.NumberInput(attrs={"step": "0.05", "min": "0", "max": "1"}),
            "grab_interval": forms.NumberInput(attrs={"min": "1", "max": "3600"}),
            "regions": forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
            "counting_line": forms.Textarea(attrs={"rows": 2, "spellcheck": "false"}),
        }

    def _update_errors(self, errors):
        # Camera.clean() also judges fields this form does not show (its URLs, set in the registry):
        # Django would refuse those names, so they are said above the form, each with its label.
        if hasattr(errors, "error_dict"):
            kept, above = {}, []
            for name, messages in errors.error_dict.items():
                if name == NON_FIELD_ERRORS or name in self.fields:
                    kept[name] = messages
                else:
                    label = capfirst(Camera._meta.get_field(name).verbose_name)
                    above += [f"{label}: {message}" for message in ValidationError(messages).messages]
            if above:
                kept[NON_FIELD_ERRORS] = [*kept.get(NON_FIELD_ERRORS, []), *map(ValidationError, above)]
            errors = ValidationError(kept)
        super()._update_errors(errors)
