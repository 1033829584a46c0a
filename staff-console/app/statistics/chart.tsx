import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Only the parts the console draws, so the bundle carries no more of Chart.js than it uses.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Distinct on white and for the common colour-vision deficiencies (Okabe–Ito). */
export const SERIES_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#d55e00', '#cc79a7', '#56b4e9', '#7f6a00', '#000000'];

export interface Series {
  label: string;
  values: Array<number | null>;
  /** Drawn as a line over the bars, on its own axis on the right (e.g. a share or a duration). */
  line?: boolean;
}

interface ChartProps {
  /** What the chart shows, read by screen readers (the table below has the figures). */
  title: string;
  labels: string[];
  series: Series[];
  stacked?: boolean;
  /** The right axis's tick text for line series, e.g. "40 %". */
  lineTick?: (value: number) => string;
  /** The right axis's top, e.g. 1 for shares (so 40 % does not look like all). */
  lineMax?: number;
}

/** A bar chart (with optional lines) drawn by Chart.js, served with the console's own bundle. */
export function BarChart({ title, labels, series, stacked = false, lineTick, lineMax }: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const datasets = series.map((s, i): ChartDataset<'bar' | 'line', Array<number | null>> =>
      s.line
        ? {
            type: 'line',
            label: s.label,
            data: s.values,
            borderColor: SERIES_COLOURS[i % 8],
            backgroundColor: SERIES_COLOURS[i % 8],
            yAxisID: 'line',
          }
        : { type: 'bar', label: s.label, data: s.values, backgroundColor: SERIES_COLOURS[i % 8], stack: stacked ? 'all' : undefined },
    );
    const chart = new Chart(canvas.current!, {
      type: 'bar',
      data: { labels, datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { stacked },
          y: { stacked, beginAtZero: true, ticks: { precision: 0 } },
          ...(series.some((s) => s.line)
            ? {
                line: {
                  position: 'right' as const,
                  beginAtZero: true,
                  max: lineMax,
                  grid: { drawOnChartArea: false },
                  ticks: { callback: (v) => (lineTick ? lineTick(Number(v)) : String(v)) },
                },
              }
            : {}),
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [title, JSON.stringify(labels), JSON.stringify(series), stacked, lineMax]);
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
