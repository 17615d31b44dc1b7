"""Adapters: translate platform events to the core's Incoming and Outgoing back to platform calls."""
