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
 *
 * main is protected, as publish:github and GitLab leave it: the host's
 * https URL with a token reaches the bare repository as that token's
 * account (git's ext transport, URL rewriting), and a pre-receive hook
 * declines, with the host's own message, every push but those of the
 * accounts allowed to bypass the protection and the developer's, which
 * stand for merged pull requests. The checkout's own remote leads nowhere,
 * as neither GITHUB_TOKEN nor GitLab's job token may push.
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

/** The tokens of the CI jobs, and the host accounts they push as. */
const TOKENS = {
  'github-actions': {
    // GITOPS_PUSH_TOKEN, of the account the template lets bypass pull requests.
    gitops: { token: 'ghp-gitops-bot', account: 'gitops-bot' },
    // The workflow's GITHUB_TOKEN.
    workflow: { token: 'ghs-workflow', account: 'github-actions[bot]' },
  },
  'gitlab-ci': {
    // GITOPS_PUSH_TOKEN, a project access token with the Maintainer role.
    gitops: { token: 'glpat-handoff', account: 'project-bot' },
  },
} as const;

/** What GitHub and GitLab answer a push to a protected branch with. */
const PROTECTED_BRANCH_REFUSAL: Record<Ci, string> = {
  'github-actions': [
    'error: GH006: Protected branch update failed for refs/heads/main.',
    'error: At least 1 approving review is required by reviewers with write access.',
  ].join('\n'),
  'gitlab-ci':
    'GitLab: You are not allowed to push code to protected branches on this project.',
};

/**
 * What refuses a push of an account the branch protection lets through:
 * a GitHub ruleset (whose bypass list takes no single account), a GitLab
 * push rule. The host's messages, and its reason in git's
 * `! [remote rejected] <ref> (<reason>)`.
 */
const RULE_REFUSAL: Record<Ci, { message: string; reason: string }> = {
  'github-actions': {
    message: [
      'error: GH013: Repository rule violations found for refs/heads/main.',
      'Review all repository rules at https://github.com/acme/svc/rules?ref=refs%2Fheads%2Fmain',
      '',
      '- Changes must be made through a pull request.',
    ].join('\n'),
    reason: 'push declined due to repository rule violations',
  },
  'gitlab-ci': {
    message:
      "GitLab: Commit message does not follow the pattern '^[A-Z]+-[0-9]+: '",
    reason: 'pre-receive hook declined',
  },
};

/**
 * A proc-receive hook (git's protocol for a server that decides on each ref
 * itself, as GitHub's rulesets do): it writes `message` to the pusher and
 * refuses every ref with `reason`. `once`: the next push is received as
 * usual again.
 */
function procReceiveHook(options: {
  message: string;
  reason: string;
  once: boolean;
}): string {
  return `#!${process.execPath}
const { readSync, writeSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
let buffered = Buffer.alloc(0);
function read(n) {
  while (buffered.length < n) {
    const chunk = Buffer.alloc(65536);
    const got = readSync(0, chunk, 0, chunk.length, null);
    if (got === 0) throw new Error('proc-receive: input ended early');
    buffered = Buffer.concat([buffered, chunk.subarray(0, got)]);
  }
  const bytes = buffered.subarray(0, n);
  buffered = buffered.subarray(n);
  return bytes;
}
function section() {
  const lines = [];
  for (;;) {
    const length = parseInt(read(4).toString(), 16);
    if (length === 0) return lines;
    lines.push(read(length - 4).toString().replace(/\\n$/, ''));
  }
}
function pkt(line) {
  const bytes = Buffer.from(line + '\\n');
  return (bytes.length + 4).toString(16).padStart(4, '0') + line + '\\n';
}
section();
writeSync(1, pkt('version=1') + '0000');
const refs = section().map(command => command.split(' ')[2]);
process.stderr.write(${JSON.stringify(`${options.message}
`)});
${
  options.once
    ? "execFileSync('git', ['config', '--unset', 'receive.procReceiveRefs']);"
    : ''
}
writeSync(1, refs.map(ref => pkt('ng ' + ref + ' ' + ${JSON.stringify(
    options.reason,
  )})).join('') + '0000');
`;
}

/** A GitHub or GitLab project: the bare repository and who works on it. */
function project(name: string, ci: Ci) {
  const root = join(work, name);
  const bin = join(root, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'yq'), YQ_STAND_IN);
  chmodSync(join(bin, 'yq'), 0o755);
  const origin = join(root, 'origin.git');
  const originUrl = `file://${origin}`;
  /** The project's https URL with a token, as the job builds it. */
  const tokenUrl = (token: string) =>
    ci === 'github-actions'
      ? `https://x-access-token:${token}@github.com/acme/svc.git`
      : `https://oauth2:${token}@gitlab.com/acme/svc.git`;
  /** The remote the runner's checkout leaves, which may not push. */
  const checkoutRemote =
    ci === 'github-actions'
      ? 'https://github.com/acme/svc.git'
      : 'https://gitlab-ci-token:job-token@gitlab.com/acme/svc.git';
  const gitConfig = join(root, 'gitconfig');
  writeFileSync(
    gitConfig,
    [
      '[init]',
      '  defaultBranch = main',
      '[user]',
      '  name = Developer',
      '  email = developer@example.com',
      '[protocol "ext"]',
      '  allow = always',
      // Each token reaches the repository as its account: the host's
      // protection (the pre-receive hook) judges the push by PUSHER.
      ...Object.values(TOKENS[ci]).flatMap(({ token, account }) => [
        `[url "ext::env PUSHER=${account} %S ${origin}"]`,
        `  insteadOf = ${tokenUrl(token)}`,
      ]),
      `[url "file://${join(root, 'no-such-remote.git')}"]`,
      `  insteadOf = ${checkoutRemote}`,
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
  // main's protection: only the accounts in may-push bypass it.
  const mayPush = join(root, 'may-push');
  const allowToPush = (...accounts: string[]) =>
    writeFileSync(mayPush, accounts.map(a => `${a}\n`).join(''));
  allowToPush(TOKENS[ci].gitops.account);
  writeFileSync(
    join(origin, 'hooks/pre-receive'),
    [
      '#!/bin/sh',
      // The developer's pushes stand for merged pull requests.
      '[ -z "$PUSHER" ] && exit 0',
      `grep -qxF "$PUSHER" '${mayPush}' && exit 0`,
      `cat <<'EOF'\n${PROTECTED_BRANCH_REFUSAL[ci]}\nEOF`,
      'exit 1',
    ].join('\n'),
  );
  chmodSync(join(origin, 'hooks/pre-receive'), 0o755);
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
  const checkout = (sha: string, job: string) => {
    const dir = join(root, job);
    git(root, 'init', '--quiet', dir);
    git(dir, 'remote', 'add', 'origin', checkoutRemote);
    git(
      dir,
      'fetch',
      '--quiet',
      '--depth=1',
      originUrl,
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
  const handoff = (dir: string, sha: string, vars = {}) => {
    const tag = sha.slice(0, 12);
    const ciEnv =
      ci === 'github-actions'
        ? {
            TAG: tag,
            GITHUB_SHA: sha,
            GITHUB_SERVER_URL: 'https://github.com',
            GITHUB_REPOSITORY: 'acme/svc',
            GITOPS_PUSH_TOKEN: TOKENS[ci].gitops.token,
            GITHUB_TOKEN: TOKENS[ci].workflow.token,
          }
        : {
            TAG: tag,
            CI_COMMIT_SHA: sha,
            CI_COMMIT_BRANCH: 'main',
            CI_PROJECT_URL: 'https://gitlab.com/acme/svc',
            CI_SERVER_HOST: 'gitlab.com',
            GITOPS_PROVIDER: 'argo-cd',
            REGISTRY_USERNAME: 'ci',
            REGISTRY_PASSWORD: 'secret',
            GITOPS_PUSH_TOKEN: TOKENS[ci].gitops.token,
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

  /**
   * From now on, main's pushes go through a proc-receive hook that refuses
   * them (the next one only, with `once`) with the host's message and
   * reason, whoever pushes.
   */
  const refuseWith = (refusal: {
    message: string;
    reason: string;
    once?: boolean;
  }) => {
    writeFileSync(
      join(origin, 'hooks/proc-receive'),
      procReceiveHook({ once: false, ...refusal }),
    );
    chmodSync(join(origin, 'hooks/proc-receive'), 0o755);
    git(origin, 'config', 'receive.procReceiveRefs', 'refs/heads/main');
  };

  return {
    root,
    env,
    git,
    dev,
    push,
    checkout,
    handoff,
    main,
    allowToPush,
    refuseWith,
  };
}

describe("the runtime-service template's GitOps handoff", () => {
  it('is the same for both languages', () => {
    for (const ci of ['github-actions', 'gitlab-ci'] as const) {
      expect(handoffScript(ci, 'go')).toBe(handoffScript(ci, 'nodejs'));
    }
  });

  describe.each(['github-actions', 'gitlab-ci'] as const)('%s', ci => {
    it('commits both tags when two commits reach main close together, the later one last', () => {
      const p = project(`${ci}-close-together`, ci);
      const a = p.push('Change A');
      const b = p.push('Change B');
      // Both runs checked out their commit before either handed off.
      const runA = p.checkout(a, 'run-a');
      const runB = p.checkout(b, 'run-b');

      const first = p.handoff(runA, a);
      expect(first).toMatchObject({ status: 0 });
      expect(p.main().tag).toBe(a.slice(0, 12));

      // Run B's checkout is behind run A's tag commit, which changed the
      // very line run B changes.
      const second = p.handoff(runB, b);
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
      const p = project(`${ci}-out-of-order`, ci);
      const c = p.push('Change C');
      const d = p.push('Change D');
      const runC = p.checkout(c, 'run-c');
      const runD = p.checkout(d, 'run-d');

      expect(p.handoff(runD, d)).toMatchObject({ status: 0 });
      const late = p.handoff(runC, c);
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
      const again = p.handoff(p.checkout(d, 'run-d-again'), d);
      expect(again).toMatchObject({ status: 0 });
      expect(again.output).toContain(`image.tag is ${d.slice(0, 12)} already`);
      expect(p.main().log).toHaveLength(4);
    });

    it('hands off again on the new tip when main moves on during its push', () => {
      const p = project(`${ci}-race`, ci);
      const e = p.push('Change E');
      const runE = p.checkout(e, 'run-e');
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

      const result = p.handoff(runE, e);
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

    it("stops at once, saying main is protected, when GITOPS_PUSH_TOKEN's account may not bypass the protection", () => {
      const p = project(`${ci}-protected`, ci);
      const a = p.push('Change A');
      p.allowToPush();
      const result = p.handoff(p.checkout(a, 'run-a'), a);
      expect(result.status).toBe(1);
      // The host's refusal, then what to change, and no retry: every
      // attempt would be refused alike.
      expect(result.output).toContain(
        PROTECTED_BRANCH_REFUSAL[ci].split('\n')[0],
      );
      expect(result.output).toContain(
        ci === 'github-actions'
          ? "::error title=main is protected::main refused the image tag commit pushed with GITOPS_PUSH_TOKEN (the refusal is above: GH006 is its branch protection, GH013 a ruleset): the token's account may not bypass what protects main, so GitOps never sees image"
          : 'main is a protected branch that GITOPS_PUSH_TOKEN may not push to, so GitOps never sees image',
      );
      expect(result.output).not.toContain('attempt');
      expect(result.output).not.toContain('moved on');
      expect(p.main().log).toEqual(['Change A', CREATED]);
    });

    it(`stops at once, naming GITOPS_PUSH_TOKEN, when ${
      ci === 'github-actions' ? 'a ruleset' : 'a push rule'
    } refuses what the branch protection lets through`, () => {
      const p = project(`${ci}-ruleset`, ci);
      const a = p.push('Change A');
      p.refuseWith(RULE_REFUSAL[ci]);
      const result = p.handoff(p.checkout(a, 'run-a'), a);
      expect(result.status).toBe(1);
      // The host's refusal as git shows it, then what to change, and no
      // retry: every attempt would be refused alike.
      expect(result.output).toContain(RULE_REFUSAL[ci].message.split('\n')[0]);
      expect(result.output).toContain(
        `! [remote rejected] HEAD -> main (${RULE_REFUSAL[ci].reason})`,
      );
      expect(result.output).toContain(
        ci === 'github-actions'
          ? "::error title=main is protected::main refused the image tag commit pushed with GITOPS_PUSH_TOKEN (the refusal is above: GH006 is its branch protection, GH013 a ruleset): the token's account may not bypass what protects main, so GitOps never sees image"
          : 'GitLab refused the image tag commit that GITOPS_PUSH_TOKEN pushed to main (its reason is above: a push rule, for one), so GitOps never sees image',
      );
      expect(result.output).not.toContain('attempt');
      expect(p.main().log).toEqual(['Change A', CREATED]);
    });

    it('tries again when the host rejects a push for a reason the next attempt may not meet', () => {
      const p = project(`${ci}-server-error`, ci);
      const a = p.push('Change A');
      // `! [remote rejected] HEAD -> main (Internal Server Error)`, once:
      // no protection's refusal.
      p.refuseWith({
        message: 'error: the push could not be completed',
        reason: 'Internal Server Error',
        once: true,
      });
      const result = p.handoff(p.checkout(a, 'run-a'), a);
      expect(result.output).toContain(
        '! [remote rejected] HEAD -> main (Internal Server Error)',
      );
      expect(result.output).toContain(
        'The push failed (attempt 1 of 5): again on the tip of main',
      );
      expect(result.output).not.toContain('protected');
      expect(result.status).toBe(0);
      expect(p.main()).toMatchObject({
        log: [`Deploy image ${a.slice(0, 12)} [skip ci]`, 'Change A', CREATED],
        tag: a.slice(0, 12),
      });
    });
  });

  describe('github-actions without the GITOPS_PUSH_TOKEN secret', () => {
    const withoutSecret = { GITOPS_PUSH_TOKEN: '' };

    it("names the missing secret when main's protection refuses the workflow's GITHUB_TOKEN", () => {
      const p = project('github-no-secret-protected', 'github-actions');
      const a = p.push('Change A');
      const result = p.handoff(p.checkout(a, 'run-a'), a, withoutSecret);
      expect(result.status).toBe(1);
      expect(result.output).toContain(
        '::warning title=No GITOPS_PUSH_TOKEN::The GITOPS_PUSH_TOKEN secret is not set',
      );
      expect(result.output).toContain('error: GH006: Protected branch update');
      expect(result.output).toContain(
        "::error title=main is protected::main refused the image tag commit pushed with the workflow's GITHUB_TOKEN (the refusal is above: GH006 is its branch protection, GH013 a ruleset), which may not bypass its required pull requests",
      );
      expect(result.output).toContain('Add the GITOPS_PUSH_TOKEN secret');
      expect(result.output).not.toContain('attempt');
      expect(p.main().log).toEqual(['Change A', CREATED]);
    });

    it("pushes with the workflow's GITHUB_TOKEN to a main without protection", () => {
      // GitHub Free protects no private repository: anyone with write
      // access pushes.
      const p = project('github-no-secret-unprotected', 'github-actions');
      p.allowToPush(TOKENS['github-actions'].workflow.account);
      const a = p.push('Change A');
      const result = p.handoff(p.checkout(a, 'run-a'), a, withoutSecret);
      expect(result.status).toBe(0);
      expect(result.output).toContain('::warning title=No GITOPS_PUSH_TOKEN::');
      expect(p.main()).toMatchObject({
        log: [`Deploy image ${a.slice(0, 12)} [skip ci]`, 'Change A', CREATED],
        tag: a.slice(0, 12),
      });
    });
  });

  it('leaves main alone, saying why, without the registry variables on GitLab', () => {
    const p = project('gitlab-no-registry', 'gitlab-ci');
    const a = p.push('Change A');
    const run = p.checkout(a, 'run-a');
    const result = p.handoff(run, a, {
      REGISTRY_USERNAME: '',
      REGISTRY_PASSWORD: '',
    });
    expect(result).toEqual({
      status: 0,
      output:
        'The REGISTRY_USERNAME and REGISTRY_PASSWORD CI/CD variables are not set, so no image was pushed: nothing to hand off\n',
    });
    expect(p.main().log).toEqual(['Change A', CREATED]);

    const noToken = p.handoff(run, a, { GITOPS_PUSH_TOKEN: '' });
    expect(noToken.status).toBe(1);
    expect(noToken.output).toContain(
      'The GITOPS_PUSH_TOKEN CI/CD variable is not set',
    );
    expect(p.main().log).toEqual(['Change A', CREATED]);
  });
});
