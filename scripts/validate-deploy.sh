#!/usr/bin/env bash
# Validates the deployment files without Docker or Kubernetes (docs/kubernetes.md says what that covers):
#   deploy/kubernetes/*.yaml  kubeconform -strict, against local schemas only: the SparkApplication schema of
#                             deploy/kubernetes/schemas/ and Kubernetes' PersistentVolumeClaim schema
#   docker-compose.yaml       check-jsonschema, against the compose-spec schema
#   deploy/Dockerfile         hadolint; BuildKit's parser for the base image, the jar and the user
# then feeds each check a deliberately broken copy, which it must reject. Prints one line per file and exits
# non-zero on any failure. kubeconform is built once with Go from the module proxy, the rest comes from PyPI
# (deploy/validate-requirements.txt); both are cached under ~/.cache/inlearning.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/venv-lib.sh

KUBECONFORM_VERSION=v0.7.0
KUBERNETES_VERSION=v1.34.0   # of the PersistentVolumeClaim schema
CACHE=$HOME/.cache/inlearning

KUBECONFORM=$CACHE/kubeconform-$KUBECONFORM_VERSION/kubeconform
if [ ! -x "$KUBECONFORM" ]; then
  echo "validate-deploy: building kubeconform $KUBECONFORM_VERSION with Go (about a minute, once)" >&2
  mkdir -p "$CACHE"
  tmp=$(mktemp -d "$CACHE/kubeconform.XXXXXX")
  GOBIN=$tmp go install -ldflags "-X main.version=$KUBECONFORM_VERSION" \
    "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
  rm -rf "$(dirname "$KUBECONFORM")"
  mv "$tmp" "$(dirname "$KUBECONFORM")"
fi

VENV=$(cached_venv_dir deploy-validate-venv deploy/validate-requirements.txt)
build_venv "$VENV" validate-deploy.sh "import dockerfile, kubernetes_validate" -r deploy/validate-requirements.txt

# kubernetes-validate keeps one schema per kind, pointing by URL at a shared file of definitions: kubeconform
# would try to download that. Write a standalone copy with the definitions it needs, referred to locally.
K8S_SCHEMAS=$VENV/kubernetes-schemas-$KUBERNETES_VERSION
if [ ! -f "$K8S_SCHEMAS/persistentvolumeclaim-v1.json" ]; then
  "$VENV/bin/python" - "$KUBERNETES_VERSION" "$K8S_SCHEMAS" persistentvolumeclaim-v1 <<'PY'
import json, pathlib, re, sys
import kubernetes_validate

version, out, kinds = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3:]
src = pathlib.Path(kubernetes_validate.__file__).parent / "kubernetes-json-schema" / f"{version}-local-strict"
definitions = json.loads((src / "_definitions.json").read_text())["$defs"]
ref = re.compile(r'"\$ref": "#/\$defs/([^"]+)"')
out.mkdir(parents=True, exist_ok=True)
for kind in kinds:
    text = (src / f"{kind}.json").read_text().replace('"/api/_definitions.json#/$defs/', '"#/$defs/')
    schema = json.loads(text)
    del schema["$id"]
    needed, todo = {}, ref.findall(text)
    while todo:
        name = todo.pop()
        if name not in needed:
            needed[name] = definitions[name]
            todo += ref.findall(json.dumps(definitions[name]))
    schema["$defs"] = needed
    (out / f"{kind}.json.tmp").write_text(json.dumps(schema, indent=1))
    (out / f"{kind}.json.tmp").rename(out / f"{kind}.json")
PY
fi

kubeconform() {
  "$KUBECONFORM" -strict -summary -verbose \
    -schema-location "$ROOT/deploy/kubernetes/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
    -schema-location "$K8S_SCHEMAS/{{ .ResourceKind }}{{ .KindSuffix }}.json" "$@"
}

compose_check() {
  "$VENV/bin/check-jsonschema" --builtin-schema vendor.compose-spec "$1"
}

hadolint() {
  "$VENV/bin/hadolint" "$1"
}

