from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ioc.park.choices import EnterpriseStatus, InvestmentType
from ioc.park.validators import normalise_tax_code, validate_tax_code, validate_vsic_code
from ioc.park.vsic import division_name

VIETNAM = "VN"


class Enterprise(models.Model):
    """A company with a project in the park (FDI or domestic)."""

    tax_code = models.CharField(
        _("tax code"),
        max_length=14,
        unique=True,
        validators=[validate_tax_code],
        help_text=_("Vietnamese tax code (MST): 10 digits, or 10-3 for a branch."),
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    investment_type = models.CharField(_("investment type"), max_length=3, choices=InvestmentType.choices)
    investor_country = CountryField(_("investor country"))
    sector = models.CharField(_("sector (VSIC 2018)"), max_length=5, validators=[validate_vsic_code])
    land_area_ha = models.DecimalField(
        _("land area (ha)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    registered_capital_usd = models.DecimalField(
        _("registered capital (USD)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    started_operation = models.DateField(_("start of operation"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnterpriseStatus.choices,
        default=EnterpriseStatus.OPERATING,
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Invented for the demo park; not a real company's figures."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_vi"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        indexes = [models.Index(fields=["investment_type", "investor_country"])]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_vi

    @property
    def sector_name(self) -> str:
        return division_name(self.sector, get_language() or "vi")

    def clean(self):
        if self.tax_code:
            try:
                self.tax_code = normalise_tax_code(self.tax_code)
            except ValidationError as error:
                raise ValidationError({"tax_code": error}) from None
        if (
            self.investment_type == InvestmentType.DDI
            and self.investor_country
            and self.investor_country != VIETNAM
        ):
            raise ValidationError(
                {"investor_country": _("A domestic (DDI) project's investor is Vietnamese.")}
            )
        if self.investment_type == InvestmentType.FDI and self.investor_country == VIETNAM:
            raise ValidationError({"investor_country": _("An FDI project's investor is foreign.")})


class Contact(models.Model):
    """A person to reach at an enterprise (environment officer, HR, director…)."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("enterprise")
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["enterprise", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.name} ({self.enterprise})"
