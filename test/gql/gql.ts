/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

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
    "\n  query Viewer {\n    viewer {\n      account { id name legacy optionalModules { module enabled locked updatedAt } }\n      employee { id email role }\n      session { negativeInventoryEnabled settingsOutdated createdAt expiresAt }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation SignOut { signOut }\n": typeof types.SignOutDocument,
    "\n      mutation CashierCreatesEmployee($input: CreateEmployeeInput!) {\n        createEmployee(input: $input) { __typename }\n      }\n    ": typeof types.CashierCreatesEmployeeDocument,
    "\n  query AlertsHistory($shopId: ID, $first: Int, $after: String) {\n    negativeInventoryAlerts(shopId: $shopId, first: $first, after: $after) {\n      edges {\n        cursor\n        node { ...AlertFields }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.AlertsHistoryDocument,
    "\n  query LatestAlertsHistory($shopId: ID, $last: Int, $before: String) {\n    negativeInventoryAlerts(shopId: $shopId, last: $last, before: $before) {\n      edges { cursor }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.LatestAlertsHistoryDocument,
    "\n      query MixedAlertsHistory { negativeInventoryAlerts(first: 2, last: 2) { edges { cursor } } }\n    ": typeof types.MixedAlertsHistoryDocument,
    "\n  query AuthCacheProbe {\n    viewer { __typename }\n  }\n": typeof types.AuthCacheProbeDocument,
    "\n  mutation AuthCacheSignOut { signOut }\n": typeof types.AuthCacheSignOutDocument,
    "\n  mutation AuthCacheRevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      __typename\n      ... on RevokeApiKeyPayload { apiKey { id revokedAt } }\n    }\n  }\n": typeof types.AuthCacheRevokeApiKeyDocument,
    "\n  mutation FoundationApiKeysCreate($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreateApiKeyPayload { token apiKey { id name createdAt lastUsedAt revokedAt } }\n      ... on ValidationError { message field }\n    }\n  }\n": typeof types.FoundationApiKeysCreateDocument,
    "\n  mutation FoundationApiKeysRevoke($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      __typename\n      ... on RevokeApiKeyPayload { apiKey { id name revokedAt } }\n      ... on NotFoundError { message id }\n    }\n  }\n": typeof types.FoundationApiKeysRevokeDocument,
    "\n  query FoundationApiKeysList {\n    apiKeys { id name createdAt lastUsedAt revokedAt }\n  }\n": typeof types.FoundationApiKeysListDocument,
    "\n  query FoundationApiKeysReads {\n    viewer { account { id name } employee { id } session { negativeInventoryEnabled } }\n    shops { name }\n    items(first: 10) { edges { node { sku } } }\n  }\n": typeof types.FoundationApiKeysReadsDocument,
    "\n  mutation FoundationApiKeysCreateAccount($input: CreateAccountInput!) { createAccount(input: $input) { __typename } }\n": typeof types.FoundationApiKeysCreateAccountDocument,
    "\n  mutation FoundationApiKeysCreateEmployee($input: CreateEmployeeInput!) { createEmployee(input: $input) { __typename } }\n": typeof types.FoundationApiKeysCreateEmployeeDocument,
    "\n  mutation FoundationApiKeysCreateShop($input: CreateShopInput!) { createShop(input: $input) { __typename } }\n": typeof types.FoundationApiKeysCreateShopDocument,
    "\n  mutation FoundationApiKeysCreateItem($input: CreateItemInput!) { createItem(input: $input) { __typename } }\n": typeof types.FoundationApiKeysCreateItemDocument,
    "\n  mutation FoundationApiKeysSignOut { signOut }\n": typeof types.FoundationApiKeysSignOutDocument,
    "\n  mutation FoundationCatalogueCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) {\n      __typename\n      ... on CreateShopPayload { shop { id name } }\n      ... on ValidationError { message field }\n    }\n  }\n": typeof types.FoundationCatalogueCreateShopDocument,
    "\n  mutation FoundationCatalogueCreateItem($input: CreateItemInput!) {\n    createItem(input: $input) {\n      __typename\n      ... on CreateItemPayload { item { id sku name } }\n      ... on ValidationError { message field }\n    }\n  }\n": typeof types.FoundationCatalogueCreateItemDocument,
    "\n  query FoundationCatalogueShops {\n    shops { id name }\n  }\n": typeof types.FoundationCatalogueShopsDocument,
    "\n  query FoundationCatalogueItems($first: Int, $after: String, $search: String) {\n    items(first: $first, after: $after, search: $search) {\n      edges { cursor node { id sku name } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.FoundationCatalogueItemsDocument,
    "\n  query FoundationDemoAccount {\n    viewer { account { name legacy optionalModules { enabled } } employee { role } }\n    shops { name }\n    items(first: 500) {\n      edges { node { sku inventory { shop { name } quantityOnHand } } }\n    }\n  }\n": typeof types.FoundationDemoAccountDocument,
    "\n  mutation FoundationProcessCreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on CreateAccountPayload { account { id } }\n    }\n  }\n": typeof types.FoundationProcessCreateAccountDocument,
    "\n  mutation FoundationProcessSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload { token }\n    }\n  }\n": typeof types.FoundationProcessSignInDocument,
    "\n  mutation FoundationProcessCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) {\n      __typename\n      ... on CreateShopPayload { shop { id name } }\n    }\n  }\n": typeof types.FoundationProcessCreateShopDocument,
    "\n  mutation FoundationProcessCreateItem($input: CreateItemInput!) {\n    createItem(input: $input) {\n      __typename\n      ... on CreateItemPayload { item { id sku name } }\n    }\n  }\n": typeof types.FoundationProcessCreateItemDocument,
    "\n  query FoundationProcessCatalogue {\n    viewer { account { id name } }\n    shops { id name }\n    items(first: 10) { edges { node { id sku name } } }\n  }\n": typeof types.FoundationProcessCatalogueDocument,
    "\n  query FoundationSessionsSession {\n    viewer {\n      account { optionalModules { module enabled } }\n      session { negativeInventoryEnabled settingsOutdated }\n    }\n  }\n": typeof types.FoundationSessionsSessionDocument,
    "\n  query FoundationTenancyNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Account { name }\n      ... on Shop { name }\n      ... on Item { sku }\n      ... on Employee { email role }\n      ... on ApiKey { name }\n    }\n  }\n": typeof types.FoundationTenancyNodeDocument,
    "\n  query FoundationTenancyLists {\n    viewer { account { id } }\n    shops { id name }\n    items(first: 500) { edges { node { id sku } } }\n  }\n": typeof types.FoundationTenancyListsDocument,
    "\n  query FoundationTenancyApiKeys {\n    apiKeys { id name }\n  }\n": typeof types.FoundationTenancyApiKeysDocument,
    "\n        query FoundationTenancySearch($search: String) {\n          items(search: $search) { edges { node { id } } }\n        }\n      ": typeof types.FoundationTenancySearchDocument,
    "\n  query ConnectionsShops { shops { id name } }\n": typeof types.ConnectionsShopsDocument,
    "\n  query CostAmplifiedItems($first: Int) {\n    items(first: $first) {\n      edges { node { sku inventory { quantityOnHand item { inventory { quantityOnHand item { sku } } } } } }\n    }\n  }\n": typeof types.CostAmplifiedItemsDocument,
    "\n  subscription CostAmplifiedAlerts {\n    negativeInventoryAlerts { cursor item { inventory { item { inventory { item { inventory { quantityOnHand } } } } } } }\n  }\n": typeof types.CostAmplifiedAlertsDocument,
    "\n      mutation CostAmplifiedSale($input: RecordSaleInput!) {\n        recordSale(input: $input) {\n          __typename\n          ... on RecordSalePayload { levels { item { inventory { item { inventory { item { inventory { quantityOnHand } } } } } } } }\n        }\n      }\n    ": typeof types.CostAmplifiedSaleDocument,
    "\n      mutation CostCreateItem($input: CreateItemInput!) {\n        createItem(input: $input) { __typename ... on ValidationError { field message } }\n      }\n    ": typeof types.CostCreateItemDocument,
    "\n  query CostHeavyItems {\n    items(first: 1) {\n      edges {\n        node {\n          name\n          i1: inventory { shop { name } item { name } }\n          i2: inventory { shop { name } item { name } }\n          i3: inventory { shop { name } item { name } }\n          i4: inventory { shop { name } item { name } }\n          i5: inventory { shop { name } item { name } }\n          i6: inventory { shop { name } item { name } }\n          i7: inventory { shop { name } item { name } }\n          i8: inventory { shop { name } item { name } }\n        }\n      }\n    }\n  }\n": typeof types.CostHeavyItemsDocument,
    "\n  subscription CostHeavyAlerts {\n    negativeInventoryAlerts {\n      cursor\n      i1: item { name inventory { shop { name } item { name } } }\n      i2: item { name inventory { shop { name } item { name } } }\n      i3: item { name inventory { shop { name } item { name } } }\n      i4: item { name inventory { shop { name } item { name } } }\n      i5: item { name inventory { shop { name } item { name } } }\n      i6: item { name inventory { shop { name } item { name } } }\n    }\n  }\n": typeof types.CostHeavyAlertsDocument,
    "\n      mutation CostHeavyCreateItem($input: CreateItemInput!) {\n        createItem(input: $input) {\n          __typename\n          ... on CreateItemPayload {\n            item {\n              i1: inventory { shop { name } item { name } }\n              i2: inventory { shop { name } item { name } }\n              i3: inventory { shop { name } item { name } }\n              i4: inventory { shop { name } item { name } }\n              i5: inventory { shop { name } item { name } }\n              i6: inventory { shop { name } item { name } }\n              i7: inventory { shop { name } item { name } }\n              i8: inventory { shop { name } item { name } }\n            }\n          }\n        }\n      }\n    ": typeof types.CostHeavyCreateItemDocument,
    "\n      subscription CostSmallAlerts { negativeInventoryAlerts { cursor item { sku } } }\n    ": typeof types.CostSmallAlertsDocument,
    "\n  query DeadPeerShops { shops { id } }\n": typeof types.DeadPeerShopsDocument,
    "\n  mutation DeadPeerSignOut { signOut }\n": typeof types.DeadPeerSignOutDocument,
    "\n  query HardeningShops { shops { id name } }\n": typeof types.HardeningShopsDocument,
    "\n  query HardeningRangesItems($search: String, $after: String) {\n    items(first: 5, search: $search, after: $after) { edges { node { sku } } }\n  }\n": typeof types.HardeningRangesItemsDocument,
    "\n  query HardeningRangesReportRows($shopId: ID, $after: String) {\n    negativeInventoryReport(shopId: $shopId, first: 5, after: $after) {\n      edges { cursor node { quantityOnHand shop { id } } }\n    }\n  }\n": typeof types.HardeningRangesReportRowsDocument,
    "\n  query HardeningRangesReportTotals($shopId: ID) {\n    negativeInventoryReport(shopId: $shopId) { totalCount totalNegativeUnits }\n  }\n": typeof types.HardeningRangesReportTotalsDocument,
    "\n  query OutageShops { shops { id } }\n": typeof types.OutageShopsDocument,
    "\n  mutation RevocationRevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      __typename\n      ... on RevokeApiKeyPayload { apiKey { id revokedAt } }\n    }\n  }\n": typeof types.RevocationRevokeApiKeyDocument,
    "\n  mutation RevocationSignOut { signOut }\n": typeof types.RevocationSignOutDocument,
    "\n  query RevocationShops { shops { id } }\n": typeof types.RevocationShopsDocument,
    "\n  mutation SignInHardeningAttempt($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload { token }\n      ... on InvalidCredentialsError { message }\n      ... on ValidationError { field message }\n    }\n  }\n": typeof types.SignInHardeningAttemptDocument,
    "\n  query HardeningVisibilityNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on ApiKey { name lastUsedAt }\n      ... on Employee { name email role }\n    }\n  }\n": typeof types.HardeningVisibilityNodeDocument,
    "\n  query HardeningVisibilityEmployeeName($id: ID!) {\n    node(id: $id) { id ... on Employee { name role } }\n  }\n": typeof types.HardeningVisibilityEmployeeNameDocument,
    "\n  query HardeningVisibilityViewer {\n    viewer { employee { id email } }\n  }\n": typeof types.HardeningVisibilityViewerDocument,
    "\n  query HardeningVisibilityApiKeys {\n    apiKeys { id name }\n  }\n": typeof types.HardeningVisibilityApiKeysDocument,
    "\n  query HardeningVisibilityLedger($withEmail: Boolean!) {\n    inventoryAdjustments(first: 10) {\n      edges { node { id employee { id name email @include(if: $withEmail) } } }\n    }\n  }\n": typeof types.HardeningVisibilityLedgerDocument,
    "\n  mutation HardeningVisibilitySignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload { employee { id email } }\n    }\n  }\n": typeof types.HardeningVisibilitySignInDocument,
    "\n  subscription AlertsLive($shopId: ID, $after: String) {\n    negativeInventoryAlerts(shopId: $shopId, after: $after) {\n      ...AlertFields\n    }\n  }\n": typeof types.AlertsLiveDocument,
    "\n  mutation FixtureCreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on CreateAccountPayload {\n        account { id name legacy }\n        admin { id email role }\n      }\n      ... on ValidationError { message field }\n    }\n  }\n": typeof types.FixtureCreateAccountDocument,
    "\n  mutation FixtureSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload {\n        token\n        employee { id role }\n        session { negativeInventoryEnabled settingsOutdated createdAt expiresAt }\n      }\n      ... on InvalidCredentialsError { message }\n    }\n  }\n": typeof types.FixtureSignInDocument,
    "\n  mutation FixtureCreateEmployee($input: CreateEmployeeInput!) {\n    createEmployee(input: $input) {\n      __typename\n      ... on CreateEmployeePayload { employee { id } }\n      ... on ValidationError { message field }\n    }\n  }\n": typeof types.FixtureCreateEmployeeDocument,
    "\n  mutation FixtureCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) {\n      __typename\n      ... on CreateShopPayload { shop { id name } }\n      ... on ValidationError { message field }\n    }\n  }\n": typeof types.FixtureCreateShopDocument,
    "\n  mutation FixtureCreateItem($input: CreateItemInput!) {\n    createItem(input: $input) {\n      __typename\n      ... on CreateItemPayload { item { id sku name } }\n      ... on ValidationError { message field }\n    }\n  }\n": typeof types.FixtureCreateItemDocument,
    "\n  mutation FixtureCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreateApiKeyPayload { token apiKey { id name } }\n      ... on ValidationError { message field }\n    }\n  }\n": typeof types.FixtureCreateApiKeyDocument,
    "\n  fragment LevelFields on InventoryLevel {\n    item { id sku }\n    shop { id }\n    quantityOnHand\n    sellableQuantity\n    updatedAt\n  }\n": typeof types.LevelFieldsFragmentDoc,
    "\n  fragment AlertFields on NegativeInventoryAlert {\n    id\n    cursor\n    item { id }\n    shop { id }\n    quantityBefore\n    quantityAfter\n    reason\n    adjustment { id quantityAfter }\n    occurredAt\n  }\n": typeof types.AlertFieldsFragmentDoc,
    "\n  fragment ErrorFields on Error {\n    __typename\n    message\n    ... on ValidationError { field }\n    ... on NotFoundError { id }\n    ... on InsufficientInventoryError {\n      shortages { item { id } shop { id } requested available }\n    }\n  }\n": typeof types.ErrorFieldsFragmentDoc,
    "\n  mutation RecordSale($input: RecordSaleInput!) {\n    recordSale(input: $input) {\n      __typename\n      ... on RecordSalePayload {\n        sale { id shop { id } employee { id } lines { item { id } quantity } createdAt }\n        levels { ...LevelFields }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.RecordSaleDocument,
    "\n  mutation ReceiveStock($input: ReceiveStockInput!) {\n    receiveStock(input: $input) {\n      __typename\n      ... on ReceiveStockPayload {\n        levels { ...LevelFields }\n        adjustments { id reason quantityChange quantityBefore quantityAfter source { id } employee { id } }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.ReceiveStockDocument,
    "\n  mutation AdjustInventory($input: AdjustInventoryInput!) {\n    adjustInventory(input: $input) {\n      __typename\n      ... on AdjustInventoryPayload {\n        level { ...LevelFields }\n        adjustment { id reason quantityChange quantityBefore quantityAfter note source { id } }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.AdjustInventoryDocument,
    "\n  mutation SendTransfer($input: SendTransferInput!) {\n    sendTransfer(input: $input) {\n      __typename\n      ... on SendTransferPayload {\n        transfer { id status fromShop { id } toShop { id } lines { item { id } quantity } sentAt receivedAt }\n        levels { ...LevelFields }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.SendTransferDocument,
    "\n  mutation ReceiveTransfer($input: ReceiveTransferInput!) {\n    receiveTransfer(input: $input) {\n      __typename\n      ... on ReceiveTransferPayload {\n        transfer { id status receivedAt }\n        levels { ...LevelFields }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.ReceiveTransferDocument,
    "\n  mutation VendorReturn($input: VendorReturnInput!) {\n    vendorReturn(input: $input) {\n      __typename\n      ... on VendorReturnPayload {\n        vendorReturn { id vendor shop { id } lines { item { id } quantity } createdAt }\n        levels { ...LevelFields }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.VendorReturnDocument,
    "\n  mutation SetOptionalModule($input: SetOptionalModuleInput!) {\n    setOptionalModule(input: $input) {\n      __typename\n      ... on SetOptionalModulePayload {\n        setting { module enabled locked updatedAt }\n        sessionsToRefresh\n      }\n      ... on NegativeInventoryOutstandingError { message negativeItemCount }\n      ... on ModuleLockedError { message module }\n    }\n  }\n": typeof types.SetOptionalModuleDocument,
    "\n  query ItemInventory($id: ID!) {\n    node(id: $id) {\n      ... on Item {\n        inventory { ...LevelFields }\n      }\n    }\n  }\n": typeof types.ItemInventoryDocument,
    "\n  fragment ReportAdjustmentFields on InventoryAdjustment {\n    id\n    item { id sku }\n    shop { id }\n    quantityChange\n    quantityBefore\n    quantityAfter\n    reason\n    source {\n      __typename\n      id\n    }\n    employee { id name }\n    note\n    createdAt\n  }\n": typeof types.ReportAdjustmentFieldsFragmentDoc,
    "\n  query NegativeReport($shopId: ID, $search: String, $reasons: [AdjustmentReason!], $first: Int, $after: String) {\n    negativeInventoryReport(shopId: $shopId, search: $search, reasons: $reasons, first: $first, after: $after) {\n      totalCount\n      totalNegativeUnits\n      generatedAt\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        cursor\n        node {\n          item { id sku name }\n          shop { id name }\n          quantityOnHand\n          wentNegativeAt\n          reason\n          inTransitQuantity\n          negativeAdjustments { ...ReportAdjustmentFields }\n        }\n      }\n    }\n  }\n": typeof types.NegativeReportDocument,
    "\n  query Ledger($filter: InventoryAdjustmentFilter, $first: Int, $after: String) {\n    inventoryAdjustments(filter: $filter, first: $first, after: $after) {\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        cursor\n        node { ...ReportAdjustmentFields }\n      }\n    }\n  }\n": typeof types.LedgerDocument,
    "\n  fragment CountFields on InventoryCount {\n    id\n    name\n    status\n    shop { id }\n    lines { item { id } countedQuantity }\n    createdAt\n    reconciledAt\n  }\n": typeof types.CountFieldsFragmentDoc,
    "\n  mutation StartCount($input: StartInventoryCountInput!) {\n    startInventoryCount(input: $input) {\n      __typename\n      ... on StartInventoryCountPayload { count { ...CountFields } }\n      ... on ValidationError { message field }\n      ... on NotFoundError { message id }\n    }\n  }\n": typeof types.StartCountDocument,
    "\n  mutation RecordCount($input: RecordInventoryCountInput!) {\n    recordInventoryCount(input: $input) {\n      __typename\n      ... on RecordInventoryCountPayload { count { ...CountFields } }\n      ... on ValidationError { message field }\n      ... on NotFoundError { message id }\n      ... on InventoryCountClosedError { message }\n    }\n  }\n": typeof types.RecordCountDocument,
    "\n  mutation ReconcileCount($input: ReconcileInventoryCountInput!) {\n    reconcileInventoryCount(input: $input) {\n      __typename\n      ... on ReconcileInventoryCountPayload {\n        count { ...CountFields }\n        adjustments { ...ReportAdjustmentFields }\n      }\n      ... on NotFoundError { message id }\n      ... on InventoryCountClosedError { message }\n    }\n  }\n": typeof types.ReconcileCountDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer {\n      account { id name legacy optionalModules { module enabled locked updatedAt } }\n      employee { id email role }\n      session { negativeInventoryEnabled settingsOutdated createdAt expiresAt }\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation SignOut { signOut }\n": types.SignOutDocument,
    "\n      mutation CashierCreatesEmployee($input: CreateEmployeeInput!) {\n        createEmployee(input: $input) { __typename }\n      }\n    ": types.CashierCreatesEmployeeDocument,
    "\n  query AlertsHistory($shopId: ID, $first: Int, $after: String) {\n    negativeInventoryAlerts(shopId: $shopId, first: $first, after: $after) {\n      edges {\n        cursor\n        node { ...AlertFields }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.AlertsHistoryDocument,
    "\n  query LatestAlertsHistory($shopId: ID, $last: Int, $before: String) {\n    negativeInventoryAlerts(shopId: $shopId, last: $last, before: $before) {\n      edges { cursor }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.LatestAlertsHistoryDocument,
    "\n      query MixedAlertsHistory { negativeInventoryAlerts(first: 2, last: 2) { edges { cursor } } }\n    ": types.MixedAlertsHistoryDocument,
    "\n  query AuthCacheProbe {\n    viewer { __typename }\n  }\n": types.AuthCacheProbeDocument,
    "\n  mutation AuthCacheSignOut { signOut }\n": types.AuthCacheSignOutDocument,
    "\n  mutation AuthCacheRevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      __typename\n      ... on RevokeApiKeyPayload { apiKey { id revokedAt } }\n    }\n  }\n": types.AuthCacheRevokeApiKeyDocument,
    "\n  mutation FoundationApiKeysCreate($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreateApiKeyPayload { token apiKey { id name createdAt lastUsedAt revokedAt } }\n      ... on ValidationError { message field }\n    }\n  }\n": types.FoundationApiKeysCreateDocument,
    "\n  mutation FoundationApiKeysRevoke($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      __typename\n      ... on RevokeApiKeyPayload { apiKey { id name revokedAt } }\n      ... on NotFoundError { message id }\n    }\n  }\n": types.FoundationApiKeysRevokeDocument,
    "\n  query FoundationApiKeysList {\n    apiKeys { id name createdAt lastUsedAt revokedAt }\n  }\n": types.FoundationApiKeysListDocument,
    "\n  query FoundationApiKeysReads {\n    viewer { account { id name } employee { id } session { negativeInventoryEnabled } }\n    shops { name }\n    items(first: 10) { edges { node { sku } } }\n  }\n": types.FoundationApiKeysReadsDocument,
    "\n  mutation FoundationApiKeysCreateAccount($input: CreateAccountInput!) { createAccount(input: $input) { __typename } }\n": types.FoundationApiKeysCreateAccountDocument,
    "\n  mutation FoundationApiKeysCreateEmployee($input: CreateEmployeeInput!) { createEmployee(input: $input) { __typename } }\n": types.FoundationApiKeysCreateEmployeeDocument,
    "\n  mutation FoundationApiKeysCreateShop($input: CreateShopInput!) { createShop(input: $input) { __typename } }\n": types.FoundationApiKeysCreateShopDocument,
    "\n  mutation FoundationApiKeysCreateItem($input: CreateItemInput!) { createItem(input: $input) { __typename } }\n": types.FoundationApiKeysCreateItemDocument,
    "\n  mutation FoundationApiKeysSignOut { signOut }\n": types.FoundationApiKeysSignOutDocument,
    "\n  mutation FoundationCatalogueCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) {\n      __typename\n      ... on CreateShopPayload { shop { id name } }\n      ... on ValidationError { message field }\n    }\n  }\n": types.FoundationCatalogueCreateShopDocument,
    "\n  mutation FoundationCatalogueCreateItem($input: CreateItemInput!) {\n    createItem(input: $input) {\n      __typename\n      ... on CreateItemPayload { item { id sku name } }\n      ... on ValidationError { message field }\n    }\n  }\n": types.FoundationCatalogueCreateItemDocument,
    "\n  query FoundationCatalogueShops {\n    shops { id name }\n  }\n": types.FoundationCatalogueShopsDocument,
    "\n  query FoundationCatalogueItems($first: Int, $after: String, $search: String) {\n    items(first: $first, after: $after, search: $search) {\n      edges { cursor node { id sku name } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.FoundationCatalogueItemsDocument,
    "\n  query FoundationDemoAccount {\n    viewer { account { name legacy optionalModules { enabled } } employee { role } }\n    shops { name }\n    items(first: 500) {\n      edges { node { sku inventory { shop { name } quantityOnHand } } }\n    }\n  }\n": types.FoundationDemoAccountDocument,
    "\n  mutation FoundationProcessCreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on CreateAccountPayload { account { id } }\n    }\n  }\n": types.FoundationProcessCreateAccountDocument,
    "\n  mutation FoundationProcessSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload { token }\n    }\n  }\n": types.FoundationProcessSignInDocument,
    "\n  mutation FoundationProcessCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) {\n      __typename\n      ... on CreateShopPayload { shop { id name } }\n    }\n  }\n": types.FoundationProcessCreateShopDocument,
    "\n  mutation FoundationProcessCreateItem($input: CreateItemInput!) {\n    createItem(input: $input) {\n      __typename\n      ... on CreateItemPayload { item { id sku name } }\n    }\n  }\n": types.FoundationProcessCreateItemDocument,
    "\n  query FoundationProcessCatalogue {\n    viewer { account { id name } }\n    shops { id name }\n    items(first: 10) { edges { node { id sku name } } }\n  }\n": types.FoundationProcessCatalogueDocument,
    "\n  query FoundationSessionsSession {\n    viewer {\n      account { optionalModules { module enabled } }\n      session { negativeInventoryEnabled settingsOutdated }\n    }\n  }\n": types.FoundationSessionsSessionDocument,
    "\n  query FoundationTenancyNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Account { name }\n      ... on Shop { name }\n      ... on Item { sku }\n      ... on Employee { email role }\n      ... on ApiKey { name }\n    }\n  }\n": types.FoundationTenancyNodeDocument,
    "\n  query FoundationTenancyLists {\n    viewer { account { id } }\n    shops { id name }\n    items(first: 500) { edges { node { id sku } } }\n  }\n": types.FoundationTenancyListsDocument,
    "\n  query FoundationTenancyApiKeys {\n    apiKeys { id name }\n  }\n": types.FoundationTenancyApiKeysDocument,
    "\n        query FoundationTenancySearch($search: String) {\n          items(search: $search) { edges { node { id } } }\n        }\n      ": types.FoundationTenancySearchDocument,
    "\n  query ConnectionsShops { shops { id name } }\n": types.ConnectionsShopsDocument,
    "\n  query CostAmplifiedItems($first: Int) {\n    items(first: $first) {\n      edges { node { sku inventory { quantityOnHand item { inventory { quantityOnHand item { sku } } } } } }\n    }\n  }\n": types.CostAmplifiedItemsDocument,
    "\n  subscription CostAmplifiedAlerts {\n    negativeInventoryAlerts { cursor item { inventory { item { inventory { item { inventory { quantityOnHand } } } } } } }\n  }\n": types.CostAmplifiedAlertsDocument,
    "\n      mutation CostAmplifiedSale($input: RecordSaleInput!) {\n        recordSale(input: $input) {\n          __typename\n          ... on RecordSalePayload { levels { item { inventory { item { inventory { item { inventory { quantityOnHand } } } } } } } }\n        }\n      }\n    ": types.CostAmplifiedSaleDocument,
    "\n      mutation CostCreateItem($input: CreateItemInput!) {\n        createItem(input: $input) { __typename ... on ValidationError { field message } }\n      }\n    ": types.CostCreateItemDocument,
    "\n  query CostHeavyItems {\n    items(first: 1) {\n      edges {\n        node {\n          name\n          i1: inventory { shop { name } item { name } }\n          i2: inventory { shop { name } item { name } }\n          i3: inventory { shop { name } item { name } }\n          i4: inventory { shop { name } item { name } }\n          i5: inventory { shop { name } item { name } }\n          i6: inventory { shop { name } item { name } }\n          i7: inventory { shop { name } item { name } }\n          i8: inventory { shop { name } item { name } }\n        }\n      }\n    }\n  }\n": types.CostHeavyItemsDocument,
    "\n  subscription CostHeavyAlerts {\n    negativeInventoryAlerts {\n      cursor\n      i1: item { name inventory { shop { name } item { name } } }\n      i2: item { name inventory { shop { name } item { name } } }\n      i3: item { name inventory { shop { name } item { name } } }\n      i4: item { name inventory { shop { name } item { name } } }\n      i5: item { name inventory { shop { name } item { name } } }\n      i6: item { name inventory { shop { name } item { name } } }\n    }\n  }\n": types.CostHeavyAlertsDocument,
    "\n      mutation CostHeavyCreateItem($input: CreateItemInput!) {\n        createItem(input: $input) {\n          __typename\n          ... on CreateItemPayload {\n            item {\n              i1: inventory { shop { name } item { name } }\n              i2: inventory { shop { name } item { name } }\n              i3: inventory { shop { name } item { name } }\n              i4: inventory { shop { name } item { name } }\n              i5: inventory { shop { name } item { name } }\n              i6: inventory { shop { name } item { name } }\n              i7: inventory { shop { name } item { name } }\n              i8: inventory { shop { name } item { name } }\n            }\n          }\n        }\n      }\n    ": types.CostHeavyCreateItemDocument,
    "\n      subscription CostSmallAlerts { negativeInventoryAlerts { cursor item { sku } } }\n    ": types.CostSmallAlertsDocument,
    "\n  query DeadPeerShops { shops { id } }\n": types.DeadPeerShopsDocument,
    "\n  mutation DeadPeerSignOut { signOut }\n": types.DeadPeerSignOutDocument,
    "\n  query HardeningShops { shops { id name } }\n": types.HardeningShopsDocument,
    "\n  query HardeningRangesItems($search: String, $after: String) {\n    items(first: 5, search: $search, after: $after) { edges { node { sku } } }\n  }\n": types.HardeningRangesItemsDocument,
    "\n  query HardeningRangesReportRows($shopId: ID, $after: String) {\n    negativeInventoryReport(shopId: $shopId, first: 5, after: $after) {\n      edges { cursor node { quantityOnHand shop { id } } }\n    }\n  }\n": types.HardeningRangesReportRowsDocument,
    "\n  query HardeningRangesReportTotals($shopId: ID) {\n    negativeInventoryReport(shopId: $shopId) { totalCount totalNegativeUnits }\n  }\n": types.HardeningRangesReportTotalsDocument,
    "\n  query OutageShops { shops { id } }\n": types.OutageShopsDocument,
    "\n  mutation RevocationRevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      __typename\n      ... on RevokeApiKeyPayload { apiKey { id revokedAt } }\n    }\n  }\n": types.RevocationRevokeApiKeyDocument,
    "\n  mutation RevocationSignOut { signOut }\n": types.RevocationSignOutDocument,
    "\n  query RevocationShops { shops { id } }\n": types.RevocationShopsDocument,
    "\n  mutation SignInHardeningAttempt($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload { token }\n      ... on InvalidCredentialsError { message }\n      ... on ValidationError { field message }\n    }\n  }\n": types.SignInHardeningAttemptDocument,
    "\n  query HardeningVisibilityNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on ApiKey { name lastUsedAt }\n      ... on Employee { name email role }\n    }\n  }\n": types.HardeningVisibilityNodeDocument,
    "\n  query HardeningVisibilityEmployeeName($id: ID!) {\n    node(id: $id) { id ... on Employee { name role } }\n  }\n": types.HardeningVisibilityEmployeeNameDocument,
    "\n  query HardeningVisibilityViewer {\n    viewer { employee { id email } }\n  }\n": types.HardeningVisibilityViewerDocument,
    "\n  query HardeningVisibilityApiKeys {\n    apiKeys { id name }\n  }\n": types.HardeningVisibilityApiKeysDocument,
    "\n  query HardeningVisibilityLedger($withEmail: Boolean!) {\n    inventoryAdjustments(first: 10) {\n      edges { node { id employee { id name email @include(if: $withEmail) } } }\n    }\n  }\n": types.HardeningVisibilityLedgerDocument,
    "\n  mutation HardeningVisibilitySignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload { employee { id email } }\n    }\n  }\n": types.HardeningVisibilitySignInDocument,
    "\n  subscription AlertsLive($shopId: ID, $after: String) {\n    negativeInventoryAlerts(shopId: $shopId, after: $after) {\n      ...AlertFields\n    }\n  }\n": types.AlertsLiveDocument,
    "\n  mutation FixtureCreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on CreateAccountPayload {\n        account { id name legacy }\n        admin { id email role }\n      }\n      ... on ValidationError { message field }\n    }\n  }\n": types.FixtureCreateAccountDocument,
    "\n  mutation FixtureSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload {\n        token\n        employee { id role }\n        session { negativeInventoryEnabled settingsOutdated createdAt expiresAt }\n      }\n      ... on InvalidCredentialsError { message }\n    }\n  }\n": types.FixtureSignInDocument,
    "\n  mutation FixtureCreateEmployee($input: CreateEmployeeInput!) {\n    createEmployee(input: $input) {\n      __typename\n      ... on CreateEmployeePayload { employee { id } }\n      ... on ValidationError { message field }\n    }\n  }\n": types.FixtureCreateEmployeeDocument,
    "\n  mutation FixtureCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) {\n      __typename\n      ... on CreateShopPayload { shop { id name } }\n      ... on ValidationError { message field }\n    }\n  }\n": types.FixtureCreateShopDocument,
    "\n  mutation FixtureCreateItem($input: CreateItemInput!) {\n    createItem(input: $input) {\n      __typename\n      ... on CreateItemPayload { item { id sku name } }\n      ... on ValidationError { message field }\n    }\n  }\n": types.FixtureCreateItemDocument,
    "\n  mutation FixtureCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreateApiKeyPayload { token apiKey { id name } }\n      ... on ValidationError { message field }\n    }\n  }\n": types.FixtureCreateApiKeyDocument,
    "\n  fragment LevelFields on InventoryLevel {\n    item { id sku }\n    shop { id }\n    quantityOnHand\n    sellableQuantity\n    updatedAt\n  }\n": types.LevelFieldsFragmentDoc,
    "\n  fragment AlertFields on NegativeInventoryAlert {\n    id\n    cursor\n    item { id }\n    shop { id }\n    quantityBefore\n    quantityAfter\n    reason\n    adjustment { id quantityAfter }\n    occurredAt\n  }\n": types.AlertFieldsFragmentDoc,
    "\n  fragment ErrorFields on Error {\n    __typename\n    message\n    ... on ValidationError { field }\n    ... on NotFoundError { id }\n    ... on InsufficientInventoryError {\n      shortages { item { id } shop { id } requested available }\n    }\n  }\n": types.ErrorFieldsFragmentDoc,
    "\n  mutation RecordSale($input: RecordSaleInput!) {\n    recordSale(input: $input) {\n      __typename\n      ... on RecordSalePayload {\n        sale { id shop { id } employee { id } lines { item { id } quantity } createdAt }\n        levels { ...LevelFields }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n": types.RecordSaleDocument,
    "\n  mutation ReceiveStock($input: ReceiveStockInput!) {\n    receiveStock(input: $input) {\n      __typename\n      ... on ReceiveStockPayload {\n        levels { ...LevelFields }\n        adjustments { id reason quantityChange quantityBefore quantityAfter source { id } employee { id } }\n      }\n      ...ErrorFields\n    }\n  }\n": types.ReceiveStockDocument,
    "\n  mutation AdjustInventory($input: AdjustInventoryInput!) {\n    adjustInventory(input: $input) {\n      __typename\n      ... on AdjustInventoryPayload {\n        level { ...LevelFields }\n        adjustment { id reason quantityChange quantityBefore quantityAfter note source { id } }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n": types.AdjustInventoryDocument,
    "\n  mutation SendTransfer($input: SendTransferInput!) {\n    sendTransfer(input: $input) {\n      __typename\n      ... on SendTransferPayload {\n        transfer { id status fromShop { id } toShop { id } lines { item { id } quantity } sentAt receivedAt }\n        levels { ...LevelFields }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n": types.SendTransferDocument,
    "\n  mutation ReceiveTransfer($input: ReceiveTransferInput!) {\n    receiveTransfer(input: $input) {\n      __typename\n      ... on ReceiveTransferPayload {\n        transfer { id status receivedAt }\n        levels { ...LevelFields }\n      }\n      ...ErrorFields\n    }\n  }\n": types.ReceiveTransferDocument,
    "\n  mutation VendorReturn($input: VendorReturnInput!) {\n    vendorReturn(input: $input) {\n      __typename\n      ... on VendorReturnPayload {\n        vendorReturn { id vendor shop { id } lines { item { id } quantity } createdAt }\n        levels { ...LevelFields }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n": types.VendorReturnDocument,
    "\n  mutation SetOptionalModule($input: SetOptionalModuleInput!) {\n    setOptionalModule(input: $input) {\n      __typename\n      ... on SetOptionalModulePayload {\n        setting { module enabled locked updatedAt }\n        sessionsToRefresh\n      }\n      ... on NegativeInventoryOutstandingError { message negativeItemCount }\n      ... on ModuleLockedError { message module }\n    }\n  }\n": types.SetOptionalModuleDocument,
    "\n  query ItemInventory($id: ID!) {\n    node(id: $id) {\n      ... on Item {\n        inventory { ...LevelFields }\n      }\n    }\n  }\n": types.ItemInventoryDocument,
    "\n  fragment ReportAdjustmentFields on InventoryAdjustment {\n    id\n    item { id sku }\n    shop { id }\n    quantityChange\n    quantityBefore\n    quantityAfter\n    reason\n    source {\n      __typename\n      id\n    }\n    employee { id name }\n    note\n    createdAt\n  }\n": types.ReportAdjustmentFieldsFragmentDoc,
    "\n  query NegativeReport($shopId: ID, $search: String, $reasons: [AdjustmentReason!], $first: Int, $after: String) {\n    negativeInventoryReport(shopId: $shopId, search: $search, reasons: $reasons, first: $first, after: $after) {\n      totalCount\n      totalNegativeUnits\n      generatedAt\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        cursor\n        node {\n          item { id sku name }\n          shop { id name }\n          quantityOnHand\n          wentNegativeAt\n          reason\n          inTransitQuantity\n          negativeAdjustments { ...ReportAdjustmentFields }\n        }\n      }\n    }\n  }\n": types.NegativeReportDocument,
    "\n  query Ledger($filter: InventoryAdjustmentFilter, $first: Int, $after: String) {\n    inventoryAdjustments(filter: $filter, first: $first, after: $after) {\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        cursor\n        node { ...ReportAdjustmentFields }\n      }\n    }\n  }\n": types.LedgerDocument,
    "\n  fragment CountFields on InventoryCount {\n    id\n    name\n    status\n    shop { id }\n    lines { item { id } countedQuantity }\n    createdAt\n    reconciledAt\n  }\n": types.CountFieldsFragmentDoc,
    "\n  mutation StartCount($input: StartInventoryCountInput!) {\n    startInventoryCount(input: $input) {\n      __typename\n      ... on StartInventoryCountPayload { count { ...CountFields } }\n      ... on ValidationError { message field }\n      ... on NotFoundError { message id }\n    }\n  }\n": types.StartCountDocument,
    "\n  mutation RecordCount($input: RecordInventoryCountInput!) {\n    recordInventoryCount(input: $input) {\n      __typename\n      ... on RecordInventoryCountPayload { count { ...CountFields } }\n      ... on ValidationError { message field }\n      ... on NotFoundError { message id }\n      ... on InventoryCountClosedError { message }\n    }\n  }\n": types.RecordCountDocument,
    "\n  mutation ReconcileCount($input: ReconcileInventoryCountInput!) {\n    reconcileInventoryCount(input: $input) {\n      __typename\n      ... on ReconcileInventoryCountPayload {\n        count { ...CountFields }\n        adjustments { ...ReportAdjustmentFields }\n      }\n      ... on NotFoundError { message id }\n      ... on InventoryCountClosedError { message }\n    }\n  }\n": types.ReconcileCountDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      account { id name legacy optionalModules { module enabled locked updatedAt } }\n      employee { id email role }\n      session { negativeInventoryEnabled settingsOutdated createdAt expiresAt }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      account { id name legacy optionalModules { module enabled locked updatedAt } }\n      employee { id email role }\n      session { negativeInventoryEnabled settingsOutdated createdAt expiresAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut { signOut }\n"): (typeof documents)["\n  mutation SignOut { signOut }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation CashierCreatesEmployee($input: CreateEmployeeInput!) {\n        createEmployee(input: $input) { __typename }\n      }\n    "): (typeof documents)["\n      mutation CashierCreatesEmployee($input: CreateEmployeeInput!) {\n        createEmployee(input: $input) { __typename }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertsHistory($shopId: ID, $first: Int, $after: String) {\n    negativeInventoryAlerts(shopId: $shopId, first: $first, after: $after) {\n      edges {\n        cursor\n        node { ...AlertFields }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query AlertsHistory($shopId: ID, $first: Int, $after: String) {\n    negativeInventoryAlerts(shopId: $shopId, first: $first, after: $after) {\n      edges {\n        cursor\n        node { ...AlertFields }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LatestAlertsHistory($shopId: ID, $last: Int, $before: String) {\n    negativeInventoryAlerts(shopId: $shopId, last: $last, before: $before) {\n      edges { cursor }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query LatestAlertsHistory($shopId: ID, $last: Int, $before: String) {\n    negativeInventoryAlerts(shopId: $shopId, last: $last, before: $before) {\n      edges { cursor }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query MixedAlertsHistory { negativeInventoryAlerts(first: 2, last: 2) { edges { cursor } } }\n    "): (typeof documents)["\n      query MixedAlertsHistory { negativeInventoryAlerts(first: 2, last: 2) { edges { cursor } } }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthCacheProbe {\n    viewer { __typename }\n  }\n"): (typeof documents)["\n  query AuthCacheProbe {\n    viewer { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthCacheSignOut { signOut }\n"): (typeof documents)["\n  mutation AuthCacheSignOut { signOut }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthCacheRevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      __typename\n      ... on RevokeApiKeyPayload { apiKey { id revokedAt } }\n    }\n  }\n"): (typeof documents)["\n  mutation AuthCacheRevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      __typename\n      ... on RevokeApiKeyPayload { apiKey { id revokedAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationApiKeysCreate($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreateApiKeyPayload { token apiKey { id name createdAt lastUsedAt revokedAt } }\n      ... on ValidationError { message field }\n    }\n  }\n"): (typeof documents)["\n  mutation FoundationApiKeysCreate($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreateApiKeyPayload { token apiKey { id name createdAt lastUsedAt revokedAt } }\n      ... on ValidationError { message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationApiKeysRevoke($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      __typename\n      ... on RevokeApiKeyPayload { apiKey { id name revokedAt } }\n      ... on NotFoundError { message id }\n    }\n  }\n"): (typeof documents)["\n  mutation FoundationApiKeysRevoke($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      __typename\n      ... on RevokeApiKeyPayload { apiKey { id name revokedAt } }\n      ... on NotFoundError { message id }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FoundationApiKeysList {\n    apiKeys { id name createdAt lastUsedAt revokedAt }\n  }\n"): (typeof documents)["\n  query FoundationApiKeysList {\n    apiKeys { id name createdAt lastUsedAt revokedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FoundationApiKeysReads {\n    viewer { account { id name } employee { id } session { negativeInventoryEnabled } }\n    shops { name }\n    items(first: 10) { edges { node { sku } } }\n  }\n"): (typeof documents)["\n  query FoundationApiKeysReads {\n    viewer { account { id name } employee { id } session { negativeInventoryEnabled } }\n    shops { name }\n    items(first: 10) { edges { node { sku } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationApiKeysCreateAccount($input: CreateAccountInput!) { createAccount(input: $input) { __typename } }\n"): (typeof documents)["\n  mutation FoundationApiKeysCreateAccount($input: CreateAccountInput!) { createAccount(input: $input) { __typename } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationApiKeysCreateEmployee($input: CreateEmployeeInput!) { createEmployee(input: $input) { __typename } }\n"): (typeof documents)["\n  mutation FoundationApiKeysCreateEmployee($input: CreateEmployeeInput!) { createEmployee(input: $input) { __typename } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationApiKeysCreateShop($input: CreateShopInput!) { createShop(input: $input) { __typename } }\n"): (typeof documents)["\n  mutation FoundationApiKeysCreateShop($input: CreateShopInput!) { createShop(input: $input) { __typename } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationApiKeysCreateItem($input: CreateItemInput!) { createItem(input: $input) { __typename } }\n"): (typeof documents)["\n  mutation FoundationApiKeysCreateItem($input: CreateItemInput!) { createItem(input: $input) { __typename } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationApiKeysSignOut { signOut }\n"): (typeof documents)["\n  mutation FoundationApiKeysSignOut { signOut }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationCatalogueCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) {\n      __typename\n      ... on CreateShopPayload { shop { id name } }\n      ... on ValidationError { message field }\n    }\n  }\n"): (typeof documents)["\n  mutation FoundationCatalogueCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) {\n      __typename\n      ... on CreateShopPayload { shop { id name } }\n      ... on ValidationError { message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationCatalogueCreateItem($input: CreateItemInput!) {\n    createItem(input: $input) {\n      __typename\n      ... on CreateItemPayload { item { id sku name } }\n      ... on ValidationError { message field }\n    }\n  }\n"): (typeof documents)["\n  mutation FoundationCatalogueCreateItem($input: CreateItemInput!) {\n    createItem(input: $input) {\n      __typename\n      ... on CreateItemPayload { item { id sku name } }\n      ... on ValidationError { message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FoundationCatalogueShops {\n    shops { id name }\n  }\n"): (typeof documents)["\n  query FoundationCatalogueShops {\n    shops { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FoundationCatalogueItems($first: Int, $after: String, $search: String) {\n    items(first: $first, after: $after, search: $search) {\n      edges { cursor node { id sku name } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query FoundationCatalogueItems($first: Int, $after: String, $search: String) {\n    items(first: $first, after: $after, search: $search) {\n      edges { cursor node { id sku name } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FoundationDemoAccount {\n    viewer { account { name legacy optionalModules { enabled } } employee { role } }\n    shops { name }\n    items(first: 500) {\n      edges { node { sku inventory { shop { name } quantityOnHand } } }\n    }\n  }\n"): (typeof documents)["\n  query FoundationDemoAccount {\n    viewer { account { name legacy optionalModules { enabled } } employee { role } }\n    shops { name }\n    items(first: 500) {\n      edges { node { sku inventory { shop { name } quantityOnHand } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationProcessCreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on CreateAccountPayload { account { id } }\n    }\n  }\n"): (typeof documents)["\n  mutation FoundationProcessCreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on CreateAccountPayload { account { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationProcessSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload { token }\n    }\n  }\n"): (typeof documents)["\n  mutation FoundationProcessSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload { token }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationProcessCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) {\n      __typename\n      ... on CreateShopPayload { shop { id name } }\n    }\n  }\n"): (typeof documents)["\n  mutation FoundationProcessCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) {\n      __typename\n      ... on CreateShopPayload { shop { id name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FoundationProcessCreateItem($input: CreateItemInput!) {\n    createItem(input: $input) {\n      __typename\n      ... on CreateItemPayload { item { id sku name } }\n    }\n  }\n"): (typeof documents)["\n  mutation FoundationProcessCreateItem($input: CreateItemInput!) {\n    createItem(input: $input) {\n      __typename\n      ... on CreateItemPayload { item { id sku name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FoundationProcessCatalogue {\n    viewer { account { id name } }\n    shops { id name }\n    items(first: 10) { edges { node { id sku name } } }\n  }\n"): (typeof documents)["\n  query FoundationProcessCatalogue {\n    viewer { account { id name } }\n    shops { id name }\n    items(first: 10) { edges { node { id sku name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FoundationSessionsSession {\n    viewer {\n      account { optionalModules { module enabled } }\n      session { negativeInventoryEnabled settingsOutdated }\n    }\n  }\n"): (typeof documents)["\n  query FoundationSessionsSession {\n    viewer {\n      account { optionalModules { module enabled } }\n      session { negativeInventoryEnabled settingsOutdated }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FoundationTenancyNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Account { name }\n      ... on Shop { name }\n      ... on Item { sku }\n      ... on Employee { email role }\n      ... on ApiKey { name }\n    }\n  }\n"): (typeof documents)["\n  query FoundationTenancyNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Account { name }\n      ... on Shop { name }\n      ... on Item { sku }\n      ... on Employee { email role }\n      ... on ApiKey { name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FoundationTenancyLists {\n    viewer { account { id } }\n    shops { id name }\n    items(first: 500) { edges { node { id sku } } }\n  }\n"): (typeof documents)["\n  query FoundationTenancyLists {\n    viewer { account { id } }\n    shops { id name }\n    items(first: 500) { edges { node { id sku } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FoundationTenancyApiKeys {\n    apiKeys { id name }\n  }\n"): (typeof documents)["\n  query FoundationTenancyApiKeys {\n    apiKeys { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query FoundationTenancySearch($search: String) {\n          items(search: $search) { edges { node { id } } }\n        }\n      "): (typeof documents)["\n        query FoundationTenancySearch($search: String) {\n          items(search: $search) { edges { node { id } } }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConnectionsShops { shops { id name } }\n"): (typeof documents)["\n  query ConnectionsShops { shops { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CostAmplifiedItems($first: Int) {\n    items(first: $first) {\n      edges { node { sku inventory { quantityOnHand item { inventory { quantityOnHand item { sku } } } } } }\n    }\n  }\n"): (typeof documents)["\n  query CostAmplifiedItems($first: Int) {\n    items(first: $first) {\n      edges { node { sku inventory { quantityOnHand item { inventory { quantityOnHand item { sku } } } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CostAmplifiedAlerts {\n    negativeInventoryAlerts { cursor item { inventory { item { inventory { item { inventory { quantityOnHand } } } } } } }\n  }\n"): (typeof documents)["\n  subscription CostAmplifiedAlerts {\n    negativeInventoryAlerts { cursor item { inventory { item { inventory { item { inventory { quantityOnHand } } } } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation CostAmplifiedSale($input: RecordSaleInput!) {\n        recordSale(input: $input) {\n          __typename\n          ... on RecordSalePayload { levels { item { inventory { item { inventory { item { inventory { quantityOnHand } } } } } } } }\n        }\n      }\n    "): (typeof documents)["\n      mutation CostAmplifiedSale($input: RecordSaleInput!) {\n        recordSale(input: $input) {\n          __typename\n          ... on RecordSalePayload { levels { item { inventory { item { inventory { item { inventory { quantityOnHand } } } } } } } }\n        }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation CostCreateItem($input: CreateItemInput!) {\n        createItem(input: $input) { __typename ... on ValidationError { field message } }\n      }\n    "): (typeof documents)["\n      mutation CostCreateItem($input: CreateItemInput!) {\n        createItem(input: $input) { __typename ... on ValidationError { field message } }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CostHeavyItems {\n    items(first: 1) {\n      edges {\n        node {\n          name\n          i1: inventory { shop { name } item { name } }\n          i2: inventory { shop { name } item { name } }\n          i3: inventory { shop { name } item { name } }\n          i4: inventory { shop { name } item { name } }\n          i5: inventory { shop { name } item { name } }\n          i6: inventory { shop { name } item { name } }\n          i7: inventory { shop { name } item { name } }\n          i8: inventory { shop { name } item { name } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CostHeavyItems {\n    items(first: 1) {\n      edges {\n        node {\n          name\n          i1: inventory { shop { name } item { name } }\n          i2: inventory { shop { name } item { name } }\n          i3: inventory { shop { name } item { name } }\n          i4: inventory { shop { name } item { name } }\n          i5: inventory { shop { name } item { name } }\n          i6: inventory { shop { name } item { name } }\n          i7: inventory { shop { name } item { name } }\n          i8: inventory { shop { name } item { name } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CostHeavyAlerts {\n    negativeInventoryAlerts {\n      cursor\n      i1: item { name inventory { shop { name } item { name } } }\n      i2: item { name inventory { shop { name } item { name } } }\n      i3: item { name inventory { shop { name } item { name } } }\n      i4: item { name inventory { shop { name } item { name } } }\n      i5: item { name inventory { shop { name } item { name } } }\n      i6: item { name inventory { shop { name } item { name } } }\n    }\n  }\n"): (typeof documents)["\n  subscription CostHeavyAlerts {\n    negativeInventoryAlerts {\n      cursor\n      i1: item { name inventory { shop { name } item { name } } }\n      i2: item { name inventory { shop { name } item { name } } }\n      i3: item { name inventory { shop { name } item { name } } }\n      i4: item { name inventory { shop { name } item { name } } }\n      i5: item { name inventory { shop { name } item { name } } }\n      i6: item { name inventory { shop { name } item { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation CostHeavyCreateItem($input: CreateItemInput!) {\n        createItem(input: $input) {\n          __typename\n          ... on CreateItemPayload {\n            item {\n              i1: inventory { shop { name } item { name } }\n              i2: inventory { shop { name } item { name } }\n              i3: inventory { shop { name } item { name } }\n              i4: inventory { shop { name } item { name } }\n              i5: inventory { shop { name } item { name } }\n              i6: inventory { shop { name } item { name } }\n              i7: inventory { shop { name } item { name } }\n              i8: inventory { shop { name } item { name } }\n            }\n          }\n        }\n      }\n    "): (typeof documents)["\n      mutation CostHeavyCreateItem($input: CreateItemInput!) {\n        createItem(input: $input) {\n          __typename\n          ... on CreateItemPayload {\n            item {\n              i1: inventory { shop { name } item { name } }\n              i2: inventory { shop { name } item { name } }\n              i3: inventory { shop { name } item { name } }\n              i4: inventory { shop { name } item { name } }\n              i5: inventory { shop { name } item { name } }\n              i6: inventory { shop { name } item { name } }\n              i7: inventory { shop { name } item { name } }\n              i8: inventory { shop { name } item { name } }\n            }\n          }\n        }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      subscription CostSmallAlerts { negativeInventoryAlerts { cursor item { sku } } }\n    "): (typeof documents)["\n      subscription CostSmallAlerts { negativeInventoryAlerts { cursor item { sku } } }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeadPeerShops { shops { id } }\n"): (typeof documents)["\n  query DeadPeerShops { shops { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeadPeerSignOut { signOut }\n"): (typeof documents)["\n  mutation DeadPeerSignOut { signOut }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HardeningShops { shops { id name } }\n"): (typeof documents)["\n  query HardeningShops { shops { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HardeningRangesItems($search: String, $after: String) {\n    items(first: 5, search: $search, after: $after) { edges { node { sku } } }\n  }\n"): (typeof documents)["\n  query HardeningRangesItems($search: String, $after: String) {\n    items(first: 5, search: $search, after: $after) { edges { node { sku } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HardeningRangesReportRows($shopId: ID, $after: String) {\n    negativeInventoryReport(shopId: $shopId, first: 5, after: $after) {\n      edges { cursor node { quantityOnHand shop { id } } }\n    }\n  }\n"): (typeof documents)["\n  query HardeningRangesReportRows($shopId: ID, $after: String) {\n    negativeInventoryReport(shopId: $shopId, first: 5, after: $after) {\n      edges { cursor node { quantityOnHand shop { id } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HardeningRangesReportTotals($shopId: ID) {\n    negativeInventoryReport(shopId: $shopId) { totalCount totalNegativeUnits }\n  }\n"): (typeof documents)["\n  query HardeningRangesReportTotals($shopId: ID) {\n    negativeInventoryReport(shopId: $shopId) { totalCount totalNegativeUnits }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OutageShops { shops { id } }\n"): (typeof documents)["\n  query OutageShops { shops { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevocationRevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      __typename\n      ... on RevokeApiKeyPayload { apiKey { id revokedAt } }\n    }\n  }\n"): (typeof documents)["\n  mutation RevocationRevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      __typename\n      ... on RevokeApiKeyPayload { apiKey { id revokedAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevocationSignOut { signOut }\n"): (typeof documents)["\n  mutation RevocationSignOut { signOut }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RevocationShops { shops { id } }\n"): (typeof documents)["\n  query RevocationShops { shops { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInHardeningAttempt($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload { token }\n      ... on InvalidCredentialsError { message }\n      ... on ValidationError { field message }\n    }\n  }\n"): (typeof documents)["\n  mutation SignInHardeningAttempt($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload { token }\n      ... on InvalidCredentialsError { message }\n      ... on ValidationError { field message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HardeningVisibilityNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on ApiKey { name lastUsedAt }\n      ... on Employee { name email role }\n    }\n  }\n"): (typeof documents)["\n  query HardeningVisibilityNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on ApiKey { name lastUsedAt }\n      ... on Employee { name email role }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HardeningVisibilityEmployeeName($id: ID!) {\n    node(id: $id) { id ... on Employee { name role } }\n  }\n"): (typeof documents)["\n  query HardeningVisibilityEmployeeName($id: ID!) {\n    node(id: $id) { id ... on Employee { name role } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HardeningVisibilityViewer {\n    viewer { employee { id email } }\n  }\n"): (typeof documents)["\n  query HardeningVisibilityViewer {\n    viewer { employee { id email } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HardeningVisibilityApiKeys {\n    apiKeys { id name }\n  }\n"): (typeof documents)["\n  query HardeningVisibilityApiKeys {\n    apiKeys { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HardeningVisibilityLedger($withEmail: Boolean!) {\n    inventoryAdjustments(first: 10) {\n      edges { node { id employee { id name email @include(if: $withEmail) } } }\n    }\n  }\n"): (typeof documents)["\n  query HardeningVisibilityLedger($withEmail: Boolean!) {\n    inventoryAdjustments(first: 10) {\n      edges { node { id employee { id name email @include(if: $withEmail) } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HardeningVisibilitySignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload { employee { id email } }\n    }\n  }\n"): (typeof documents)["\n  mutation HardeningVisibilitySignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload { employee { id email } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AlertsLive($shopId: ID, $after: String) {\n    negativeInventoryAlerts(shopId: $shopId, after: $after) {\n      ...AlertFields\n    }\n  }\n"): (typeof documents)["\n  subscription AlertsLive($shopId: ID, $after: String) {\n    negativeInventoryAlerts(shopId: $shopId, after: $after) {\n      ...AlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FixtureCreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on CreateAccountPayload {\n        account { id name legacy }\n        admin { id email role }\n      }\n      ... on ValidationError { message field }\n    }\n  }\n"): (typeof documents)["\n  mutation FixtureCreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on CreateAccountPayload {\n        account { id name legacy }\n        admin { id email role }\n      }\n      ... on ValidationError { message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FixtureSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload {\n        token\n        employee { id role }\n        session { negativeInventoryEnabled settingsOutdated createdAt expiresAt }\n      }\n      ... on InvalidCredentialsError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation FixtureSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInPayload {\n        token\n        employee { id role }\n        session { negativeInventoryEnabled settingsOutdated createdAt expiresAt }\n      }\n      ... on InvalidCredentialsError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FixtureCreateEmployee($input: CreateEmployeeInput!) {\n    createEmployee(input: $input) {\n      __typename\n      ... on CreateEmployeePayload { employee { id } }\n      ... on ValidationError { message field }\n    }\n  }\n"): (typeof documents)["\n  mutation FixtureCreateEmployee($input: CreateEmployeeInput!) {\n    createEmployee(input: $input) {\n      __typename\n      ... on CreateEmployeePayload { employee { id } }\n      ... on ValidationError { message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FixtureCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) {\n      __typename\n      ... on CreateShopPayload { shop { id name } }\n      ... on ValidationError { message field }\n    }\n  }\n"): (typeof documents)["\n  mutation FixtureCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) {\n      __typename\n      ... on CreateShopPayload { shop { id name } }\n      ... on ValidationError { message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FixtureCreateItem($input: CreateItemInput!) {\n    createItem(input: $input) {\n      __typename\n      ... on CreateItemPayload { item { id sku name } }\n      ... on ValidationError { message field }\n    }\n  }\n"): (typeof documents)["\n  mutation FixtureCreateItem($input: CreateItemInput!) {\n    createItem(input: $input) {\n      __typename\n      ... on CreateItemPayload { item { id sku name } }\n      ... on ValidationError { message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FixtureCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreateApiKeyPayload { token apiKey { id name } }\n      ... on ValidationError { message field }\n    }\n  }\n"): (typeof documents)["\n  mutation FixtureCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreateApiKeyPayload { token apiKey { id name } }\n      ... on ValidationError { message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LevelFields on InventoryLevel {\n    item { id sku }\n    shop { id }\n    quantityOnHand\n    sellableQuantity\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment LevelFields on InventoryLevel {\n    item { id sku }\n    shop { id }\n    quantityOnHand\n    sellableQuantity\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertFields on NegativeInventoryAlert {\n    id\n    cursor\n    item { id }\n    shop { id }\n    quantityBefore\n    quantityAfter\n    reason\n    adjustment { id quantityAfter }\n    occurredAt\n  }\n"): (typeof documents)["\n  fragment AlertFields on NegativeInventoryAlert {\n    id\n    cursor\n    item { id }\n    shop { id }\n    quantityBefore\n    quantityAfter\n    reason\n    adjustment { id quantityAfter }\n    occurredAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ErrorFields on Error {\n    __typename\n    message\n    ... on ValidationError { field }\n    ... on NotFoundError { id }\n    ... on InsufficientInventoryError {\n      shortages { item { id } shop { id } requested available }\n    }\n  }\n"): (typeof documents)["\n  fragment ErrorFields on Error {\n    __typename\n    message\n    ... on ValidationError { field }\n    ... on NotFoundError { id }\n    ... on InsufficientInventoryError {\n      shortages { item { id } shop { id } requested available }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordSale($input: RecordSaleInput!) {\n    recordSale(input: $input) {\n      __typename\n      ... on RecordSalePayload {\n        sale { id shop { id } employee { id } lines { item { id } quantity } createdAt }\n        levels { ...LevelFields }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation RecordSale($input: RecordSaleInput!) {\n    recordSale(input: $input) {\n      __typename\n      ... on RecordSalePayload {\n        sale { id shop { id } employee { id } lines { item { id } quantity } createdAt }\n        levels { ...LevelFields }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReceiveStock($input: ReceiveStockInput!) {\n    receiveStock(input: $input) {\n      __typename\n      ... on ReceiveStockPayload {\n        levels { ...LevelFields }\n        adjustments { id reason quantityChange quantityBefore quantityAfter source { id } employee { id } }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReceiveStock($input: ReceiveStockInput!) {\n    receiveStock(input: $input) {\n      __typename\n      ... on ReceiveStockPayload {\n        levels { ...LevelFields }\n        adjustments { id reason quantityChange quantityBefore quantityAfter source { id } employee { id } }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdjustInventory($input: AdjustInventoryInput!) {\n    adjustInventory(input: $input) {\n      __typename\n      ... on AdjustInventoryPayload {\n        level { ...LevelFields }\n        adjustment { id reason quantityChange quantityBefore quantityAfter note source { id } }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation AdjustInventory($input: AdjustInventoryInput!) {\n    adjustInventory(input: $input) {\n      __typename\n      ... on AdjustInventoryPayload {\n        level { ...LevelFields }\n        adjustment { id reason quantityChange quantityBefore quantityAfter note source { id } }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTransfer($input: SendTransferInput!) {\n    sendTransfer(input: $input) {\n      __typename\n      ... on SendTransferPayload {\n        transfer { id status fromShop { id } toShop { id } lines { item { id } quantity } sentAt receivedAt }\n        levels { ...LevelFields }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendTransfer($input: SendTransferInput!) {\n    sendTransfer(input: $input) {\n      __typename\n      ... on SendTransferPayload {\n        transfer { id status fromShop { id } toShop { id } lines { item { id } quantity } sentAt receivedAt }\n        levels { ...LevelFields }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReceiveTransfer($input: ReceiveTransferInput!) {\n    receiveTransfer(input: $input) {\n      __typename\n      ... on ReceiveTransferPayload {\n        transfer { id status receivedAt }\n        levels { ...LevelFields }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReceiveTransfer($input: ReceiveTransferInput!) {\n    receiveTransfer(input: $input) {\n      __typename\n      ... on ReceiveTransferPayload {\n        transfer { id status receivedAt }\n        levels { ...LevelFields }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VendorReturn($input: VendorReturnInput!) {\n    vendorReturn(input: $input) {\n      __typename\n      ... on VendorReturnPayload {\n        vendorReturn { id vendor shop { id } lines { item { id } quantity } createdAt }\n        levels { ...LevelFields }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation VendorReturn($input: VendorReturnInput!) {\n    vendorReturn(input: $input) {\n      __typename\n      ... on VendorReturnPayload {\n        vendorReturn { id vendor shop { id } lines { item { id } quantity } createdAt }\n        levels { ...LevelFields }\n        alerts { ...AlertFields }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetOptionalModule($input: SetOptionalModuleInput!) {\n    setOptionalModule(input: $input) {\n      __typename\n      ... on SetOptionalModulePayload {\n        setting { module enabled locked updatedAt }\n        sessionsToRefresh\n      }\n      ... on NegativeInventoryOutstandingError { message negativeItemCount }\n      ... on ModuleLockedError { message module }\n    }\n  }\n"): (typeof documents)["\n  mutation SetOptionalModule($input: SetOptionalModuleInput!) {\n    setOptionalModule(input: $input) {\n      __typename\n      ... on SetOptionalModulePayload {\n        setting { module enabled locked updatedAt }\n        sessionsToRefresh\n      }\n      ... on NegativeInventoryOutstandingError { message negativeItemCount }\n      ... on ModuleLockedError { message module }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ItemInventory($id: ID!) {\n    node(id: $id) {\n      ... on Item {\n        inventory { ...LevelFields }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ItemInventory($id: ID!) {\n    node(id: $id) {\n      ... on Item {\n        inventory { ...LevelFields }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReportAdjustmentFields on InventoryAdjustment {\n    id\n    item { id sku }\n    shop { id }\n    quantityChange\n    quantityBefore\n    quantityAfter\n    reason\n    source {\n      __typename\n      id\n    }\n    employee { id name }\n    note\n    createdAt\n  }\n"): (typeof documents)["\n  fragment ReportAdjustmentFields on InventoryAdjustment {\n    id\n    item { id sku }\n    shop { id }\n    quantityChange\n    quantityBefore\n    quantityAfter\n    reason\n    source {\n      __typename\n      id\n    }\n    employee { id name }\n    note\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NegativeReport($shopId: ID, $search: String, $reasons: [AdjustmentReason!], $first: Int, $after: String) {\n    negativeInventoryReport(shopId: $shopId, search: $search, reasons: $reasons, first: $first, after: $after) {\n      totalCount\n      totalNegativeUnits\n      generatedAt\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        cursor\n        node {\n          item { id sku name }\n          shop { id name }\n          quantityOnHand\n          wentNegativeAt\n          reason\n          inTransitQuantity\n          negativeAdjustments { ...ReportAdjustmentFields }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NegativeReport($shopId: ID, $search: String, $reasons: [AdjustmentReason!], $first: Int, $after: String) {\n    negativeInventoryReport(shopId: $shopId, search: $search, reasons: $reasons, first: $first, after: $after) {\n      totalCount\n      totalNegativeUnits\n      generatedAt\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        cursor\n        node {\n          item { id sku name }\n          shop { id name }\n          quantityOnHand\n          wentNegativeAt\n          reason\n          inTransitQuantity\n          negativeAdjustments { ...ReportAdjustmentFields }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ledger($filter: InventoryAdjustmentFilter, $first: Int, $after: String) {\n    inventoryAdjustments(filter: $filter, first: $first, after: $after) {\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        cursor\n        node { ...ReportAdjustmentFields }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Ledger($filter: InventoryAdjustmentFilter, $first: Int, $after: String) {\n    inventoryAdjustments(filter: $filter, first: $first, after: $after) {\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        cursor\n        node { ...ReportAdjustmentFields }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CountFields on InventoryCount {\n    id\n    name\n    status\n    shop { id }\n    lines { item { id } countedQuantity }\n    createdAt\n    reconciledAt\n  }\n"): (typeof documents)["\n  fragment CountFields on InventoryCount {\n    id\n    name\n    status\n    shop { id }\n    lines { item { id } countedQuantity }\n    createdAt\n    reconciledAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartCount($input: StartInventoryCountInput!) {\n    startInventoryCount(input: $input) {\n      __typename\n      ... on StartInventoryCountPayload { count { ...CountFields } }\n      ... on ValidationError { message field }\n      ... on NotFoundError { message id }\n    }\n  }\n"): (typeof documents)["\n  mutation StartCount($input: StartInventoryCountInput!) {\n    startInventoryCount(input: $input) {\n      __typename\n      ... on StartInventoryCountPayload { count { ...CountFields } }\n      ... on ValidationError { message field }\n      ... on NotFoundError { message id }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordCount($input: RecordInventoryCountInput!) {\n    recordInventoryCount(input: $input) {\n      __typename\n      ... on RecordInventoryCountPayload { count { ...CountFields } }\n      ... on ValidationError { message field }\n      ... on NotFoundError { message id }\n      ... on InventoryCountClosedError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordCount($input: RecordInventoryCountInput!) {\n    recordInventoryCount(input: $input) {\n      __typename\n      ... on RecordInventoryCountPayload { count { ...CountFields } }\n      ... on ValidationError { message field }\n      ... on NotFoundError { message id }\n      ... on InventoryCountClosedError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReconcileCount($input: ReconcileInventoryCountInput!) {\n    reconcileInventoryCount(input: $input) {\n      __typename\n      ... on ReconcileInventoryCountPayload {\n        count { ...CountFields }\n        adjustments { ...ReportAdjustmentFields }\n      }\n      ... on NotFoundError { message id }\n      ... on InventoryCountClosedError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ReconcileCount($input: ReconcileInventoryCountInput!) {\n    reconcileInventoryCount(input: $input) {\n      __typename\n      ... on ReconcileInventoryCountPayload {\n        count { ...CountFields }\n        adjustments { ...ReportAdjustmentFields }\n      }\n      ... on NotFoundError { message id }\n      ... on InventoryCountClosedError { message }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;