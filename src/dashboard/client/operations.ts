import { graphql } from './gql/index.js';
import type {
  AdjustmentReason,
  DashboardAlertFieldsFragment,
  DashboardReportQuery,
  DashboardReportTotalsFieldsFragment,
  DashboardViewerQuery,
} from './gql/graphql.js';

// The GraphQL operations the dashboard sends. Their result and variable types, and the schema's
// enumerations (AdjustmentReason, EmployeeRole, ...), are generated from schema.graphql by GraphQL
// Code Generator into ./gql/ (`npm run codegen`): an operation asking for a field the schema
// doesn't have, or code reading a result wrongly, fails to type-check. They use only what the
// published API contract promises (its analysis part included: the breakdown, resolvedAt and the
// switch's blockers), so the page works against any server that keeps it.

/** A GraphQL document with the types of its result and variables (phantom: never set at run time). */
export interface Operation<Data, Variables> {
  readonly query: string;
  readonly name: string;
  readonly __types?: [Data, Variables];
}

/** A generated string document (or the text of one built at run time) as an operation to send. */
function operation<Data, Variables>(document: {
  toString(): string;
  readonly __apiType?: (variables: Variables) => Data;
}): Operation<Data, Variables> {
  const query = document.toString();
  const name = /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1];
  if (!name) throw new Error('every dashboard operation has a name');
  return { query, name };
}

/** The result type of an operation. */
export type ResultOf<Op> = Op extends Operation<infer Data, infer _Variables> ? Data : never;

export type { AdjustmentReason, EmployeeRole, NegativeInventoryDimension } from './gql/graphql.js';

// ---- signing in and out ----

export const signInMutation = operation(
  graphql(`
    mutation DashboardSignIn($input: SignInInput!) {
      signIn(input: $input) {
        __typename
        ... on SignInPayload {
          token
          employee {
            name
            role
          }
        }
        ... on InvalidCredentialsError {
          message
        }
        ... on ValidationError {
          message
        }
      }
    }
  `),
);

export const signOutMutation = operation(
  graphql(`
    mutation DashboardSignOut {
      signOut
    }
  `),
);

// ---- who is signed in, the account's setting and its shops ----

export const viewerQuery = operation(
  graphql(`
    query DashboardViewer {
      viewer {
        account {
          id
          name
          legacy
          optionalModules {
            module
            enabled
            locked
            updatedAt
          }
        }
        employee {
          id
          name
          role
        }
        session {
          negativeInventoryEnabled
          settingsOutdated
          createdAt
          expiresAt
        }
      }
      shops {
        id
        name
      }
    }
  `),
);

export type Viewer = DashboardViewerQuery['viewer'];
export type Shop = DashboardViewerQuery['shops'][number];
export type OptionalModuleSetting = Viewer['account']['optionalModules'][number];

// ---- the negative inventory report ----

/** The report's filters as the page holds them (null: not filtered). */
export interface ReportFilter {
  shopId: string | null;
  search: string | null;
  reasons: AdjustmentReason[] | null;
}

export const reportQuery = operation(
  graphql(`
    query DashboardReport($shopId: ID, $search: String, $reasons: [AdjustmentReason!], $first: Int, $after: String) {
      negativeInventoryReport(shopId: $shopId, search: $search, reasons: $reasons, first: $first, after: $after) {
        totalCount
        totalNegativeUnits
        generatedAt
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            item {
              id
              sku
              name
            }
            shop {
              id
              name
            }
            quantityOnHand
            wentNegativeAt
            inTransitQuantity
            negativeAdjustments {
              id
              reason
              quantityChange
              quantityAfter
              note
              createdAt
              employee {
                name
              }
            }
          }
        }
      }
    }
  `),
);

export type ReportPage = DashboardReportQuery['negativeInventoryReport'];
export type ReportRow = ReportPage['edges'][number]['node'];

/** What each aliased field of reportTotalsQuery asks for (checked against the schema like the rest). */
const reportTotalsFields = graphql(`
  fragment DashboardReportTotalsFields on NegativeInventoryReportConnection {
    totalNegativeUnits
  }
`);

