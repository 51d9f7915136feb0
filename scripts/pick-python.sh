#!/bin/sh
# Print the Python interpreter the project's virtualenv is made from (`make venv`).
#
# The distribution's own build comes first: Debian and Ubuntu compile CPython with
# profile-guided and link-time optimisation and link libpython into the executable, as the
# official Docker image that production runs does (Dockerfile). A source build without those
# options (pyenv's default, for one) serves the same requests with about a quarter more CPU
# (README, "Performance"). Any python3 on PATH is the fallback. A candidate must be 3.11 or newer
# and able to make a virtualenv (Debian ships `ensurepip` in python3-venv).
# Set PYTHON (make PYTHON=python3.12 ...) to choose yourself.
for candidate in /usr/bin/python3 python3; do
  if "$candidate" -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' \
      >/dev/null 2>&1; then
    echo "$candidate"
    exit 0
  fi
done
echo python3
