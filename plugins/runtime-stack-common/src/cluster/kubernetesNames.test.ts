import { isDnsLabel } from './kubernetesNames';

describe('isDnsLabel', () => {
  it('takes lower-case letters, digits and inner dashes, up to 63 characters', () => {
    expect(isDnsLabel('payments')).toBe(true);
    expect(isDnsLabel('kata-qemu')).toBe(true);
    expect(isDnsLabel('a'.repeat(63))).toBe(true);
    expect(isDnsLabel('a'.repeat(64))).toBe(false);
    expect(isDnsLabel('Payments')).toBe(false);
    expect(isDnsLabel('payments_team')).toBe(false);
    expect(isDnsLabel('-payments')).toBe(false);
    expect(isDnsLabel('payments-')).toBe(false);
    expect(isDnsLabel('')).toBe(false);
  });
});
