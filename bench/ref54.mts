import { openDatabase } from '../src/data/index.ts';
const file = process.argv[2];
const H = ['流量消费（元/年）', '信息服务消费（元/年）', '餐饮（元/年）', '购物（元/年）', '生活服务（元/年）', '交通出行（元/年）', '教育（元/年）', '文娱（元/年）', '医疗（元/年）'];
const db = await openDatabase();
async function t(label: string, sql: string) { const t0 = performance.now(); const c0 = process.cpuUsage(); const r = await db.connection.runAndReadAll(sql); const c = process.cpuUsage(c0); console.log(label.padEnd(50), ((performance.now()-t0)/1000).toFixed(2), 'cpu', ((c.user+c.system)/1e6).toFixed(2)); return r; }
const prods: string[] = []; for (let i=0;i<9;i++) for (let j=i;j<9;j++) prods.push(`sum("${H[i]}"*"${H[j]}")`);
const typed = `read_csv('${file}', header=true, columns={'问卷编号':'VARCHAR', ${H.map(h=>`'${h}':'DOUBLE'`).join(',')}})`;
const k = H.map((h,i)=>`TRY_CAST("${h}"*100 AS INTEGER) AS k${i}`).join(',');
const kp: string[] = []; for (let i=0;i<9;i++) for (let j=i;j<9;j++) kp.push(`sum(CAST(k${i} AS BIGINT)*k${j})`);
for (let r=0;r<2;r++){
await t('9 sums', `SELECT count(*), ${H.map(h=>`sum("${h}")`).join(',')} FROM read_csv('${file}')`);
await t('9 sums typed', `SELECT count(*), ${H.map(h=>`sum("${h}")`).join(',')} FROM ${typed}`);
await t('54 sums typed', `SELECT count(*), ${H.map(h=>`sum("${h}")`).join(',')}, ${prods.join(',')} FROM ${typed}`);
await t('54 + distinct hash', `SELECT count(*), count(DISTINCT hash("问卷编号")), ${H.map(h=>`sum("${h}")`).join(',')}, ${prods.join(',')} FROM ${typed}`);
await t('distinct hash only', `SELECT count(*), count(DISTINCT hash("问卷编号")) FROM ${typed}`);
await t('54 int sums', `SELECT count(*), ${H.map((h,i)=>`sum(k${i})`).join(',')}, ${kp.join(',')} FROM (SELECT ${k} FROM ${typed})`);
await t('54 int sums + distinct hash', `SELECT count(*), count(DISTINCT hash("问卷编号")), ${H.map((h,i)=>`sum(k${i})`).join(',')}, ${kp.join(',')} FROM (SELECT "问卷编号", ${k} FROM ${typed})`);
}
