/*
 * The GitOps handoff of the runtime-service template's pipelines
 * (skeleton/ci/<ci>/<language>, copied verbatim into the new repository),
 * replayed with real git: a bare repository stands for github.com or
 * gitlab.com, a developer's clone pushes to it, and each CI run gets its own
 * checkout of the commit it built, as actions/checkout and the GitLab runner
 * make it (shallow; on main for GitHub, detached for GitLab), then runs the
 * handoff's script as the job would. Only `yq` is a stand-in (Debian's yq is
 * another program): it reads a path and does the one assignment the script
 * does, with the same quoting of a numeric-looking tag.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

const SKELETON = resolve(
  __dirname,
  '../../../../examples/templates/runtime-service/skeleton',
);

type Ci = 'github-actions' | 'gitlab-ci';

function pipeline(ci: Ci, language: 'nodejs' | 'go'): any {
  const file =
    ci === 'github-actions' ? '.github/workflows/ci.yaml' : '.gitlab-ci.yml';
  return parseYaml(
    readFileSync(join(SKELETON, 'ci', ci, language, file), 'utf8'),
  );
}

/** The handoff job's script, as the runner would run it. */
function handoffScript(ci: Ci, language: 'nodejs' | 'go' = 'nodejs'): string {
  const parsed = pipeline(ci, language);
  if (ci === 'github-actions') {
    return parsed.jobs.handoff.steps
      .filter((step: any) => step.run)
      .map((step: any) => step.run)
      .join('\n');
  }
  // The image's packages are on this machine already: git, and yq's
  // stand-in.
  return (parsed.handoff.script as string[])
    .filter(line => !line.startsWith('apk add'))
    .join('\n');
}

