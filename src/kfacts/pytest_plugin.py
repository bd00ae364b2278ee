"""pytest plugin (entry point ``pytest11``): collects rule-pack examples as test items.

Kept import-light: nothing heavy is imported until a pack is collected.
"""