/**
 * Negative units of the report for each of several filters at once: one aliased field per bar,
 * `first: 0` (only the totals). Aliases are a0, a1…; the caller keeps them few (the server caps
 * aliases per operation). Built at run time (the number of bars varies), around a generated
 * fragment.
 */
export function reportTotalsQuery(count: number): Operation<Record<string, DashboardReportTotalsFieldsFragment>, Record<string, unknown>> {
  const variables: string[] = [];
  const fields: string[] = [];
  for (let index = 0; index < count; index += 1) {
    variables.push(`$shop${index}: ID, $search${index}: String, $reasons${index}: [AdjustmentReason!]`);
    fields.push(
      `a${index}: negativeInventoryReport(shopId: $shop${index}, search: $search${index}, reasons: $reasons${index}, first: 0) { ...DashboardReportTotalsFields }`,
    );
  }
  return operation({
    toString: () => `query DashboardReportTotals(${variables.join(', ')}) {\n  ${fields.join('\n  ')}\n}\n${reportTotalsFields.toString()}`,
  });
}

// ---- alerts ----

graphql(`
  fragment DashboardAlertFields on NegativeInventoryAlert {
    id
    cursor
    item {
      id
      sku
      name
    }
    shop {
      id
      name
    }
    quantityBefore
    quantityAfter
    reason
    occurredAt
    resolvedAt
  }
`);

export type Alert = DashboardAlertFieldsFragment;

export const alertHistoryQuery = operation(
  graphql(`
    query DashboardAlertHistory($first: Int, $after: String) {
      negativeInventoryAlerts(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...DashboardAlertFields
          }
        }
      }
    }
  `),
);

/** The newest alerts, oldest first: what the panel shows when the page opens. */
export const latestAlertsQuery = operation(
  graphql(`
    query DashboardLatestAlerts($last: Int) {
      negativeInventoryAlerts(last: $last) {
        edges {
          node {
            ...DashboardAlertFields
          }
        }
      }
    }
  `),
);

/**
 * When the newest alerts were resolved (null: still below zero): the panel shows at most as many
 * alerts as it asks for, so this covers every one on screen.
 */
export const alertResolutionsQuery = operation(
  graphql(`
    query DashboardAlertResolutions($last: Int) {
      negativeInventoryAlerts(last: $last) {
        edges {
          node {
            id
            resolvedAt
          }
        }
      }
    }
  `),
);

export const alertSubscription = operation(
  graphql(`
    subscription DashboardAlerts($after: String) {
      negativeInventoryAlerts(after: $after) {
        ...DashboardAlertFields
      }
    }
  `),
);

// ---- the setting ----

export const setOptionalModuleMutation = operation(
  graphql(`
    mutation DashboardSetOptionalModule($input: SetOptionalModuleInput!) {
      setOptionalModule(input: $input) {
        __typename
        ... on SetOptionalModulePayload {
          setting {
            module
            enabled
            locked
            updatedAt
          }
          sessionsToRefresh
        }
        ... on NegativeInventoryOutstandingError {
          message
          negativeItemCount
          blockers {
            item {
              id
              sku
              name
            }
            shop {
              id
              name
            }
            quantityOnHand
          }
        }
        ... on ModuleLockedError {
          message
        }
      }
    }
  `),
);

// ---- the breakdown of negative episodes ----

export const breakdownQuery = operation(
  graphql(`
    query DashboardBreakdown($groupBy: [NegativeInventoryDimension!]!, $since: DateTime!, $shopId: ID) {
      negativeInventoryBreakdown(groupBy: $groupBy, since: $since, shopId: $shopId) {
        shop {
          id
          name
        }
        reason
        employee {
          id
          name
        }
        episodes
        resolvedEpisodes
        unitsBelowZero
        medianSecondsToResolve
      }
    }
  `),
);

export type BreakdownRow = ResultOf<typeof breakdownQuery>['negativeInventoryBreakdown'][number];

/** Every operation, for the test that validates them against the schema. */
export const allOperations = [
  signInMutation,
  signOutMutation,
  viewerQuery,
  reportQuery,
  reportTotalsQuery(3),
  alertHistoryQuery,
  latestAlertsQuery,
  alertResolutionsQuery,
  alertSubscription,
  setOptionalModuleMutation,
  breakdownQuery,
];
