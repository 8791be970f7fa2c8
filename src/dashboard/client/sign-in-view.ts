import { ApiError, plainMessage, type ApiClient, type TokenKind, type TokenStore } from './api.js';
import { h, uniqueId } from './dom.js';
import { signInMutation, viewerQuery } from './operations.js';

// Signing in: an employee's e-mail and password (signIn), or a partner API key pasted for a
// read-only view. Either way the token goes to sessionStorage (TokenStore).

export interface SignInViewOptions {
  api: ApiClient;
  tokens: TokenStore;
  /** Shown above the form: why we are here (signed out, session ended…). */
  notice?: string;
  email?: string;
  onSignedIn(kind: TokenKind): void;
}

export function signInView(options: SignInViewOptions): HTMLElement {
  const emailId = uniqueId('email');
  const passwordId = uniqueId('password');
  const keyId = uniqueId('api-key');
  const error = h('p', { class: 'error', role: 'alert' });
  const keyError = h('p', { class: 'error', role: 'alert' });
  const email = h('input', {
    id: emailId,
    name: 'email',
    type: 'email',
    autocomplete: 'username',
    required: true,
    value: options.email ?? '',
  });
  const password = h('input', { id: passwordId, name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const apiKey = h('input', { id: keyId, name: 'apiKey', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true });
  const openWithKey = h('button', { type: 'submit', class: 'secondary' }, 'Open the read-only view');

  const signIn = async () => {
    error.textContent = '';
    submit.disabled = true;
    try {
      const { signIn: result } = await options.api.request(signInMutation, {
        input: { email: email.value.trim(), password: password.value },
      });
      if (result.__typename === 'InvalidCredentialsError') {
        error.textContent = "That e-mail and password don't match an employee. Check them and try again.";
        password.select();
        return;
      }
      if (result.__typename === 'ValidationError') {
        error.textContent = result.message;
        return;
      }
      options.tokens.set(result.token, 'session');
      options.onSignedIn('session');
    } catch (caught) {
      error.textContent = plainMessage(caught);
    } finally {
      submit.disabled = false;
    }
  };

  const useApiKey = async () => {
    keyError.textContent = '';
    openWithKey.disabled = true;
    const key = apiKey.value.trim();
    try {
      await options.api.requestWithToken(viewerQuery, {}, key);
      options.tokens.set(key, 'apiKey');
      options.onSignedIn('apiKey');
    } catch (caught) {
      keyError.textContent =
        caught instanceof ApiError && caught.code === 'UNAUTHENTICATED' ? "That key isn't valid, or it was revoked." : plainMessage(caught);
    } finally {
      openWithKey.disabled = false;
    }
  };

  const headingId = uniqueId('sign-in');
  return h(
    'main',
    { class: 'sign-in' },
    h(
      'section',
      { class: 'panel', 'aria-labelledby': headingId },
      h('h1', { id: headingId }, 'Negative inventory'),
      h(
        'p',
        { class: 'hint' },
        'Items sold or sent below zero, live, for every shop of your account. Sign in with your back-office account.',
      ),
      options.notice ? h('p', { class: 'notice', role: 'status' }, options.notice) : null,
      h(
        'form',
        {
          class: 'stacked',
          'aria-label': 'Sign in',
          onsubmit: (event) => {
            event.preventDefault();
            void signIn();
          },
        },
        h('div', { class: 'field' }, h('label', { for: emailId }, 'E-mail'), email),
        h('div', { class: 'field' }, h('label', { for: passwordId }, 'Password'), password),
        error,
        submit,
      ),
      h(
        'details',
        { class: 'api-key' },
        h('summary', {}, 'Use a partner API key instead'),
        h(
          'form',
          {
            class: 'stacked',
            'aria-label': 'Open with a partner API key',
            onsubmit: (event) => {
              event.preventDefault();
              void useApiKey();
            },
          },
          h('p', { class: 'hint' }, 'A key an admin created for reconciliation shows the report and the alerts, read-only.'),
          h('div', { class: 'field' }, h('label', { for: keyId }, 'API key'), apiKey),
          keyError,
          openWithKey,
        ),
      ),
    ),
  );
}
