# Sourced by scripts/airflow-venv.sh and bench/venv.sh: a virtualenv built once from PyPI and cached under
# ~/.cache/inlearning, keyed by a hash of the files that pin it, so a rebuild happens only when they change.

# The cache folder of a venv: name, pinning files...
cached_venv_dir() {
  local name=$1
  shift
  echo "$HOME/.cache/inlearning/$name-$(cat "$@" | sha256sum | cut -c1-12)"
}

# Builds the venv unless a complete one is there: folder, who (for messages), a Python statement that must
# run in it ("" for none), pip install arguments...
build_venv() {
  local venv=$1 who=$2 check=$3
  shift 3
  [ -f "$venv/.complete" ] && return
  echo "$who: building $venv from PyPI (a few minutes, once)" >&2
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  "${PYTHON:-python3}" -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "$@" >&2
  "$venv/bin/pip" check >&2
  if [ -n "$check" ] && ! "$venv/bin/python" -c "$check"; then
    echo "$who: the new virtualenv cannot run: $check" >&2
    return 1
  fi
  touch "$venv/.complete"
}
