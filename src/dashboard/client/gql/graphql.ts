/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Why an item's quantity on hand changed. */
export type AdjustmentReason =
  | 'INVENTORY_COUNT'
  | 'MANUAL'
  | 'RECEIVING'
  | 'SALE'
  | 'TRANSFER_IN'
  | 'TRANSFER_OUT'
  | 'VENDOR_RETURN';

export type EmployeeRole =
  | 'ADMIN'
  | 'CASHIER'
  | 'MANAGER';

/** What a breakdown of negative episodes is grouped by. */
export type NegativeInventoryDimension =
  | 'EMPLOYEE'
  | 'ITEM'
  | 'REASON'
  | 'SHOP';

export type OptionalModule =
  | 'NEGATIVE_INVENTORY';

export type SetOptionalModuleInput = {
  /** Check and answer exactly as the real call would, writing nothing. */
  dryRun?: boolean | null | undefined;
  enabled: boolean;
  module: OptionalModule;
};

export type SignInInput = {
  email: string;
  password: string;
};

export type DashboardSignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type DashboardSignInMutation = { signIn:
    | { __typename: 'InvalidCredentialsError', message: string }
    | { __typename: 'SignInPayload', token: string, employee: { name: string, role: EmployeeRole } }
    | { __typename: 'ValidationError', message: string }
   };

export type DashboardSignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type DashboardSignOutMutation = { signOut: boolean };

export type DashboardViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardViewerQuery = { viewer: { account: { id: string, name: string, legacy: boolean, optionalModules: Array<{ module: OptionalModule, enabled: boolean, locked: boolean, updatedAt: string }> }, employee: { id: string, name: string, role: EmployeeRole } | null, session: { negativeInventoryEnabled: boolean, settingsOutdated: boolean, createdAt: string, expiresAt: string } | null }, shops: Array<{ id: string, name: string }> };

export type DashboardReportQueryVariables = Exact<{
  shopId?: string | null | undefined;
  search?: string | null | undefined;
  reasons?: Array<AdjustmentReason> | AdjustmentReason | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DashboardReportQuery = { negativeInventoryReport: { totalCount: number, totalNegativeUnits: number, generatedAt: string, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { quantityOnHand: number, wentNegativeAt: string, inTransitQuantity: number, item: { id: string, sku: string, name: string }, shop: { id: string, name: string }, negativeAdjustments: Array<{ id: string, reason: AdjustmentReason, quantityChange: number, quantityAfter: number, note: string | null, createdAt: string, employee: { name: string } | null }> } }> } };

export type DashboardReportTotalsFieldsFragment = { totalNegativeUnits: number };

export type DashboardAlertFieldsFragment = { id: string, cursor: string, quantityBefore: number, quantityAfter: number, reason: AdjustmentReason, occurredAt: string, resolvedAt: string | null, item: { id: string, sku: string, name: string }, shop: { id: string, name: string } };

export type DashboardAlertHistoryQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DashboardAlertHistoryQuery = { negativeInventoryAlerts: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, cursor: string, quantityBefore: number, quantityAfter: number, reason: AdjustmentReason, occurredAt: string, resolvedAt: string | null, item: { id: string, sku: string, name: string }, shop: { id: string, name: string } } }> } };

export type DashboardLatestAlertsQueryVariables = Exact<{
  last?: number | null | undefined;
}>;


export type DashboardLatestAlertsQuery = { negativeInventoryAlerts: { edges: Array<{ node: { id: string, cursor: string, quantityBefore: number, quantityAfter: number, reason: AdjustmentReason, occurredAt: string, resolvedAt: string | null, item: { id: string, sku: string, name: string }, shop: { id: string, name: string } } }> } };

export type DashboardAlertResolutionsQueryVariables = Exact<{
  last?: number | null | undefined;
}>;


export type DashboardAlertResolutionsQuery = { negativeInventoryAlerts: { edges: Array<{ node: { id: string, resolvedAt: string | null } }> } };

export type DashboardAlertsSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type DashboardAlertsSubscription = { negativeInventoryAlerts: { id: string, cursor: string, quantityBefore: number, quantityAfter: number, reason: AdjustmentReason, occurredAt: string, resolvedAt: string | null, item: { id: string, sku: string, name: string }, shop: { id: string, name: string } } };

