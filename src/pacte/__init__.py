"""Pacte: partnership conventions between French public authorities and ESS organisations."""

__version__ = "0.1.0"
