"""The demo Đại An industrial park: its data as tables (each module says where figures come from) and
the loader behind `manage.py seed_park` (ioc.park.demo.load.load_demo_park)."""
