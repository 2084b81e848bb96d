"""Create or update rows by their natural key, validating each one, with as few queries as possible."""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from django.db import models


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def upsert(
    model: type[models.Model],
    key: tuple[str, ...],
    specs: Iterable[dict],
    *,
    existing: Iterable[models.Model],
    create_only: Callable[[dict], dict] | None = None,
    bulk: bool = True,
    refresh: Collection[str] | None = None,
) -> tuple[Counts, dict[tuple, models.Model]]:
    """Make the rows described by `specs` exist, keyed by the `key` fields of each spec.

    `existing` holds the rows that may already be there. A spec's fields are set on create and
    compared (and updated if different) afterwards; `create_only(spec)` gives extra fields only set
    when a row is created. Foreign keys are given by id (`zone_id`); they point at rows this loader
    has just saved, so full_clean skips them (and uniqueness, which the natural key takes care of)
    to save a query per row. Rows are created with one bulk insert unless `bulk` is False (models
    whose save() computes fields). `refresh` names the fields brought back to the demo's values on
    rows that exist (None: every field of the spec; empty: leave existing rows alone, so what people
    changed in the running demo survives a restart). Returns the counts and the objects by key.
    """
    counts = Counts()
    found = {tuple(getattr(obj, field) for field in key): obj for obj in existing}
    objects: dict[tuple, models.Model] = {}
    new: list[models.Model] = []
    for spec in specs:
        spec_key = tuple(spec[field] for field in key)
        if spec_key in objects:
            raise ValueError(f"duplicate demo {model.__name__} {spec_key}")
        fk_fields = [field.removesuffix("_id") for field in spec if field.endswith("_id")]
        obj = found.get(spec_key)
        if obj is None:
            obj = model(**spec, **(create_only(spec) if create_only else {}))
            obj.full_clean(exclude=fk_fields, validate_unique=False, validate_constraints=False)
            new.append(obj)
            counts.created += 1
        else:
            changed = [
                field
                for field, value in spec.items()
                if (refresh is None or field in refresh) and getattr(obj, field) != value
            ]
            if changed:
                for field in changed:
                    setattr(obj, field, spec[field])
                obj.full_clean(exclude=fk_fields, validate_unique=False, validate_constraints=False)
                obj.save()
                counts.updated += 1
            else:
                counts.unchanged += 1
        objects[spec_key] = obj
    if bulk:
        model.objects.bulk_create(new)
    else:
        for obj in new:
            obj.save()
    return counts, objects
