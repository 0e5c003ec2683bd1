import { ConfigReader } from '@backstage/config';
import { readNotificationSettings } from './notificationConfig';

describe('readNotificationSettings', () => {
  it('sends nothing unless enabled, and then warns two weeks ahead, hourly', () => {
    expect(readNotificationSettings(new ConfigReader({}))).toEqual({
      enabled: false,
      coverageRegressions: true,
      exemptionExpiry: {
        warnDays: 14,
        schedule: {
          frequency: { hours: 1 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
        },
      },
    });
  });

  it('reads what is configured', () => {
    const settings = readNotificationSettings(
      new ConfigReader({
        runtimeStack: {
          notifications: {
            enabled: true,
            coverageRegressions: false,
            exemptionExpiry: {
              warnDays: 3,
              schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
            },
          },
        },
      }),
    );
    expect(settings).toEqual({
      enabled: true,
      coverageRegressions: false,
      exemptionExpiry: {
        warnDays: 3,
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
      },
    });
  });

  it('names the setting when the warning days are not a positive whole number', () => {
    expect(() =>
      readNotificationSettings(
        new ConfigReader({
          runtimeStack: {
            notifications: { exemptionExpiry: { warnDays: 0 } },
          },
        }),
      ),
    ).toThrow('runtimeStack.notifications.exemptionExpiry.warnDays');
  });
});
