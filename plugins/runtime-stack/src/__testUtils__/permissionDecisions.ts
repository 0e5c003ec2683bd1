import { mockApis } from '@backstage/frontend-test-utils';

/**
 * The mock permission API's answers. AuthorizeResult itself lives in
 * @backstage/plugin-permission-common, which this plugin does not declare;
 * the values are its string enum's.
 */
type Decision = ReturnType<
  Extract<
    NonNullable<Parameters<typeof mockApis.permission>[0]>['authorize'],
    (...args: any[]) => unknown
  >
>;
export const ALLOW = 'ALLOW' as Decision;
export const DENY = 'DENY' as Decision;
