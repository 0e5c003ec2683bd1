import { StackMark } from './StackMark';

export const LogoIcon = () => (
  <svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 28 28"
    height={28}
    aria-hidden="true"
  >
    <StackMark />
  </svg>
);
