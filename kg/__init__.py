"""ZoneKG: a knowledge graph of China's development zones built from Chinese text."""

__version__ = "0.1.0"
