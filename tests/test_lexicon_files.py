"""The lexicon files as data: a key written twice in one YAML mapping silently replaces the first (PyYAML keeps
the last), which once dropped a cue list; every mapping in core/lexicons must have distinct keys."""

from pathlib import Path

import pytest
import yaml

from core.paths import LEXICON_DIR


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses a mapping with a key written twice."""


def _mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"key {key!r} written twice", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@pytest.mark.parametrize("path", sorted(LEXICON_DIR.rglob("*.yaml")), ids=lambda p: str(p.relative_to(LEXICON_DIR)))
def test_lexicon_mappings_have_distinct_keys(path: Path):
    with path.open(encoding="utf-8") as fh:
        yaml.load(fh, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass


def test_the_strict_loader_catches_a_key_written_twice():
    with pytest.raises(yaml.constructor.ConstructorError, match="written twice"):
        yaml.load("a: [1]\nb: 2\na: [3]\n", Loader=_StrictLoader)  # noqa: S506
