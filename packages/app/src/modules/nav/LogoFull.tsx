import { StackMark } from './StackMark';

export const LogoFull = () => (
  <svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 170 28"
    height={28}
    aria-hidden="true"
  >
    <StackMark />
    <text
      x={36}
      y={21}
      fill="#ffffff"
      fontFamily="Helvetica, Arial, sans-serif"
      fontSize={19}
      fontWeight={700}
      letterSpacing={0.2}
    >
      Runtime Stack
    </text>
  </svg>
);
