"""``python -m argmap`` runs the command-line tool."""

from argmap.cli import main

if __name__ == "__main__":
    main()
