import { coverageSignalChannel } from './coverageSignals';

describe('coverageSignalChannel', () => {
  it('names one channel per entity, whatever the case of its ref', () => {
    expect(coverageSignalChannel('component:default/payments-api')).toBe(
      'runtime-stack:coverage:component:default/payments-api',
    );
    expect(coverageSignalChannel('Component:default/Payments-API')).toBe(
      coverageSignalChannel('component:default/payments-api'),
    );
    expect(coverageSignalChannel('system:default/payments')).not.toBe(
      coverageSignalChannel('component:default/payments'),
    );
  });
});
