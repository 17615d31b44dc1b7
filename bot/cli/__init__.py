"""Subcommands of the `mishu` console script."""
