import { plainMessage, type ApiClient } from './api.js';
import { AlertStream, type ConnectionState, type StreamFailure } from './alert-stream.js';
import { h, uniqueId } from './dom.js';
import { quantity, reasonLabels, timeOfDay } from './format.js';
import { alertHistoryQuery, alertResolutionsQuery, latestAlertsQuery, type Alert, type ResultOf } from './operations.js';

// Live alerts: the latest ones from the history (Query.negativeInventoryAlerts), then each new one
// as it happens (Subscription.negativeInventoryAlerts, resumed with `after` across drops), newest
// on top and highlighted. A visible, announced connection state says whether the list is live.
// Each alert says whether its item is still below zero or when it was resolved: the history carries
// resolvedAt, live alerts arrive unresolved, and refreshResolutions() re-reads it for those shown.

/** Alerts kept on screen. */
const maxShown = 50;
const historyPageSize = 100;
const highlightMs = 10_000;

type HistoryPage = ResultOf<typeof alertHistoryQuery>['negativeInventoryAlerts'];

const stateText: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Not connected',
};

export interface AlertsPanelOptions {
  api: ApiClient;
  token: string;
  /** ws:// or wss:// URL of /graphql. */
  url: string;
  /** A new alert arrived (not one from the history loaded at start). */
  onNewAlert(alert: Alert): void;
  onUnauthenticated(): void;
}

export class AlertsPanel {
  readonly element: HTMLElement;
  /** Alerts delivered by the stream, and ones it delivered again (should stay 0). */
  received = 0;
  duplicatesDropped = 0;

  private stream: AlertStream | null = null;
  private readonly seen = new Set<string>();
  /** The resolution line of each alert shown, by alert id. */
  private readonly resolutions = new Map<string, HTMLElement>();
  private resolutionsRequest = 0;
  private readonly list = h('ol', { class: 'alerts', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  private readonly connection = h('span', { class: 'connection', 'data-state': 'connecting', role: 'status' }, stateText.connecting);
  private readonly message = h('p', { class: 'status' });
  private readonly empty = h('p', { class: 'empty' }, 'No alerts yet. Each item that goes below zero shows up here at once.');
  /** Alerts are handled one at a time, in the order they came (a backfill may be awaited). */
  private queue: Promise<void> = Promise.resolve();
  private backfilled = false;
  private badCursorRestarts = 0;
  private stopped = false;

  constructor(private readonly options: AlertsPanelOptions) {
    const headingId = uniqueId('alerts');
    this.element = h(
      'section',
      { class: 'panel alerts-panel', 'aria-labelledby': headingId },
      h('div', { class: 'panel-head' }, h('h2', { id: headingId }, 'Live alerts'), this.connection),
      h('p', { class: 'hint' }, 'Items that just went below zero, newest first.'),
      this.message,
      this.empty,
      this.list,
    );
  }

  get cursor(): string | null {
    return this.stream?.cursor ?? null;
  }

  get connectionState(): ConnectionState {
    return this.stream?.state ?? 'connecting';
  }

  get resumedFrom(): (string | null)[] {
    return this.stream?.resumedFrom ?? [];
  }

  async start(): Promise<void> {
    let lastCursor: string | null;
    try {
      lastCursor = await this.loadHistory();
    } catch (error) {
      if (this.stopped) return;
      this.message.textContent = `The alerts couldn't be loaded: ${plainMessage(error)}`;
      this.showState('stopped');
      return;
    }
    if (this.stopped) return;
    this.stream = new AlertStream({
      url: this.options.url,
      token: this.options.token,
      after: lastCursor,
      onAlert: (alert, resumedFrom) => {
        this.queue = this.queue.then(() => this.handle(alert, resumedFrom));
      },
      onState: (state) => this.showState(state),
      onFailure: (failure) => this.failed(failure),
    });
    this.stream.start();
  }

  stop(): void {
    this.stopped = true;
    this.stream?.stop();
  }

  /** For the debug hook: cut the live connection and hold it down until resume(). */
  dropConnection(): void {
    this.stream?.drop();
  }

  resumeConnection(): void {
    this.stream?.resume();
  }

  /** Re-reads when the alerts shown were resolved (the newest ones from the history: all of them). */
  async refreshResolutions(): Promise<void> {
    const request = ++this.resolutionsRequest;
    let edges;
    try {
      ({ edges } = (await this.options.api.request(alertResolutionsQuery, { last: maxShown })).negativeInventoryAlerts);
    } catch {
      // The next refresh tries again; the report says when the server can't be reached.
      return;
    }
    if (request !== this.resolutionsRequest || this.stopped) return;
    for (const { node } of edges) {
      const line = this.resolutions.get(node.id);
      if (line) this.renderResolution(line, node.resolvedAt);
    }
  }

  private renderResolution(line: HTMLElement, resolvedAt: string | null | undefined): void {
    line.dataset['resolved'] = String(Boolean(resolvedAt));
    if (resolvedAt) line.replaceChildren('Resolved ', timeOfDay(resolvedAt));
    else line.replaceChildren('Still below zero');
  }

  private async historyPage(after: string | null): Promise<HistoryPage> {
    return (await this.options.api.request(alertHistoryQuery, { first: historyPageSize, after })).negativeInventoryAlerts;
  }

  /** Shows the newest alerts from the history; returns the cursor to resume the live stream after. */
  private async loadHistory(): Promise<string | null> {
    const { edges } = (await this.options.api.request(latestAlertsQuery, { last: maxShown })).negativeInventoryAlerts;
    this.list.replaceChildren();
    this.resolutions.clear();
    for (const { node } of edges) this.show(node, false);
    return edges.at(-1)?.node.cursor ?? null;
  }

  /**
   * A connection opened without a cursor (the account had no alert yet) starts at "now" on the
   * server, a moment after the history was read: an alert committed in between would be missed.
   * The first alert it delivers closes that gap: every alert before it is read from the history.
   */
  private async backfillBefore(alert: Alert): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const page = await this.historyPage(after);
      for (const { node } of page.edges) {
        if (node.id === alert.id) return;
        if (!this.seen.has(node.id)) this.show(node, true);
      }
      after = page.edges.at(-1)?.node.cursor ?? after;
      if (!page.pageInfo.hasNextPage) return;
    }
  }

