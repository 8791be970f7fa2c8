import './styles.css';
import { ApiClient, ApiError, plainMessage, TokenStore } from './api.js';
import type { ConnectionState } from './alert-stream.js';
import { DashboardView } from './dashboard-view.js';
import { h } from './dom.js';
import { signOutMutation, viewerQuery } from './operations.js';
import { signInView } from './sign-in-view.js';

// The dashboard's entry point: the sign-in form or the dashboard, depending on the token of this
// tab; and window.__dashboard, a small hook for checking the live stream from the console or a test.

export interface DashboardDebug {
  /** Cuts the live connection as a network failure would; it stays down until resumeConnection(). */
  dropConnection(): void;
  resumeConnection(): void;
  state(): {
    signedIn: boolean;
    connection: ConnectionState | null;
    cursor: string | null;
    resumedFrom: (string | null)[];
    alertsReceived: number;
    duplicatesDropped: number;
  };
}

declare global {
  interface Window {
    __dashboard?: DashboardDebug;
  }
}

const root = document.getElementById('app') ?? document.body;
const tokens = new TokenStore(sessionStorage);
let dashboard: DashboardView | null = null;

const api = new ApiClient(tokens, () => {
  // Several requests may fail together: act on the first.
  if (!tokens.token) return;
  tokens.clear();
  showSignIn('Your session has ended. Sign in again.');
});

function leaveDashboard(): void {
  dashboard?.destroy();
  dashboard = null;
}

function showSignIn(notice?: string): void {
  leaveDashboard();
  document.title = 'Sign in · Negative inventory';
  root.replaceChildren(signInView({ api, tokens, notice, onSignedIn: () => void showDashboard() }));
  root.querySelector<HTMLInputElement>('input[type=email]')?.focus();
}

async function signOut(): Promise<void> {
  if (tokens.kind === 'session' && tokens.token) {
    try {
      await api.request(signOutMutation, {});
    } catch {
      // Signed out on the server already, or unreachable: forgetting the token is what matters here.
    }
  }
  tokens.clear();
  showSignIn('You are signed out.');
}

async function showDashboard(): Promise<void> {
  leaveDashboard();
  const token = tokens.token;
  if (!token) return showSignIn();
  root.replaceChildren(h('p', { class: 'loading' }, 'Loading the dashboard…'));
  let data;
  try {
    data = await api.request(viewerQuery, {});
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return; // showSignIn ran already
    root.replaceChildren(
      h(
        'main',
        { class: 'sign-in' },
        h(
          'section',
          { class: 'panel' },
          h('h1', {}, 'Negative inventory'),
          h('p', { class: 'error', role: 'alert' }, `The dashboard couldn't be loaded: ${plainMessage(error)}`),
          h('button', { type: 'button', onclick: () => void showDashboard() }, 'Try again'),
        ),
      ),
    );
    return;
  }
  document.title = `${data.viewer.account.name} · Negative inventory`;
  dashboard = new DashboardView({
    api,
    token,
    tokenKind: tokens.kind,
    viewer: data.viewer,
    shops: data.shops,
    onSignOut: () => void signOut(),
    onUnauthenticated: () => {
      tokens.clear();
      showSignIn('Your session has ended. Sign in again.');
    },
  });
  root.replaceChildren(dashboard.element);
  dashboard.start();
}

window.__dashboard = {
  dropConnection: () => dashboard?.alerts.dropConnection(),
  resumeConnection: () => dashboard?.alerts.resumeConnection(),
  state: () => ({
    signedIn: dashboard !== null,
    connection: dashboard ? dashboard.alerts.connectionState : null,
    cursor: dashboard?.alerts.cursor ?? null,
    resumedFrom: dashboard?.alerts.resumedFrom ?? [],
    alertsReceived: dashboard?.alerts.received ?? 0,
    duplicatesDropped: dashboard?.alerts.duplicatesDropped ?? 0,
  }),
};

void showDashboard();