# What hadolint does not look at: the base image is the official Spark image of the versions pom.xml builds
# for, the jar copied is the one `mvn package` writes, and the image runs as Spark's non-root uid. Read with
# BuildKit's parser, as `docker build` reads it.
dockerfile_check() {
  "$VENV/bin/python" - "$1" pom.xml <<'PY'
import sys
import xml.etree.ElementTree as ET
import dockerfile

path, pom = sys.argv[1], ET.parse(sys.argv[2]).getroot()
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
prop = lambda name: pom.find(f"m:properties/m:{name}", ns).text
want_from = (f"apache/spark:{prop('spark.version')}-scala{prop('scala.binary.version')}"
             f"-java{prop('maven.compiler.release')}-ubuntu")
want_jar = f"target/{pom.find('m:artifactId', ns).text}-{pom.find('m:version', ns).text}.jar"

commands = dockerfile.parse_file(path)
values = lambda cmd: [c.value for c in commands if c.cmd == cmd]
problems = []
if values("FROM") != [(want_from,)]:
    problems.append(f"FROM is {values('FROM')}, want {want_from}")
if ("APP_JAR=" + want_jar,) not in values("ARG"):
    problems.append(f"no ARG APP_JAR={want_jar}")
if ("${APP_JAR}", "/opt/inlearning/inlearning-spark.jar") not in values("COPY"):
    problems.append("no COPY ${APP_JAR} /opt/inlearning/inlearning-spark.jar")
if values("USER")[-1:] != [("185",)]:
    problems.append(f"last USER is {values('USER')[-1:]}, want 185")
if problems:
    sys.exit(f"{path}: " + "; ".join(problems))
print(f"{path} - FROM {want_from} (pom.xml's Spark, Scala, Java), ARG APP_JAR={want_jar}, USER 185")
PY
}

status=0
fail() {
  echo "validate-deploy: FAILED: $*" >&2
  status=1
}

# The files.
kubeconform deploy/kubernetes/*.yaml || fail "deploy/kubernetes/*.yaml (kubeconform)"
if out=$(compose_check docker-compose.yaml 2>&1); then
  echo "docker-compose.yaml - valid against the compose-spec schema (check-jsonschema vendor.compose-spec)"
else
  echo "$out" >&2
  fail docker-compose.yaml
fi
. bin/app-jar.sh
if grep -qF "./target/$(basename "$APP_JAR"):" docker-compose.yaml; then
  echo "docker-compose.yaml - mounts target/$(basename "$APP_JAR"), the jar mvn package builds"
else
  fail "docker-compose.yaml does not mount target/$(basename "$APP_JAR"), the jar mvn package builds"
fi
if out=$(hadolint deploy/Dockerfile 2>&1); then
  echo "deploy/Dockerfile - hadolint $("$VENV/bin/hadolint" --version | grep -o '[0-9][0-9.]*' | head -1): no findings"
else
  echo "$out" >&2
  fail "deploy/Dockerfile (hadolint)"
fi
dockerfile_check deploy/Dockerfile || fail "deploy/Dockerfile (base image, jar, user)"

# The checks themselves: each must reject a broken copy, and for the reason planted.
broken=$(mktemp -d)
trap 'rm -rf "$broken"' EXIT
rejects() {  # what, text expected in the complaint, command...
  local what=$1 expected=$2 out
  shift 2
  if out=$("$@" 2>&1); then
    fail "not rejected: $what"
  elif ! grep -qF -- "$expected" <<<"$out"; then
    echo "$out" >&2
    fail "rejected, but not for '$expected': $what"
  else
    echo "rejected as it should be: $what"
  fi
}
sed 's/^  mainClass:/  mainclass:/' deploy/kubernetes/courses-process.yaml >"$broken/unknown-field.yaml"
rejects "SparkApplication with an unknown field (spec.mainclass)" "'mainclass'" kubeconform "$broken/unknown-field.yaml"
sed 's/^spec:/sepc:/' deploy/kubernetes/analytics.yaml >"$broken/misspelt-spec.yaml"
rejects "SparkApplication with a misspelt top-level key (sepc)" "'sepc'" kubeconform "$broken/misspelt-spec.yaml"
sed 's/spark.executor.instances: "2"/spark.executor.instances: 2/' deploy/kubernetes/recommend.yaml \
  >"$broken/wrong-type.yaml"
rejects "SparkApplication with a number in sparkConf" "want string" kubeconform "$broken/wrong-type.yaml"
sed 's/accessModes:/accessMode:/' deploy/kubernetes/pvc.yaml >"$broken/pvc.yaml"
rejects "PersistentVolumeClaim with an unknown field (spec.accessMode)" "'accessMode'" kubeconform "$broken/pvc.yaml"
sed '0,/^    healthcheck:/s//    healthchek:/' docker-compose.yaml >"$broken/docker-compose.yaml"
rejects "docker-compose.yaml with an unknown service key (healthchek)" "'healthchek'" \
  compose_check "$broken/docker-compose.yaml"
sed 's/^FROM .*/FROM apache\/spark/' deploy/Dockerfile >"$broken/untagged.Dockerfile"
rejects "Dockerfile with an untagged base image (hadolint)" DL3006 hadolint "$broken/untagged.Dockerfile"
sed 's/^FROM .*/FROM apache\/spark:4.0.1-scala2.13-java17-ubuntu/' deploy/Dockerfile >"$broken/other.Dockerfile"
rejects "Dockerfile with another Spark version" "want apache/spark:" dockerfile_check "$broken/other.Dockerfile"

if [ "$status" -ne 0 ]; then
  echo "validate-deploy: some checks failed" >&2
fi
exit "$status"
