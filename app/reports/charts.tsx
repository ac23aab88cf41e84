import { useId } from "react";
import { directionOf } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";

/**
 * Bar charts as plain SVG written with the page (no chart library, no script
 * needed). Each bar has its label above it and its number at its end, in
 * text, so the chart reads without colour and a screen reader can follow it;
 * a hidden count is a hatched stub marked "hidden". In Arabic the bars grow
 * from the right.
 */

export type Bar = { label: string; value: number | null };

const WIDTH = 400;
const PAD = 8;
const ROW = 46;
const BAR = 16;
/** Past this many bars a chart stops being read: the table beside it has every row. */
export const MAX_BARS = 30;

export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const { t, locale, formatNumber } = useI18n();
  const id = useId();
  const rtl = directionOf(locale) === "rtl";
  const shown = bars.slice(0, MAX_BARS);
  const max = Math.max(1, ...shown.map((b) => b.value ?? 0));
  // Room at the bar's end for its number.
  const span = WIDTH - 2 * PAD - 64;
  const height = shown.length * ROW + PAD;
  const x = (offset: number, width = 0) => (rtl ? WIDTH - PAD - offset - width : PAD + offset);

  return (
    <figure className="chart">
      <figcaption id={id}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={id} className="chart-svg" direction={rtl ? "rtl" : "ltr"}>
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="chart-hatch-bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="chart-hatch-line" />
          </pattern>
        </defs>
        {shown.map((bar, i) => {
          const top = PAD + i * ROW;
          const width = bar.value === null ? 24 : Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * span);
          const text = bar.value === null ? t("reports.hidden") : formatNumber(bar.value);
          return (
            <g key={`${bar.label}-${i}`}>
              <text x={x(0)} y={top + 14} className="chart-label" textAnchor="start">
                {bar.label}
              </text>
              <rect
                x={x(0, width)}
                y={top + 20}
                width={width}
                height={BAR}
                className={bar.value === null ? "chart-bar chart-bar-hidden" : "chart-bar"}
                fill={bar.value === null ? `url(#${id}-hatch)` : undefined}
              />
              <text x={x(width + 6)} y={top + 33} className="chart-value" textAnchor="start">
                {text}
              </text>
            </g>
          );
        })}
      </svg>
      {bars.length > MAX_BARS ? <p className="muted">{t("reports.chart.top", { count: MAX_BARS })}</p> : null}
    </figure>
  );
}
