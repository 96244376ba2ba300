"""The wire: decoding requests of both signature dialects, encoding JSON and XML."""
