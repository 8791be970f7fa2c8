// The reconciliation ledger (Query.inventoryAdjustments): see issue #4.
export {};
