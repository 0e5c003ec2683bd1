import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublishLocalAction } from './publishLocal';

function workspace(catalogInfo?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'publish-local-ws-'));
  mkdirSync(join(dir, 'chart'));
  writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'name: orders-api\n');
  if (catalogInfo) writeFileSync(join(dir, 'catalog-info.yaml'), catalogInfo);
  return dir;
}

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders-api
  annotations:
    runtime-stack.io/tools: gitops=argo-cd
spec:
  type: service
  owner: team-payments
  lifecycle: experimental
`;

function setup() {
  const baseDir = join(
    mkdtempSync(join(tmpdir(), 'publish-local-')),
    'services',
  );
  return { baseDir };
}

describe('runtime-stack:publish:local', () => {
  it('writes the workspace under the base directory and names the Component it describes', async () => {
    const { baseDir } = setup();
    const action = createPublishLocalAction({ baseDir });
    const ctx = createMockActionContext({
      input: { name: 'orders-api' },
      workspacePath: workspace(catalogInfo),
    });
    await action.handler(ctx);

    const target = join(baseDir, 'orders-api');
    expect(readFileSync(join(target, 'chart', 'Chart.yaml'), 'utf8')).toBe(
      'name: orders-api\n',
    );
    expect(readFileSync(join(target, 'catalog-info.yaml'), 'utf8')).toBe(
      catalogInfo,
    );
    expect(ctx.output).toHaveBeenCalledWith('localPath', target);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/orders-api',
    );
    // The directory it was built in is gone.
    expect(readdirSync(baseDir)).toEqual(['orders-api']);
  });

  it('leaves nothing behind when the copy fails, so the name can be used again', async () => {
    const { baseDir } = setup();
    const action = createPublishLocalAction({ baseDir });
    const broken = workspace(catalogInfo);
    // A named pipe cannot be copied: the copy fails after it has started.
    execFileSync('mkfifo', [join(broken, 'chart', 'pipe')]);
    await expect(
      action.handler(
        createMockActionContext({
          input: { name: 'orders-api' },
          workspacePath: broken,
        }),
      ),
    ).rejects.toThrow(/FIFO/);
    expect(readdirSync(baseDir)).toEqual([]);

    await action.handler(
      createMockActionContext({
        input: { name: 'orders-api' },
        workspacePath: workspace(catalogInfo),
      }),
    );
    expect(readdirSync(baseDir)).toEqual(['orders-api']);
  });

  it('writes nothing in a dry run', async () => {
    const { baseDir } = setup();
    // The mock context has no dry-run option; the scaffolder sets the flag.
    const ctx = {
      ...createMockActionContext({
        input: { name: 'orders-api' },
        workspacePath: workspace(catalogInfo),
      }),
      isDryRun: true,
    };
    await createPublishLocalAction({ baseDir }).handler(ctx);
    expect(existsSync(join(baseDir, 'orders-api'))).toBe(false);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/orders-api',
    );
  });

  it('lets only one of two runs with the same name write, and copies no link', async () => {
    const { baseDir } = setup();
    const action = createPublishLocalAction({ baseDir });
    const run = (owner: string) => {
      const ws = workspace(catalogInfo.replace('team-payments', owner));
      symlinkSync('/etc/hostname', join(ws, 'host-file'));
      return action.handler(
        createMockActionContext({
          input: { name: 'orders-api' },
          workspacePath: ws,
        }),
      );
    };
    const results = await Promise.allSettled([run('team-a'), run('team-b')]);
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    const refused = results.find(r => r.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason.message).toMatch(
      /orders-api already exists/,
    );
    const target = join(baseDir, 'orders-api');
    const written = readFileSync(join(target, 'catalog-info.yaml'), 'utf8');
    const winner = results[0].status === 'fulfilled' ? 'team-a' : 'team-b';
    expect(written).toContain(`owner: ${winner}`);
    expect(readdirSync(target).sort()).toEqual(['catalog-info.yaml', 'chart']);
    // The refused run took nothing of the winner's, and left nothing either.
    expect(readdirSync(baseDir)).toEqual(['orders-api']);
  });

  it('refuses a catalog-info.yaml that is a link', async () => {
    const { baseDir } = setup();
    const ws = workspace();
    symlinkSync('/etc/hostname', join(ws, 'catalog-info.yaml'));
    await expect(
      createPublishLocalAction({ baseDir }).handler(
        createMockActionContext({
          input: { name: 'orders-api' },
          workspacePath: ws,
        }),
      ),
    ).rejects.toThrow(/catalog-info.yaml is a symbolic link/);
  });

  it('refuses to overwrite a service, to run unconfigured, and a workspace without a Component', async () => {
    const { baseDir } = setup();
    mkdirSync(join(baseDir, 'orders-api'), { recursive: true });
    await expect(
      createPublishLocalAction({ baseDir }).handler(
        createMockActionContext({
          input: { name: 'orders-api' },
          workspacePath: workspace(catalogInfo),
        }),
      ),
    ).rejects.toThrow(/already exists/);
    await expect(
      createPublishLocalAction({}).handler(
        createMockActionContext({
          input: { name: 'orders-api' },
          workspacePath: workspace(catalogInfo),
        }),
      ),
    ).rejects.toThrow(/runtimeStack.scaffolder.localPublishDir/);
    await expect(
      createPublishLocalAction({ baseDir }).handler(
        createMockActionContext({
          input: { name: 'new-one' },
          workspacePath: workspace(),
        }),
      ),
    ).rejects.toThrow(/no .*catalog-info.yaml/);
  });
});
