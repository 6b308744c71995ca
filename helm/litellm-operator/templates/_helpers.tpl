{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "litellm-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name, with the chart name unless the release name already contains it. */}}
{{- define "litellm-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "litellm-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "litellm-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "litellm-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "litellm-operator.labels" -}}
helm.sh/chart: {{ include "litellm-operator.chart" . }}
{{ include "litellm-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: litellm-operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "litellm-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "litellm-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The operator image: repository@digest when a digest is set, else repository:tag (tag defaults to appVersion). */}}
{{- define "litellm-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Leader election runs only without sharding: in ring mode the member Leases decide ownership and in static mode the
shard index does, so a single leader Lease would leave all but one replica idle.
*/}}
{{- define "litellm-operator.leaderElect" -}}
{{- and .Values.leaderElection.enabled (eq .Values.sharding.mode "none") | toString }}
{{- end }}

{{/*
Whether the operator uses Leases (in the release namespace): leader election, and ring sharding's member and claim
Leases. Static shards and a single replica without leader election use none.
*/}}
{{- define "litellm-operator.usesLeases" -}}
{{- or (eq (include "litellm-operator.leaderElect" .) "true") (eq .Values.sharding.mode "ring") | toString }}
{{- end }}

{{/* The subject of every binding of the chart: the operator's ServiceAccount. */}}
{{- define "litellm-operator.rbacSubjects" -}}
- kind: ServiceAccount
  name: {{ include "litellm-operator.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
{{- end }}

{{/*
A value as the operator's flag parser reads it. Helm reads every YAML number as a float64, which prints large whole
numbers in exponent form (1e+06): print whole numbers as integers.
*/}}
{{- define "litellm-operator.envValue" -}}
{{- if and (kindIs "float64" .) (eq . (floor .)) }}
{{- printf "%d" (int64 .) }}
{{- else }}
{{- printf "%v" . }}
{{- end }}
{{- end }}

{{/*
The pod template of an operator Deployment. Called with a dict: root (the chart context), shardIndex (static
sharding only, else -1).
*/}}
{{- define "litellm-operator.podTemplate" -}}
{{- $root := .root }}
{{- $values := $root.Values -}}
metadata:
  labels:
    {{- include "litellm-operator.selectorLabels" $root | nindent 4 }}
    {{- if ge (int .shardIndex) 0 }}
    litellm.litellm.ai/shard: {{ .shardIndex | quote }}
    {{- end }}
    {{- with $values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with $values.podAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  serviceAccountName: {{ include "litellm-operator.serviceAccountName" $root }}
  {{- with $values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  securityContext:
    {{- toYaml $values.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ $values.terminationGracePeriodSeconds }}
  containers:
    - name: operator
      image: {{ include "litellm-operator.image" $root }}
      imagePullPolicy: {{ $values.image.pullPolicy }}
      args:
        - run
        {{- range $values.extraArgs }}
        - {{ . | quote }}
        {{- end }}
      env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        - name: JAVA_TOOL_OPTIONS
          value: {{ $values.javaToolOptions | quote }}
        {{- with $values.watchNamespaces }}
        - name: LITELLM_OPERATOR_NAMESPACES
          value: {{ join "," . | quote }}
        {{- end }}
        - name: LITELLM_OPERATOR_MANAGEMENT_PORT
          value: {{ $values.management.port | int | toString | quote }}
        - name: LITELLM_OPERATOR_LEADER_ELECT
          value: {{ include "litellm-operator.leaderElect" $root | quote }}
        - name: LITELLM_OPERATOR_SHARDING
          value: {{ $values.sharding.mode | quote }}
        {{- if ge (int .shardIndex) 0 }}
        - name: LITELLM_OPERATOR_SHARD_INDEX
          value: {{ .shardIndex | toString | quote }}
        - name: LITELLM_OPERATOR_SHARD_COUNT
          value: {{ $values.replicaCount | int | toString | quote }}
        {{- end }}
        {{- range $key, $value := $values.config }}
        {{- if not (and (kindIs "string" $value) (eq $value "")) }}
        - name: {{ printf "LITELLM_OPERATOR_%s" ($key | snakecase | upper) }}
          value: {{ include "litellm-operator.envValue" $value | quote }}
        {{- end }}
        {{- end }}
        {{- with $values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        - name: management
          containerPort: {{ $values.management.port }}
          protocol: TCP
      startupProbe:
        httpGet:
          path: /readyz
          port: management
        {{- toYaml $values.startupProbe | nindent 8 }}
      livenessProbe:
        httpGet:
          path: /healthz
          port: management
        {{- toYaml $values.livenessProbe | nindent 8 }}
      readinessProbe:
        httpGet:
          path: /readyz
          port: management
        {{- toYaml $values.readinessProbe | nindent 8 }}
      securityContext:
        {{- toYaml $values.securityContext | nindent 8 }}
      resources:
        {{- toYaml $values.resources | nindent 8 }}
      volumeMounts:
        # The only writable path: JVM temp files and Vert.x's file cache (the root filesystem is read-only).
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 256Mi
  {{- with $values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
