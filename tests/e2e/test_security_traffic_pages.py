"""The security and traffic pages' maps in real headless Chromium: drawn, with no script error.

A Leaflet circle added before the map has a view throws; that broke both maps once, unseen by the
server-side page tests.
"""

from ioc.park.choices import DeviceKind
from ioc.park.models import Device
from security.models import Camera, Purpose
from tests.conftest import point
from tests.e2e.test_live_dashboard import (  # noqa: F401 -- fixtures
    ARTIFACTS,
    CHROMIUM,
    open_dashboard,
    park,
    playwright_api,
    pytestmark,
    stack,
)


def test_the_camera_map_and_the_congestion_map_draw_without_errors(stack, park):  # noqa: F811
    device = Device.objects.create(serial="LIVE-CAM", name="Cổng chính", kind=DeviceKind.CAMERA, zone=park.zone,
                                   location=point(106.276, 20.926))  # fmt: skip
    Camera.objects.create(device=device, purpose=Purpose.GATE, bearing=45, field_of_view=90)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = open_dashboard(browser, stack, "manager-a")
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{stack}/security/")
        page.wait_for_function(
            "window.iocCameraMap && window.iocCameraMap.cameras.length === 1", timeout=10_000
        )
        assert page.locator("#camera-map path.leaflet-interactive").count() >= 2  # the cone and the marker
        page.screenshot(path=str(ARTIFACTS / "security-page.png"), full_page=True)
        page.goto(f"{stack}/traffic/")
        page.wait_for_selector(".leaflet-container", timeout=10_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "traffic-page.png"), full_page=True)
        assert not errors
        browser.close()
