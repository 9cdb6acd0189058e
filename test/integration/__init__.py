"""Tests for the Privacy Gateway integration."""
