import { h } from './dom.js';
import type { AdjustmentReason } from './operations.js';

/** The reasons in the back office's words. */
export const reasonLabels: Record<AdjustmentReason, string> = {
  SALE: 'Sale',
  TRANSFER_OUT: 'Removed for transfer',
  TRANSFER_IN: 'Received from transfer',
  VENDOR_RETURN: 'Returned to vendor',
  INVENTORY_COUNT: 'Inventory count',
  RECEIVING: 'Receiving',
  MANUAL: 'Manual adjustment',
};

/**
 * The reasons that can take a quantity below zero (the others add stock, or set it to a count):
 * what the report's reason filter and the chart offer.
 */
export const negativeReasons: readonly AdjustmentReason[] = ['SALE', 'TRANSFER_OUT', 'VENDOR_RETURN', 'MANUAL'];

const numberFormat = new Intl.NumberFormat(undefined);
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** A quantity, with a real minus sign (easier to read than a hyphen in a column of numbers). */
export function quantity(value: number): string {
  return numberFormat.format(value).replace('-', '\u2212');
}

/** `n thing(s)` in words. */
export function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${numberFormat.format(value)} ${value === 1 ? singular : plural}`;
}

/** A <time> element showing a date and time in the reader's locale. */
export function dateTime(iso: string): HTMLTimeElement {
  return h('time', { datetime: iso, title: iso }, dateTimeFormat.format(new Date(iso)));
}

/** A <time> element showing only the time of day (for the alerts of today). */
export function timeOfDay(iso: string): HTMLTimeElement {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return h('time', { datetime: iso, title: iso }, today ? timeFormat.format(date) : dateTimeFormat.format(date));
}
