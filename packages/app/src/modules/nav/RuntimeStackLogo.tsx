/**
 * Seven layers, the platform (0) widest at the bottom and the application
 * (6) on top, as the layer model stacks them, in a 28 × 28 box.
 */
const StackMark = () => (
  <g fill="#7df3e1">
    {Array.from({ length: 7 }, (_, layer) => {
      const width = 28 - layer * 3;
      return (
        <rect
          key={layer}
          x={(28 - width) / 2}
          y={25 - layer * 4}
          width={width}
          height={3}
          rx={1.5}
        />
      );
    })}
  </g>
);

/** The mark alone for the closed sidebar, with the name for the open one. */
export const RuntimeStackLogo = ({ withName }: { withName: boolean }) => (
  <svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox={withName ? '0 0 170 28' : '0 0 28 28'}
    height={28}
    aria-hidden="true"
  >
    <StackMark />
    {withName && (
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
    )}
  </svg>
);
