// spillover init DIR [--lang zh|en] [--components providers,operators,consumers] [--year YEAR] [--force]
import { join, relative, resolve } from 'node:path';
import { helpIn, type Register } from './register.ts';
import { packageRoot } from '../../data/packagePaths.ts';
import { commandLang, LANG_HELP, wrapLines } from '../format.ts';
import { parseComponents, ROLES } from '../../init/instruments.ts';
import { LocalizedError } from '../../locale/errorText.ts';

function parseYear(v: string): number {
  const y = Number(v);
  if (!Number.isInteger(y) || y < 1990 || y > 2100) throw new LocalizedError({ zh: `--year：应为 1990 至 2100 之间的年份，而不是 ${JSON.stringify(v)}`, en: `--year: expected a year between 1990 and 2100, got ${JSON.stringify(v)}` });
  return y;
}

export const register: Register = (program, _setExitCode, lang) => {
  const h = helpIn(lang);
  program
    .command('init')
    .description(h('在 DIR 中建立新研究的骨架：带注释的 study.yaml、问卷模板（questionnaires.xlsx 和含示例行的 data/*.csv）以及 README；`spillover check DIR/study.yaml` 可通过。', 'Scaffold a new study in DIR: a commented study.yaml, questionnaire templates (questionnaires.xlsx and data/*.csv with example rows) and a README; `spillover check DIR/study.yaml` passes on it.'))
    .argument('<dir>', h('要创建的文件夹（须为空或不存在）', 'directory to create (must be empty or absent)'))
    .option('--lang <lang>', h(`注释、表头和 README 的语言：${LANG_HELP.zh}`, `language of comments, headers and README: ${LANG_HELP.en}`))
    .option('--components <list>', h(`要包含的问卷，逗号分隔：${ROLES.join(',')}`, `questionnaires to include, comma-separated: ${ROLES.join(',')}`), ROLES.join(','))
    .option('--year <year>', h('研究年份（默认：上一个日历年）', 'study year (default: last calendar year)'))
    .option('--force', h('写入非空文件夹，替换骨架中的文件', 'write into a non-empty directory, replacing the scaffold\'s files'))
    .action(async (dir: string, opts: { lang?: string; components: string; year?: string; force?: boolean }) => {
      const lang = commandLang(opts.lang);
      // The scaffolder (exceljs) loads only when init runs.
      const { scaffoldStudy, writeScaffold } = await import('../../init/index.ts');
      const roles = parseComponents(opts.components);
      const year = opts.year === undefined ? new Date().getUTCFullYear() - 1 : parseYear(opts.year);
      const abs = resolve(dir);
      const schemaRef = relative(abs, join(packageRoot, 'schema/study.schema.json')).split('\\').join('/');
      const names = await writeScaffold(abs, await scaffoldStudy({ lang, roles, year, schemaRef }), { force: opts.force === true });
      const study = join(dir, 'study.yaml');
      const zh = lang === 'zh';
      process.stdout.write(`${wrapLines(`${zh ? '已创建研究' : 'Created study'} ${dir}/`)}\n  ${names.join('\n  ')}\n\n`);
      process.stdout.write(wrapLines(
        zh
          ? `下一步：\n  1. 按 questionnaires.xlsx 设计问卷，把导出文件放进 ${join(dir, 'data')}/（示例行是虚构的）\n  2. 替换 ${study} 中标有 TODO 的值\n  3. spillover check ${study}\n  4. spillover run ${study}\n`
          : `Next:\n  1. Build your questionnaires from questionnaires.xlsx; put the exports in ${join(dir, 'data')}/ (the example rows are made up)\n  2. Replace the values marked TODO in ${study}\n  3. spillover check ${study}\n  4. spillover run ${study}\n`,
      ));
    });
};
