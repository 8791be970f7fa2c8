import type { EmployeeRole } from '../employees/employees.tables.js';

/** Who is calling, resolved from the bearer token once per request (or per graphql-ws connection). */
export type Caller =
  | { kind: 'operator' }
  | {
      kind: 'employee';
      accountId: string;
      employeeId: string;
      role: EmployeeRole;
      sessionId: string;
      /** The setting copied onto the session at sign-in; it, not the account's, governs writes. */
      negativeInventoryEnabled: boolean;
      /** When the session ends: live connections opened with it are closed then. */
      sessionExpiresAt: Date;
    }
  | { kind: 'apiKey'; accountId: string; apiKeyId: string };

export type AccountCaller = Extract<Caller, { accountId: string }>;
export type EmployeeCaller = Extract<Caller, { kind: 'employee' }>;
