// The negative inventory report (Query.negativeInventoryReport): see issue #4.
export {};
