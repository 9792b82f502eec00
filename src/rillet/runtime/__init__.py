"""The IO-free core: sessions, scheduling, running scripts, the element tree, state."""
