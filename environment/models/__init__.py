"""The environment app's models, one module per subject; each module's classes are re-exported here."""

from .connections import *  # noqa: F403
from .green import *  # noqa: F403
from .waste import *  # noqa: F403
