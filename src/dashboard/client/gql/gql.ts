/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n    mutation DashboardSignIn($input: SignInInput!) {\n      signIn(input: $input) {\n        __typename\n        ... on SignInPayload {\n          token\n          employee {\n            name\n            role\n          }\n        }\n        ... on InvalidCredentialsError {\n          message\n        }\n        ... on ValidationError {\n          message\n        }\n      }\n    }\n  ": typeof types.DashboardSignInDocument,
    "\n    mutation DashboardSignOut {\n      signOut\n    }\n  ": typeof types.DashboardSignOutDocument,
    "\n    query DashboardViewer {\n      viewer {\n        account {\n          id\n          name\n          legacy\n          optionalModules {\n            module\n            enabled\n            locked\n            updatedAt\n          }\n        }\n        employee {\n          id\n          name\n          role\n        }\n        session {\n          negativeInventoryEnabled\n          settingsOutdated\n          createdAt\n          expiresAt\n        }\n      }\n      shops {\n        id\n        name\n      }\n    }\n  ": typeof types.DashboardViewerDocument,
    "\n    query DashboardReport($shopId: ID, $search: String, $reasons: [AdjustmentReason!], $first: Int, $after: String) {\n      negativeInventoryReport(shopId: $shopId, search: $search, reasons: $reasons, first: $first, after: $after) {\n        totalCount\n        totalNegativeUnits\n        generatedAt\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            item {\n              id\n              sku\n              name\n            }\n            shop {\n              id\n              name\n            }\n            quantityOnHand\n            wentNegativeAt\n            inTransitQuantity\n            negativeAdjustments {\n              id\n              reason\n              quantityChange\n              quantityAfter\n              note\n              createdAt\n              employee {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  ": typeof types.DashboardReportDocument,
    "\n  fragment DashboardReportTotalsFields on NegativeInventoryReportConnection {\n    totalNegativeUnits\n  }\n": typeof types.DashboardReportTotalsFieldsFragmentDoc,
    "\n  fragment DashboardAlertFields on NegativeInventoryAlert {\n    id\n    cursor\n    item {\n      id\n      sku\n      name\n    }\n    shop {\n      id\n      name\n    }\n    quantityBefore\n    quantityAfter\n    reason\n    occurredAt\n    resolvedAt\n  }\n": typeof types.DashboardAlertFieldsFragmentDoc,
    "\n    query DashboardAlertHistory($first: Int, $after: String) {\n      negativeInventoryAlerts(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...DashboardAlertFields\n          }\n        }\n      }\n    }\n  ": typeof types.DashboardAlertHistoryDocument,
    "\n    query DashboardLatestAlerts($last: Int) {\n      negativeInventoryAlerts(last: $last) {\n        edges {\n          node {\n            ...DashboardAlertFields\n          }\n        }\n      }\n    }\n  ": typeof types.DashboardLatestAlertsDocument,
    "\n    query DashboardAlertResolutions($last: Int) {\n      negativeInventoryAlerts(last: $last) {\n        edges {\n          node {\n            id\n            resolvedAt\n          }\n        }\n      }\n    }\n  ": typeof types.DashboardAlertResolutionsDocument,
    "\n    subscription DashboardAlerts($after: String) {\n      negativeInventoryAlerts(after: $after) {\n        ...DashboardAlertFields\n      }\n    }\n  ": typeof types.DashboardAlertsDocument,
    "\n    mutation DashboardSetOptionalModule($input: SetOptionalModuleInput!) {\n      setOptionalModule(input: $input) {\n        __typename\n        ... on SetOptionalModulePayload {\n          setting {\n            module\n            enabled\n            locked\n            updatedAt\n          }\n          sessionsToRefresh\n        }\n        ... on NegativeInventoryOutstandingError {\n          message\n          negativeItemCount\n          blockers {\n            item {\n              id\n              sku\n              name\n            }\n            shop {\n              id\n              name\n            }\n            quantityOnHand\n          }\n        }\n        ... on ModuleLockedError {\n          message\n        }\n      }\n    }\n  ": typeof types.DashboardSetOptionalModuleDocument,
    "\n    query DashboardBreakdown($groupBy: [NegativeInventoryDimension!]!, $since: DateTime!, $shopId: ID) {\n      negativeInventoryBreakdown(groupBy: $groupBy, since: $since, shopId: $shopId) {\n        shop {\n          id\n          name\n        }\n        reason\n        employee {\n          id\n          name\n        }\n        episodes\n        resolvedEpisodes\n        unitsBelowZero\n        medianSecondsToResolve\n      }\n    }\n  ": typeof types.DashboardBreakdownDocument,
};
const documents: Documents = {
    "\n    mutation DashboardSignIn($input: SignInInput!) {\n      signIn(input: $input) {\n        __typename\n        ... on SignInPayload {\n          token\n          employee {\n            name\n            role\n          }\n        }\n        ... on InvalidCredentialsError {\n          message\n        }\n        ... on ValidationError {\n          message\n        }\n      }\n    }\n  ": types.DashboardSignInDocument,
    "\n    mutation DashboardSignOut {\n      signOut\n    }\n  ": types.DashboardSignOutDocument,
    "\n    query DashboardViewer {\n      viewer {\n        account {\n          id\n          name\n          legacy\n          optionalModules {\n            module\n            enabled\n            locked\n            updatedAt\n          }\n        }\n        employee {\n          id\n          name\n          role\n        }\n        session {\n          negativeInventoryEnabled\n          settingsOutdated\n          createdAt\n          expiresAt\n        }\n      }\n      shops {\n        id\n        name\n      }\n    }\n  ": types.DashboardViewerDocument,
    "\n    query DashboardReport($shopId: ID, $search: String, $reasons: [AdjustmentReason!], $first: Int, $after: String) {\n      negativeInventoryReport(shopId: $shopId, search: $search, reasons: $reasons, first: $first, after: $after) {\n        totalCount\n        totalNegativeUnits\n        generatedAt\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            item {\n              id\n              sku\n              name\n            }\n            shop {\n              id\n              name\n            }\n            quantityOnHand\n            wentNegativeAt\n            inTransitQuantity\n            negativeAdjustments {\n              id\n              reason\n              quantityChange\n              quantityAfter\n              note\n              createdAt\n              employee {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  ": types.DashboardReportDocument,
    "\n  fragment DashboardReportTotalsFields on NegativeInventoryReportConnection {\n    totalNegativeUnits\n  }\n": types.DashboardReportTotalsFieldsFragmentDoc,
    "\n  fragment DashboardAlertFields on NegativeInventoryAlert {\n    id\n    cursor\n    item {\n      id\n      sku\n      name\n    }\n    shop {\n      id\n      name\n    }\n    quantityBefore\n    quantityAfter\n    reason\n    occurredAt\n    resolvedAt\n  }\n": types.DashboardAlertFieldsFragmentDoc,
    "\n    query DashboardAlertHistory($first: Int, $after: String) {\n      negativeInventoryAlerts(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...DashboardAlertFields\n          }\n        }\n      }\n    }\n  ": types.DashboardAlertHistoryDocument,
    "\n    query DashboardLatestAlerts($last: Int) {\n      negativeInventoryAlerts(last: $last) {\n        edges {\n          node {\n            ...DashboardAlertFields\n          }\n        }\n      }\n    }\n  ": types.DashboardLatestAlertsDocument,
    "\n    query DashboardAlertResolutions($last: Int) {\n      negativeInventoryAlerts(last: $last) {\n        edges {\n          node {\n            id\n            resolvedAt\n          }\n        }\n      }\n    }\n  ": types.DashboardAlertResolutionsDocument,
    "\n    subscription DashboardAlerts($after: String) {\n      negativeInventoryAlerts(after: $after) {\n        ...DashboardAlertFields\n      }\n    }\n  ": types.DashboardAlertsDocument,
    "\n    mutation DashboardSetOptionalModule($input: SetOptionalModuleInput!) {\n      setOptionalModule(input: $input) {\n        __typename\n        ... on SetOptionalModulePayload {\n          setting {\n            module\n            enabled\n            locked\n            updatedAt\n          }\n          sessionsToRefresh\n        }\n        ... on NegativeInventoryOutstandingError {\n          message\n          negativeItemCount\n          blockers {\n            item {\n              id\n              sku\n              name\n            }\n            shop {\n              id\n              name\n            }\n            quantityOnHand\n          }\n        }\n        ... on ModuleLockedError {\n          message\n        }\n      }\n    }\n  ": types.DashboardSetOptionalModuleDocument,
    "\n    query DashboardBreakdown($groupBy: [NegativeInventoryDimension!]!, $since: DateTime!, $shopId: ID) {\n      negativeInventoryBreakdown(groupBy: $groupBy, since: $since, shopId: $shopId) {\n        shop {\n          id\n          name\n        }\n        reason\n        employee {\n          id\n          name\n        }\n        episodes\n        resolvedEpisodes\n        unitsBelowZero\n        medianSecondsToResolve\n      }\n    }\n  ": types.DashboardBreakdownDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DashboardSignIn($input: SignInInput!) {\n      signIn(input: $input) {\n        __typename\n        ... on SignInPayload {\n          token\n          employee {\n            name\n            role\n          }\n        }\n        ... on InvalidCredentialsError {\n          message\n        }\n        ... on ValidationError {\n          message\n        }\n      }\n    }\n  "): typeof import('./graphql.js').DashboardSignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DashboardSignOut {\n      signOut\n    }\n  "): typeof import('./graphql.js').DashboardSignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query DashboardViewer {\n      viewer {\n        account {\n          id\n          name\n          legacy\n          optionalModules {\n            module\n            enabled\n            locked\n            updatedAt\n          }\n        }\n        employee {\n          id\n          name\n          role\n        }\n        session {\n          negativeInventoryEnabled\n          settingsOutdated\n          createdAt\n          expiresAt\n        }\n      }\n      shops {\n        id\n        name\n      }\n    }\n  "): typeof import('./graphql.js').DashboardViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query DashboardReport($shopId: ID, $search: String, $reasons: [AdjustmentReason!], $first: Int, $after: String) {\n      negativeInventoryReport(shopId: $shopId, search: $search, reasons: $reasons, first: $first, after: $after) {\n        totalCount\n        totalNegativeUnits\n        generatedAt\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            item {\n              id\n              sku\n              name\n            }\n            shop {\n              id\n              name\n            }\n            quantityOnHand\n            wentNegativeAt\n            inTransitQuantity\n            negativeAdjustments {\n              id\n              reason\n              quantityChange\n              quantityAfter\n              note\n              createdAt\n              employee {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  "): typeof import('./graphql.js').DashboardReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardReportTotalsFields on NegativeInventoryReportConnection {\n    totalNegativeUnits\n  }\n"): typeof import('./graphql.js').DashboardReportTotalsFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardAlertFields on NegativeInventoryAlert {\n    id\n    cursor\n    item {\n      id\n      sku\n      name\n    }\n    shop {\n      id\n      name\n    }\n    quantityBefore\n    quantityAfter\n    reason\n    occurredAt\n    resolvedAt\n  }\n"): typeof import('./graphql.js').DashboardAlertFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query DashboardAlertHistory($first: Int, $after: String) {\n      negativeInventoryAlerts(first: $first, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...DashboardAlertFields\n          }\n        }\n      }\n    }\n  "): typeof import('./graphql.js').DashboardAlertHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query DashboardLatestAlerts($last: Int) {\n      negativeInventoryAlerts(last: $last) {\n        edges {\n          node {\n            ...DashboardAlertFields\n          }\n        }\n      }\n    }\n  "): typeof import('./graphql.js').DashboardLatestAlertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query DashboardAlertResolutions($last: Int) {\n      negativeInventoryAlerts(last: $last) {\n        edges {\n          node {\n            id\n            resolvedAt\n          }\n        }\n      }\n    }\n  "): typeof import('./graphql.js').DashboardAlertResolutionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription DashboardAlerts($after: String) {\n      negativeInventoryAlerts(after: $after) {\n        ...DashboardAlertFields\n      }\n    }\n  "): typeof import('./graphql.js').DashboardAlertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DashboardSetOptionalModule($input: SetOptionalModuleInput!) {\n      setOptionalModule(input: $input) {\n        __typename\n        ... on SetOptionalModulePayload {\n          setting {\n            module\n            enabled\n            locked\n            updatedAt\n          }\n          sessionsToRefresh\n        }\n        ... on NegativeInventoryOutstandingError {\n          message\n          negativeItemCount\n          blockers {\n            item {\n              id\n              sku\n              name\n            }\n            shop {\n              id\n              name\n            }\n            quantityOnHand\n          }\n        }\n        ... on ModuleLockedError {\n          message\n        }\n      }\n    }\n  "): typeof import('./graphql.js').DashboardSetOptionalModuleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query DashboardBreakdown($groupBy: [NegativeInventoryDimension!]!, $since: DateTime!, $shopId: ID) {\n      negativeInventoryBreakdown(groupBy: $groupBy, since: $since, shopId: $shopId) {\n        shop {\n          id\n          name\n        }\n        reason\n        employee {\n          id\n          name\n        }\n        episodes\n        resolvedEpisodes\n        unitsBelowZero\n        medianSecondsToResolve\n      }\n    }\n  "): typeof import('./graphql.js').DashboardBreakdownDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
