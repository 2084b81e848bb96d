"""Language choice: pages speak Vietnamese unless the person switched; the API follows the caller."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

_SUPPORTED = {code for code, _name in settings.LANGUAGES}


class ParkLocaleMiddleware(LocaleMiddleware):
    """Pages ignore the browser's Accept-Language.

    Park staff often run browsers set to English; the IOC still opens in Vietnamese and switches
    only when someone presses EN (the language cookie). API clients are programs, so for them
    Accept-Language decides, as usual.
    """

    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        translation.activate(language if language in _SUPPORTED else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        return None
