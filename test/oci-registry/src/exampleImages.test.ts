import {
  exampleImages,
  exampleImagesDay,
  exampleRunningDigests,
} from './exampleImages';

describe('exampleImages', () => {
  it('builds the example images relative to the day given', () => {
    const [first] = exampleImages(exampleImagesDay('2026-12-04'));
    expect(first.labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/payments-api',
      'org.opencontainers.image.version': '1.14.0',
      'org.opencontainers.image.created': '2026-08-06T09:00:00.000Z',
    });
    const later = exampleRunningDigests(exampleImagesDay('2026-12-05'));
    expect(
      later.get('registry.example.com/payments/payments-api:1.14.0'),
    ).not.toBe(
      exampleRunningDigests(exampleImagesDay('2026-12-04')).get(
        'registry.example.com/payments/payments-api:1.14.0',
      ),
    );
    expect(() => exampleImagesDay('4 December')).toThrow(
      "Invalid example images day '4 December', expected YYYY-MM-DD",
    );
  });
});
