"""The report kinds the environment app owns, registered in its AppConfig."""
