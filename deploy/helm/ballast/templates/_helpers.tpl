{{- define "ballast.name" -}}ballast{{- end -}}
{{- define "ballast.fullname" -}}{{ .Release.Name | trunc 40 | trimSuffix "-" }}-ballast{{- end -}}
{{- define "ballast.labels" -}}
app.kubernetes.io/name: ballast
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
{{- define "ballast.selector" -}}
app.kubernetes.io/name: ballast
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- define "ballast.webhookSecret" -}}{{ include "ballast.fullname" . }}-webhook-tls{{- end -}}
