"""tutor: learn the rules of freelance marketplaces in a terminal before your first job."""

__version__ = "0.1.0"
