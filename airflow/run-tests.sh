#!/usr/bin/env bash
# The Python half of the test command (mvn -B verify runs it after the Java modules are packaged): creates, or
# reuses, a virtualenv with the pinned Apache Airflow under airflow/target/venv, then runs pytest there.
# The venv is rebuilt when requirements.txt or constraints.txt change. Extra arguments go to pytest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="$here/target/venv"
stamp="$venv/.requirements.sha256"
python="${PYTHON:-python3}"
want="$(cat "$here/requirements.txt" "$here/constraints.txt" | sha256sum | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]]; then
  command -v "$python" >/dev/null || { echo "airflow tests: $python is needed (Python 3.11+)" >&2; exit 1; }
  echo "airflow tests: creating the virtualenv with Apache Airflow 3 in $venv (a few minutes, once)..."
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -r "$here/requirements.txt" -c "$here/constraints.txt"
  echo "$want" > "$stamp"
fi
cd "$here"
export LAKEHOUSE_ROOT="$root"
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider tests "$@"