export type DashboardSetOptionalModuleMutationVariables = Exact<{
  input: SetOptionalModuleInput;
}>;


export type DashboardSetOptionalModuleMutation = { setOptionalModule:
    | { __typename: 'ModuleLockedError', message: string }
    | { __typename: 'NegativeInventoryOutstandingError', message: string, negativeItemCount: number, blockers: Array<{ quantityOnHand: number, item: { id: string, sku: string, name: string }, shop: { id: string, name: string } }> }
    | { __typename: 'SetOptionalModulePayload', sessionsToRefresh: number, setting: { module: OptionalModule, enabled: boolean, locked: boolean, updatedAt: string } }
   };

export type DashboardBreakdownQueryVariables = Exact<{
  groupBy: Array<NegativeInventoryDimension> | NegativeInventoryDimension;
  since: string;
  shopId?: string | null | undefined;
}>;


export type DashboardBreakdownQuery = { negativeInventoryBreakdown: Array<{ reason: AdjustmentReason | null, episodes: number, resolvedEpisodes: number, unitsBelowZero: number, medianSecondsToResolve: number | null, shop: { id: string, name: string } | null, employee: { id: string, name: string } | null }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const DashboardReportTotalsFieldsFragmentDoc = new TypedDocumentString(`
    fragment DashboardReportTotalsFields on NegativeInventoryReportConnection {
  totalNegativeUnits
}
    `, {"fragmentName":"DashboardReportTotalsFields"}) as unknown as TypedDocumentString<DashboardReportTotalsFieldsFragment, unknown>;
export const DashboardAlertFieldsFragmentDoc = new TypedDocumentString(`
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
    `, {"fragmentName":"DashboardAlertFields"}) as unknown as TypedDocumentString<DashboardAlertFieldsFragment, unknown>;
export const DashboardSignInDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<DashboardSignInMutation, DashboardSignInMutationVariables>;
export const DashboardSignOutDocument = new TypedDocumentString(`
    mutation DashboardSignOut {
  signOut
}
    `) as unknown as TypedDocumentString<DashboardSignOutMutation, DashboardSignOutMutationVariables>;
export const DashboardViewerDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<DashboardViewerQuery, DashboardViewerQueryVariables>;
export const DashboardReportDocument = new TypedDocumentString(`
    query DashboardReport($shopId: ID, $search: String, $reasons: [AdjustmentReason!], $first: Int, $after: String) {
  negativeInventoryReport(
    shopId: $shopId
    search: $search
    reasons: $reasons
    first: $first
    after: $after
  ) {
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
    `) as unknown as TypedDocumentString<DashboardReportQuery, DashboardReportQueryVariables>;
export const DashboardAlertHistoryDocument = new TypedDocumentString(`
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
}`) as unknown as TypedDocumentString<DashboardAlertHistoryQuery, DashboardAlertHistoryQueryVariables>;
export const DashboardLatestAlertsDocument = new TypedDocumentString(`
    query DashboardLatestAlerts($last: Int) {
  negativeInventoryAlerts(last: $last) {
    edges {
      node {
        ...DashboardAlertFields
      }
    }
  }
}
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
}`) as unknown as TypedDocumentString<DashboardLatestAlertsQuery, DashboardLatestAlertsQueryVariables>;
export const DashboardAlertResolutionsDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<DashboardAlertResolutionsQuery, DashboardAlertResolutionsQueryVariables>;
export const DashboardAlertsDocument = new TypedDocumentString(`
    subscription DashboardAlerts($after: String) {
  negativeInventoryAlerts(after: $after) {
    ...DashboardAlertFields
  }
}
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
}`) as unknown as TypedDocumentString<DashboardAlertsSubscription, DashboardAlertsSubscriptionVariables>;
export const DashboardSetOptionalModuleDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<DashboardSetOptionalModuleMutation, DashboardSetOptionalModuleMutationVariables>;
export const DashboardBreakdownDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<DashboardBreakdownQuery, DashboardBreakdownQueryVariables>;