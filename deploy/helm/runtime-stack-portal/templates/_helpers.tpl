{{/* The chart name, overridable for forks. */}}
{{- define "rsp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The objects' name: the release name, with the chart name appended unless the
release name already contains it (`helm install runtime-stack-portal` gives
plain runtime-stack-portal). 63 characters, the DNS label limit.
*/}}
{{- define "rsp.fullname" -}}
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

{{- define "rsp.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selects the pods; immutable in a Deployment, so nothing that may change. */}}
{{- define "rsp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rsp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels of every object. backstage.io/kubernetes-id is what the Kubernetes
plugin matches against the catalog entity's annotation of the same name.
*/}}
{{- define "rsp.labels" -}}
helm.sh/chart: {{ include "rsp.chart" . }}
{{ include "rsp.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/component: portal
app.kubernetes.io/part-of: runtime-stack
app.kubernetes.io/managed-by: {{ .Release.Service }}
backstage.io/kubernetes-id: {{ .Values.kubernetesId }}
{{- end }}

{{- define "rsp.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "rsp.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "rsp.tlsSecretName" -}}
{{- default (printf "%s-tls" (include "rsp.fullname" .)) .Values.ingress.tls.secretName }}
{{- end }}

{{/* The portal's public URL, from the ingress host; empty without one. */}}
{{- define "rsp.publicUrl" -}}
{{- if and .Values.ingress.enabled .Values.ingress.host }}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host }}
{{- end }}
{{- end }}

{{/*
The override config: the chart's defaults under the appConfig values (so an
explicit app.baseUrl, e.g. behind another proxy, wins). The shutdown delay
keeps a stopping replica serving, readiness already failing, until the
Service has dropped it, so rollouts lose no requests. New services are
published below the created-services volume, in a directory the first publish
creates: a pod that has published nothing leaves the catalog's as it is.
*/}}
{{- define "rsp.appConfig" -}}
{{- $backend := dict "lifecycle" (dict "serverShutdownDelay" "10s") }}
{{- $scaffolder := dict "localPublishDir" "/data/created-services" }}
{{- $config := dict "backend" $backend "runtimeStack" (dict "scaffolder" $scaffolder) }}
{{- with include "rsp.publicUrl" . }}
{{- $_ := set $config "app" (dict "baseUrl" .) }}
{{- $_ = set $backend "baseUrl" . }}
{{- $_ = set $backend "cors" (dict "origin" .) }}
{{- end }}
{{- $config = mergeOverwrite $config (deepCopy .Values.appConfig) }}
{{- toYaml $config }}
{{- end }}
