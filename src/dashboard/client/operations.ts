// The GraphQL operations the dashboard sends, with the shapes of their results. They use only the
// public contract (/work/shared/api-contract.graphql); test/dashboard-operations.test.ts validates
// every one of them against schema.graphql, so a field renamed there fails a test rather than the page.

/** A GraphQL document with the types of its result and variables (phantom: never set at run time). */
export interface Operation<Data, Variables> {
  readonly query: string;
  readonly name: string;
  readonly __types?: [Data, Variables];
}

function operation<Data, Variables = Record<string, never>>(query: string): Operation<Data, Variables> {
  const name = /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1];
  if (!name) throw new Error('every dashboard operation has a name');
  return { query, name };
}

export type AdjustmentReason =
  | 'SALE'
  | 'TRANSFER_OUT'
  | 'TRANSFER_IN'
  | 'VENDOR_RETURN'
  | 'INVENTORY_COUNT'
  | 'RECEIVING'
  | 'MANUAL';

export type EmployeeRole = 'ADMIN' | 'MANAGER' | 'CASHIER';

// ---- signing in and out ----

export const signInMutation = operation<
  {
    signIn:
      | { __typename: 'SignInPayload'; token: string; employee: { name: string; role: EmployeeRole } }
      | { __typename: 'InvalidCredentialsError'; message: string };
  },
  { input: { email: string; password: string } }
>(`
  mutation DashboardSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInPayload { token employee { name role } }
      ... on InvalidCredentialsError { message }
    }
  }
`);

export const signOutMutation = operation<{ signOut: boolean }>(`
  mutation DashboardSignOut { signOut }
`);

// ---- who is signed in, the account's setting and its shops ----

export interface OptionalModuleSetting {
  module: 'NEGATIVE_INVENTORY';
  enabled: boolean;
  locked: boolean;
  updatedAt: string;
}

export interface Viewer {
  account: { id: string; name: string; legacy: boolean; optionalModules: OptionalModuleSetting[] };
  employee: { id: string; name: string; role: EmployeeRole } | null;
  session: { negativeInventoryEnabled: boolean; settingsOutdated: boolean; createdAt: string; expiresAt: string } | null;
}

export interface Shop {
  id: string;
  name: string;
}

export const viewerQuery = operation<{ viewer: Viewer; shops: Shop[] }>(`
  query DashboardViewer {
    viewer {
      account { id name legacy optionalModules { module enabled locked updatedAt } }
      employee { id name role }
      session { negativeInventoryEnabled settingsOutdated createdAt expiresAt }
    }
    shops { id name }
  }
`);

// ---- the negative inventory report ----

export interface ReportFilter {
  shopId: string | null;
  search: string | null;
  reasons: AdjustmentReason[] | null;
}

export interface NegativeAdjustment {
  id: string;
  reason: AdjustmentReason;
  quantityChange: number;
  quantityAfter: number;
  note: string | null;
  createdAt: string;
  employee: { name: string } | null;
}

export interface ReportRow {
  item: { id: string; sku: string; name: string };
  shop: Shop;
  quantityOnHand: number;
  wentNegativeAt: string;
  inTransitQuantity: number;
  negativeAdjustments: NegativeAdjustment[];
}

export interface ReportPage {
  totalCount: number;
  totalNegativeUnits: number;
  generatedAt: string;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: ReportRow }[];
}

export const reportQuery = operation<
  { negativeInventoryReport: ReportPage },
  ReportFilter & { first: number; after: string | null }
>(`
  query DashboardReport($shopId: ID, $search: String, $reasons: [AdjustmentReason!], $first: Int, $after: String) {
    negativeInventoryReport(shopId: $shopId, search: $search, reasons: $reasons, first: $first, after: $after) {
      totalCount
      totalNegativeUnits
      generatedAt
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          item { id sku name }
          shop { id name }
          quantityOnHand
          wentNegativeAt
          inTransitQuantity
          negativeAdjustments { id reason quantityChange quantityAfter note createdAt employee { name } }
        }
      }
    }
  }
`);

/**
 * Negative units of the report for each of several filters at once: one aliased field per bar,
 * `first: 0` (only the totals). Aliases are a0, a1…; the caller keeps them few (the server caps
 * aliases per operation).
 */
export function reportTotalsQuery(count: number): Operation<Record<string, { totalNegativeUnits: number }>, Record<string, unknown>> {
  const variables: string[] = [];
  const fields: string[] = [];
  for (let index = 0; index < count; index += 1) {
    variables.push(`$shop${index}: ID, $search${index}: String, $reasons${index}: [AdjustmentReason!]`);
    fields.push(
      `a${index}: negativeInventoryReport(shopId: $shop${index}, search: $search${index}, reasons: $reasons${index}, first: 0) { totalNegativeUnits }`,
    );
  }
  return operation(`query DashboardReportTotals(${variables.join(', ')}) {\n  ${fields.join('\n  ')}\n}`);
}

// ---- alerts ----

export interface Alert {
  id: string;
  cursor: string;
  item: { id: string; sku: string; name: string };
  shop: Shop;
  quantityBefore: number;
  quantityAfter: number;
  reason: AdjustmentReason;
  occurredAt: string;
}

const alertFields = 'id cursor item { id sku name } shop { id name } quantityBefore quantityAfter reason occurredAt';

export const alertHistoryQuery = operation<
  {
    negativeInventoryAlerts: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: Alert }[];
    };
  },
  { first: number; after: string | null }
>(`
  query DashboardAlertHistory($first: Int, $after: String) {
    negativeInventoryAlerts(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { ${alertFields} } }
    }
  }
`);

/** The newest alerts, oldest first: what the panel shows when the page opens. */
export const latestAlertsQuery = operation<
  { negativeInventoryAlerts: { edges: { node: Alert }[] } },
  { last: number }
>(`
  query DashboardLatestAlerts($last: Int) {
    negativeInventoryAlerts(last: $last) {
      edges { node { ${alertFields} } }
    }
  }
`);

export const alertSubscription = operation<{ negativeInventoryAlerts: Alert }, { after: string | null }>(`
  subscription DashboardAlerts($after: String) {
    negativeInventoryAlerts(after: $after) { ${alertFields} }
  }
`);

// ---- the setting ----

export const setOptionalModuleMutation = operation<
  {
    setOptionalModule:
      | { __typename: 'SetOptionalModulePayload'; setting: OptionalModuleSetting; sessionsToRefresh: number }
      | { __typename: 'NegativeInventoryOutstandingError'; message: string; negativeItemCount: number }
      | { __typename: 'ModuleLockedError'; message: string };
  },
  { input: { module: 'NEGATIVE_INVENTORY'; enabled: boolean } }
>(`
  mutation DashboardSetOptionalModule($input: SetOptionalModuleInput!) {
    setOptionalModule(input: $input) {
      __typename
      ... on SetOptionalModulePayload { setting { module enabled locked updatedAt } sessionsToRefresh }
      ... on NegativeInventoryOutstandingError { message negativeItemCount }
      ... on ModuleLockedError { message }
    }
  }
`);

/** Every operation, for the test that validates them against the schema. */
export const allOperations = [
  signInMutation,
  signOutMutation,
  viewerQuery,
  reportQuery,
  reportTotalsQuery(3),
  alertHistoryQuery,
  latestAlertsQuery,
  alertSubscription,
  setOptionalModuleMutation,
];
