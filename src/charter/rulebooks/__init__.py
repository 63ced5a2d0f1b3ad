"""The rulebook packs that ship with charter; others are found through the same entry points."""
