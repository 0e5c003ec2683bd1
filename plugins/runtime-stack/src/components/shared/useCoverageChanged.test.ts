import { describeCoverageChange } from './useCoverageChanged';

describe('describeCoverageChange', () => {
  it('says the new coverage, or that nothing is required rather than 100%', () => {
    expect(
      describeCoverageChange('Coverage', { required: 10, ratio: 0.999 }),
    ).toBe('Coverage updated: 99% covered');
    expect(
      describeCoverageChange('System coverage', { required: 0, ratio: 1 }),
    ).toBe('System coverage updated: nothing required');
  });
});
