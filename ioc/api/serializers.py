"""Serializer bases: model invariants (`Model.clean`) become 400s naming the field."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers


class CleanModelSerializer(serializers.ModelSerializer):
    """Runs the model's `clean()` on the validated values, so the API and the admin agree."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        concrete = {f.name for f in model._meta.concrete_fields}
        instance = (
            model(**{f.attname: getattr(self.instance, f.attname) for f in model._meta.concrete_fields})
            if self.instance
            else model()
        )
        values = {key: value for key, value in attrs.items() if key in concrete}
        for key, value in values.items():
            setattr(instance, key, value)
        try:
            instance.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from None
        # clean() may normalise a value (a tax code's dash, say): keep what it made.
        return {**attrs, **{key: getattr(instance, key) for key in values}}
