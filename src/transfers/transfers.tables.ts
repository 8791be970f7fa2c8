import type { ColumnType, Generated } from 'kysely';

export type TransferStatus = 'SENT' | 'RECEIVED';

export interface TransfersTable {
  account_id: string;
  id: Generated<string>;
  from_shop_id: string;
  to_shop_id: string;
  status: TransferStatus;
  employee_id: string | null;
  sent_at: ColumnType<Date, Date | undefined, never>;
  received_at: Date | null;
}

export interface TransferLinesTable {
  account_id: string;
  transfer_id: string;
  line_number: number;
  item_id: string;
  quantity: number;
}
