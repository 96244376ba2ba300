"""The test surface: the ``FakeEcs`` object, its call log and assertion helpers."""
