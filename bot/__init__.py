"""Mishu (秘书): the platform-neutral core of the office coordination bot."""
