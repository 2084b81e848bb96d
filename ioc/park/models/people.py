from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ioc.park.choices import REGISTRY_EDITORS, Role


class User(AbstractUser):
    """A person who signs in: park staff, a ward official, or an enterprise's user."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OPERATOR)
    enterprise = models.ForeignKey(
        "park.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Only for enterprise users: the one enterprise whose data they see."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self):
        super().clean()
        if self.role == Role.ENTERPRISE and not self.enterprise_id:
            raise ValidationError({"enterprise": _("An enterprise user must belong to an enterprise.")})
        if self.role != Role.ENTERPRISE and self.enterprise_id:
            raise ValidationError({"enterprise": _("Only enterprise users belong to an enterprise.")})

    @property
    def effective_role(self) -> str:
        return Role.ADMIN if self.is_superuser else self.role

    @property
    def is_enterprise_user(self) -> bool:
        return self.effective_role == Role.ENTERPRISE

    @property
    def can_edit_registry(self) -> bool:
        return self.effective_role in REGISTRY_EDITORS
