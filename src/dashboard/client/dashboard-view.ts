import type { ApiClient, TokenKind } from './api.js';
import { AlertsPanel } from './alerts-panel.js';
import { BreakdownView } from './breakdown-view.js';
import { debounce, h } from './dom.js';
import type { EmployeeRole, Shop, Viewer } from './operations.js';
import { ReportView } from './report-view.js';
import { SettingsPanel } from './settings-panel.js';

// The signed-in page: a header, the report (with its chart), the breakdown of negative episodes,
// live alerts and the setting. A new alert highlights its row and refreshes the report, the
// breakdown and whether the alerts shown were resolved.

const roleNames: Record<EmployeeRole, string> = { ADMIN: 'Admin', MANAGER: 'Manager', CASHIER: 'Cashier' };

export interface DashboardViewOptions {
  api: ApiClient;
  token: string;
  tokenKind: TokenKind;
  viewer: Viewer;
  shops: Shop[];
  onSignOut(): void;
  onUnauthenticated(): void;
}

export class DashboardView {
  readonly element: HTMLElement;
  readonly report: ReportView;
  readonly breakdown: BreakdownView;
  readonly alerts: AlertsPanel;
  readonly settings: SettingsPanel;
  private readonly refreshReportSoon: ReturnType<typeof debounce<[]>>;

  constructor(options: DashboardViewOptions) {
    const { viewer } = options;
    this.report = new ReportView(options.api, options.shops);
    // Several alerts from one sale arrive together: one refresh for all of them.
    this.breakdown = new BreakdownView(options.api, options.shops);
    this.refreshReportSoon = debounce(() => {
      void this.report.refresh();
      void this.breakdown.refresh();
      void this.alerts.refreshResolutions();
    }, 250);
    this.alerts = new AlertsPanel({
      api: options.api,
      token: options.token,
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      onNewAlert: (alert) => {
        this.report.highlight(alert.item.id, alert.shop.id);
        this.refreshReportSoon();
      },
      onUnauthenticated: options.onUnauthenticated,
    });
    this.settings = new SettingsPanel({ api: options.api, viewer, onSignInAgain: options.onSignOut });

    const who = viewer.employee
      ? h('span', { class: 'who' }, h('strong', {}, viewer.employee.name), ` · ${roleNames[viewer.employee.role]}`)
      : h('span', { class: 'who' }, h('strong', {}, 'Partner API key'), ' · read-only');
    this.element = h(
      'div',
      { class: 'dashboard' },
      h(
        'header',
        { class: 'top' },
        h('div', {}, h('h1', {}, 'Negative inventory'), h('p', { class: 'account', 'data-testid': 'account-name' }, viewer.account.name)),
        h(
          'div',
          { class: 'user' },
          who,
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => options.onSignOut() },
            options.tokenKind === 'apiKey' ? 'Forget the key' : 'Sign out',
          ),
        ),
      ),
      h(
        'main',
        { class: 'layout' },
        h('div', { class: 'area-report' }, this.report.element, this.breakdown.element),
        h('div', { class: 'area-alerts' }, this.alerts.element),
        h('div', { class: 'area-settings' }, this.settings.element),
      ),
    );
  }

  start(): void {
    void this.report.start();
    void this.breakdown.start();
    void this.alerts.start();
  }

  destroy(): void {
    this.refreshReportSoon.cancel();
    this.alerts.stop();
  }
}
