import type { JsonObject } from '@backstage/types';
import { checkoutDeployment } from '../__fixtures__/checkoutService';
import { resource } from '../__fixtures__/kubernetesObjects';
import { scopeOf } from '../__fixtures__/serviceScope';
import {
  backupScheduleTools,
  scheduleCoversNamespace,
} from './backupSchedules';

const schedule = (name: string, template: JsonObject, paused = false) =>
  resource('velero.io/v1', 'Schedule', name, {
    namespace: 'velero',
    spec: {
      schedule: '0 1 * * *',
      ...(paused ? { paused: true } : {}),
      template: { ttl: '720h0m0s', ...template },
    },
  });

describe('backupScheduleTools', () => {
  it('finds a Schedule that lists the namespace', () => {
    expect(
      backupScheduleTools(
        scopeOf(
          [checkoutDeployment],
          [schedule('shop-nightly', { includedNamespaces: ['shop'] })],
        ),
      ),
    ).toEqual([
      {
        tool: 'velero',
        capability: 'data-protection',
        evidence: [
          expect.objectContaining({
            kind: 'Schedule',
            namespace: 'velero',
            name: 'shop-nightly',
            field: 'spec.template.includedNamespaces',
            value: 'shop',
          }),
        ],
      },
    ]);
  });

  it.each([
    ['a wildcard', { includedNamespaces: ['*'] }, '*'],
    ['no list, which Velero reads as all', {}, '(unset: all namespaces)'],
  ])('counts %s', (_case, template, value) => {
    expect(
      scheduleCoversNamespace(schedule('all', template), 'shop')?.value,
    ).toBe(value);
  });

  it.each([
    [
      'other namespaces',
      schedule('other', { includedNamespaces: ['payments', 'cart'] }),
    ],
    [
      'an exclusion',
      schedule('x', {
        includedNamespaces: ['*'],
        excludedNamespaces: ['shop'],
      }),
    ],
    [
      'a paused Schedule',
      schedule('p', { includedNamespaces: ['shop'] }, true),
    ],
  ])('does not count %s', (_case, s) => {
    expect(backupScheduleTools(scopeOf([checkoutDeployment], [s]))).toEqual([]);
  });
});
