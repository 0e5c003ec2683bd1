import { englishT } from '../../__testUtils__/translations';
import { coverageSourceName, evidenceSourceName } from './sourceNames';

describe('source names', () => {
  it('names a source it has no words for as the backend does, even one named like an object key', () => {
    expect(evidenceSourceName(englishT, 'sbom')).toBe('sbom');
    expect(evidenceSourceName(englishT, 'toString')).toBe('toString');
    expect(coverageSourceName(englishT, 'constructor')).toBe('constructor');
  });
});
