import { ApiError, plainMessage, type ApiClient } from './api.js';
import { barChart, type Bar } from './chart.js';
import { h, uniqueId } from './dom.js';
import { count, duration, quantity, reasonLabels } from './format.js';
import { breakdownQuery, type BreakdownRow, type NegativeInventoryDimension, type Shop } from './operations.js';

// Why and for how long items go below zero: the negative episodes that began in a recent window,
// grouped by shop, reason or employee (Query.negativeInventoryBreakdown), as a bar chart of
// episodes and a table with the resolved ones, the units below zero and the median time to resolve.

type Dimension = Extract<NegativeInventoryDimension, 'SHOP' | 'REASON' | 'EMPLOYEE'>;

const dimensions: { value: Dimension; label: string }[] = [
  { value: 'SHOP', label: 'Shop' },
  { value: 'REASON', label: 'Reason' },
  { value: 'EMPLOYEE', label: 'Employee' },
];

const windows: { days: number; label: string }[] = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
];
const defaultWindowDays = 30;
const dayMs = 24 * 60 * 60 * 1000;

export class BreakdownView {
  readonly element: HTMLElement;
  private requestNumber = 0;
  private readonly dimensionSelect: HTMLSelectElement;
  private readonly windowSelect: HTMLSelectElement;
  private readonly chart = h('div', { class: 'breakdown-chart', 'aria-live': 'off' });
  private readonly status = h('p', { class: 'status', role: 'status' });
  private readonly tableRegion: HTMLElement;

  constructor(
    private readonly api: ApiClient,
    private readonly shops: Shop[],
  ) {
    const headingId = uniqueId('breakdown');
    const dimensionId = uniqueId('group-by');
    const windowId = uniqueId('period');
    this.dimensionSelect = h(
      'select',
      { id: dimensionId, name: 'groupBy', onchange: () => void this.refresh() },
      ...dimensions.map((dimension) => h('option', { value: dimension.value }, dimension.label)),
    );
    this.windowSelect = h(
      'select',
      { id: windowId, name: 'period', onchange: () => void this.refresh() },
      ...windows.map((window) => h('option', { value: window.days, selected: window.days === defaultWindowDays }, window.label)),
    );
    this.tableRegion = h('div', { class: 'table-region', role: 'region', 'aria-labelledby': headingId, tabindex: 0 });
    this.element = h(
      'section',
      { class: 'panel breakdown', 'aria-labelledby': headingId },
      h('div', { class: 'panel-head' }, h('h2', { id: headingId }, 'Negative episodes')),
      h(
        'p',
        { class: 'hint' },
        'Times items went below zero, from the sale, transfer or return that took them there until they were back at zero or more.',
      ),
      h(
        'div',
        { class: 'breakdown-controls' },
        h('div', { class: 'field' }, h('label', { for: dimensionId }, 'Group by'), this.dimensionSelect),
        h('div', { class: 'field' }, h('label', { for: windowId }, 'Began in'), this.windowSelect),
      ),
      this.status,
      this.chart,
      this.tableRegion,
    );
  }

  start(): Promise<void> {
    return this.refresh();
  }

  /** Reloads the breakdown for the dimension and window selected (the window ends now). */
  async refresh(): Promise<void> {
    const request = ++this.requestNumber;
    const dimension = this.dimensionSelect.value as Dimension;
    const days = Number(this.windowSelect.value);
    const since = new Date(Date.now() - days * dayMs).toISOString();
    this.tableRegion.setAttribute('aria-busy', 'true');
    try {
      const { negativeInventoryBreakdown: rows } = await this.api.request(breakdownQuery, { groupBy: [dimension], since, shopId: null });
      if (request !== this.requestNumber) return;
      this.status.textContent = '';
      this.render(dimension, days, rows);
    } catch (error) {
      if (request !== this.requestNumber) return;
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return;
      this.status.textContent = `The breakdown couldn't be loaded: ${plainMessage(error)}`;
    } finally {
      if (request === this.requestNumber) this.tableRegion.removeAttribute('aria-busy');
    }
  }

  private label(dimension: Dimension, row: BreakdownRow): string {
    switch (dimension) {
      case 'SHOP':
        return row.shop?.name ?? 'Unknown shop';
      case 'REASON':
        return row.reason ? reasonLabels[row.reason] : 'Other';
      case 'EMPLOYEE':
        return row.employee?.name ?? 'Not recorded';
    }
  }

  private tone(dimension: Dimension, row: BreakdownRow, index: number): string {
    switch (dimension) {
      case 'SHOP': {
        const shopIndex = this.shops.findIndex((shop) => shop.id === row.shop?.id);
        return `tone-shop-${(shopIndex < 0 ? index : shopIndex) % 6}`;
      }
      case 'REASON':
        return row.reason ? `tone-${row.reason.toLowerCase()}` : 'tone-other';
      case 'EMPLOYEE':
        return `tone-shop-${index % 6}`;
    }
  }

  private render(dimension: Dimension, days: number, rows: BreakdownRow[]): void {
    const dimensionLabel = dimensions.find((candidate) => candidate.value === dimension)?.label ?? dimension;
    const bars: Bar[] = rows.map((row, index) => ({
      label: this.label(dimension, row),
      value: row.episodes,
      tone: this.tone(dimension, row, index),
    }));
    this.chart.replaceChildren(barChart(`Episodes by ${dimensionLabel.toLowerCase()}, last ${days} days`, bars, 'episodes', 'episode'));
    if (rows.length === 0) {
      this.tableRegion.replaceChildren(h('p', { class: 'empty' }, `No item went below zero in the last ${days} days.`));
      return;
    }
    this.tableRegion.replaceChildren(
      h(
        'table',
        { class: 'rows breakdown-rows', 'data-group-by': dimension },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, dimensionLabel),
            h('th', { scope: 'col', class: 'number' }, 'Episodes'),
            h('th', { scope: 'col', class: 'number' }, 'Resolved'),
            h('th', { scope: 'col', class: 'number' }, 'Units below zero'),
            h('th', { scope: 'col', class: 'number' }, 'Median time to resolve'),
          ),
        ),
        h(
          'tbody',
          {},
          ...rows.map((row) =>
            h(
              'tr',
              { 'data-group': this.label(dimension, row) },
              h('th', { scope: 'row' }, this.label(dimension, row)),
              h('td', { class: 'number' }, quantity(row.episodes)),
              h('td', { class: 'number', title: count(row.resolvedEpisodes, 'episode') + ' ended' }, quantity(row.resolvedEpisodes)),
              h('td', { class: 'number' }, quantity(row.unitsBelowZero)),
              h(
                'td',
                {
                  class: 'number',
                  title:
                    row.medianSecondsToResolve === null
                      ? 'None resolved yet'
                      : `${quantity(Math.round(row.medianSecondsToResolve))} seconds`,
                },
                duration(row.medianSecondsToResolve),
              ),
            ),
          ),
        ),
      ),
    );
  }
}
