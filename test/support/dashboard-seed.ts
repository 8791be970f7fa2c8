import { createAccount, createEmployee, createItem, createShop, password, signIn } from './fixtures.js';
import { expectTypename, type TestApp } from './harness.js';
import {
  receiveStockMutation,
  recordSaleMutation,
  sendTransferMutation,
  setOptionalModuleMutation,
  vendorReturnMutation,
} from './inventory.js';

// A retailer for the dashboard's tests, built through the public API: a legacy account with
// negative inventory turned on (so its admin sees the switch), two shops, stock, and items that
// went below zero by a sale, a transfer and a vendor return; and one that a cashier's sale took
// below zero and a receipt brought back (a resolved episode).

export interface SeededRetailer {
  adminEmail: string;
  password: string;
  /** The admin's token (a session signed in after negative inventory was turned on). */
  token: string;
  shops: { main: { id: string; name: string }; second: { id: string; name: string } };
  items: { id: string; sku: string; name: string }[];
  /** The rows the report shows after seeding, as `sku@shop name`. */
  negativeRows: string[];
  /** Sells `quantity` of an item at a shop; returns the ids of the alerts it raised. */
  sell(shopId: string, itemId: string, quantity: number): Promise<string[]>;
}

const catalogue: [sku: string, name: string][] = [
  ['HW-1001', 'Claw hammer 16 oz'],
  ['HW-1002', 'Tape measure 5 m'],
  ['HW-1003', 'Utility knife'],
  ['HW-1004', 'Cordless drill 18 V'],
  ['HW-1005', 'Wood screws 4x40 (200)'],
  ['HW-1006', 'Paint roller kit'],
  ['HW-1007', 'Work gloves (L)'],
  ['HW-1008', 'Safety glasses'],
  ['HW-1009', 'Extension cord 10 m'],
  ['HW-1010', 'LED bulb E27 (2)'],
  ['HW-1011', 'Padlock 40 mm'],
  ['HW-1012', 'Masking tape 25 mm'],
];

export async function seedRetailer(t: TestApp, options: { name?: string } = {}): Promise<SeededRetailer> {
  const account = await createAccount(t, { legacy: true, name: options.name ?? 'Corner Hardware' });
  const turnedOn = await t.run(setOptionalModuleMutation, { input: { module: 'NEGATIVE_INVENTORY', enabled: true } }, account.adminToken);
  expectTypename(turnedOn.setOptionalModule, 'SetOptionalModulePayload');
  // Sessions keep the setting they signed in with: sign in again to sell below zero.
  const token = await signIn(t, account.adminEmail);

  const main = await createShop(t, token, 'Harbour Road');
  const second = await createShop(t, token, 'Station Square');
  const items: SeededRetailer['items'] = [];
  for (const [sku, name] of catalogue) items.push(await createItem(t, token, sku, name));
  const itemAt = (index: number) => {
    const item = items[index];
    if (!item) throw new Error(`no item ${index}`);
    return item;
  };
  const [hammer, tape, knife, drill, screws] = [itemAt(0), itemAt(1), itemAt(2), itemAt(3), itemAt(4)];

  // Stock at the main shop for every item; at the second shop only for some.
  const received = await t.run(
    receiveStockMutation,
    { input: { shopId: main.id, lines: items.map((item) => ({ itemId: item.id, quantity: 5 })) } },
    token,
  );
  expectTypename(received.receiveStock, 'ReceiveStockPayload');

  const sell = async (shopId: string, itemId: string, quantity: number) => {
    const result = await t.run(recordSaleMutation, { input: { shopId, lines: [{ itemId, quantity }] } }, token);
    return expectTypename(result.recordSale, 'RecordSalePayload').alerts.map((alert) => alert.id);
  };

  // Sold at the second shop, where nothing was received: below zero by a sale.
  await sell(second.id, hammer.id, 3);
  await sell(second.id, tape.id, 1);
  // Sent more than the main shop had: below zero by a transfer (and in transit to the second).
  const transfer = await t.run(
    sendTransferMutation,
    { input: { fromShopId: main.id, toShopId: second.id, lines: [{ itemId: knife.id, quantity: 7 }] } },
    token,
  );
  expectTypename(transfer.sendTransfer, 'SendTransferPayload');
  // Hammers on their way to the second shop, where the hammer is below zero: the report shows
  // them in transit (receive them before counting).
  const hammers = await t.run(
    sendTransferMutation,
    { input: { fromShopId: main.id, toShopId: second.id, lines: [{ itemId: hammer.id, quantity: 2 }] } },
    token,
  );
  expectTypename(hammers.sendTransfer, 'SendTransferPayload');
  // Returned more to the vendor than was recorded.
  const returned = await t.run(
    vendorReturnMutation,
    { input: { shopId: main.id, vendor: 'Acme Tools', lines: [{ itemId: drill.id, quantity: 9 }] } },
    token,
  );
  expectTypename(returned.vendorReturn, 'VendorReturnPayload');
  // Oversold at the main shop, then sold again while negative (one episode, two adjustments).
  await sell(main.id, screws.id, 6);
  await sell(main.id, screws.id, 2);
  // A cashier sells a paint roller kit the second shop has none of; a receipt brings it back to
  // zero: an episode that has ended (its alert is resolved, the report doesn't list it).
  const cashier = await createEmployee(t, token, 'CASHIER');
  const rollers = itemAt(5);
  const cashierSale = await t.run(
    recordSaleMutation,
    { input: { shopId: second.id, lines: [{ itemId: rollers.id, quantity: 1 }] } },
    cashier.token,
  );
  expectTypename(cashierSale.recordSale, 'RecordSalePayload');
  const restocked = await t.run(
    receiveStockMutation,
    { input: { shopId: second.id, lines: [{ itemId: rollers.id, quantity: 1 }] } },
    token,
  );
  expectTypename(restocked.receiveStock, 'ReceiveStockPayload');

  return {
    adminEmail: account.adminEmail,
    password,
    token,
    shops: { main, second },
    items,
    negativeRows: [
      `${hammer.sku}@${second.name}`,
      `${tape.sku}@${second.name}`,
      `${knife.sku}@${main.name}`,
      `${drill.sku}@${main.name}`,
      `${screws.sku}@${main.name}`,
    ],
    sell,
  };
}
