import { h, svg, uniqueId } from './dom.js';
import { quantity } from './format.js';

// A horizontal bar chart as plain SVG (no chart library: a few bars don't need one). The SVG is an
// image with a text alternative that lists every bar, so a screen reader gets the same numbers.

export interface Bar {
  label: string;
  value: number;
  /** A CSS class for the bar's colour. */
  tone?: string;
}

const width = 320;
const rowHeight = 26;
const labelWidth = 140;
const valueWidth = 44;
const maxLabelLength = 21;

function shortLabel(label: string): string {
  return label.length > maxLabelLength ? `${label.slice(0, maxLabelLength - 1)}…` : label;
}

/** A titled chart of `bars` (largest first), or a sentence when there is nothing to show. */
export function barChart(title: string, bars: Bar[], unit: string, singularUnit = unit): HTMLElement {
  const withUnit = (value: number) => `${quantity(value)} ${value === 1 ? singularUnit : unit}`;
  const shown = bars.filter((bar) => bar.value > 0).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const headingId = uniqueId('chart');
  const figure = h('figure', { class: 'chart', 'aria-labelledby': headingId }, h('figcaption', { id: headingId }, title));
  if (shown.length === 0) {
    figure.append(h('p', { class: 'chart-empty' }, `No negative ${unit}.`));
    return figure;
  }

  const max = Math.max(...shown.map((bar) => bar.value));
  const barSpace = width - labelWidth - valueWidth;
  const description = shown.map((bar) => `${bar.label}: ${withUnit(bar.value)}`).join('; ');
  const image = svg('svg', {
    viewBox: `0 0 ${width} ${shown.length * rowHeight}`,
    width: '100%',
    role: 'img',
    'aria-label': `${title}. ${description}.`,
    preserveAspectRatio: 'xMinYMin meet',
  });
  shown.forEach((bar, index) => {
    const y = index * rowHeight;
    const barLength = Math.max(2, Math.round((bar.value / max) * barSpace));
    const group = svg(
      'g',
      { class: 'chart-row' },
      svg('title', {}, `${bar.label}: ${withUnit(bar.value)}`),
      svg(
        'text',
        { x: labelWidth - 8, y: y + rowHeight / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'chart-label' },
        shortLabel(bar.label),
      ),
      svg('rect', { x: labelWidth, y: y + 5, width: barLength, height: rowHeight - 10, rx: 3, class: `chart-bar ${bar.tone ?? ''}` }),
      svg(
        'text',
        { x: labelWidth + barLength + 6, y: y + rowHeight / 2, 'dominant-baseline': 'middle', class: 'chart-value' },
        quantity(bar.value),
      ),
    );
    image.append(group);
  });
  figure.append(image);
  return figure;
}
