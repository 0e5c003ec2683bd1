import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { ensureHelm } from '../__testUtils__/helm';
import {
  createValidateChartAction,
  PIPELINE_HELM_VERSION,
} from './validateChart';

const CHART_YAML = `apiVersion: v2
name: web
description: A runtime service
version: 0.1.0
appVersion: "1.0.0"
`;

const VALUES_YAML = `replicas: 2
image: registry.example.com/team/web:1.0.0
containerName: web
serviceMonitor:
  selector: true
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  labels:
    app: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels:
      app: {{ .Release.Name }}
  template:
    metadata:
      labels:
        app: {{ .Release.Name }}
    spec:
      containers:
        - image: {{ .Values.image | quote }}
          {{- if .Values.containerName }}
          name: {{ .Values.containerName }}
          {{- end }}
          ports:
            - containerPort: 8080
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
          livenessProbe:
            httpGet:
              path: /health
              port: 8080
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}
spec:
  selector:
    app: {{ .Release.Name }}
  ports:
    - port: 80
      targetPort: 8080
`;

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .Release.Name }}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: {{ .Release.Name }}
`;

const SERVICE_MONITOR = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ .Release.Name }}
spec:
  {{- if .Values.serviceMonitor.selector }}
  selector:
    matchLabels:
      app: {{ .Release.Name }}
  {{- end }}
  endpoints:
    - port: http
`;

const PROMETHEUS_RULE = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: {{ .Release.Name }}
spec:
  groups:
    - name: {{ .Release.Name }}.rules
      rules:
        - alert: HighErrorRate
          expr: rate(http_requests_total{code=~"5.."}[5m]) > 1
`;

const APPLICATION = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: {{ .Release.Name }}
spec:
  project: default
  source:
    repoURL: https://git.example.com/team/web.git
    path: chart
  destination:
    server: https://kubernetes.default.svc
    namespace: web
`;

function chartFiles(overrides: Record<string, string> = {}) {
  return {
    'chart/Chart.yaml': CHART_YAML,
    'chart/values.yaml': VALUES_YAML,
    'chart/templates/deployment.yaml': DEPLOYMENT,
    'chart/templates/service.yaml': SERVICE,
    'chart/templates/pdb.yaml': PDB,
    'chart/templates/servicemonitor.yaml': SERVICE_MONITOR,
    'chart/templates/prometheusrule.yaml': PROMETHEUS_RULE,
    'chart/templates/application.yaml': APPLICATION,
    ...overrides,
  };
}

// Each case runs the real helm two or three times; under a full parallel
// test run that can take longer than Jest's default 5 s.
jest.setTimeout(60_000);

