"""A simulated park: every registered device sends realistic data (`manage.py simulate`).

Signal families, each a set of pure functions of (device spec, instant, random generator):
air.py (ambient air, weather), water.py (supply, wastewater), stacks.py, energy.py (meters, rooftop
solar), traffic.py (gates, counters, cameras, parking), machines.py; faults.py adds what goes wrong
with real devices; base.py holds the clock and the shared working day. fleet.py reads the registry
once, runner.py drives backfill and live runs, transport.py sends live readings (MQTT or in-process).
"""
