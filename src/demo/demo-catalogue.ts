// What `npm run demo` loads: two retailers, one of each kind the help article describes.

export interface DemoAccount {
  name: string;
  /** Legacy accounts start with negative inventory off and may turn it on; newer ones have it always on. */
  legacy: boolean;
  admin: { name: string; email: string };
  cashier: { name: string; email: string };
  shops: [string, string];
  items: [sku: string, name: string][];
}

/** Every demo employee signs in with this password. */
export const demoPassword = 'demo-password';

export const demoAccounts: DemoAccount[] = [
  {
    name: 'Harbour Hardware',
    legacy: false,
    admin: { name: 'Hana Harbour', email: 'admin@harbour-hardware.example' },
    cashier: { name: 'Cal Counter', email: 'cashier@harbour-hardware.example' },
    shops: ['Harbour Road', 'Station Square'],
    items: [
      ['HW-1001', 'Claw hammer 16 oz'],
      ['HW-1002', 'Rubber mallet'],
      ['HW-1003', 'Tape measure 5 m'],
      ['HW-1004', 'Spirit level 60 cm'],
      ['HW-1005', 'Utility knife'],
      ['HW-1006', 'Snap-off blades (10)'],
      ['HW-1007', 'Screwdriver set (6)'],
      ['HW-1008', 'Hex key set'],
      ['HW-1009', 'Adjustable wrench 8"'],
      ['HW-1010', 'Combination pliers'],
      ['HW-1011', 'Cordless drill 18 V'],
      ['HW-1012', 'Drill bits HSS (19)'],
      ['HW-1013', 'Masonry bits (5)'],
      ['HW-1014', 'Wood screws 4x40 (200)'],
      ['HW-1015', 'Wall plugs 6 mm (100)'],
      ['HW-1016', 'Nails 50 mm (1 kg)'],
      ['HW-1017', 'Wood glue 250 ml'],
      ['HW-1018', 'Silicone sealant clear'],
      ['HW-1019', 'Caulking gun'],
      ['HW-1020', 'Sandpaper assorted (10)'],
      ['HW-1021', 'Paint brush 50 mm'],
      ['HW-1022', 'Paint roller kit'],
      ['HW-1023', 'Masking tape 25 mm'],
      ['HW-1024', 'Drop cloth 4x5 m'],
      ['HW-1025', 'Work gloves (L)'],
      ['HW-1026', 'Safety glasses'],
      ['HW-1027', 'Extension cord 10 m'],
      ['HW-1028', 'LED bulb E27 (2)'],
      ['HW-1029', 'Padlock 40 mm'],
      ['HW-1030', 'Key cutting (service)'],
    ],
  },
  {
    name: 'Oldtown Outfitters',
    legacy: true,
    admin: { name: 'Olive Oldtown', email: 'admin@oldtown-outfitters.example' },
    cashier: { name: 'Tom Till', email: 'cashier@oldtown-outfitters.example' },
    shops: ['Market Street', 'Riverside'],
    items: [
      ['OT-2001', 'Rain jacket (M)'],
      ['OT-2002', 'Rain jacket (L)'],
      ['OT-2003', 'Fleece pullover (M)'],
      ['OT-2004', 'Fleece pullover (L)'],
      ['OT-2005', 'Hiking boots 42'],
      ['OT-2006', 'Hiking boots 44'],
      ['OT-2007', 'Wool socks (2 pairs)'],
      ['OT-2008', 'Beanie'],
      ['OT-2009', 'Gloves, touchscreen'],
      ['OT-2010', 'Daypack 20 l'],
      ['OT-2011', 'Backpack 45 l'],
      ['OT-2012', 'Water bottle 1 l'],
      ['OT-2013', 'Insulated flask 0.5 l'],
      ['OT-2014', 'Headlamp'],
      ['OT-2015', 'AA batteries (4)'],
      ['OT-2016', 'Trekking poles (pair)'],
      ['OT-2017', 'Sleeping bag 3-season'],
      ['OT-2018', 'Sleeping mat'],
      ['OT-2019', 'Tent 2-person'],
      ['OT-2020', 'Camping stove'],
      ['OT-2021', 'Gas canister 230 g'],
      ['OT-2022', 'Cook set'],
      ['OT-2023', 'Spork'],
      ['OT-2024', 'First aid kit'],
      ['OT-2025', 'Map case'],
      ['OT-2026', 'Compass'],
      ['OT-2027', 'Sun cream SPF 50'],
      ['OT-2028', 'Insect repellent'],
      ['OT-2029', 'Gaiters'],
      ['OT-2030', 'Boot waterproofing spray'],
    ],
  },
];

/**
 * Units received at each of the account's two shops, per item (by its index in the list): varied,
 * and zero for some items at the second shop, so a sale there shows negative inventory at once.
 */
export function demoQuantity(itemIndex: number, shopIndex: number): number {
  if (shopIndex === 1 && itemIndex % 5 === 4) return 0;
  return ((itemIndex * 7 + shopIndex * 3) % 23) + 2;
}
