"""The IO-free core: sessions, scheduling, running scripts, the element tree, state."""

from rillet.runtime.threads import exists as exists
