// Transactions held in a ClickHouse table (a Distributed table over a cluster): the same normalization and
// fault rules as stageTransactions.ts, written into every query as expressions over the table's own columns,
// so that each shard screens and aggregates its own rows and only aggregates come back. Nothing is created on
// the server. Types: String (text as in a CSV), DateTime (an instant) or Date (a local day), any integer,
// Float or Decimal (amounts), UInt8 or String (the refund flag) — what `spillover load` writes.
import { DataError } from '../DataError.ts';
import { clickhouseDialect as ch } from '../sql/clickhouseDialect.ts';
import type { ClickHouseRunner } from '../sql/clickhouseRunner.ts';
import type { SqlValue } from '../sql/SqlRunner.ts';
import type { TransactionsConfig } from '../../study/vouchers/config.ts';
import type { NormalizedColumn, Relation } from './aggregations.ts';
import { cannotRead, dayNumber, FAULT_ORDER, mapColumn, noTransactions, noUsableTransactions, qualityNotes, REFUND_WORDS, TRANSACTIONS, type TransactionQuality } from './stageTransactions.ts';

/** The row-number column `spillover load` writes: it tells apart rows that are copies of each other. */
export const TX_ROW_COLUMN = '__row';

export interface ClickHouseTransactions {
  rel: Relation;
  quality: TransactionQuality;
  hasAgeBand: boolean;
  hasMerchantSize: boolean;
}

const NUMBER_TYPE = /^(U?Int\d+|Float\d+|Decimal)/;
const baseType = (t: string) => t.replace(/^Nullable\((.*)\)$/, '$1');
/** ISO 8601 text a time column may hold: date, optional time (hh:mm[:ss[.f]]) and UTC offset or Z */
const ISO_TIME = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?)?([+-][0-9]{2}(:?[0-9]{2})?|Z)?$';

/**
 * The normalized columns of `config`'s table as ClickHouse expressions, each row's fault ('' when none) and
 * whether it is a refund. Text cells are trimmed, empty = missing (as a CSV read by DuckDB); text times must be
 * ISO 8601 (with an offset: an instant, read in the study's zone; without: a local time).
 */
export function normalizedColumns(config: TransactionsConfig, described: { name: string; type: string }[], display: string): { columns: Record<NormalizedColumn | 'id' | 'is_refund', string>; fault: string } {
  const col = (field: string) => {
    const hit = mapColumn(config, field, described, display);
    return hit === null ? null : { sql: ch.ident(hit.name), type: baseType(hit.type) };
  };
  const text = (c: { sql: string; type: string } | null) => (c === null ? 'CAST(NULL AS Nullable(String))' : `nullIf(${ch.trim(c.type === 'String' ? c.sql : `toString(${c.sql})`)}, '')`);
  const numeric = (c: { sql: string; type: string }) => (NUMBER_TYPE.test(c.type) ? `toFloat64(${c.sql})` : ch.tryDouble(text(c)));
  const tz = ch.string(config.timezone);
  const time = col('time')!;
  let day: string;
  if (/^DateTime/.test(time.type)) day = `toInt32(toDate(${time.sql}, ${tz}))`;
  else if (time.type === 'Date') day = `toInt32(${time.sql})`;
  else if (time.type === 'String') {
    const t = `ifNull(${text(time)}, '')`;
    const iso = `(match(${t}, ${ch.string(ISO_TIME)}) AND toString(toDate(parseDateTimeBestEffortOrNull(substring(${t}, 1, 10), 'UTC'))) = substring(${t}, 1, 10))`;
    // text with an offset is an instant; without, a local time read as if UTC so that its own date is kept
    const instant = `parseDateTimeBestEffortOrNull(if(${iso}, ${t}, '1970-01-01'), 'UTC')`;
    const offset = `match(${t}, '([+-][0-9]{2}(:?[0-9]{2})?|Z)$')`;
    day = `if(${iso}, if(${offset}, toInt32(toDate(${instant}, ${tz})), toInt32(toDate(${instant}, 'UTC'))), CAST(NULL AS Nullable(Int32)))`;
  } else {
    const where = config.where['transactions.columns.time'] ?? 'transactions.columns.time';
    throw new DataError({
      zh: `${display}：列「${config.columns.time}」（${where}）的类型是 ${time.type}；时间列应为 DateTime、Date 或 ISO 8601 格式的文本`,
      en: `${display}: column "${config.columns.time}" (${where}) has type ${time.type}; a time must be DateTime, Date or ISO 8601 text`,
    }, { file: display, column: config.columns.time, yamlPath: 'transactions.columns.time' });
  }
  const amountCol = col('amount')!, discountCol = col('discount')!, refundCol = col('refund');
  const amount = numeric(amountCol), discountRaw = numeric(discountCol), discountText = text(discountCol);
  const refund = refundCol === null ? '0' : `ifNull(${ch.inList(ch.lower(text(refundCol)), REFUND_WORDS)}, 0)`;
  const id = text(col('id')), payer = text(col('payer'));
  const orEmpty = (field: string) => `ifNull(${text(col(field))}, '')`;
  const checks = [`isNull(${id})`, `isNull(${payer})`, `isNull(${day})`, `isNull(${amount})`, `isNull(${discountRaw}) AND isNotNull(${discountText})`, `${day} < ${dayNumber(config.window.start)} OR ${day} > ${dayNumber(config.window.end)}`];
  const fault = `multiIf(${checks.map((c, i) => `${c}, ${ch.string(FAULT_ORDER[i])}`).join(', ')}, '')`;
  return {
    columns: {
      id,
      day,
      payer,
      merchant: orEmpty('merchant'),
      city: orEmpty('city'),
      industry: orEmpty('industry'),
      amount_fen: `toInt64(round(${amount} * 100)) * if(${refund} AND ${amount} > 0, -1, 1)`,
      discount_fen: `toInt64(round(ifNull(${discountRaw}, 0) * 100))`,
      age_band: orEmpty('age_band'),
      merchant_size: orEmpty('merchant_size'),
      is_refund: `(${refund} OR ${amount} < 0)`,
    },
    fault,
  };
}

