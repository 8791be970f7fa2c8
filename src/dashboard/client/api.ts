import type { Operation } from './operations.js';

// The dashboard's HTTP client: GraphQL over fetch and the CSV export. The token lives in
// sessionStorage (TokenStore): it goes with the tab, not with the browser, and is gone when the
// tab closes.

export interface ApiErrorDetail {
  message: string;
  code: string | null;
  extensions: Record<string, unknown>;
}

/** The request failed: GraphQL errors (with extensions.code), a bad HTTP status or no network. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly errors: ApiErrorDetail[],
    readonly kind: 'graphql' | 'http' | 'network',
  ) {
    super(message);
  }

  get code(): string | null {
    return this.errors[0]?.code ?? null;
  }
}

export type TokenKind = 'session' | 'apiKey';

/** The token of this tab: an employee's session, or a pasted partner API key (read-only). */
export class TokenStore {
  private static readonly tokenKey = 'negative-inventory-dashboard.token';
  private static readonly kindKey = 'negative-inventory-dashboard.token-kind';

  constructor(private readonly storage: Storage) {}

  get token(): string | null {
    return this.storage.getItem(TokenStore.tokenKey);
  }

  get kind(): TokenKind {
    return this.storage.getItem(TokenStore.kindKey) === 'apiKey' ? 'apiKey' : 'session';
  }

  set(token: string, kind: TokenKind): void {
    this.storage.setItem(TokenStore.tokenKey, token);
    this.storage.setItem(TokenStore.kindKey, kind);
  }

  clear(): void {
    this.storage.removeItem(TokenStore.tokenKey);
    this.storage.removeItem(TokenStore.kindKey);
  }
}

interface GraphQLResponseBody {
  data?: unknown;
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

function details(errors: GraphQLResponseBody['errors']): ApiErrorDetail[] {
  return (errors ?? []).map((error) => {
    const extensions = error.extensions ?? {};
    const code = extensions['code'];
    return { message: String(error.message ?? 'Unknown error'), code: typeof code === 'string' ? code : null, extensions };
  });
}

export class ApiClient {
  constructor(
    private readonly tokens: TokenStore,
    /** Called when the server no longer accepts the token (expired, signed out elsewhere, revoked). */
    private readonly onUnauthenticated: () => void,
    private readonly endpoint = '/graphql',
  ) {}

  private authorization(): Record<string, string> {
    const token = this.tokens.token;
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  /** Runs an operation; any GraphQL error is thrown as an ApiError (domain errors come as data). */
  request<Data, Variables>(operation: Operation<Data, Variables>, variables: Variables): Promise<Data> {
    return this.send(operation, variables, this.authorization(), true);
  }

  /** Runs an operation with a token that isn't this tab's (yet): to check a pasted API key. */
  requestWithToken<Data, Variables>(operation: Operation<Data, Variables>, variables: Variables, token: string): Promise<Data> {
    return this.send(operation, variables, { authorization: `Bearer ${token}` }, false);
  }

  private async send<Data, Variables>(
    operation: Operation<Data, Variables>,
    variables: Variables,
    authorization: Record<string, string>,
    ownToken: boolean,
  ): Promise<Data> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // Plain JSON: errors come with status 200, so an expected one (a bad token) is no
          // "failed to load resource" in the console.
          accept: 'application/json',
          ...authorization,
        },
        body: JSON.stringify({ query: operation.query, operationName: operation.name, variables }),
      });
    } catch {
      throw new ApiError("Couldn't reach the server. Check the connection and try again.", [], 'network');
    }
    let body: GraphQLResponseBody;
    try {
      body = (await response.json()) as GraphQLResponseBody;
    } catch {
      throw new ApiError(`The server answered ${response.status} ${response.statusText}.`, [], 'http');
    }
    if (body.errors?.length) {
      const errors = details(body.errors);
      if (ownToken && errors.some((error) => error.code === 'UNAUTHENTICATED')) this.onUnauthenticated();
      throw new ApiError(errors.map((error) => error.message).join(' '), errors, 'graphql');
    }
    if (!response.ok || body.data === undefined || body.data === null) {
      throw new ApiError(`The server answered ${response.status} ${response.statusText}.`, [], 'http');
    }
    return body.data as Data;
  }

  /**
   * Downloads a CSV export. A plain link can't send the Authorization header, so the file is
   * fetched with it and handed to the browser as a Blob URL.
   */
  async downloadCsv(path: string, query: URLSearchParams, fallbackName: string): Promise<string> {
    let response: Response;
    try {
      response = await fetch(`${path}?${query.toString()}`, { headers: { accept: 'text/csv', ...this.authorization() } });
    } catch {
      throw new ApiError("Couldn't reach the server. Check the connection and try again.", [], 'network');
    }
    if (!response.ok) {
      let errors: ApiErrorDetail[] = [];
      try {
        errors = details(((await response.json()) as GraphQLResponseBody).errors);
      } catch {
        // Not JSON: the status says enough.
      }
      if (response.status === 401) this.onUnauthenticated();
      throw new ApiError(errors[0]?.message ?? `The export failed (${response.status}).`, errors, 'http');
    }
    const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
    const url = URL.createObjectURL(await response.blob());
    try {
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
    } finally {
      // The download has its own reference to the data once it has started.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }
    return filename;
  }
}

/** A message for a person, from whatever a request threw. */
export function plainMessage(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'UNAUTHENTICATED':
        return 'Your session has ended. Sign in again.';
      case 'FORBIDDEN':
        return "Your role can't do this.";
      case 'RATE_LIMITED': {
        const seconds = error.errors[0]?.extensions['retryAfterSeconds'];
        return typeof seconds === 'number'
          ? `Too many attempts. Try again in ${seconds} seconds.`
          : 'Too many attempts. Try again in a minute.';
      }
      default:
        return error.message;
    }
  }
  return 'Something went wrong. Reload the page and try again.';
}
