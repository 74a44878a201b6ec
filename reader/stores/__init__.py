"""Stores: the one write path for each kind of user data (Qt objects, but not widgets).

A store wraps a storage module with undo, a ``changed`` signal and ``flush()``, which saves every edit still
pending in an editor (the app calls it on close, quit, tab and case switch, export and backup).
"""
