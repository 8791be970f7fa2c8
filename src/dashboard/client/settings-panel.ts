import { ApiError, plainMessage, type ApiClient } from './api.js';
import { h, uniqueId } from './dom.js';
import { count, dateTime, quantity } from './format.js';
import { setOptionalModuleMutation, viewerQuery, type OptionalModuleSetting, type Viewer } from './operations.js';

// Settings > Optional modules > Negative inventory, as the help article describes it: its state
// (on, off, or always on for newer accounts), the switch for an admin, and the rule that signed-in
// employees keep the setting they signed in with until they sign out and back in.

export interface SettingsPanelOptions {
  api: ApiClient;
  viewer: Viewer;
  /** Sign out, so that the next sign-in picks up the account's current setting. */
  onSignInAgain(): void;
}

function negativeInventory(viewer: Viewer): OptionalModuleSetting | undefined {
  return viewer.account.optionalModules.find((setting) => setting.module === 'NEGATIVE_INVENTORY');
}

export class SettingsPanel {
  readonly element: HTMLElement;
  private viewer: Viewer;
  private readonly body = h('div', { class: 'settings-body' });
  /** The outcome of the last save: kept across re-renders until the next one. */
  private readonly outcome = h('div', { class: 'outcome', role: 'status', 'aria-live': 'polite' });

  constructor(private readonly options: SettingsPanelOptions) {
    this.viewer = options.viewer;
    const headingId = uniqueId('settings');
    this.element = h(
      'section',
      { class: 'panel settings-panel', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, 'Negative inventory setting'),
      this.body,
      this.outcome,
    );
    this.render();
  }

  /** Re-reads the viewer (the setting, and whether this session is outdated). */
  async refresh(): Promise<void> {
    try {
      this.viewer = (await this.options.api.request(viewerQuery, {})).viewer;
      this.render();
    } catch {
      // The rest of the page reports the connection problem; this panel keeps what it showed.
    }
  }

  private render(): void {
    const setting = negativeInventory(this.viewer);
    if (!setting) {
      this.body.replaceChildren(h('p', {}, 'This account has no negative inventory setting.'));
      return;
    }
    const stateLabel = setting.locked ? 'Always on' : setting.enabled ? 'On' : 'Off';
    const state = h(
      'p',
      { class: 'setting-state' },
      'Negative inventory is ',
      h('strong', { 'data-testid': 'module-state', 'data-state': setting.locked ? 'locked' : setting.enabled ? 'on' : 'off' }, stateLabel),
      '.',
    );
    const explanation = setting.locked
      ? h('p', { class: 'hint' }, "Newer accounts always allow negative inventory: it can't be turned off.")
      : h(
          'p',
          { class: 'hint' },
          setting.enabled
            ? 'Sales, transfers and vendor returns may take quantities below zero. To turn it off, first correct every item below zero.'
            : 'Selling more than is on hand is refused. Turn it on to keep selling and correct the quantities later.',
        );
    const changed = h('p', { class: 'hint' }, 'Changed ', dateTime(setting.updatedAt), '.');

    const children: Node[] = [state, explanation, changed];
    const session = this.viewer.session;
    if (session) {
      children.push(
        h(
          'p',
          { class: 'session-state' },
          `Your session (signed in `,
          dateTime(session.createdAt),
          `) has negative inventory ${session.negativeInventoryEnabled ? 'on' : 'off'}.`,
        ),
      );
      if (session.settingsOutdated) {
        children.push(
          h(
            'div',
            { class: 'notice', 'data-testid': 'settings-outdated' },
            h('p', {}, 'The setting changed after you signed in. Your session keeps the old one until you sign out and sign in again.'),
            h('button', { type: 'button', onclick: () => this.options.onSignInAgain() }, 'Sign out to apply it'),
          ),
        );
      }
    }

    const role = this.viewer.employee?.role;
    if (!setting.locked && role === 'ADMIN') {
      children.push(this.switchForm(setting));
    } else if (!setting.locked) {
      children.push(
        h(
          'p',
          { class: 'hint' },
          role ? 'Only an admin can change this setting.' : 'A partner API key can only read: sign in as an admin to change this setting.',
        ),
      );
    }
    this.body.replaceChildren(...children);
  }

