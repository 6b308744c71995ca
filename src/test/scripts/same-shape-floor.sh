#!/bin/bash
# The API server's floor for THIS operator's objects (docs/performance.md, "The API server's side"): the peer-bench
# floor (curl HTTP/2, 64 streams, create + finalizer merge patch + status merge patch per Model, no operator, no
# watcher), but with this project's Model CRD (its full structural schema) and the status a converged Model carries,
# instead of the peer's schema-less CRD and one-condition status. What it costs the API server is what any client
# writing this API's objects pays, whatever its framework.
#   JAR=target/litellm-operator.jar src/test/scripts/same-shape-floor.sh N [M=50] [REPS=1]   -> one JSON line per run
# STATUS=peer keeps the peer-bench's own one-condition status (its run is labelled "our-crd-floor"): the least any
# operator could write into this project's CRD, so what that CRD's schema alone costs the API server.
# PEER_BENCH (default ../shared/peer-bench) names the peer-bench folder; it is copied, never changed.
set -euo pipefail
REPO=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
N=${1:-3000}; M=${2:-50}; REPS=${3:-1}
PEER_BENCH=${PEER_BENCH:-$REPO/../shared/peer-bench}
JAR=${JAR:-$REPO/target/litellm-operator.jar}
[ -f "$PEER_BENCH/run-floor.sh" ] || { echo "no peer-bench at $PEER_BENCH (set PEER_BENCH)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "no $JAR: mvn -B -q -DskipTests package" >&2; exit 1; }
W=$(mktemp -d /tmp/same-shape-floor.XXXXXX); trap 'rm -rf "$W"' EXIT
cp -r "$PEER_BENCH" "$W/pb"
java -jar "$JAR" crds > "$W/crds.yaml"
# The status of a Model this operator has converged on kube-apiserver v1.20.2 (`kubectl get model -o json` after a
# run-peer.sh ours run): 922 bytes, three conditions, the applied endpoint's record and the litellmParams echo.
cat > "$W/status.json" <<'JSON'
{"status":{"appliedEndpoint":{"seal":"d18b69578294b9604b773c2ecec9410b","url":"http://127.0.0.1:36945","via":"Secret bench-001/litellm-connection"},"appliedPayloadHash":"4449239571dc3ec30151b65328dfbf4a","conditions":[{"lastTransitionTime":"2026-12-02T13:13:44Z","message":"served by Secret bench-001/litellm-connection","observedGeneration":1,"reason":"Synced","status":"True","type":"Ready"},{"lastTransitionTime":"2026-12-02T13:13:43Z","message":"LiteLLM matches the spec","observedGeneration":1,"reason":"Synced","status":"True","type":"Synced"},{"lastTransitionTime":"2026-12-02T13:13:43Z","message":"the LiteLLM proxy answers","observedGeneration":1,"reason":"Reachable","status":"True","type":"ProxyReachable"}],"lastUpdated":"2026-12-02T13:13:44Z","litellmParams":{"apiBase":"https://api.example.invalid/v1","model":"openai/gpt-4o","rpm":600},"modelId":"k8s-1d98693c-336a-4abf-ad5f-c17a4319b681-628c37b8","modelName":"gpt-4o","observedGeneration":1}}
JSON
STATUS=${STATUS:-ours}; PATCH=${PATCH:-merge}
case "$STATUS" in ours|peer) ;; *) echo "STATUS must be ours or peer" >&2; exit 1 ;; esac
case "$PATCH" in merge|json|apply) ;; *) echo "PATCH must be merge, json or apply" >&2; exit 1 ;; esac
LABEL=same-shape-floor; [ "$STATUS" = peer ] && LABEL=our-crd-floor
[ "$PATCH" = merge ] || LABEL="$LABEL-$PATCH"
# STATUS=ours makes load-curl.sh send our status instead of its inline one-condition body. PATCH=json sends the
# finalizer and the status as JSON patches (this operator's writes, add /metadata/finalizers and add /status, without
# the resourceVersion test its finalizer patch starts with: one body serves every Model here), PATCH=apply as
# server-side apply (the peer's), instead of the floor's merge patches: the same three writes, only the patch type
# differs. Every run fails if the API server refused a write (a fast run of fewer writes is no result). Each rewrite
# must match load-curl.sh exactly once, so a change there fails loudly here.
python3 - "$W/pb/load-curl.sh" "$W/status.json" "$STATUS" "$PATCH" <<'PY'
import re, sys
path, our_status, status, patch = sys.argv[1:]
text = open(path).read()

