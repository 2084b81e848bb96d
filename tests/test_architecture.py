"""The shape of the house: domain apps plug in through the registry and import only ioc."""

import subprocess
import sys
from pathlib import Path

from django.apps import apps

from ioc.registry import Domain, Panel, PanelReading, Registry, RegistryError, registry

ROOT = Path(__file__).resolve().parent.parent
DOMAINS = ["security", "environment", "traffic", "labour", "production"]


def test_every_domain_app_is_installed_and_registered():
    for label in DOMAINS:
        assert apps.is_installed(label)
        assert registry.domain(label).urls == f"{label}.urls"
    assert [d.label for d in registry.ordered_domains()] == DOMAINS


def test_a_key_registered_twice_by_different_apps_is_an_error():
    local = Registry()
    local.register_panel(Panel("x.tile", "X", "x", lambda request: PanelReading()))
    try:
        local.register_panel(Panel("x.tile", "Y", "y", lambda request: PanelReading()))
    except RegistryError as error:
        assert "x.tile" in str(error)
    else:
        raise AssertionError("a second registration under the same key was accepted")


def test_asking_for_an_unregistered_domain_names_it():
    local = Registry()
    local.register_domain(Domain(label="a", title="A", url_name="a:home"))
    try:
        local.domain("b")
    except RegistryError as error:
        assert "'b'" in str(error)


def test_the_import_contract_holds():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout
