"""Reading YAML content files so that every problem can name its line."""

from __future__ import annotations

from typing import Any

import yaml

from .problems import Problem

# libyaml's parser when PyYAML was built with it (the wheels are): several times faster.
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(source: str, loader_class: type[yaml.SafeLoader]) -> tuple[Any, yaml.Node | None]:
    """One parse: the node tree, and the data built from that same tree."""
    loader = loader_class(source)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def load_yaml(source: str, path: str, first_line: int = 1) -> tuple[Any, yaml.Node | None, list[Problem]]:
    """Data, node tree (for line numbers) and a problem naming the line when the YAML is broken."""
    try:
        data, node = _parse(source, FAST_LOADER)
    except yaml.YAMLError:
        # Broken files are read again by the pure-Python parser, whose messages the docs quote.
        try:
            data, node = _parse(source, yaml.SafeLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = first_line + (mark.line if mark else 0)
            problem = getattr(error, "problem", None) or str(error)
            return None, None, [Problem(path, line, f"YAML cannot be read: {problem}")]
    return data, node, []


def key_lines(node: yaml.Node | None, first_line: int = 1) -> dict[str, int]:
    """Line of each key of a mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): first_line + k.start_mark.line for k, _ in node.value}


def item_lines(node: yaml.Node | None, key: str, first_line: int = 1) -> list[int]:
    """Line of each item of the sequence under `key` of a mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return []
    for k, value in node.value:
        if k.value == key and isinstance(value, yaml.SequenceNode):
            return [first_line + item.start_mark.line for item in value.value]
    return []
