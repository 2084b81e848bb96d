"""The demo cameras' snapshot URL: a synthetic JPEG of the named scene as it looks now."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from security.demo import SCENES, scene_jpeg


@require_GET
def demo_snapshot(request, name: str):
    # No sign-in: cameras do not log in to the IOC, and these pictures show nobody real.
    if name not in SCENES:
        raise Http404(name)
    return HttpResponse(scene_jpeg(name), content_type="image/jpeg", headers={"Cache-Control": "no-store"})
