"""Every ```python example of python/README.md runs (against the installed package)."""

import re

import pytest

from conftest import ROOT

README = ROOT / "python" / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_examples():
    assert len(BLOCKS) >= 5


@pytest.mark.parametrize("n", range(len(BLOCKS)))
def test_readme_example(n):
    exec(compile(BLOCKS[n], f"README.md example {n + 1}", "exec"), {"__name__": "readme_example"})