describe('runtime-stack:chart:validate', () => {
  const mockDir = createMockDirectory();
  let helmPath: string;

  beforeAll(() => {
    helmPath = ensureHelm();
  });

  beforeEach(() => {
    mockDir.clear();
  });

  function context(input: Record<string, unknown> = {}) {
    return createMockActionContext({
      input: input as any,
      workspacePath: mockDir.path,
    });
  }

  it('passes a valid chart and outputs the rendered kinds', async () => {
    mockDir.setContent(chartFiles());
    const action = createValidateChartAction({ helmPath });
    const ctx = context({ releaseName: 'web' });
    const info = jest.spyOn(ctx.logger, 'info');
    const warn = jest.spyOn(ctx.logger, 'warn');
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'kinds',
      expect.arrayContaining([
        'Service/web',
        'Deployment/web',
        'PodDisruptionBudget/web',
        'ServiceMonitor/web',
        'PrometheusRule/web',
        'Application/web',
      ]),
    );
    expect(ctx.output).toHaveBeenCalledWith('manifestCount', 6);
    // The helm that validated, as it names itself, for comparing with the
    // helm the generated pipelines pin.
    const version = execFileSync(helmPath, ['version', '--short'], {
      encoding: 'utf8',
    })
      .trim()
      .replace(/\+.*$/, '');
    expect(version).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(ctx.output).toHaveBeenCalledWith('helmVersion', version);
    expect(info).toHaveBeenCalledWith(
      expect.stringContaining(`6 valid manifest(s) with helm ${version}:`),
    );
    // The helm of scripts/ensure-helm.sh is the pipelines' major version:
    // nothing to warn about.
    expect(version.split('.')[0]).toBe(PIPELINE_HELM_VERSION.split('.')[0]);
    expect(ctx.output).toHaveBeenCalledWith('helmVersionWarning', '');
    expect(warn).not.toHaveBeenCalled();
  });

  it('uses the default chart path and release name', async () => {
    mockDir.setContent(chartFiles());
    const ctx = context();
    await createValidateChartAction({ helmPath }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'kinds',
      expect.arrayContaining(['Deployment/release-name']),
    );
  });

  it('fails naming the Deployment and the field when replicas is not a number', async () => {
    mockDir.setContent(chartFiles());
    const action = createValidateChartAction({ helmPath });
    const ctx = context({ releaseName: 'x', set: { replicas: 'three' } });
    const failure = action.handler(ctx);
    await expect(failure).rejects.toThrow(InputError);
    await expect(failure).rejects.toThrow(
      /Deployment\/x \(web\/templates\/deployment\.yaml\): spec\.replicas must be integer/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('fails naming the Deployment and the field when a container has no name', async () => {
    mockDir.setContent({
      ...chartFiles(),
      'values-unnamed.yaml': 'containerName: ""\n',
    });
    const action = createValidateChartAction({ helmPath });
    const ctx = context({
      releaseName: 'x',
      valuesFiles: ['values-unnamed.yaml'],
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /Deployment\/x .*spec\.template\.spec\.containers\[0\]\.name is required/,
    );
  });

  it('applies values files and set overrides in order', async () => {
    mockDir.setContent({
      ...chartFiles(),
      'values-bad.yaml': 'replicas: many\n',
    });
    const action = createValidateChartAction({ helmPath });
    await expect(
      action.handler(
        context({ releaseName: 'x', valuesFiles: ['values-bad.yaml'] }),
      ),
    ).rejects.toThrow(/spec\.replicas must be integer/);

    const ctx = context({
      releaseName: 'x',
      valuesFiles: ['values-bad.yaml'],
      set: { replicas: 3 },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('manifestCount', 6);

    // Commas and backslashes in strings are not helm --set separators.
    const image = context({
      releaseName: 'x',
      set: { image: 'registry.example.com/a,b\\c:1' },
    });
    await action.handler(image);
    expect(image.output).toHaveBeenCalledWith('manifestCount', 6);
  });

  it('checks the custom resources structurally', async () => {
    mockDir.setContent(chartFiles());
    const action = createValidateChartAction({ helmPath });
    await expect(
      action.handler(
        context({
          releaseName: 'x',
          set: { 'serviceMonitor.selector': false },
        }),
      ),
    ).rejects.toThrow(/ServiceMonitor\/x .*: spec\.selector is required/);

    mockDir.setContent(
      chartFiles({
        'chart/templates/application.yaml': APPLICATION.replace(
          / {2}destination:\n(.*\n){2}/,
          '',
        ),
      }),
    );
    await expect(action.handler(context({ releaseName: 'x' }))).rejects.toThrow(
      /Application\/x .*: spec\.destination is required/,
    );
  });

  it('refuses an apiVersion or kind Kubernetes does not have', async () => {
    mockDir.setContent(
      chartFiles({
        'chart/templates/pdb.yaml': PDB.replace('policy/v1', 'policy/v9'),
        'chart/templates/service.yaml': SERVICE.replace(
          'kind: Service',
          'kind: Servise',
        ),
      }),
    );
    const failure = createValidateChartAction({ helmPath }).handler(
      context({ releaseName: 'x' }),
    );
    await expect(failure).rejects.toThrow(
      /PodDisruptionBudget\/x .*apiVersion 'policy\/v9' is not a known version/,
    );
    await expect(failure).rejects.toThrow(
      /Servise\/x .*kind 'Servise' is not a kind of the Kubernetes API 'v1'/,
    );
  });

  it('fails readably when helm lint fails', async () => {
    mockDir.setContent(
      chartFiles({ 'chart/Chart.yaml': 'apiVersion: v2\nversion: 0.1.0\n' }),
    );
    const action = createValidateChartAction({ helmPath });
    const failure = action.handler(context());
    await expect(failure).rejects.toThrow(InputError);
    await expect(failure).rejects.toThrow(
      /^helm lint failed for chart 'chart': .*name is required/,
    );
  });

  it('fails on a helm lint warning, as the pipelines lint with --strict', async () => {
    // Renders and validates, but helm lint warns about the API version.
    const deprecated = `apiVersion: autoscaling/v2beta2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .Release.Name }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ .Release.Name }}
  minReplicas: 1
  maxReplicas: 3
`;
    mockDir.setContent(chartFiles({ 'chart/templates/hpa.yaml': deprecated }));
    const ctx = context({ releaseName: 'web' });
    const failure = createValidateChartAction({ helmPath }).handler(ctx);
    await expect(failure).rejects.toThrow(InputError);
    await expect(failure).rejects.toThrow(
      /^helm lint failed for chart 'chart': templates\/hpa\.yaml: autoscaling\/v2beta2 HorizontalPodAutoscaler is deprecated .* \(a warning, which --strict fails on\)$/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('fails readably when helm template fails', async () => {
    // helm lint tolerates `fail`, helm template does not.
    mockDir.setContent(
      chartFiles({
        'chart/templates/service.yaml': '{{ fail "service.port must be set" }}',
      }),
    );
    await expect(
      createValidateChartAction({ helmPath }).handler(context()),
    ).rejects.toThrow(
      /^helm template failed for chart 'chart': execution error at \(web\/templates\/service\.yaml:1:3\): service\.port must be set$/,
    );
  });

  it('names the template of a lint error', async () => {
    mockDir.setContent(
      chartFiles({
        'chart/templates/service.yaml': 'port: {{ .Values.service.port }}',
      }),
    );
    await expect(
      createValidateChartAction({ helmPath }).handler(context()),
    ).rejects.toThrow(
      /^helm lint failed for chart 'chart': templates\/: web\/templates\/service\.yaml:1:\d+ executing .* nil pointer evaluating interface \{\}\.port$/,
    );
  });

  it.each([['../etc'], ['/etc'], ['chart/../../etc']])(
    'refuses the chart path %s outside the workspace',
    async chartPath => {
      mockDir.setContent(chartFiles());
      const action = createValidateChartAction({ helmPath });
      await expect(action.handler(context({ chartPath }))).rejects.toThrow(
        new InputError(
          `Input 'chartPath' must be a path inside the workspace, got '${chartPath}'`,
        ),
      );
    },
  );

  it('refuses values files outside the workspace', async () => {
    mockDir.setContent(chartFiles());
    await expect(
      createValidateChartAction({ helmPath }).handler(
        context({ valuesFiles: ['../values.yaml'] }),
      ),
    ).rejects.toThrow(
      /Input 'valuesFiles' must be a path inside the workspace/,
    );
  });

  describe('reads only the workspace’s own files', () => {
    const outside = createMockDirectory();

    beforeEach(() => {
      outside.setContent({
        environ: 'GITHUB_TOKEN=ghp_not_for_charts',
        'values.yaml': 'replicas: 3',
        'chart/Chart.yaml': CHART_YAML,
      });
    });

    it('refuses a chart that holds a symbolic link, which helm would follow out of it, without reading it', async () => {
      mockDir.setContent({
        ...chartFiles({
          'chart/templates/leak.yaml': `apiVersion: v1
kind: {{ .Files.Get "files/env" | quote }}
metadata:
  name: leak
`,
        }),
        'chart/files/env': ({ symlink }) => symlink(outside.resolve('environ')),
      });
      const error = await createValidateChartAction({ helmPath })
        .handler(context({ releaseName: 'web' }))
        .catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        "Input 'chartPath': the chart holds a symbolic link, 'chart/files/env'; helm would follow it, so a chart is validated only without links",
      );
      expect(error.message).not.toContain('ghp_not_for_charts');
    });

    it('refuses a chart or values file reached through a linked directory', async () => {
      mockDir.setContent({
        ...chartFiles(),
        linked: ({ symlink }) => symlink(outside.path),
        'values.yaml': ({ symlink }) => symlink(outside.resolve('values.yaml')),
      });
      const action = createValidateChartAction({ helmPath });
      await expect(
        action.handler(context({ chartPath: 'linked/chart' })),
      ).rejects.toThrow(
        "Input 'chartPath' must be a path inside the workspace, got 'linked/chart'",
      );
      for (const file of ['linked/values.yaml', 'values.yaml']) {
        await expect(
          action.handler(context({ valuesFiles: [file] })),
        ).rejects.toThrow(
          `Input 'valuesFiles' must be a path inside the workspace, got '${file}'`,
        );
      }
    });

    it('runs helm without the backend’s environment', async () => {
      mockDir.setContent(chartFiles());
      // A helm that fails its lint with the environment it was given.
      outside.setContent({
        'helm.sh':
          "#!/bin/sh\necho \"Error: $(env | sort | tr '\\n' ' ')\" >&2\nexit 1\n",
      });
      chmodSync(outside.resolve('helm.sh'), 0o755);
      process.env.RUNTIME_STACK_TEST_SECRET = 'backend-only';
      try {
        const error = await createValidateChartAction({
          helmPath: outside.resolve('helm.sh'),
        })
          .handler(context())
          .catch(e => e);
        expect(error.message).toMatch(/^helm lint failed for chart 'chart'/);
        expect(error.message).toContain(`HELM_CACHE_HOME=${mockDir.path}`);
        expect(error.message).not.toContain('RUNTIME_STACK_TEST_SECRET');
      } finally {
        delete process.env.RUNTIME_STACK_TEST_SECRET;
      }
    });
  });

  it('fails when the chart path has no Chart.yaml', async () => {
    mockDir.setContent(chartFiles());
    await expect(
      createValidateChartAction({ helmPath }).handler(
        context({ chartPath: 'charts/web' }),
      ),
    ).rejects.toThrow(/no Chart\.yaml in 'charts\/web'/);
  });

  it('validates in a dry run too', async () => {
    mockDir.setContent(chartFiles());
    const action = createValidateChartAction({ helmPath });
    expect(action.supportsDryRun).toBe(true);
    const ctx = { ...context({ releaseName: 'web' }), isDryRun: true };
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('manifestCount', 6);

    const invalid = {
      ...context({ releaseName: 'web', set: { replicas: 'three' } }),
      isDryRun: true,
    };
    await expect(action.handler(invalid)).rejects.toThrow(
      /Deployment\/web .*spec\.replicas/,
    );
  });

  it('finds helm through RUNTIME_STACK_HELM', async () => {
    mockDir.setContent(chartFiles());
    const previous = process.env.RUNTIME_STACK_HELM;
    process.env.RUNTIME_STACK_HELM = helmPath;
    try {
      const ctx = context();
      await createValidateChartAction().handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('manifestCount', 6);
    } finally {
      if (previous === undefined) delete process.env.RUNTIME_STACK_HELM;
      else process.env.RUNTIME_STACK_HELM = previous;
    }
  });

  describe('names why helm ended without an exit code', () => {
    const bin = createMockDirectory();

    /** A helm that runs `script` for lint, and the real one otherwise. */
    function fakeHelm(script: string): string {
      bin.setContent({
        helm: `#!/bin/sh\nif [ "$1" = lint ]; then\n${script}\nfi\nexec '${helmPath}' "$@"\n`,
      });
      chmodSync(bin.resolve('helm'), 0o755);
      return bin.resolve('helm');
    }

    it('a time limit it ran out of', async () => {
      mockDir.setContent(chartFiles());
      const action = createValidateChartAction({
        helmPath: fakeHelm('exec sleep 30'),
        timeoutMs: 500,
      });
      await expect(action.handler(context())).rejects.toThrow(
        /^helm lint did not finish within 0\.5 s \(SIGTERM\)$/,
      );
    });

    it('a signal from elsewhere, which is no time limit', async () => {
      mockDir.setContent(chartFiles());
      const action = createValidateChartAction({
        helmPath: fakeHelm('kill -KILL $$'),
      });
      const error = await action.handler(context()).catch(e => e);
      expect(error.message).toBe(
        "helm lint was ended by SIGKILL from outside the backend before it finished (the host's out-of-memory killer, for one)",
      );
    });

    it('more output than it may write', async () => {
      mockDir.setContent(chartFiles());
      const action = createValidateChartAction({
        helmPath: fakeHelm('head -c 67108865 /dev/zero; exit 0'),
      });
      const error = await action.handler(context()).catch(e => e);
      expect(error.message).toBe(
        'helm lint wrote more than 64 MiB of output and was stopped: the chart renders more than can be validated',
      );
    });
  });

  /** The real helm, answering `helm version` with `version` (or failing). */
  function helmNamed(version: string | undefined) {
    const bin = createMockDirectory();
    bin.setContent({
      helm: `#!/bin/sh\n[ "$1" = version ] && ${
        version ? `echo ${version} && exit 0` : 'exit 1'
      }\nexec '${helmPath}' "$@"\n`,
    });
    chmodSync(bin.resolve('helm'), 0o755);
    return bin.resolve('helm');
  }

  it('validates with a helm that cannot name its version, saying so and warning', async () => {
    mockDir.setContent(chartFiles());
    const ctx = context({ releaseName: 'web' });
    const warn = jest.spyOn(ctx.logger, 'warn');
    await createValidateChartAction({
      helmPath: helmNamed(undefined),
    }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('manifestCount', 6);
    expect(ctx.output).toHaveBeenCalledWith(
      'helmVersion',
      'of unknown version',
    );
    const warning = `The helm that validated the chart could not tell its version: it may not be helm 4, the major version the generated pipelines lint it with (${PIPELINE_HELM_VERSION}), so their chart job may refuse a chart that passed here. Give the backend helm ${PIPELINE_HELM_VERSION} (runtimeStack.scaffolder.helmPath, RUNTIME_STACK_HELM or the PATH).`;
    expect(ctx.output).toHaveBeenCalledWith('helmVersionWarning', warning);
    expect(warn).toHaveBeenCalledWith(warning);
  });

  it('warns, without failing, when the helm is not the major version the pipelines pin', async () => {
    mockDir.setContent(chartFiles());
    const ctx = context({ releaseName: 'web' });
    const warn = jest.spyOn(ctx.logger, 'warn');
    await createValidateChartAction({
      helmPath: helmNamed('v3.17.3'),
    }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('manifestCount', 6);
    expect(ctx.output).toHaveBeenCalledWith('helmVersion', 'v3.17.3');
    const warning = `The chart was validated with helm v3.17.3, not helm 4, the major version the generated pipelines lint it with (${PIPELINE_HELM_VERSION}), so their chart job may refuse a chart that passed here. Give the backend helm ${PIPELINE_HELM_VERSION} (runtimeStack.scaffolder.helmPath, RUNTIME_STACK_HELM or the PATH).`;
    expect(ctx.output).toHaveBeenCalledWith('helmVersionWarning', warning);
    expect(warn).toHaveBeenCalledWith(warning);
  });

  it('does not warn about another minor or patch release of the major version the pipelines pin', async () => {
    mockDir.setContent(chartFiles());
    const ctx = context({ releaseName: 'web' });
    const warn = jest.spyOn(ctx.logger, 'warn');
    const sameMajor = `${PIPELINE_HELM_VERSION.split('.')[0]}.99.0`;
    await createValidateChartAction({ helmPath: helmNamed(sameMajor) }).handler(
      ctx,
    );
    expect(ctx.output).toHaveBeenCalledWith('helmVersion', sameMajor);
    expect(ctx.output).toHaveBeenCalledWith('helmVersionWarning', '');
    expect(warn).not.toHaveBeenCalled();
  });

  it('names a missing helm binary', async () => {
    mockDir.setContent(chartFiles());
    const action = createValidateChartAction({
      helmPath: '/nonexistent/bin/helm',
    });
    await expect(action.handler(context())).rejects.toThrow(
      /Cannot run helm '\/nonexistent\/bin\/helm' \(ENOENT\): install helm on the PATH, or set its path in runtimeStack\.scaffolder\.helmPath/,
    );
  });
});
