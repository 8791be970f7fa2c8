import type { Selectable } from 'kysely';
import { accountCaller } from '../context.js';
import { ValidationError } from '../errors/domain-errors.js';
import { loadNodes } from '../db/loader.js';
import { builder } from '../schema/builder.js';
import { email, password, personName } from './person-rules.js';
import { employeeLoader } from './employees.loader.js';
import { addEmployee } from './employees.service.js';
import type { EmployeesTable } from './employees.tables.js';

/** Never exposes password_hash: the GraphQL type names its fields one by one. */
export type EmployeeRow = Selectable<EmployeesTable>;

/**
 * Granted by the fields that answer with the employee whose address the request itself just gave
 * (signIn's and createAccount's payloads), where no account caller exists yet to hold a scope.
 */
export const employeeEmailGrant = 'employeeEmail';

export const EmployeeRoleEnum = builder.enumType('EmployeeRole', { values: ['ADMIN', 'MANAGER', 'CASHIER'] as const });

export const EmployeeRef = builder.node(builder.objectRef<EmployeeRow>('Employee'), {
  id: { resolve: (employee) => employee.id },
  loadMany: loadNodes(employeeLoader),
  fields: (t) => ({
    name: t.exposeString('name'),
    email: t.exposeString('email', {
      description:
        "Admins and managers see every employee's; cashiers only their own, and partner API keys none (FORBIDDEN). " +
        'signIn and createAccount answer with the address they were given.',
      // Non-null in the contract, so a caller who may not read it gets FORBIDDEN rather than null.
      authScopes: (employee, _args, context) =>
        (context.caller?.kind === 'employee' && context.caller.employeeId === employee.id) || {
          managerOrAdmin: true,
          $granted: employeeEmailGrant,
        },
    }),
    role: t.expose('role', { type: EmployeeRoleEnum }),
  }),
});

const CreateEmployeeInput = builder.inputType('CreateEmployeeInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: personName }),
    email: t.string({ required: true, validate: email }),
    password: t.string({ required: true, validate: password }),
    role: t.field({ type: EmployeeRoleEnum, required: true }),
  }),
});

const CreateEmployeePayload = builder.objectRef<{ employee: EmployeeRow }>('CreateEmployeePayload').implement({
  fields: (t) => ({ employee: t.expose('employee', { type: EmployeeRef }) }),
});

builder.mutationField('createEmployee', (t) =>
  t.field({
    type: CreateEmployeePayload,
    description: 'Admin.',
    authScopes: { admin: true },
    errors: { types: [ValidationError], union: { name: 'CreateEmployeeResult' } },
    args: { input: t.arg({ type: CreateEmployeeInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      employee: await addEmployee(context.db, accountCaller(context).accountId, input),
    }),
  }),
);
