import { ResponseError } from '@backstage/errors';
import { defaultLayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import {
  exemptionText,
  capabilitiesOf,
  describeExpiry,
  expiryDay,
  exemptionFormErrors,
  exemptionInputOf,
  expiresAtOf,
  expiryBounds,
  explainExemptionError,
  sortExemptions,
  type ExemptionForm,
} from './exemptions';
import { scopeKindOf } from '../shared/entityScope';
import { englishT as t } from '../../__testUtils__/translations';

const now = new Date('2026-11-23T10:00:00.000Z');

const form = (f: Partial<ExemptionForm> = {}): ExemptionForm => ({
  capability: 'data-protection',
  reason: 'Stateless, nothing to back up',
  expiresOn: '2027-01-15',
  requestedBy: '',
  ...f,
});

describe('describeExpiry', () => {
  it('counts whole days left, rounding up', () => {
    expect(describeExpiry(t, '2026-11-24T09:00:00.000Z', now)).toEqual({
      expired: false,
      days: 1,
      text: 'expires in 1 day',
    });
    expect(describeExpiry(t, '2026-12-03T10:00:00.000Z', now).text).toBe(
      'expires in 10 days',
    );
  });

  it('marks a past expiry as expired', () => {
    expect(describeExpiry(t, '2026-11-23T09:00:00.000Z', now)).toMatchObject({
      expired: true,
      text: 'expired today',
    });
    expect(describeExpiry(t, '2026-11-20T09:00:00.000Z', now)).toMatchObject({
      expired: true,
      text: 'expired 3 days ago',
    });
  });
});

describe('exemptionText', () => {
  it('says why and until when, where the reader was told why', () => {
    expect(
      exemptionText(t, {
        capability: 'backup',
        reason: 'stateless',
        expiresAt: '2027-03-01T00:00:00.000Z',
      }),
    ).toBe('Exempt: stateless (until 2027-03-01)');
    expect(
      exemptionText(t, { capability: 'backup', reason: 'stateless' }),
    ).toBe('Exempt: stateless');
  });

  it('says only that and until when to a reader who may not read exemptions', () => {
    expect(
      exemptionText(t, {
        capability: 'backup',
        expiresAt: '2027-03-01T00:00:00.000Z',
      }),
    ).toBe('Exempt until 2027-03-01');
    expect(exemptionText(t, { capability: 'backup' })).toBe('Exempt');
  });
});

describe('expiryDay', () => {
  it('names the UTC day an exemption ends at the start of, whatever the offset it is written with', () => {
    expect(expiryDay('2026-03-10T00:00:00.000Z')).toBe('2026-03-10');
    // The same moment as New York writes it: still the 10th.
    expect(expiryDay('2026-03-09T19:00:00-05:00')).toBe('2026-03-10');
  });

  it('keeps text that is not a date', () => {
    expect(expiryDay('soon')).toBe('soon');
  });
});

describe('the grant form', () => {
  it('allows tomorrow up to a year from today, in UTC', () => {
    expect(expiryBounds(now)).toEqual({ min: '2026-11-24', max: '2027-11-23' });
    expect(expiresAtOf('2027-01-15')).toBe('2027-01-15T00:00:00.000Z');
    expect(expiresAtOf('2027-02-30')).toBeUndefined();
    expect(expiresAtOf('15/01/2027')).toBeUndefined();
  });

  it('accepts a complete form', () => {
    expect(exemptionFormErrors(t, form(), now)).toEqual({});
    expect(
      exemptionFormErrors(
        t,
        form({ expiresOn: '2027-11-23', requestedBy: 'group:payments/sre' }),
        now,
      ),
    ).toEqual({});
  });

  it('says what is wrong with each field', () => {
    expect(
      exemptionFormErrors(
        t,
        { capability: '', reason: '  ', expiresOn: '', requestedBy: 'alice' },
        now,
      ),
    ).toEqual({
      capability: 'Pick the capability to exempt',
      reason: 'Say why the gap is accepted',
      expiresOn: 'Pick the day the exemption ends',
      requestedBy:
        'Enter a user or group as user:name, group:name or kind:namespace/name',
    });
    expect(
      exemptionFormErrors(t, form({ reason: 'x'.repeat(501) }), now).reason,
    ).toBe('At most 500 characters (501 now)');
    expect(
      exemptionFormErrors(t, form({ expiresOn: '2026-11-23' }), now).expiresOn,
    ).toBe('Pick a day after today');
    expect(
      exemptionFormErrors(t, form({ expiresOn: '2027-11-24' }), now).expiresOn,
    ).toBe('An exemption lasts at most a year');
  });

  it('builds the body for this component, with full refs', () => {
    expect(
      exemptionInputOf(
        form({ reason: ' Stateless ', requestedBy: 'user:alice' }),
        'component:default/payments-api',
      ),
    ).toEqual({
      scope: { kind: 'component', ref: 'component:default/payments-api' },
      capability: 'data-protection',
      reason: 'Stateless',
      expiresAt: '2027-01-15T00:00:00.000Z',
      requestedBy: 'user:default/alice',
    });
    expect(
      exemptionInputOf(form(), 'component:default/payments-api'),
    ).not.toHaveProperty('requestedBy');
  });

  it('scopes the exemption of a System to the System, for all its components', () => {
    expect(exemptionInputOf(form(), 'system:default/payments').scope).toEqual({
      kind: 'system',
      ref: 'system:default/payments',
    });
    expect(scopeKindOf('system:default/payments')).toBe('system');
    expect(scopeKindOf('Component:default/payments-api')).toBe('component');
  });

  it("shows the backend's message", async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'only platform admins' },
        request: { method: 'POST', url: '/exemptions' },
        response: { statusCode: 403 },
      }),
      { status: 403, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    expect(explainExemptionError(t, error, 'grant')).toBe(
      'You may not grant this exemption: only platform admins',
    );
    expect(explainExemptionError(t, new Error('offline'), 'revoke')).toBe(
      'Could not revoke the exemption: offline',
    );
  });
});

describe('capabilitiesOf', () => {
  it('lists the capabilities from the application layer down', () => {
    const capabilities = capabilitiesOf(defaultLayerModel);
    expect(capabilities[0].layer).toBe(6);
    expect(capabilities[capabilities.length - 1].layer).toBe(0);
    expect(capabilities).toContainEqual({
      id: 'data-protection',
      title: 'Data protection (backup & restore)',
      layer: 3,
    });
    expect(capabilitiesOf(undefined)).toEqual([]);
  });
});

describe('sortExemptions', () => {
  it('lists each once, soonest expiry first', () => {
    const e = (id: string, expiresAt: string) => ({
      id,
      scope: { kind: 'component' as const, ref: 'component:default/a' },
      capability: 'c',
      reason: 'r',
      expiresAt,
      requestedBy: 'user:default/a',
      grantedBy: 'user:default/b',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const later = e('later', '2027-01-01T00:00:00.000Z');
    const sooner = e('sooner', '2026-12-01T00:00:00.000Z');
    expect(sortExemptions([later, sooner, later]).map(x => x.id)).toEqual([
      'sooner',
      'later',
    ]);
  });
});
