"""Solid waste per enterprise and period, the licensed handlers that take it, symbiosis links."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from environment import waste_codes
from environment.circularity_choices import TONNAGE_TYPES, SymbiosisType, WasteCategory

__all__ = ["HazardousWasteCode", "SymbiosisLink", "WasteHandler", "WasteRecord"]


def tonnes(label):
    return models.DecimalField(
        label, max_digits=12, decimal_places=3, default=0, validators=[MinValueValidator(0)]
    )


def check_codes(codes: list[str]) -> list[str]:
    """The codes normalised; raises naming the first that is malformed or not on the list."""
    normalised = [waste_codes.normalise_code(str(c)) for c in codes]
    for code in normalised:
        if not waste_codes.is_well_formed(code):
            raise ValidationError(
                _("“%(code)s” is not a hazardous-waste code: three pairs of digits, as 16 01 06.")
                % {"code": code}
            )
        if not HazardousWasteCode.objects.filter(code=code, active=True).exists():
            raise ValidationError(
                _(
                    "“%(code)s” is not on the list of hazardous-waste codes (Circular 02/2022/TT-BTNMT, Annex III)."
                )
                % {"code": code}
            )
    return normalised


class HazardousWasteCode(models.Model):
    """A code of the hazardous-waste list (Circular 02/2022/TT-BTNMT, Annex III).

    Kept as a table the park's environment officer completes from the official annex (admin), so a
    missing code is a data entry, not a release; seeded from `environment/waste_codes.py`.
    """

    code = models.CharField(_("code"), max_length=8, unique=True, validators=[waste_codes.validate_format])
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=300)
    confidence = models.CharField(_("confidence"), max_length=1, default="P",
                                  help_text=_("V verified, S secondary sources, P partly, M unchecked."))  # fmt: skip
    active = models.BooleanField(_("accepted in records"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("hazardous-waste code")
        verbose_name_plural = _("hazardous-waste codes")

    def __str__(self):
        return f"{self.code} {self.name_vi}".strip()

    def save(self, *args, **kwargs):
        self.code = waste_codes.normalise_code(self.code)
        super().save(*args, **kwargs)


class WasteHandler(models.Model):
    """An organisation licensed to collect and treat hazardous waste (Decree 08/2022/NĐ-CP, Art. 68)."""

    name = models.CharField(_("name"), max_length=255)
    licence_number = models.CharField(_("licence number"), max_length=60, unique=True)
    licence_issuer = models.CharField(_("licence issuer"), max_length=200)
    licence_issued_on = models.DateField(_("licence issued on"))
    licence_expires_on = models.DateField(_("licence expires on"))
    accepted_codes = models.JSONField(
        _("accepted waste codes"),
        default=list,
        blank=True,
        help_text=_("Hazardous-waste codes the licence covers; empty: not recorded."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("hazardous-waste handler")
        verbose_name_plural = _("hazardous-waste handlers")

    def __str__(self):
        return f"{self.name} ({self.licence_number})"

    def clean(self):
        if (
            self.licence_issued_on
            and self.licence_expires_on
            and self.licence_issued_on > self.licence_expires_on
        ):
            raise ValidationError(
                {"licence_expires_on": _("The licence cannot expire before it was issued.")}
            )
        if not isinstance(self.accepted_codes, list):
            raise ValidationError({"accepted_codes": _("Give the accepted codes as a list.")})
        try:
            self.accepted_codes = check_codes(self.accepted_codes)
        except ValidationError as error:
            raise ValidationError({"accepted_codes": error}) from None

    def licensed_for(self, start, end) -> bool:
        """Whether the licence covers every day from `start` to `end`."""
        return self.licence_issued_on <= start and self.licence_expires_on >= end


class WasteRecord(models.Model):
    """What an enterprise generated of one waste category in a period, and where it went (tonnes)."""

    enterprise = models.ForeignKey(
        "park.Enterprise",
        on_delete=models.CASCADE,
        related_name="waste_records",
        verbose_name=_("enterprise"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    category = models.CharField(_("category"), max_length=24, choices=WasteCategory.choices)
    waste_code = models.CharField(_("hazardous-waste code"), max_length=8, blank=True)
    generated_t = tonnes(_("generated (t)"))
    reused_t = tonnes(_("reused (t)"))
    recycled_t = tonnes(_("recycled (t)"))
    treated_t = tonnes(_("treated (t)"))
    landfilled_t = tonnes(_("landfilled (t)"))
    handler = models.ForeignKey(
        WasteHandler,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("handler"),
    )
    # Set when the record came from an accepted monthly waste report; a later accepted version replaces it.
    submission = models.ForeignKey(
        "submissions.Submission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from submission"),
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start", "enterprise__name_vi", "category"]
        verbose_name = _("waste record")
        verbose_name_plural = _("waste records")

    def __str__(self):
        return f"{self.enterprise} {self.period_start}–{self.period_end} {self.get_category_display()}"

    @property
    def outflow_t(self):
        return self.reused_t + self.recycled_t + self.treated_t + self.landfilled_t

    @property
    def handled_by_licensed(self) -> bool:
        return bool(self.handler and self.handler.licensed_for(self.period_start, self.period_end))

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_start > self.period_end:
            errors["period_end"] = _("The period cannot end before it starts.")
        errors.update(self._outflow_errors())
        errors.update(self._code_errors())
        if not errors:
            errors.update(self._handler_errors())
        if errors:
            raise ValidationError(errors)

    def _outflow_errors(self) -> dict:
        amounts = (self.generated_t, self.reused_t, self.recycled_t, self.treated_t, self.landfilled_t)
        if None in amounts or self.outflow_t <= self.generated_t:
            return {}
        return {
            "generated_t": _(
                "Reused, recycled, treated and landfilled (%(out)s t) exceed what was generated (%(gen)s t)."
            )
            % {"out": self.outflow_t, "gen": self.generated_t}
        }

    def _code_errors(self) -> dict:
        if self.category != WasteCategory.HAZARDOUS:
            return {"waste_code": _("Only hazardous waste carries a waste code.")} if self.waste_code else {}
        if not self.waste_code:
            return {"waste_code": _("Hazardous waste needs its waste code.")}
        try:
            (self.waste_code,) = check_codes([self.waste_code])
        except ValidationError as error:
            return {"waste_code": error}
        return {}

    def _handler_errors(self) -> dict:
        # Decree 08/2022/NĐ-CP: hazardous waste may be handed over only to a licensed handler.
        if self.category != WasteCategory.HAZARDOUS or self.handler is None:
            return {}
        if not self.handler.licensed_for(self.period_start, self.period_end):
            return {
                "handler": _("This handler holds no valid hazardous-waste licence over the record's period.")
            }
        if self.handler.accepted_codes and self.waste_code not in self.handler.accepted_codes:
            return {
                "handler": _("This handler's licence does not cover waste code %(code)s.")
                % {"code": self.waste_code}
            }
        return {}


class SymbiosisLink(models.Model):
    """Industrial symbiosis: one enterprise supplies another (or another park) with what it no longer needs.

    Types after Circular 05/2025/TT-BKHĐT Art. 2(1). The supplier records the link; the receiver sees it too.
    """

    enterprise = models.ForeignKey(
        "park.Enterprise",
        on_delete=models.CASCADE,
        related_name="symbiosis_links_given",
        verbose_name=_("supplier"),
    )
    receiver = models.ForeignKey(
        "park.Enterprise",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="symbiosis_links_received",
        verbose_name=_("receiving enterprise"),
    )
    external_partner = models.CharField(
        _("partner outside the park"), max_length=255, blank=True, help_text=_("For links with other parks.")
    )
    link_type = models.CharField(_("type"), max_length=24, choices=SymbiosisType.choices)
    what = models.CharField(_("what is supplied or shared"), max_length=255)
    tonnes_per_year = models.DecimalField(
        _("tonnes per year"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("industrial-symbiosis link")
        verbose_name_plural = _("industrial-symbiosis links")

    def __str__(self):
        return f"{self.enterprise} → {self.receiver or self.external_partner}: {self.what}"

    def clean(self):
        errors = {}
        if self.receiver_id and self.receiver_id == self.enterprise_id:
            errors["receiver"] = _("An enterprise cannot be its own symbiosis partner.")
        if bool(self.receiver_id) == bool(self.external_partner):
            errors["receiver"] = _("Name either the receiving enterprise or the partner outside the park.")
        if self.link_type == SymbiosisType.OTHER_PARKS and not self.external_partner:
            errors["external_partner"] = _("A link with another park names that partner.")
        if self.link_type in TONNAGE_TYPES and not self.tonnes_per_year:
            errors["tonnes_per_year"] = _(
                "An exchange of materials, waste or by-products needs its tonnes per year."
            )
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("A link cannot end before it starts.")
        if errors:
            raise ValidationError(errors)
