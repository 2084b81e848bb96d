"""Frame analytics the Celery workers run for cameras without their own (issue 7, deliverable 3).

Pure functions on numpy frames: no Django models, no I/O, so the workers, the simulator and the
benchmark share them and the tests need no camera.
"""