  /** A switch and "Save changes", as in the back office. */
  private switchForm(setting: OptionalModuleSetting): HTMLFormElement {
    const switchId = uniqueId('module-switch');
    const toggle = h('input', { id: switchId, type: 'checkbox', role: 'switch', checked: setting.enabled, class: 'switch' });
    const save = h('button', { type: 'submit', disabled: true }, 'Save changes');
    toggle.addEventListener('change', () => {
      save.disabled = toggle.checked === setting.enabled;
    });
    return h(
      'form',
      {
        class: 'switch-form',
        onsubmit: (event) => {
          event.preventDefault();
          save.disabled = true;
          void this.save(toggle.checked).finally(() => {
            save.disabled = toggle.checked === (negativeInventory(this.viewer)?.enabled ?? setting.enabled);
          });
        },
      },
      h('label', { for: switchId, class: 'switch-label' }, toggle, ' Allow negative inventory'),
      save,
    );
  }

  private async save(enabled: boolean): Promise<void> {
    this.outcome.replaceChildren(h('p', {}, 'Saving…'));
    let message: HTMLElement;
    try {
      const { setOptionalModule: result } = await this.options.api.request(setOptionalModuleMutation, {
        input: { module: 'NEGATIVE_INVENTORY', enabled },
      });
      switch (result.__typename) {
        case 'SetOptionalModulePayload': {
          const sessions = result.sessionsToRefresh;
          message = h(
            'div',
            { class: 'success', 'data-testid': 'settings-outcome' },
            h('p', {}, `Saved: negative inventory is now ${result.setting.enabled ? 'on' : 'off'}.`),
            h(
              'p',
              {},
              sessions === 0
                ? 'Every signed-in employee already has this setting.'
                : sessions === 1
                  ? '1 signed-in session keeps the old setting until its employee signs out and signs in again.'
                  : `${count(sessions, 'signed-in session')} keep the old setting until their employees sign out and sign in again.`,
            ),
          );
          break;
        }
        case 'NegativeInventoryOutstandingError': {
          const items = result.negativeItemCount;
          message = h(
            'div',
            { class: 'error', role: 'alert', 'data-testid': 'settings-outcome' },
            // The API's own words ("… while 3 items are below zero: correct them first."), then which.
            h('p', {}, result.message),
            h(
              'ul',
              { class: 'blockers', 'aria-label': 'Items below zero', 'data-testid': 'blockers' },
              ...result.blockers.map((row) =>
                h(
                  'li',
                  { 'data-sku': row.item.sku, 'data-shop-id': row.shop.id },
                  h('span', { class: 'sku' }, row.item.sku),
                  ' ',
                  row.item.name,
                  h('span', { class: 'blocker-where' }, ` at ${row.shop.name}: `),
                  h('strong', { class: 'negative' }, quantity(row.quantityOnHand)),
                ),
              ),
            ),
            result.blockers.length < items
              ? h('p', { class: 'hint' }, `And ${count(items - result.blockers.length, 'more item')}: the report lists them all.`)
              : null,
            h('p', { class: 'hint' }, 'Receive any transfer in transit first, then count the items. Nothing was changed.'),
          );
          break;
        }
        case 'ModuleLockedError':
          message = h(
            'div',
            { class: 'error', role: 'alert', 'data-testid': 'settings-outcome' },
            h('p', {}, "Negative inventory can't be turned off on this account: newer accounts always have it on."),
          );
          break;
      }
    } catch (error) {
      const text =
        error instanceof ApiError && error.code === 'FORBIDDEN'
          ? 'Only an admin can change this setting.'
          : `The setting wasn't saved: ${plainMessage(error)}`;
      message = h('div', { class: 'error', role: 'alert', 'data-testid': 'settings-outcome' }, h('p', {}, text));
    }
    await this.refresh();
    this.outcome.replaceChildren(message);
  }
}
