import type { Selectable } from 'kysely';
import { email, password, personName } from '../employees/person-rules.js';
import { accountCaller } from '../context.js';
import { ModuleLockedError, NegativeInventoryOutstandingError, ValidationError } from '../errors/domain-errors.js';
import { EmployeeRef, employeeEmailGrant, type EmployeeRow } from '../employees/employees.schema.js';
import { loadNodes } from '../db/loader.js';
import { builder } from '../schema/builder.js';
import { DateTime } from '../schema/scalars.js';
import { accountLoader, moduleSettingsLoader } from './accounts.loader.js';
import { createAccount } from './accounts.service.js';
import { setOptionalModule, type SetOptionalModuleResult } from './optional-modules.service.js';
import type { AccountModulesTable, AccountsTable } from './accounts.tables.js';

export type AccountRow = Selectable<AccountsTable>;
export type ModuleSettingRow = Selectable<AccountModulesTable>;

export const OptionalModuleEnum = builder.enumType('OptionalModule', { values: ['NEGATIVE_INVENTORY'] as const });

export const OptionalModuleSettingRef = builder.objectRef<ModuleSettingRow>('OptionalModuleSetting').implement({
  fields: (t) => ({
    module: t.expose('module', { type: OptionalModuleEnum }),
    enabled: t.exposeBoolean('enabled'),
    locked: t.exposeBoolean('locked', { description: "True where the module can't be disabled (newer accounts)." }),
    updatedAt: t.expose('updated_at', { type: DateTime }),
  }),
});

export const AccountRef = builder.node(builder.objectRef<AccountRow>('Account'), {
  id: { resolve: (account) => account.id },
  loadMany: loadNodes(accountLoader),
  fields: (t) => ({
    name: t.exposeString('name'),
    createdAt: t.expose('created_at', { type: DateTime }),
    legacy: t.exposeBoolean('legacy', {
      description: 'Accounts created before negative inventory became standard; only they may turn it off.',
    }),
    optionalModules: t.field({
      type: [OptionalModuleSettingRef],
      resolve: (account, _args, context) => moduleSettingsLoader(context).load(account.id),
    }),
  }),
});

const CreateAccountInput = builder.inputType('CreateAccountInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: personName }),
    adminName: t.string({ required: true, validate: personName }),
    adminEmail: t.string({ required: true, validate: email }),
    adminPassword: t.string({ required: true, validate: password }),
    legacy: t.boolean({
      defaultValue: false,
      description: 'An older account: negative inventory starts off and may be toggled.',
    }),
  }),
});

const CreateAccountPayload = builder.objectRef<{ account: AccountRow; admin: EmployeeRow }>('CreateAccountPayload').implement({
  fields: (t) => ({
    account: t.expose('account', { type: AccountRef }),
    admin: t.expose('admin', { type: EmployeeRef, grantScopes: [employeeEmailGrant] }),
  }),
});

builder.mutationField('createAccount', (t) =>
  t.field({
    type: CreateAccountPayload,
    description: 'Operator only: the token given to the server as OPERATOR_TOKEN.',
    authScopes: { operator: true },
    errors: { types: [ValidationError], union: { name: 'CreateAccountResult' } },
    args: { input: t.arg({ type: CreateAccountInput, required: true }) },
    resolve: (_root, { input }, context) => createAccount(context.db, { ...input, legacy: input.legacy ?? false }),
  }),
);

const SetOptionalModuleInput = builder.inputType('SetOptionalModuleInput', {
  fields: (t) => ({
    module: t.field({ type: OptionalModuleEnum, required: true }),
    enabled: t.boolean({ required: true }),
    dryRun: t.boolean({ defaultValue: false, description: 'Check and answer exactly as the real call would, writing nothing.' }),
  }),
});

const SetOptionalModulePayload = builder.objectRef<SetOptionalModuleResult>('SetOptionalModulePayload').implement({
  fields: (t) => ({
    setting: t.expose('setting', { type: OptionalModuleSettingRef }),
    sessionsToRefresh: t.exposeInt('sessionsToRefresh', {
      description:
        "Unexpired sessions of the account, the caller's included, whose setting differs from the new one: they keep the old setting until they sign out and in.",
    }),
    dryRun: t.exposeBoolean('dryRun', {
      description: 'True when this was a dry run: `setting` and `sessionsToRefresh` say what the call would do.',
    }),
  }),
});

builder.mutationField('setOptionalModule', (t) =>
  t.field({
    type: SetOptionalModulePayload,
    description: 'Admin.',
    authScopes: { admin: true },
    errors: {
      types: [NegativeInventoryOutstandingError, ModuleLockedError],
      union: { name: 'SetOptionalModuleResult' },
    },
    args: { input: t.arg({ type: SetOptionalModuleInput, required: true }) },
    resolve: (_root, { input }, context) =>
      setOptionalModule(context.db, accountCaller(context), input.module, input.enabled, context.callerCache, { dryRun: input.dryRun }),
  }),
);