/**
 * `e IN (SELECT arrayJoin([v1, …]))`: the list is one array literal, so that thousands of repeated ids or rows left out
 * stay within the server's limit on query elements (a plain IN list counts each value; 50 000 in 18.16).
 */
const inArray = (e: string, literals: string[], cast = '') => `(${e}) IN (SELECT ${cast}(arrayJoin([${literals.join(', ')}])))`;

/** Orders rows as DuckDB's ORDER BY does: numbers by value, text by its UTF-8 bytes, false before true. */
function compareRows(a: SqlValue[], b: SqlValue[]): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    const c = Buffer.compare(Buffer.from(String(x ?? '')), Buffer.from(String(y ?? '')));
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * clickhouseTransactions(runner, config) → the relation the aggregations read (every shard normalizes its rows)
 * and the data quality, counted as stageTransactions counts it: faults by cause, duplicate ids (the first
 * occurrence in the same order is kept; told apart by __row when the table has it, else by their columns),
 * refunds, payers with negative net spending, discounts above the amount. Throws DataError for table faults.
 */
export async function clickhouseTransactions(runner: ClickHouseRunner, config: TransactionsConfig): Promise<ClickHouseTransactions> {
  const src = config.source!.clickhouse;
  const display = config.files;
  const table = ch.table(src.database, src.table);
  let described: { name: string; type: string }[];
  try {
    described = (await runner.query(`DESCRIBE TABLE ${table}`)).map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  } catch (e) {
    throw cannotRead(display, TRANSACTIONS, config.where['transactions.source'] ?? 'transactions.source', e, { yamlPath: 'transactions.source' });
  }
  const { columns, fault } = normalizedColumns(config, described, display);
  const hasRow = described.some((c) => c.name === TX_ROW_COLUMN && /^U?Int/.test(c.type));
  const excluded: TransactionQuality['excluded'] = { 'missing-id': 0, 'missing-payer': 0, 'unparseable-time': 0, 'non-numeric-amount': 0, 'non-numeric-discount': 0, 'outside-window': 0, 'duplicate-id': 0 };
  let rowsRead = 0;
  for (const [k, n] of await runner.query(`SELECT ${fault} AS __fault, count() AS __n FROM ${table} GROUP BY __fault`)) {
    rowsRead += Number(n);
    if (k !== '') excluded[k as keyof typeof excluded] = Number(n);
  }
  if (rowsRead === 0) throw noTransactions(display, config.where['transactions.source'] ?? 'transactions.source', 'transactions.source');
  const valid = `${fault} = ''`;
  // Duplicate ids: the ids (few) come back with their rows; the rows left out are named in the filter.
  const dupIds = (await runner.query(`SELECT ${columns.id} AS __id FROM ${table} WHERE ${valid} GROUP BY __id HAVING count() > 1 ORDER BY __id`)).map((r) => String(r[0]));
  let filter = valid;
  if (dupIds.length > 0) {
    const order: (NormalizedColumn | 'is_refund')[] = ['day', 'amount_fen', 'payer', 'merchant', 'discount_fen', 'city', 'industry', 'age_band', 'merchant_size', 'is_refund'];
    const rows = await runner.query(`SELECT ${columns.id}, ${order.map((c) => (c === 'is_refund' ? `toUInt8(${columns[c]})` : columns[c])).join(', ')}${hasRow ? `, ${ch.ident(TX_ROW_COLUMN)}` : ''} FROM ${table} WHERE ${valid} AND ${inArray(columns.id, dupIds.map(ch.string))}`);
    const byId = new Map<string, SqlValue[][]>();
    for (const r of rows) byId.set(String(r[0]), [...(byId.get(String(r[0])) ?? []), r]);
    const dropped: number[] = [];
    const kept: SqlValue[][] = [];
    for (const [id, list] of byId) {
      list.sort((a, b) => compareRows(a.slice(1, 1 + order.length), b.slice(1, 1 + order.length)));
      excluded['duplicate-id'] += list.length - 1;
      if (hasRow) dropped.push(...list.slice(1).map((r) => Number(r[1 + order.length])));
      else {
        if (compareRows(list[0].slice(1), list[1].slice(1)) === 0) {
          throw new DataError({
            zh: `${display}：交易编号 ${JSON.stringify(id)} 出现在多行中，这些行在每个映射的列上都完全相同，而表中没有 ${TX_ROW_COLUMN} 列可以区分它们；请加上行号列 ${TX_ROW_COLUMN}（UInt64，\`spillover load\` 会写入）或删去重复的行`,
            en: `${display}: transaction id ${JSON.stringify(id)} occurs in rows that are copies in every mapped column, and the table has no ${TX_ROW_COLUMN} column to tell them apart; add a row-number column ${TX_ROW_COLUMN} (UInt64, \`spillover load\` writes it) or remove the copies`,
          }, { file: display, column: config.columns.id, yamlPath: 'transactions.columns.id' });
        }
        kept.push(list[0].slice(0, 1 + order.length));
      }
    }
    filter = hasRow
      ? `${valid} AND NOT ${inArray(`toUInt64(${ch.ident(TX_ROW_COLUMN)})`, dropped.map((n) => ch.number(n)), 'toUInt64')}`
      : `${valid} AND (NOT ${inArray(columns.id, dupIds.map(ch.string))} OR (${[columns.id, ...order.map((c) => (c === 'is_refund' ? `toUInt8(${columns[c]})` : columns[c]))].join(', ')}) IN (${kept.map((r) => `(${r.map((v) => (typeof v === 'number' ? ch.number(v) : ch.string(String(v)))).join(', ')})`).join(', ')}))`;
  }
  const amt = columns.amount_fen, disc = columns.discount_fen;
  const [[used, refunds, refundFen, above]] = await runner.query(
    `SELECT ${ch.count()}, ${ch.countIf(columns.is_refund)}, ${ch.exactSumIf(amt, columns.is_refund, 0)}, ${ch.countIf(`${disc} > 0 AND ${disc} > ${amt}`)} FROM ${table} WHERE ${filter}`,
  );
  if (Number(used) === 0) throw noUsableTransactions(display, config.where['transactions.source'] ?? 'transactions.source', 'transactions.source', rowsRead, excluded, config.columns.time);
  const [[netNegative]] = await runner.query(`SELECT ${ch.count()} FROM (SELECT ${columns.payer} AS __payer, sum(${amt}) AS __net FROM ${table} WHERE ${filter} GROUP BY __payer HAVING __net < 0)`);
  const dupCount = dupIds.length;
  return {
    rel: { dialect: ch, table, columns, filter },
    quality: {
      file: display,
      rowsRead,
      used: Number(used),
      excluded,
      refunds: Number(refunds),
      refundFen: Number(refundFen),
      payersNetNegative: Number(netNegative),
      discountAboveAmount: Number(above),
      notes: qualityNotes(excluded, dupCount, Number(netNegative), Number(above)),
    },
    hasAgeBand: config.columns.age_band !== undefined,
    hasMerchantSize: config.columns.merchant_size !== undefined,
  };
}
