import { ApiError, plainMessage, type ApiClient } from './api.js';
import { barChart, type Bar } from './chart.js';
import { debounce, h, uniqueId } from './dom.js';
import { count, dateTime, negativeReasons, quantity, reasonLabels } from './format.js';
import {
  reportQuery,
  reportTotalsQuery,
  type AdjustmentReason,
  type ReportFilter,
  type ReportPage,
  type ReportRow,
  type Shop,
} from './operations.js';

// The negative inventory report: totals, a chart of where the negative units are, the filters,
// the table (a row expands to its negative adjustments), pages and the CSV export of the same rows.

const pageSize = 25;
/** Bars per request for the chart: the server caps aliases per operation (20 by default). */
const barsPerRequest = 10;
/** How long a row stays highlighted after an alert about it. */
const highlightMs = 8000;

function rowKey(row: { item: { id: string }; shop: { id: string } }): string {
  return `${row.item.id}|${row.shop.id}`;
}

export class ReportView {
  readonly element: HTMLElement;
  private filter: ReportFilter = { shopId: null, search: null, reasons: null };
  /** The `after` cursor of each page up to the one shown: Previous goes back one. */
  private pageCursors: (string | null)[] = [null];
  private readonly expanded = new Set<string>();
  private readonly highlightedUntil = new Map<string, number>();
  private requestNumber = 0;
  private page: ReportPage | null = null;

  private readonly totals = h('div', { class: 'totals' });
  private readonly charts = h('div', { class: 'charts', 'aria-live': 'off' });
  private readonly status = h('p', { class: 'status', role: 'status' });
  private readonly tableRegion: HTMLElement;
  private readonly pager = h('nav', { class: 'pager', 'aria-label': 'Report pages' });
  private readonly downloadButton: HTMLButtonElement;
  private readonly downloadStatus = h('span', { class: 'download-status', role: 'status' });
  private readonly searchInput: HTMLInputElement;
  private readonly shopSelect: HTMLSelectElement;
  private readonly reasonBoxes: Map<AdjustmentReason, HTMLInputElement>;

