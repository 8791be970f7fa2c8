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

/** A duration in words a manager reads at a glance: "45 s", "12 min", "2 h 5 min", "3 d 4 h"; "—" for none. */
export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < 1) return '< 1 s';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
