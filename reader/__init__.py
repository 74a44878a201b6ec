"""Casebook: an offline reader for collections of best-practice case documents."""

__version__ = "0.1.0"
APP_NAME = "Casebook"
