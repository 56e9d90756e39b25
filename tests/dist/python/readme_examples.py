"""Runs every ```python block of a README against the installed errcat.

    python readme_examples.py README.md

Run from a directory outside the repository, so only the installed package
can be imported. Prints "<label>: N passed, M failed".
"""

import re
import sys
import traceback

import errcat

path, label = sys.argv[1], sys.argv[2]
blocks = re.findall(r"```python\n(.*?)```", open(path, encoding="utf-8").read(), flags=re.S)
print(f"errcat {errcat.__version__} from {errcat.__file__}")
passed = failed = 0
for n, block in enumerate(blocks, 1):
    try:
        exec(compile(block, f"{path} example {n}", "exec"), {"__name__": "readme_example"})
        passed += 1
    except Exception:
        traceback.print_exc()
        failed += 1
if not blocks:
    print(f"no ```python blocks in {path}")
    failed += 1
print(f"{label}: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