  constructor(
    private readonly api: ApiClient,
    private readonly shops: Shop[],
  ) {
    const headingId = uniqueId('report');
    const searchId = uniqueId('search');
    const shopId = uniqueId('shop');

    this.shopSelect = h(
      'select',
      { id: shopId, name: 'shopId', onchange: () => this.applyFilters() },
      h('option', { value: '' }, 'All shops'),
      ...shops.map((shop) => h('option', { value: shop.id }, shop.name)),
    );
    const applySearchSoon = debounce(() => this.applyFilters(), 350);
    this.searchInput = h('input', {
      id: searchId,
      name: 'search',
      type: 'search',
      placeholder: 'SKU or item name',
      autocomplete: 'off',
      oninput: () => applySearchSoon(),
    });
    this.reasonBoxes = new Map(
      negativeReasons.map((reason) => [
        reason,
        h('input', { type: 'checkbox', name: 'reasons', value: reason, onchange: () => this.applyFilters() }),
      ]),
    );
    const form = h(
      'form',
      {
        class: 'filters',
        role: 'search',
        'aria-label': 'Filter the report',
        onsubmit: (event) => {
          event.preventDefault();
          applySearchSoon.cancel();
          this.applyFilters();
        },
      },
      h('div', { class: 'field' }, h('label', { for: shopId }, 'Shop'), this.shopSelect),
      h('div', { class: 'field' }, h('label', { for: searchId }, 'Search'), this.searchInput),
      h(
        'fieldset',
        { class: 'reasons' },
        h('legend', {}, 'Went negative by'),
        ...[...this.reasonBoxes].map(([reason, box]) => h('label', { class: 'check' }, box, reasonLabels[reason])),
      ),
      h(
        'div',
        { class: 'filter-actions' },
        h('button', { type: 'submit' }, 'Apply'),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.clearFilters() }, 'Clear filters'),
      ),
    );

    this.downloadButton = h('button', { type: 'button', class: 'secondary', onclick: () => void this.downloadCsv() }, 'Download CSV');
    this.tableRegion = h('div', { class: 'table-region', role: 'region', 'aria-labelledby': headingId, tabindex: 0 });

    this.element = h(
      'section',
      { class: 'panel report', 'aria-labelledby': headingId },
      h(
        'div',
        { class: 'panel-head' },
        h('h2', { id: headingId }, 'Negative inventory report'),
        h('div', { class: 'actions' }, this.downloadStatus, this.downloadButton),
      ),
      this.totals,
      this.charts,
      form,
      this.status,
      this.tableRegion,
      this.pager,
    );
  }

  /** Loads the first page. */
  start(): Promise<void> {
    return this.load();
  }

  /** Reloads the page shown (after an alert, say), keeping filters, page and expanded rows. */
  refresh(): Promise<void> {
    return this.load();
  }

  /** Highlights the row of this item at this shop for a few seconds (once it is on the page). */
  highlight(itemId: string, shopId: string): void {
    this.highlightedUntil.set(`${itemId}|${shopId}`, Date.now() + highlightMs);
  }

  /** The report's filters as the CSV export takes them. */
  csvQuery(): URLSearchParams {
    const query = new URLSearchParams();
    if (this.filter.shopId) query.set('shopId', this.filter.shopId);
    if (this.filter.search) query.set('search', this.filter.search);
    if (this.filter.reasons) query.set('reasons', this.filter.reasons.join(','));
    return query;
  }

  private readFilters(): ReportFilter {
    const reasons = [...this.reasonBoxes].filter(([, box]) => box.checked).map(([reason]) => reason);
    const search = this.searchInput.value.trim();
    return { shopId: this.shopSelect.value || null, search: search || null, reasons: reasons.length > 0 ? reasons : null };
  }

  private applyFilters(): void {
    const next = this.readFilters();
    if (JSON.stringify(next) === JSON.stringify(this.filter)) return;
    this.filter = next;
    this.pageCursors = [null];
    void this.load();
  }

  private clearFilters(): void {
    this.shopSelect.value = '';
    this.searchInput.value = '';
    for (const box of this.reasonBoxes.values()) box.checked = false;
    this.applyFilters();
  }

  private previousPage(): void {
    if (this.pageCursors.length > 1) this.pageCursors = this.pageCursors.slice(0, -1);
    void this.load();
  }

  private nextPage(after: string): void {
    this.pageCursors = [...this.pageCursors, after];
    void this.load();
  }

  private async load(): Promise<void> {
    const request = ++this.requestNumber;
    const filter = this.filter;
    const after = this.pageCursors.at(-1) ?? null;
    this.tableRegion.setAttribute('aria-busy', 'true');
    try {
      const [{ negativeInventoryReport: page }, bars] = await Promise.all([
        this.api.request(reportQuery, { ...filter, first: pageSize, after }),
        this.loadChartBars(filter),
      ]);
      if (request !== this.requestNumber) return;
      // The page we were on emptied (its rows were corrected): show the last one that has rows.
      if (page.edges.length === 0 && this.pageCursors.length > 1) {
        this.pageCursors = this.pageCursors.slice(0, -1);
        return this.load();
      }
      this.page = page;
      this.status.textContent = '';
      this.renderTotals(page);
      this.renderCharts(bars);
      this.renderTable(page);
      this.renderPager(page);
    } catch (error) {
      if (request !== this.requestNumber) return;
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return;
      this.status.textContent = `The report couldn't be loaded: ${plainMessage(error)}`;
    } finally {
      if (request === this.requestNumber) this.tableRegion.removeAttribute('aria-busy');
    }
  }

  /** Negative units by shop and by reason, for the report as filtered. */
  private async loadChartBars(filter: ReportFilter): Promise<{ byShop: Bar[]; byReason: Bar[] }> {
    const shops = filter.shopId ? this.shops.filter((shop) => shop.id === filter.shopId) : this.shops;
    const reasons = filter.reasons ?? negativeReasons;
    const wanted: { kind: 'shop' | 'reason'; label: string; tone: string; variables: ReportFilter }[] = [
      ...shops.map((shop, index) => ({
        kind: 'shop' as const,
        label: shop.name,
        tone: `tone-shop-${index % 6}`,
        variables: { shopId: shop.id, search: filter.search, reasons: filter.reasons },
      })),
      ...reasons.map((reason) => ({
        kind: 'reason' as const,
        label: reasonLabels[reason],
        tone: `tone-${reason.toLowerCase()}`,
        variables: { shopId: filter.shopId, search: filter.search, reasons: [reason] },
      })),
    ];
    const chunks: (typeof wanted)[] = [];
    for (let start = 0; start < wanted.length; start += barsPerRequest) chunks.push(wanted.slice(start, start + barsPerRequest));
    const values = (
      await Promise.all(
        chunks.map(async (chunk) => {
          const variables: Record<string, unknown> = {};
          chunk.forEach((bar, index) => {
            variables[`shop${index}`] = bar.variables.shopId;
            variables[`search${index}`] = bar.variables.search;
            variables[`reasons${index}`] = bar.variables.reasons;
          });
          const data = await this.api.request(reportTotalsQuery(chunk.length), variables);
          return chunk.map((_bar, index) => data[`a${index}`]?.totalNegativeUnits ?? 0);
        }),
      )
    ).flat();
    const bars = wanted.map((bar, index) => ({ kind: bar.kind, label: bar.label, tone: bar.tone, value: values[index] ?? 0 }));
    return {
      byShop: bars.filter((bar) => bar.kind === 'shop'),
      byReason: bars.filter((bar) => bar.kind === 'reason'),
    };
  }

  private renderTotals(page: ReportPage): void {
    this.totals.replaceChildren(
      h(
        'div',
        { class: 'stat' },
        h('span', { class: 'stat-value', 'data-testid': 'total-rows' }, String(page.totalCount)),
        h('span', { class: 'stat-label' }, 'items below zero'),
      ),
      h(
        'div',
        { class: 'stat' },
        h('span', { class: 'stat-value', 'data-testid': 'total-units' }, String(page.totalNegativeUnits)),
        h('span', { class: 'stat-label' }, 'negative units'),
      ),
      h('p', { class: 'generated' }, 'As of ', dateTime(page.generatedAt)),
    );
  }

  private renderCharts(bars: { byShop: Bar[]; byReason: Bar[] }): void {
    const byReason = [...bars.byReason];
    // Episodes that began some other way (none should): keep the bars adding up to the total.
    const other = (this.page?.totalNegativeUnits ?? 0) - byReason.reduce((sum, bar) => sum + bar.value, 0);
    if (!this.filter.reasons && other > 0) byReason.push({ label: 'Other', value: other, tone: 'tone-other' });
    this.charts.replaceChildren(
      barChart('Negative units by shop', bars.byShop, 'units'),
      barChart('Negative units by reason', byReason, 'units'),
    );
  }

  private renderTable(page: ReportPage): void {
    if (page.edges.length === 0) {
      const filtered = this.filter.shopId !== null || this.filter.search !== null || this.filter.reasons !== null;
      this.tableRegion.replaceChildren(
        h('p', { class: 'empty' }, filtered ? 'No item below zero matches these filters.' : 'No item is below zero. Nothing to correct.'),
      );
      return;
    }
    const now = Date.now();
    const body = h('tbody');
    for (const { node: row } of page.edges) {
      const key = rowKey(row);
      const detailsId = uniqueId('adjustments');
      const isExpanded = this.expanded.has(key);
      const firstReason = row.negativeAdjustments[0]?.reason;
      const toggle = h(
        'button',
        {
          type: 'button',
          class: 'link',
          'aria-expanded': String(isExpanded),
          'aria-controls': detailsId,
          onclick: () => {
            if (this.expanded.has(key)) this.expanded.delete(key);
            else this.expanded.add(key);
            if (this.page) this.renderTable(this.page);
          },
        },
        isExpanded ? 'Hide' : `Show ${row.negativeAdjustments.length}`,
      );
      const highlighted = (this.highlightedUntil.get(key) ?? 0) > now;
      body.append(
        h(
          'tr',
          { class: highlighted ? 'is-new' : '', 'data-item-id': row.item.id, 'data-shop-id': row.shop.id, 'data-sku': row.item.sku },
          h('td', { class: 'sku' }, row.item.sku),
          h('td', {}, row.item.name),
          h('td', {}, row.shop.name),
          h('td', { class: 'number negative' }, quantity(row.quantityOnHand)),
          h('td', {}, dateTime(row.wentNegativeAt)),
          h('td', {}, firstReason ? reasonLabels[firstReason] : '—'),
          h(
            'td',
            { class: 'number' },
            row.inTransitQuantity > 0
              ? h('strong', { title: 'Receive the transfer before counting' }, quantity(row.inTransitQuantity))
              : '0',
          ),
          h('td', {}, toggle),
        ),
      );
      if (isExpanded) {
        body.append(h('tr', { class: 'details', id: detailsId }, h('td', { colspan: 8 }, this.adjustmentsTable(row))));
      }
    }
    this.tableRegion.replaceChildren(
      h(
        'table',
        { class: 'rows' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'SKU'),
            h('th', { scope: 'col' }, 'Item'),
            h('th', { scope: 'col' }, 'Shop'),
            h('th', { scope: 'col', class: 'number' }, 'On hand'),
            h('th', { scope: 'col' }, 'Went negative'),
            h('th', { scope: 'col' }, 'Reason'),
            h('th', { scope: 'col', class: 'number' }, 'In transit'),
            h('th', { scope: 'col' }, 'Adjustments'),
          ),
        ),
        body,
      ),
    );
  }

  private adjustmentsTable(row: ReportRow): HTMLElement {
    return h(
      'table',
      { class: 'adjustments' },
      h('caption', {}, `Negative adjustments of ${row.item.sku} at ${row.shop.name}, oldest first`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Date'),
          h('th', { scope: 'col' }, 'Reason'),
          h('th', { scope: 'col', class: 'number' }, 'Change'),
          h('th', { scope: 'col', class: 'number' }, 'On hand after'),
          h('th', { scope: 'col' }, 'Employee'),
          h('th', { scope: 'col' }, 'Note'),
        ),
      ),
      h(
        'tbody',
        {},
        ...row.negativeAdjustments.map((adjustment) =>
          h(
            'tr',
            { 'data-adjustment-id': adjustment.id },
            h('td', {}, dateTime(adjustment.createdAt)),
            h('td', {}, reasonLabels[adjustment.reason]),
            h(
              'td',
              { class: 'number' },
              adjustment.quantityChange > 0 ? `+${quantity(adjustment.quantityChange)}` : quantity(adjustment.quantityChange),
            ),
            h('td', { class: 'number' }, quantity(adjustment.quantityAfter)),
            h('td', {}, adjustment.employee?.name ?? '—'),
            h('td', {}, adjustment.note ?? ''),
          ),
        ),
      ),
    );
  }

  private renderPager(page: ReportPage): void {
    const index = this.pageCursors.length - 1;
    const first = index * pageSize + 1;
    const last = index * pageSize + page.edges.length;
    const previous = h(
      'button',
      { type: 'button', class: 'secondary', disabled: index === 0, onclick: () => this.previousPage() },
      'Previous',
    );
    const next = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        disabled: !page.pageInfo.hasNextPage || !page.pageInfo.endCursor,
        onclick: () => {
          if (page.pageInfo.endCursor) this.nextPage(page.pageInfo.endCursor);
        },
      },
      'Next',
    );
    const summary = page.edges.length > 0 ? `Rows ${first}–${last} of ${page.totalCount}` : count(page.totalCount, 'row');
    this.pager.replaceChildren(previous, h('span', { class: 'page-summary' }, summary), next);
    this.pager.hidden = page.totalCount <= pageSize && index === 0;
  }

  private async downloadCsv(): Promise<void> {
    this.downloadButton.disabled = true;
    this.downloadStatus.textContent = 'Preparing the CSV…';
    try {
      const filename = await this.api.downloadCsv('/reports/negative-inventory.csv', this.csvQuery(), 'negative-inventory.csv');
      this.downloadStatus.textContent = `Downloaded ${filename}`;
    } catch (error) {
      this.downloadStatus.textContent = `The CSV couldn't be downloaded: ${plainMessage(error)}`;
    } finally {
      this.downloadButton.disabled = false;
    }
  }
}
