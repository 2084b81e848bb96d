# `make mqtt`: this checkout's own Mosquitto on 127.0.0.1:$(MQTT_PORT), devices authenticated by their
# access tokens. Included from the Makefile. Port 1883 is the system broker's: never used here.
MQTT_PORT ?= 1884
MQTT_AUTH_DIR ?= $(or $(IOC_VAR_DIR),var)/mosquitto
MOSQUITTO ?= $(or $(shell command -v mosquitto),/usr/sbin/mosquitto)
MQTT_PID = $(MQTT_AUTH_DIR)/mosquitto.pid

.PHONY: mqtt mqtt-stop

# Running = the pid file names a live process called mosquitto (a stale file may name another).
define mqtt_running
pid=$$(cat $(MQTT_PID) 2>/dev/null) && [ "$$(cat /proc/$$pid/comm 2>/dev/null)" = mosquitto ]
endef

## mqtt: migrate, write the broker's password/ACL files from the registry and start Mosquitto on $(MQTT_PORT)
mqtt: migrate
	@[ "$(MQTT_PORT)" != 1883 ] || { echo "MQTT_PORT=1883 is the system broker's port; choose another." >&2; exit 1; }
	@[ -x "$(MOSQUITTO)" ] || { echo "No mosquitto here; install it (apt-get install mosquitto)." >&2; exit 1; }
	$(BIN)/python manage.py mqtt_auth_files --dir $(MQTT_AUTH_DIR) \
		--config $(MQTT_AUTH_DIR)/mosquitto.conf --port $(MQTT_PORT) --reload
	@if $(mqtt_running); then \
		echo "Mosquitto is already running (pid $$pid); it has reloaded the files." \
			"For a new config or port: make mqtt-stop mqtt"; \
	else \
		$(MOSQUITTO) -c $(MQTT_AUTH_DIR)/mosquitto.conf -d; \
		for i in 1 2 3 4 5 6 7 8 9 10; do $(mqtt_running) && break; sleep 0.2; done; \
		$(mqtt_running) || { echo "Mosquitto did not start:" >&2; tail -5 $(MQTT_AUTH_DIR)/mosquitto.log >&2; exit 1; }; \
		echo "Mosquitto started (pid $$pid), log in $(MQTT_AUTH_DIR)/mosquitto.log"; \
	fi
	@echo "MQTT_URL=mqtt://127.0.0.1:$(MQTT_PORT)"

mqtt-stop:
	@if $(mqtt_running); then kill $$pid && echo "Stopped Mosquitto (pid $$pid)."; \
	else echo "No Mosquitto running from $(MQTT_PID)."; fi