def once(old, new, regex=False):
    global text
    text, n = (re.subn(old, lambda m: new, text) if regex else (text.replace(old, new), text.count(old)))
    if n != 1:
        sys.exit(f"load-curl.sh: {old!r} was not found once; update same-shape-floor.sh")

if status == "ours":
    once(r"""echo '\{"status":.*?' > "\$W/status.json\"""", f'cp "{our_status}" "$W/status.json"', regex=True)
if patch != "merge":
    sync = 'if [ "${EMULATE_SYNC:-0}" = 1 ]; then'
    once(sync, f"""python3 - "$W" "{patch}" <<'CONVERT'
import json, sys
w, kind = sys.argv[1], sys.argv[2]
fin = json.load(open(w + "/fin.json"))["metadata"]["finalizers"]
status = json.load(open(w + "/status.json"))["status"]
if kind == "json":
    bodies = {{"fin.json": [{{"op": "add", "path": "/metadata/finalizers", "value": fin}}],
              "status.json": [{{"op": "add", "path": "/status", "value": status}}]}}
else:
    head = {{"apiVersion": "litellm.litellm.ai/v1alpha1", "kind": "Model"}}
    bodies = {{"fin.json": dict(head, metadata={{"finalizers": fin}}), "status.json": dict(head, status=status)}}
for name, body in bodies.items():
    json.dump(body, open(w + "/" + name, "w"))
CONVERT
""" + sync)
    ctype = "application/json-patch+json" if patch == "json" else "application/apply-patch+yaml"
    # SSA names its field manager; force takes the fields over from the create's manager, as an operator's apply does
    query = "?fieldManager=bench\\&force=true" if patch == "apply" else ""
    once('read -r _ TF OKF _ <<< "$(phase finalizer PATCH application/merge-patch+json "$W/fin.json" "$W/obj.urls")"',
         f"""sed 's|$|{query}|' "$W/obj.urls" > "$W/obj.write.urls"\n"""
         f'  read -r _ TF OKF _ <<< "$(phase finalizer PATCH {ctype} "$W/fin.json" "$W/obj.write.urls")"')
    once('phase status PATCH application/merge-patch+json', f'phase status PATCH {ctype}')
    once("sed 's|$|/status|'", f"sed 's|$|/status{query}|'")
once('python3 -c "\nimport json; tc,tf,ts=$TC,$TF,$TS',
     'if [ "$OKC" != "$N" ] || { [ "${EMULATE_SYNC:-0}" = 1 ] && { [ "$OKF" != "$N" ] || [ "$OKS" != "$N" ]; }; }; '
     'then echo "not every write succeeded: $OKC creates, $OKF finalizers, $OKS statuses of $N" >&2; exit 1; fi\n'
     'python3 -c "\nimport json; tc,tf,ts=$TC,$TF,$TS')
open(path, "w").write(text)
PY
for _ in $(seq 1 "$REPS"); do
  CRD_FILE="$W/crds.yaml" bash "$W/pb/run-floor.sh" "$N" "$M" | sed "s/\"run\": \"floor\"/\"run\": \"$LABEL\"/" \
    || { echo "run-floor.sh failed: see loader.err in its run folder (/tmp/peer-floor.*)" >&2; exit 1; }
done
