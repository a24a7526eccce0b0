"""Bytes → clean text → indicator records. Imports nothing from `flows`."""
