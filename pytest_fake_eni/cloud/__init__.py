"""The simulator: plain Python state and rules, no HTTP, no pydantic, no pytest."""
