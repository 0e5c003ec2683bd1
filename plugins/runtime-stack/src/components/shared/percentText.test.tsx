import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { formatPercent } from '@internal/backstage-plugin-runtime-stack-common';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { englishT } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';
import { coveragePercentText, percentText } from './percentText';

describe('percentText', () => {
  it('rounds as the common package does, never to 100% with a gap left', () => {
    for (let step = 0; step <= 1000; step++) {
      const ratio = step / 1000;
      expect(percentText(englishT, ratio)).toBe(formatPercent(ratio));
    }
    expect(percentText(englishT, 0.996)).toBe('99%');
  });

  it('shows a dash when nothing is required', () => {
    expect(coveragePercentText(englishT, { required: 0, ratio: 1 })).toBe('—');
    expect(coveragePercentText(englishT, { required: 4, ratio: 0.75 })).toBe(
      '75%',
    );
  });

  it("follows the app's language", async () => {
    const Percent = ({ ratio }: { ratio: number }) => {
      const { t } = useTranslationRef(runtimeStackTranslationRef);
      return <span data-testid="percent">{percentText(t, ratio)}</span>;
    };
    await renderInTestApp(<Percent ratio={0.996} />, {
      config: {
        app: {
          extensions: [
            {
              'api:app/app-language': {
                config: {
                  availableLanguages: ['en', 'de'],
                  defaultLanguage: 'de',
                },
              },
            },
          ],
        },
      },
    });
    // German puts a (non-breaking) space before the sign.
    expect((await screen.findByTestId('percent')).textContent).toBe(
      '99\u00a0%',
    );
  });
});
