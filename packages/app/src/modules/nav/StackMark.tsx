/**
 * The Runtime Stack mark: seven layers, the platform (0) widest at the
 * bottom and the application (6) on top, as the layer model stacks them.
 * Drawn in a 28 × 28 box from `x`, so the icon and the full logo share it.
 */
export const StackMark = ({ x = 0 }: { x?: number }) => (
  <g fill="#7df3e1">
    {Array.from({ length: 7 }, (_, layer) => {
      const width = 28 - layer * 3;
      return (
        <rect
          key={layer}
          x={x + (28 - width) / 2}
          y={25 - layer * 4}
          width={width}
          height={3}
          rx={1.5}
        />
      );
    })}
  </g>
);
