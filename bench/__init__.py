"""The strategy finder's speed and size benchmark: `make bench` (`python -m bench`)."""
