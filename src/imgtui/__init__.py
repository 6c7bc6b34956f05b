"""imgtui: an International Medical Graduate's path to the US Match, in the terminal."""

__version__ = "0.1.0"
