"""Runs the seed notebook's PyTorch side (examples/seed_notebook.py) for seeds 0, 1 and 2 and keeps
its exact stdout, byte for byte, as rnn4j-cli/src/test/resources/seed_notebook/seed_<N>.txt.

Usage (with PyTorch 1.13, see README.md):
    $TORCH113_PYTHON tools/golden/seed_notebook.py [NOTEBOOK_SCRIPT]
NOTEBOOK_SCRIPT defaults to examples/seed_notebook.py; the notebook runs under the interpreter
that runs this script.
"""
import os
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_SCRIPT = os.path.join(REPO, "examples", "seed_notebook.py")
OUT_DIR = os.path.join(REPO, "rnn4j-cli", "src", "test", "resources", "seed_notebook")
SEEDS = (0, 1, 2)


def main(argv):
    script = os.path.abspath(argv[1]) if len(argv) > 1 else os.path.normpath(DEFAULT_SCRIPT)
    if not os.path.isfile(script):
        sys.exit(f"notebook script not found: {script} (pass its path as the first argument)")
    os.makedirs(OUT_DIR, exist_ok=True)
    for seed in SEEDS:
        result = subprocess.run([sys.executable, script, str(seed)], stdout=subprocess.PIPE,
                                check=True)
        path = os.path.join(OUT_DIR, f"seed_{seed}.txt")
        with open(path, "wb") as f:
            f.write(result.stdout)
        print(f"{path}: {len(result.stdout)} bytes")


if __name__ == "__main__":
    main(sys.argv)
