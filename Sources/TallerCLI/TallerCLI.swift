// Shared command-line support.
