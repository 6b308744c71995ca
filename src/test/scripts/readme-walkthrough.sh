#!/bin/bash
# Fresh-clone walk-through of README's "Try it" and "Run it against a real cluster" sections (docs/testing.md,
# "Fresh-clone walk-through"): clones this repository's HEAD, runs README's commands in order and writes each
# command's output to OUT/NN.txt, the command line first. Usage: src/test/scripts/readme-walkthrough.sh [OUT]
# Run it from a terminal (the sandbox is stopped with SIGINT, as Ctrl-C would).
set -u
set -m   # job control: the background sandbox gets Ctrl-C's SIGINT as in a terminal
REPO=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
W=${1:-/tmp/readme-walkthrough}; rm -rf $W /tmp/walk-clone; mkdir -p $W
n=0
step() { n=$((n+1)); f=$(printf "%s/%02d.txt" $W $n); echo "\$ $*" > $f; ( eval "$@" ) >> $f 2>&1; echo "[exit $?]" >> $f; }
step "git clone -q $REPO /tmp/walk-clone && cd /tmp/walk-clone && git log --oneline -1"
cd /tmp/walk-clone
step "time mvn -B -q -DskipTests package 2>&1 | tail -5; ls -la target/litellm-operator.jar"
step "time bash src/main/resources/control-plane/provision.sh 2>&1 | tail -5"
# the sandbox in the background, like a second terminal
java -jar target/litellm-operator.jar sandbox --examples docs/examples/quickstart > $W/sandbox.out 2>&1 &
SPID=$!
for i in $(seq 1 120); do grep -q "kubectl --kubeconfig" $W/sandbox.out && break; sleep 1; done
sleep 15
step "kubectl --kubeconfig sandbox.kubeconfig get litellminstances,models -A"
step "kubectl --kubeconfig sandbox.kubeconfig -n litellm-quickstart describe model quickstart-mock"
step "kubectl --kubeconfig sandbox.kubeconfig explain models.spec.litellmParams | head -30"
step "kubectl --kubeconfig sandbox.kubeconfig apply -f docs/examples/"
sleep 20
step "kubectl --kubeconfig sandbox.kubeconfig get litellminstances,models -A"
step "curl -s localhost:8080/metrics | grep controller_runtime_reconcile_total"
# real-cluster section, as far as this machine goes
step "docker build -t registry.example.com/litellm-operator:0.1.0 . 2>&1 | tail -3"
step "helm version"
step "kubectl --kubeconfig sandbox.kubeconfig apply -f docs/examples/quickstart/"
step "kubectl --kubeconfig sandbox.kubeconfig -n litellm-quickstart get litellminstances,models"
step "java -jar target/litellm-operator.jar crds | kubectl --kubeconfig sandbox.kubeconfig apply --server-side --force-conflicts -f -"
step "java -jar target/litellm-operator.jar run --help | head -20"
step "KUBECONFIG=/nonexistent java -jar target/litellm-operator.jar run --namespaces litellm-quickstart --instance-url litellm-quickstart/quickstart=http://127.0.0.1:4000"
step "printf 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"https://127.0.0.1:1\"}\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\nusers:\n- name: u\n  user: {token: t}\n' > /tmp/unreachable.kubeconfig; KUBECONFIG=/tmp/unreachable.kubeconfig java -jar target/litellm-operator.jar run --namespaces litellm-quickstart"
kill -INT $SPID; sleep 1
for i in $(seq 1 90); do kill -0 $SPID 2>/dev/null || break; sleep 1; done
step "tail -5 $W/sandbox.out; pgrep -fa 'kube-apiserver|etcd' || echo 'no control-plane process left'"
