import type { Selectable } from 'kysely';
import { z } from 'zod';
import { AccountRef } from '../accounts/accounts.schema.js';
import { loadAccount, moduleSettingsLoader } from '../accounts/accounts.loader.js';
import { accountCaller, employeeCaller } from '../context.js';
import { EmployeeRef, employeeEmailGrant, type EmployeeRow } from '../employees/employees.schema.js';
import { employeeLoader } from '../employees/employees.loader.js';
import { InvalidCredentialsError, NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { decodeId } from '../node/global-id.js';
import { loadNodes } from '../db/loader.js';
import { builder } from '../schema/builder.js';
import { DateTime } from '../schema/scalars.js';
import { apiKeyLoader } from './auth.loader.js';
import { createApiKey, revokeApiKey, signIn, signOut } from './auth.service.js';
import { findSession, listApiKeys } from './auth.sql.js';
import type { ApiKeysTable, SessionsTable } from './auth.tables.js';
import type { AccountCaller } from './viewer.js';

type SessionRow = Selectable<SessionsTable>;
type ApiKeyRow = Selectable<ApiKeysTable>;

export const SessionRef = builder.objectRef<SessionRow>('Session').implement({
  description: 'A signed-in session. It keeps the optional-module settings that held when it signed in.',
  fields: (t) => ({
    negativeInventoryEnabled: t.exposeBoolean('negative_inventory_enabled'),
    settingsOutdated: t.boolean({
      description: "True when the account's settings changed after this session signed in: sign out and in to apply them.",
      resolve: async (session, _args, context) => {
        const settings = await moduleSettingsLoader(context).load(session.account_id);
        const current = settings.find((setting) => setting.module === 'NEGATIVE_INVENTORY');
        return current !== undefined && current.enabled !== session.negative_inventory_enabled;
      },
    }),
    createdAt: t.expose('created_at', { type: DateTime }),
    expiresAt: t.expose('expires_at', { type: DateTime }),
  }),
});

export const ApiKeyRef = builder.node(builder.objectRef<ApiKeyRow>('ApiKey'), {
  description: 'A read-only partner token. The token itself is shown once, at creation, and stored only as a hash.',
  // Admins only, wherever a key is reached; `node` answers null for a key's ID to anyone else.
  authScopes: { admin: true },
  id: { resolve: (key) => key.id },
  loadMany: loadNodes(apiKeyLoader),
  fields: (t) => ({
    name: t.exposeString('name'),
    createdAt: t.expose('created_at', { type: DateTime }),
    lastUsedAt: t.expose('last_used_at', { type: DateTime, nullable: true }),
    revokedAt: t.expose('revoked_at', { type: DateTime, nullable: true }),
  }),
});

const ViewerRef = builder.objectRef<AccountCaller>('Viewer').implement({
  fields: (t) => ({
    account: t.field({ type: AccountRef, resolve: (caller, _args, context) => loadAccount(context, caller.accountId) }),
    employee: t.field({
      type: EmployeeRef,
      nullable: true,
      description: 'Null for a partner API key.',
      resolve: (caller, _args, context) => (caller.kind === 'employee' ? employeeLoader(context).load(caller.employeeId) : null),
    }),
    session: t.field({
      type: SessionRef,
      nullable: true,
      description: 'Null for a partner API key.',
      resolve: async (caller, _args, context) =>
        caller.kind === 'employee' ? ((await findSession(context.db, caller.accountId, caller.sessionId)) ?? null) : null,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    authScopes: { account: true },
    resolve: (_root, _args, context) => accountCaller(context),
  }),
);

builder.queryField('apiKeys', (t) =>
  t.field({
    type: [ApiKeyRef],
    description: "Admin: the account's partner API keys, newest first.",
    authScopes: { admin: true },
    resolve: (_root, _args, context) => listApiKeys(context.db, accountCaller(context).accountId),
  }),
);

// Bounded before anything else runs: a password is hashed on every attempt (and a megabyte one
// would cost as much as many guesses), and no valid address is longer than 254 characters
// (RFC 5321's path limit). Checked before the sign-in throttle, so these cost nothing to refuse.
const SignInInput = builder.inputType('SignInInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: z.string().max(254, 'E-mail address is too long (at most 254 characters).') }),
    password: t.string({ required: true, validate: z.string().max(1024, 'Password is too long (at most 1024 characters).') }),
  }),
});

const SignInPayload = builder.objectRef<{ token: string; employee: EmployeeRow; session: SessionRow }>('SignInPayload').implement({
  fields: (t) => ({
    token: t.exposeString('token'),
    employee: t.expose('employee', { type: EmployeeRef, grantScopes: [employeeEmailGrant] }),
    session: t.expose('session', { type: SessionRef }),
  }),
});

builder.mutationField('signIn', (t) =>
  t.field({
    type: SignInPayload,
    errors: { types: [InvalidCredentialsError, ValidationError], union: { name: 'SignInResult' } },
    args: { input: t.arg({ type: SignInInput, required: true }) },
    resolve: (_root, { input }, context) =>
      signIn(context.db, context.config, input, {
        throttle: context.signInThrottle,
        clientAddress: context.clientAddress,
      }),
  }),
);

builder.mutationField('signOut', (t) =>
  t.boolean({
    authScopes: { employee: true },
    resolve: (_root, _args, context) => signOut(context.db, employeeCaller(context), context.callerCache),
  }),
);

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: z.string().trim().min(1, 'Name is required.').max(200, 'Name is too long.') }),
  }),
});

const CreateApiKeyPayload = builder.objectRef<{ token: string; apiKey: ApiKeyRow }>('CreateApiKeyPayload').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Shown once; a read-only partner token.' }),
    apiKey: t.expose('apiKey', { type: ApiKeyRef }),
  }),
});

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: CreateApiKeyPayload,
    description: 'Admin: a read-only partner token for reconciliation.',
    authScopes: { admin: true },
    errors: { types: [ValidationError], union: { name: 'CreateApiKeyResult' } },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: (_root, { input }, context) => createApiKey(context.db, accountCaller(context), input.name),
  }),
);

const RevokeApiKeyInput = builder.inputType('RevokeApiKeyInput', {
  fields: (t) => ({ apiKeyId: t.id({ required: true }) }),
});

const RevokeApiKeyPayload = builder.objectRef<{ apiKey: ApiKeyRow }>('RevokeApiKeyPayload').implement({
  fields: (t) => ({ apiKey: t.expose('apiKey', { type: ApiKeyRef }) }),
});

builder.mutationField('revokeApiKey', (t) =>
  t.field({
    type: RevokeApiKeyPayload,
    description: 'Admin: a revoked key is UNAUTHENTICATED from then on.',
    authScopes: { admin: true },
    errors: { types: [NotFoundError], union: { name: 'RevokeApiKeyResult' } },
    args: { input: t.arg({ type: RevokeApiKeyInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      apiKey: await revokeApiKey(
        context.db,
        accountCaller(context),
        input.apiKeyId,
        decodeId(input.apiKeyId, 'ApiKey'),
        context.callerCache,
      ),
    }),
  }),
);
