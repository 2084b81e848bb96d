import pytest

from ioc.park.choices import Role


@pytest.fixture
def enterprise_api(small_park, client_for):
    return client_for(Role.ENTERPRISE, small_park["a"], language="en")


@pytest.fixture
def manager_api(client_for):
    return client_for(Role.PARK_MANAGER, language="en")
