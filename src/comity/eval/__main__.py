"""`python -m comity.eval raise-floors [--allow-lower]`: see `comity.eval.command`."""

from comity.eval.command import main

if __name__ == "__main__":
    raise SystemExit(main())
