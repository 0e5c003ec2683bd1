{{/*
The service's name: the chart's name unless nameOverride is set. Every object
is named after it.
*/}}
{{- define "service.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The backstage.io/kubernetes-id label value catalog-info.yaml refers to. */}}
{{- define "service.kubernetesId" -}}
{{- default (include "service.name" .) .Values.backstage.kubernetesId }}
{{- end }}

{{/* Labels that select the service's pods; they never change after install. */}}
{{- define "service.selectorLabels" -}}
app.kubernetes.io/name: {{ include "service.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels on every object, including backstage.io/kubernetes-id. */}}
{{- define "service.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "service.podLabels" . }}
{{- end }}

{{/*
Labels of the pod template: only those that change with what runs in the pod.
Not helm.sh/chart: Flux (reconcileStrategy: Revision) versions the chart
0.1.0+<Git revision>, so every commit would change the pod template and roll
the pods. backstage.io/kubernetes-id is how the portal finds the pods.
*/}}
{{- define "service.podLabels" -}}
{{ include "service.selectorLabels" . }}
app.kubernetes.io/version: {{ include "service.versionLabel" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
backstage.io/kubernetes-id: {{ include "service.kubernetesId" . | quote }}
{{- end }}

{{/*
The image tag as a label value: at most 63 characters that begin and end
alphanumeric. A tag may start with _ and, cut to 63, end in . or -.
*/}}
{{- define "service.versionLabel" -}}
{{- regexReplaceAll "^[^A-Za-z0-9]+|[^A-Za-z0-9]+$" (include "service.imageTag" . | trunc 63) "" }}
{{- end }}

{{/*
Labels of the GitOps objects (the Argo CD Application, Flux's GitRepository
and HelmRelease): the service's kubernetes-id and the service they deploy,
nothing more. They tie the objects to the service for
kubectl get -A -l backstage.io/kubernetes-id=<id>, but the portal's
Kubernetes lookup never finds them by it: catalog-info.yaml's
backstage.io/kubernetes-namespace keeps that lookup in the service's
namespace, and these live in the controller's. An Argo CD plugin finds the
Application by catalog-info.yaml's argocd/app-name instead.

Not app.kubernetes.io/instance, which Argo CD's label tracking
reads as "managed by the Application of that name": the Application would
count itself among the resources it deploys, find itself missing from the
rendered chart and prune itself, cascading to the whole service through its
resources finalizer. Not app.kubernetes.io/managed-by: Helm either, as
kubectl applies them once, not Helm.
*/}}
{{- define "service.gitopsLabels" -}}
app.kubernetes.io/part-of: {{ include "service.name" . }}
backstage.io/kubernetes-id: {{ include "service.kubernetesId" . | quote }}
{{- end }}

{{/*
The tag CI pushed. Without one the chart fails rather than fall back to a tag
no pipeline ever pushed, which would only show as ImagePullBackOff.
*/}}
{{- define "service.imageTag" -}}
{{- required "image.tag is empty: set it to the tag CI pushed, the first 12 characters of the commit SHA it built (--set-string image.tag=$(git rev-parse HEAD | cut -c1-12)); GitOps gets it from CI's commit to chart/values.yaml" .Values.image.tag }}
{{- end }}

{{- define "service.image" -}}
{{- printf "%s/%s:%s" .Values.image.registry .Values.image.repository (include "service.imageTag" .) }}
{{- end }}

{{- define "service.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "service.name" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The Prometheus selector of the service's series: the Prometheus Operator sets
job to the Service's name and namespace to its namespace.
*/}}
{{- define "service.promSelector" -}}
job="{{ include "service.name" . }}", namespace="{{ .Release.Namespace }}"
{{- end }}
