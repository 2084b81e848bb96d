"""The environment app's models, one module per subject; each module's classes are re-exported here."""
