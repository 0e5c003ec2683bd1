import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { AlertChip } from './AlertChip';
import { ErrorText } from './ErrorText';

// Backstage's light theme's errorText, not MUI's lighter error red.
const ERROR_TEXT = 'rgb(202, 0, 27)';

const chip = (label: string) =>
  screen.getByText(label).closest('.MuiChip-root')!;

describe('AlertChip', () => {
  it("drops the chip's colour when alerting, and keeps it otherwise", async () => {
    // The fill itself is checked in Chromium (test/e2e/accessibility.spec.ts):
    // jsdom does not cascade a chip's background.
    await renderInTestApp(
      <>
        <AlertChip label="firing" color="primary" />
        <AlertChip label="fresh" alert={false} color="primary" />
      </>,
    );
    expect(chip('firing')).not.toHaveClass('MuiChip-colorPrimary');
    expect(chip('firing').className).toMatch(/alert/);
    expect(chip('fresh')).toHaveClass('MuiChip-colorPrimary');
    expect(chip('fresh').className).not.toMatch(/alert/);
  });
});

describe('ErrorText', () => {
  it('writes in the readable red, in the variant asked', async () => {
    await renderInTestApp(
      <ErrorText role="alert" variant="caption">
        could not be read
      </ErrorText>,
    );
    const text = screen.getByRole('alert');
    expect(text).toHaveTextContent('could not be read');
    expect(text).toHaveClass('MuiTypography-caption');
    expect(getComputedStyle(text).color).toBe(ERROR_TEXT);
  });
});
