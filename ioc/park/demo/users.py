"""Demo users: one per park role, and one per enterprise (`ent-<tax code>`), sharing one password.

The password is IOC_DEMO_PASSWORD when set (and then re-applied to every demo user on each run, so
changing the variable changes the password); otherwise a random one made once and kept in
VAR_DIR/demo_password (mode 0600), which existing users keep. It is hashed once per run at most and
the same hash is given to every user: PBKDF2 costs about a quarter of a second per hash.
"""

import os
import secrets
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password

from ioc.park.choices import Role
from ioc.park.demo.sync import Counts, upsert
from ioc.park.models import Enterprise, User

PASSWORD_ENV = "IOC_DEMO_PASSWORD"  # noqa: S105 (the name of a variable, not a password)
PASSWORD_FILE_NAME = "demo_password"  # noqa: S105 (a file name)

# username, role, first name, last name (invented people)
PARK_USERS: tuple[tuple[str, str, str, str], ...] = (
    ("admin", Role.ADMIN, "Quản trị", "Hệ thống"),
    ("manager", Role.PARK_MANAGER, "Lan", "Nguyễn Thị"),
    ("operator", Role.OPERATOR, "Dũng", "Trần Văn"),
    ("official", Role.WARD_OFFICIAL, "Hà", "Phạm Thu"),
)


def enterprise_username(enterprise: Enterprise) -> str:
    return f"ent-{enterprise.tax_code}"


def password_file() -> Path:
    return Path(settings.VAR_DIR) / PASSWORD_FILE_NAME


def _stored_password() -> tuple[str, bool]:
    """The password kept in VAR_DIR, made on first use; and whether it was made just now."""
    path = password_file()
    try:
        password = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        password = ""
    if password:
        return password, False
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # an empty file left behind: replace it with a private one
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it meanwhile: use theirs
        return path.read_text(encoding="utf-8").strip(), False
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    return password, True


def demo_password() -> str:
    """The password of every demo user: IOC_DEMO_PASSWORD, or the one kept in VAR_DIR/demo_password."""
    return os.environ.get(PASSWORD_ENV) or _stored_password()[0]


def load_users(enterprises: list[Enterprise], *, reset: bool = False) -> tuple[Counts, list[str]]:
    """Create the missing demo users and apply IOC_DEMO_PASSWORD; with `reset`, restore their roles.

    Returns the counts and notes for the operator."""
    notes: list[str] = []
    from_env = os.environ.get(PASSWORD_ENV)
    password, file_made = (from_env, False) if from_env else _stored_password()
    specs = [
        {
            "username": username,
            "role": role,
            "enterprise_id": None,
            "is_staff": role in (Role.ADMIN, Role.PARK_MANAGER),
            "is_superuser": role == Role.ADMIN,
        }
        for username, role, _first, _last in PARK_USERS
    ] + [
        {
            "username": enterprise_username(enterprise),
            "role": Role.ENTERPRISE,
            "enterprise_id": enterprise.pk,
            "is_staff": False,
            "is_superuser": False,
        }
        for enterprise in enterprises
    ]
    usernames = [spec["username"] for spec in specs]
    existing = list(User.objects.filter(username__in=usernames))
    shared_hash = None
    if from_env:
        # The variable wins on every run: users whose hash differs get the shared one (an update).
        shared_hash = _shared_hash(password, existing)
        for spec in specs:
            spec["password"] = shared_hash
    elif file_made and existing:
        notes.append(
            f"a new demo password was made in {password_file()}, but {len(existing)} demo users already "
            f"existed and keep their old password; set {PASSWORD_ENV} and run again to reset them"
        )
    names = {username: (first, last) for username, _role, first, last in PARK_USERS}

    def create_only(spec: dict) -> dict:
        nonlocal shared_hash
        first, last = names.get(spec["username"], ("", ""))
        extra = {"first_name": first, "last_name": last, "email": f"{spec['username']}@example.vn"}
        if "password" not in spec:
            shared_hash = shared_hash or make_password(password)  # hashed once, for the first new user
            extra["password"] = shared_hash
        return extra

    refresh = None if reset else (("password",) if from_env else ())
    counts, _objects = upsert(
        User, ("username",), specs, existing=existing, create_only=create_only, refresh=refresh
    )
    return counts, notes


def _shared_hash(password: str, users: list[User]) -> str:
    """A hash of `password`: the one most demo users already hold when it matches, else a new one."""
    common = Counter(user.password for user in users).most_common(1)
    if common and check_password(password, common[0][0]):
        return common[0][0]
    return make_password(password)