  private async handle(alert: Alert, resumedFrom: string | null): Promise<void> {
    if (this.stopped) return;
    this.received += 1;
    if (resumedFrom === null && !this.backfilled) {
      this.backfilled = true;
      try {
        await this.backfillBefore(alert);
      } catch {
        // The history couldn't be read: the live alert still shows; a reload fills the gap.
      }
    }
    if (this.seen.has(alert.id)) {
      this.duplicatesDropped += 1;
      return;
    }
    this.show(alert, true);
    this.options.onNewAlert(alert);
  }

  private show(alert: Alert, isNew: boolean): void {
    this.seen.add(alert.id);
    this.empty.hidden = true;
    const entry = h(
      'li',
      { class: isNew ? 'alert is-new' : 'alert', 'data-alert-id': alert.id, 'data-cursor': alert.cursor },
      h('p', { class: 'alert-title' }, h('span', { class: 'sku' }, alert.item.sku), ' ', alert.item.name),
      h(
        'p',
        { class: 'alert-detail' },
        `${alert.shop.name}: ${quantity(alert.quantityBefore)} → `,
        h('strong', { class: 'negative' }, quantity(alert.quantityAfter)),
        ` · ${reasonLabels[alert.reason]} · `,
        timeOfDay(alert.occurredAt),
      ),
    );
    const resolution = h('p', { class: 'alert-resolution', 'data-testid': 'alert-resolution' });
    this.renderResolution(resolution, alert.resolvedAt);
    this.resolutions.set(alert.id, resolution);
    entry.append(resolution);
    if (isNew) {
      entry.prepend(h('span', { class: 'badge' }, 'New'));
      setTimeout(() => {
        entry.classList.remove('is-new');
        entry.querySelector('.badge')?.remove();
      }, highlightMs);
    }
    this.list.prepend(entry);
    while (this.list.children.length > maxShown) {
      const last = this.list.lastElementChild;
      if (!(last instanceof HTMLElement)) break;
      this.resolutions.delete(last.dataset['alertId'] ?? '');
      last.remove();
    }
  }

  private showState(state: ConnectionState): void {
    this.connection.dataset['state'] = state;
    this.connection.textContent = stateText[state];
    if (state === 'live') this.message.textContent = '';
    if (state === 'reconnecting')
      this.message.textContent = 'The connection dropped. Alerts raised meanwhile will show up when it is back.';
  }

  private failed(failure: StreamFailure): void {
    if (this.stopped) return;
    switch (failure) {
      case 'unauthenticated':
        this.options.onUnauthenticated();
        return;
      case 'bad-cursor':
        // Our cursor isn't one of this account's (the data was reset?): start over from the history.
        this.badCursorRestarts += 1;
        if (this.badCursorRestarts <= 2) {
          void this.start();
          return;
        }
        this.message.textContent = 'Live alerts stopped: the server refused to resume them. Reload the page.';
        return;
      case 'refused':
        this.message.textContent = 'Live alerts are not available from this server. The report still works: reload it to update.';
        return;
    }
  }
}
