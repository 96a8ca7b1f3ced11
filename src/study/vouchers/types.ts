// What the data layer hands the voucher figures: sufficient statistics only.

export interface TransactionQualitySummary {
  file: string;
  rowsRead: number;
  used: number;
  excluded: Record<string, number>;
  refunds: number;
  refundFen: number;
  payersNetNegative: number;
  discountAboveAmount: number;
  notes: string[];
}

export interface CellAggregate {
  city: string;
  industry: string;
  day: string;
  n: number;
  spendFen: number;
  voucherSpendFen: number;
  subsidyFen: number;
}

export interface ArmAggregate {
  /** Applicants in the arm (from the applicant list). */
  n: number;
  /** Applicants of the arm with a transaction in the event window. */
  found: number;
  sums: Float64Array;
  cross: Float64Array;
  sumS: number;
  sumSS: number;
  sumD: number;
  sumDD: number;
  sumDS: number;
}

export interface LotteryAggregate {
  city: string;
  yamlPath: string;
  file: string;
  /** First day of the first round: the draw. */
  draw: string;
  weeks: number;
  /** First day of each week, −weeks … weeks−1. */
  periods: string[];
  winners: ArmAggregate;
  losers: ArmAggregate;
}

export interface VoucherAggregates {
  quality: TransactionQualitySummary;
  cells: CellAggregate[];
  sizes?: { size: string; beforeFen: number; afterFen: number }[];
  ageBands?: { band: string; n: number }[];
  merchantSizes?: { band: string; n: number }[];
  lotteries: LotteryAggregate[];
}
