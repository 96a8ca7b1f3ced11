// report.html of a study with transactions only: the same page as every report (header, zh/en
// switch, styles), with the executive summary of the voucher measures and the voucher section.
import type { Lang } from '../locale/index.ts';
import type { VoucherResults } from '../study/vouchers/computeVouchers.ts';
import { summaryHtml, voucherSentences } from './executiveSummary.ts';
import { vouchersSectionHtml } from './vouchersSection.ts';
import { reportPage, type PageStudy } from './renderReport.ts';

/** renderVoucherReport({spillover, study, vouchers}, 'zh') → report.html (both languages; `lang` shown first). */
export function renderVoucherReport(r: PageStudy & { vouchers: VoucherResults }, lang: Lang): string {
  return reportPage(r, lang, `${summaryHtml(voucherSentences(r.vouchers))}\n${vouchersSectionHtml(r.vouchers)}`, ['vouchers.json', 'vouchers.csv']);
}
