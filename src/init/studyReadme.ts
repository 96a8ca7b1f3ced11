// README.md of a scaffolded study: what each file is, the questions of each instrument, and the
// steps from filled questionnaires to figures.
import { instrument, type Lang, type Role } from './instruments.ts';
import { allowedRange } from './templateWorkbook.ts';

const cellText = (s: string) => s.replace(/\|/g, '\\|');

/** studyReadme(roles, lang) → the study directory's README.md (Markdown). */
export function studyReadme(roles: Role[], lang: Lang): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(zh ? '# 我的平台带动就业研究' : '# Jobs driven by my platform', '');
  out.push(
    zh
      ? '由 `spillover init` 生成。按下面的步骤，把问卷导出和平台的总体数量填进来，就能得到直接就业、带动消费、诱发产出和间接就业的估计，以及它们的置信区间。'
      : 'Scaffolded by `spillover init`. Follow the steps below to wire in your questionnaire exports and platform population counts; spillover then estimates direct jobs, consumption driven, induced output and indirect jobs, with confidence intervals.',
    '',
  );
  out.push(zh ? '## 文件' : '## Files', '');
  out.push(zh ? '| 文件 | 内容 |' : '| file | what |', '|---|---|');
  out.push(zh ? '| `study.yaml` | 研究文件：总体数量、问卷列映射、消费类别与投入产出部门、就业换算；每个键都有注释 |' : '| `study.yaml` | the study file: population counts, column mapping of each questionnaire, consumption categories and IO sectors, jobs conversion; every key commented |');
  out.push(zh ? '| `questionnaires.xlsx` | 问卷模板：每份问卷一个工作表（表头 + 示例行，表头批注写明问题、类型和取值范围，单元格带数据验证），最后的 questions 表列出全部问题 |' : '| `questionnaires.xlsx` | questionnaire templates: one sheet per instrument (header + example rows; each header\'s note states the question, type and allowed range; answer cells carry data validation); the last sheet, questions, lists every question |');
  for (const r of roles) out.push(`| \`data/${r}.csv\` | ${zh ? `${instrument(r, lang).title.zh}的表头和示例行（UTF-8）；换成真实的问卷导出` : `header and example rows of the ${instrument(r, lang).title.en.toLowerCase()} (UTF-8); replace with the real export`} |`);
  out.push('');
  out.push(zh ? '## 步骤' : '## Steps', '');
  const steps = zh
    ? [
        '按 `questionnaires.xlsx` 设计问卷（问卷星、腾讯问卷、Qualtrics 均可）。题目文字尽量用模板的列名；不同也没关系：在 `study.yaml` 的 `columns` 中把字段映射到导出的表头（可写多个别名）。',
        '把导出文件放进 `data/`（CSV 可为 UTF-8、GBK 或 GB18030；也可以是 XLSX，加 `sheet:`），删掉示例行。比例可以写 0.6 或 60%，是/否题可以写 是/否。',
        '把 `study.yaml` 中标有 TODO 的值换成您的：研究名称和年份、每类服务商和账号的总体数量、平台用户数。',
        '`spillover check study.yaml`：检查研究文件和问卷，列出每份问卷的有效和剔除份数，不做估计。',
        '`spillover run study.yaml --out out`：估计全部数字，写出 results.json、CSV 表格、report.html 和 rejected.csv。',
        '`spillover explain jobs.direct study.yaml`：查看一个数字是怎样算出来的。',
      ]
    : [
        'Build the questionnaires from `questionnaires.xlsx` (问卷星, 腾讯问卷, Qualtrics, …). Use the template\'s column names as question labels where you can; where you cannot, map each field to the exported header under `columns` in `study.yaml` (a list gives aliases).',
        'Put the exports in `data/` (CSV in UTF-8, GBK or GB18030; or XLSX with `sheet:`) and delete the example rows. Shares may be written 0.6 or 60%; yes/no answers as 是/否 or yes/no.',
        'Replace the values marked TODO in `study.yaml`: study name and year, the population of each provider and account type, platform users.',
        '`spillover check study.yaml` validates the study file and screens the questionnaires (valid and rejected counts) without estimating.',
        '`spillover run study.yaml --out out` estimates every figure and writes results.json, CSV tables, report.html and rejected.csv.',
        '`spillover explain jobs.direct study.yaml` shows how a figure was derived.',
      ];
  steps.forEach((s, i) => out.push(`${i + 1}. ${s}`));
  out.push('');
  out.push(zh ? '## 问卷' : '## Questionnaires', '');
  for (const r of roles) {
    const ins = instrument(r, lang);
    out.push(`### ${ins.title[lang]} (\`${r}\`)`, '', ins.purpose[lang], '');
    out.push(zh ? '| 列名 | 字段 | 问题 | 类型 | 取值范围 | 单位 |' : '| column | field | question | type | allowed values | unit |', '|---|---|---|---|---|---|');
    for (const q of ins.questions)
      out.push(`| ${cellText(q.header[lang])} | \`${q.field === '@id' ? 'id' : q.field}\` | ${cellText(q.question[lang])} | ${q.type} | ${cellText(allowedRange(q, lang))} | ${q.unit?.[lang] ?? ''} |`);
    out.push('');
  }
  out.push(
    zh
      ? '示例行是虚构的，只用来演示格式并让 `spillover check` 通过；用它们算出的数字没有任何意义。方法与每个数字的含义（以及不代表什么）见 spillover 的 docs/method.md。'
      : 'The example rows are made up: they show the format and let `spillover check` pass; figures computed from them mean nothing. The method, and what each figure means and does not mean: spillover\'s docs/method.md.',
    '',
  );
  return out.join('\n');
}
