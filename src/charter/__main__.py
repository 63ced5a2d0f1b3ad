"""``python -m charter`` runs the command line."""

from charter._main import run

run()
