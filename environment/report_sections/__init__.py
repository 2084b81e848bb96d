"""The environment app's report sections: the targets at a glance, and air, discharges and transmissions.

Figures come from what the app keeps: daily VN_AQI as the AQI API computes it, the compliance
verdicts, the Circular 10 ledger, the connection register and the monthly energy reports. The
plain-words summaries are pure functions of the counts (tests/reports/test_summaries.py).
"""

from environment.report_sections.monitoring import ENVIRONMENT
from environment.report_sections.targets import TARGETS
from environment.report_sections.words import (
    aqi_summary,
    exceedance_summary,
    target_verdict,
    transmission_summary,
)

SECTIONS = (TARGETS, ENVIRONMENT)
__all__ = ["SECTIONS", "aqi_summary", "exceedance_summary", "target_verdict", "transmission_summary"]
