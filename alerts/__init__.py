"""Change detection, rendering and delivery of alerts. Imports nothing from `flows`."""