const work = mkdtempSync(join(tmpdir(), 'gitops-handoff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `yq '.a.b' file` and `yq -i '.a.b = strenv(NAME)' file`, on chart/values.yaml. */
const YQ_STAND_IN = `#!${process.execPath}
const { readFileSync, writeFileSync } = require('node:fs');
const YAML = require(${JSON.stringify(require.resolve('yaml'))});
const args = process.argv.slice(2);
const inPlace = args[0] === '-i';
const [expression, file] = inPlace ? args.slice(1) : args;
const doc = YAML.parseDocument(readFileSync(file, 'utf8'));
const assignment = /^\\.([\\w.]+) = strenv\\((\\w+)\\)$/.exec(expression);
const path = /^\\.([\\w.]+)$/.exec(expression);
if (assignment && inPlace) {
  doc.setIn(assignment[1].split('.'), process.env[assignment[2]] ?? '');
  writeFileSync(file, String(doc));
} else if (path && !inPlace) {
  const value = doc.getIn(path[1].split('.'));
  process.stdout.write(value === undefined || value === null ? 'null\\n' : value + '\\n');
} else {
  process.stderr.write('yq stand-in: unsupported ' + args.join(' ') + '\\n');
  process.exit(2);
}
`;

const VALUES_YAML = `# Values for svc, written by the runtime-service template.
image:
  registry: "registry.acme.internal"
  repository: "svc"
  # The tag CI pushed.
  tag: ""
  pullPolicy: IfNotPresent

gitops:
  # argo-cd, flux or none.
  provider: "argo-cd"
  repoURL: "https://gitlab.com/acme/svc.git"
`;

/** The template's commit: the repository as published. */
const CREATED = 'Create the service';

/** A GitHub or GitLab project: the bare repository and who works on it. */
function project(name: string) {
  const root = join(work, name);
  const bin = join(root, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'yq'), YQ_STAND_IN);
  chmodSync(join(bin, 'yq'), 0o755);
  const origin = join(root, 'origin.git');
  const originUrl = `file://${origin}`;
  const gitConfig = join(root, 'gitconfig');
  writeFileSync(
    gitConfig,
    [
      '[init]',
      '  defaultBranch = main',
      '[user]',
      '  name = Developer',
      '  email = developer@example.com',
      // GitLab's job pushes to the project's https URL with its token.
      `[url "${originUrl}"]`,
      '  insteadOf = https://oauth2:glpat-handoff@gitlab.com/acme/svc.git',
    ].join('\n'),
  );
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: root,
    GIT_CONFIG_GLOBAL: gitConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    LANG: 'C',
  };
  const git = (cwd: string, ...args: string[]) => {
    const result = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    }
    return result.stdout.trim();
  };
  git(root, 'init', '--quiet', '--bare', origin);
  const dev = join(root, 'dev');
  git(root, 'clone', '--quiet', originUrl, dev);
  mkdirSync(join(dev, 'chart'));
  writeFileSync(join(dev, 'chart/values.yaml'), VALUES_YAML);
  git(dev, 'add', '-A');
  git(dev, 'commit', '--quiet', '-m', CREATED);
  git(dev, 'push', '--quiet', 'origin', 'HEAD:main');

  /** The developer commits a change of the app and pushes it. */
  const push = (message: string) => {
    writeFileSync(join(dev, 'app.txt'), `${message}\n`);
    git(dev, 'add', '-A');
    git(dev, 'commit', '--quiet', '-m', message);
    git(dev, 'pull', '--quiet', '--rebase', 'origin', 'main');
    git(dev, 'push', '--quiet', 'origin', 'HEAD:main');
    return git(dev, 'rev-parse', 'HEAD');
  };

  /**
   * A job's checkout of the commit its run built, shallow: on branch main
   * as actions/checkout leaves a push's, detached as the GitLab runner.
   */
  const checkout = (ci: Ci, sha: string, job: string) => {
    const dir = join(root, job);
    git(root, 'init', '--quiet', dir);
    git(dir, 'remote', 'add', 'origin', originUrl);
    git(
      dir,
      'fetch',
      '--quiet',
      '--depth=1',
      'origin',
      `+${sha}:refs/remotes/origin/main`,
    );
    if (ci === 'github-actions') {
      git(dir, 'checkout', '--quiet', '-B', 'main', 'refs/remotes/origin/main');
    } else {
      git(dir, 'checkout', '--quiet', '--detach', sha);
    }
    return dir;
  };

  /** Runs the handoff in a checkout, as the runner would. */
  const handoff = (ci: Ci, dir: string, sha: string, vars = {}) => {
    const tag = sha.slice(0, 12);
    const ciEnv =
      ci === 'github-actions'
        ? { TAG: tag, GITHUB_SHA: sha }
        : {
            TAG: tag,
            CI_COMMIT_SHA: sha,
            CI_COMMIT_BRANCH: 'main',
            CI_PROJECT_URL: 'https://gitlab.com/acme/svc',
            CI_SERVER_HOST: 'gitlab.com',
            GITOPS_PROVIDER: 'argo-cd',
            REGISTRY_USERNAME: 'ci',
            REGISTRY_PASSWORD: 'secret',
            GITOPS_PUSH_TOKEN: 'glpat-handoff',
          };
    // GitHub's bash -e -o pipefail; the GitLab runner stops at the first
    // failing line of the alpine image's sh.
    const [shell, ...flags] =
      ci === 'github-actions'
        ? ['bash', '--noprofile', '--norc', '-e', '-o', 'pipefail']
        : ['sh', '-e'];
    const result = spawnSync(shell, [...flags, '-c', handoffScript(ci)], {
      cwd: dir,
      env: { ...env, ...ciEnv, ...vars },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return {
      status: result.status,
      output: `${result.stdout}${result.stderr}`,
    };
  };

  /** main as the GitOps controller sees it. */
  const main = () => {
    const dir = join(root, 'controller');
    if (!existsSync(dir)) git(root, 'clone', '--quiet', originUrl, dir);
    git(dir, 'fetch', '--quiet', 'origin');
    git(dir, 'reset', '--quiet', '--hard', 'origin/main');
    return {
      log: git(dir, 'log', '--format=%s', 'origin/main').split('\n'),
      values: readFileSync(join(dir, 'chart/values.yaml'), 'utf8'),
      tag: parseYaml(readFileSync(join(dir, 'chart/values.yaml'), 'utf8')).image
        .tag,
    };
  };

  return { root, env, git, dev, push, checkout, handoff, main };
}

describe("the runtime-service template's GitOps handoff", () => {
  it('is the same for both languages', () => {
    for (const ci of ['github-actions', 'gitlab-ci'] as const) {
      expect(handoffScript(ci, 'go')).toBe(handoffScript(ci, 'nodejs'));
    }
  });

  describe.each(['github-actions', 'gitlab-ci'] as const)('%s', ci => {
    it('commits both tags when two commits reach main close together, the later one last', () => {
      const p = project(`${ci}-close-together`);
      const a = p.push('Change A');
      const b = p.push('Change B');
      // Both runs checked out their commit before either handed off.
      const runA = p.checkout(ci, a, 'run-a');
      const runB = p.checkout(ci, b, 'run-b');

      const first = p.handoff(ci, runA, a);
      expect(first).toMatchObject({ status: 0 });
      expect(p.main().tag).toBe(a.slice(0, 12));

      // Run B's checkout is behind run A's tag commit, which changed the
      // very line run B changes.
      const second = p.handoff(ci, runB, b);
      expect(second).toMatchObject({ status: 0 });
      const main = p.main();
      expect(main.log).toEqual([
        `Deploy image ${b.slice(0, 12)} [skip ci]`,
        `Deploy image ${a.slice(0, 12)} [skip ci]`,
        'Change B',
        'Change A',
        CREATED,
      ]);
      expect(main.tag).toBe(b.slice(0, 12));
      // Only the tag changed, and it stays a string.
      expect(main.values).toBe(
        VALUES_YAML.replace('tag: ""', `tag: "${b.slice(0, 12)}"`),
      );
    });

    it('keeps the image of a later commit that was handed off first', () => {
      const p = project(`${ci}-out-of-order`);
      const c = p.push('Change C');
      const d = p.push('Change D');
      const runC = p.checkout(ci, c, 'run-c');
      const runD = p.checkout(ci, d, 'run-d');

      expect(p.handoff(ci, runD, d)).toMatchObject({ status: 0 });
      const late = p.handoff(ci, runC, c);
      expect(late.status).toBe(0);
      expect(late.output).toContain(
        `image.tag is ${d.slice(
          0,
          12,
        )}, built from a commit after this one: keeping it`,
      );
      expect(p.main().log).toEqual([
        `Deploy image ${d.slice(0, 12)} [skip ci]`,
        'Change D',
        'Change C',
        CREATED,
      ]);
      // Run again, the handoff finds its tag there and commits nothing.
      const again = p.handoff(ci, p.checkout(ci, d, 'run-d-again'), d);
      expect(again).toMatchObject({ status: 0 });
      expect(again.output).toContain(`image.tag is ${d.slice(0, 12)} already`);
      expect(p.main().log).toHaveLength(4);
    });

    it('hands off again on the new tip when main moves on during its push', () => {
      const p = project(`${ci}-race`);
      const e = p.push('Change E');
      const runE = p.checkout(ci, e, 'run-e');
      // Between the handoff's fetch and its push, a merge lands: the first
      // push is refused as no fast-forward.
      const marker = join(p.root, 'merged');
      writeFileSync(
        join(runE, '.git/hooks/pre-push'),
        [
          '#!/bin/sh',
          'unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE',
          `if [ ! -e '${marker}' ]; then`,
          `  touch '${marker}'`,
          `  cd '${p.dev}'`,
          '  echo merged > merged.txt',
          '  git add merged.txt',
          "  git commit --quiet -m 'Merge F'",
          '  git push --quiet origin HEAD:main',
          'fi',
        ].join('\n'),
      );
      chmodSync(join(runE, '.git/hooks/pre-push'), 0o755);

      const result = p.handoff(ci, runE, e);
      expect(result).toMatchObject({ status: 0 });
      expect(result.output).toContain(
        'moved on while handing off (attempt 1 of 5): again on its new tip',
      );
      const main = p.main();
      expect(main.log).toEqual([
        `Deploy image ${e.slice(0, 12)} [skip ci]`,
        'Merge F',
        'Change E',
        CREATED,
      ]);
      expect(main.tag).toBe(e.slice(0, 12));
    });
  });

  it('leaves main alone, saying why, without the registry variables on GitLab', () => {
    const p = project('gitlab-no-registry');
    const a = p.push('Change A');
    const run = p.checkout('gitlab-ci', a, 'run-a');
    const result = p.handoff('gitlab-ci', run, a, {
      REGISTRY_USERNAME: '',
      REGISTRY_PASSWORD: '',
    });
    expect(result).toEqual({
      status: 0,
      output:
        'The REGISTRY_USERNAME and REGISTRY_PASSWORD CI/CD variables are not set, so no image was pushed: nothing to hand off\n',
    });
    expect(p.main().log).toEqual(['Change A', CREATED]);

    const noToken = p.handoff('gitlab-ci', run, a, { GITOPS_PUSH_TOKEN: '' });
    expect(noToken.status).toBe(1);
    expect(noToken.output).toContain(
      'The GITOPS_PUSH_TOKEN CI/CD variable is not set',
    );
    expect(p.main().log).toEqual(['Change A', CREATED]);
  });
});
