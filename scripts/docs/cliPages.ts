// docs/cli/<command>.md: one page per command — its help and worked examples, each example's output
// captured by running it (scripts/docs.ts), so a page cannot drift from what the command prints.
import { openSession } from './shell.ts';
import { updateOutputs } from './markdownBlocks.ts';

interface Example {
  title: string;
  /** shell commands shown and run (in the page's working directory, after the previous examples) */
  commands: string;
  /** text after the output */
  note?: string;
  /** false: show the commands without an output block (e.g. files written by a heredoc) */
  output?: boolean;
}

export interface Page {
  command: string;
  intro: string;
  examples: Example[];
}

const SURVEY_DATA = [
  "cat > firms.csv <<'END'",
  'id,stratum,weight,employees,platform_staff',
  '1,small,40,8,3',
  '2,small,40,12,5',
  '3,small,40,5,5',
  '4,small,40,20,4',
  '5,large,5,300,60',
  '6,large,5,120,40',
  '7,large,5,450,90',
  'END',
  "cat > firms.yaml <<'END'",
  'data: firms.csv',
  "design: {ids: '1', strata: stratum, weights: weight}",
  'estimates:',
  '  - {id: employees, total: employees}',
  '  - {id: platform_share, ratio: [platform_staff, employees]}',
  '  - {id: mean_by_stratum, mean: employees, by: stratum}',
  'END',
].join('\n');

export const PAGES: Page[] = [
  {
    command: 'init',
    intro:
      'Scaffold a new study: a commented `study.yaml` (every key explained, units stated, in Chinese or English), the questionnaire templates as one workbook (`questionnaires.xlsx`: one sheet per instrument with header notes and data validation, plus a `questions` sheet) and as CSV files with example rows under `data/`, and a README. `spillover check` passes on the result. The [tutorial](../tutorial.md) continues from here.',
    examples: [
      { title: 'A study with all three questionnaires, in English', commands: 'spillover init my-study --lang en --year 2025' },
      { title: 'The start of the generated study file', commands: "sed -n '2,24p' my-study/study.yaml" },
      { title: 'A CSV template', commands: 'cat my-study/data/operators.csv' },
      { title: 'The scaffold checks out as it is', commands: 'spillover check my-study/study.yaml --lang en' },
      { title: 'A non-empty directory is refused', commands: 'spillover init my-study --lang en --year 2025' },
      { title: 'Operators and consumers only, in Chinese', commands: 'spillover init 运营者研究 --lang zh --components operators,consumers --year 2025' },
    ],
  },
  {
    command: 'check',
    intro:
      "Validate a study file against the schema and its cross-references, read and screen every questionnaire (rows read, valid, rejected with reasons), and resolve every consumption category's input–output sector; for a `transactions:` section, read and screen the transactions (rows read, used, left out by cause, refunds) and form the voucher comparisons, so a programme outside the data or an empty comparison group is reported here. Writes nothing. Exits non-zero on a whole-file fault (bad YAML, missing file or column, unknown sector, a programme outside the data).",
    examples: [
      { title: 'The bundled example (the default study)', commands: 'spillover check --lang en' },
      {
        title: 'A header that is not in the file: the error names the expected and the found headers',
        commands: "spillover init s --lang en --year 2025 > /dev/null\nperl -pi -e 's/,Employees,/,Staff count,/' s/data/providers.csv\nspillover check s/study.yaml --lang en",
      },
    ],
  },
  {
    command: 'run',
    intro:
      'Run a study: estimate every figure with its confidence interval, print the headline table and the screening counts, and write the output set (`results.json`, CSV tables, `rejected.csv`, `report.html`, `tables.xlsx`, chart SVGs) to `--out` (default `out/<study directory name>`). Same inputs give byte-identical files.',
    examples: [
      { title: 'The bundled example study (WeChat 2019, synthetic questionnaires)', commands: 'spillover run --lang en --out out/wechat-2019' },
      { title: 'The figures as a CSV table', commands: 'head -5 out/wechat-2019/figures.csv' },
    ],
  },
  {
    command: 'explain',
    intro: 'Print how a figure was derived: its formula, its inputs with their values, and the figures it is computed from. `--list` lists every figure id of the study. `--json` gives the same as machine output: `{id, lang, figures}` where `figures` holds the figure and then every figure it is computed from (each once, depth first), each with `id`, `label` (in `--lang`), `value` in base units, `unit`, `display` (value and unit as the text shows them), `se`, `df`, `ci`, `interval`, `formula`, `inputs`, `from` (ids) and, where present, `notes`, `seNote` and `coverage`; with `--list`, `{lang, figures: [{id, label, unit}]}`. An unknown id is an error on stderr (exit code 2), never JSON.',
    examples: [
      { title: 'Indirect jobs of the bundled example', commands: 'spillover explain jobs.indirect --lang en' },
      { title: 'A direct-jobs component', commands: 'spillover explain jobs.providers.wecom --lang en' },
      { title: 'The same as JSON', commands: 'spillover explain jobs.providers.wecom --lang en --json' },
    ],
  },
  {
    command: 'io',
    intro:
      'Input–output analysis of a table on its own: output, value-added and employment multipliers by sector (Type I, or Type II with `--households`), and with `--demand` the impacts of a final-demand shock. See also [docs/io.md](../io.md).',
    examples: [
      { title: 'Multipliers of the NBS 2017 table (first rows)', commands: 'spillover io builtin:china-io-2017-149 --lang en > multipliers.txt\nhead -12 multipliers.txt' },
      {
        title: 'The impact of a demand shock (amounts in the table unit, 万元)',
        commands: "printf 'sector,amount\\n64123,100000\\n62120,50000\\n' > demand.csv\nspillover io builtin:china-io-2017-149 --divisions builtin:sector-divisions --demand demand.csv --lang en > impact.txt\nhead -12 impact.txt",
      },
    ],
  },
  {
    command: 'survey',
    intro:
      'Design-based estimates from any data file, as R `survey` computes them: a specification (YAML or JSON) names the data, the design in `svydesign` terms and the estimates (totals, means, proportions, ratios, quantiles, domains); each comes with SE, confidence interval, degrees of freedom and design effect.',
    examples: [
      { title: 'A stratified sample of firms: data and specification', commands: SURVEY_DATA, output: false },
      { title: 'Estimates', commands: 'spillover survey --spec firms.yaml' },
    ],
  },
  {
    command: 'audit',
    intro:
      "Check a set of published figures for internal consistency — parts against totals, shares, growth rates, compound growth — allowing for the rounding of the printed digits. The default file holds the original report's 2019 figures.",
    examples: [{ title: "The original report's figures", commands: 'spillover audit' }],
  },
  {
    command: 'plan',
    intro:
      'Plan the next survey from the current one: for each direct-jobs component, the confidence-interval half-width against sample size (predicted from the variance, and simulated by resampling the valid questionnaires), and the Neyman allocation that reaches a target precision on direct jobs.',
    examples: [{ title: 'The bundled example, three sample sizes', commands: 'spillover plan --sizes 100,400,1600 --reps 200 --lang en' }],
  },
  {
    command: 'serve',
    intro:
      "Open the dashboard: the report's views in the browser, recomputed there (the engines run in a Web Worker) under a scenario you edit — population counts, coefficients, the jobs-per-output ratio. Listens on 127.0.0.1 only. It runs until stopped, so this page shows its help only.",
    examples: [],
  },
  {
    command: 'load',
    intro:
      "Copy a study's questionnaire files into ClickHouse tables (one per questionnaire: the cells as text, as the file was read, and each answer's row number; transactions typed), streamed as TabSeparated text with progress on a terminal, split across the shards of a cluster (a MergeTree table on each and a Distributed table over them). `--study-out` writes a copy of the study file that reads those tables (`source: {clickhouse: …}`); `spillover run` on it gives the figures of the file run. Credentials come only from the environment variables named by `--user-env` / `--password-env`. It needs a running server, so this page shows its help only; [docs/scale.md](../scale.md) has a worked example with `scripts/clickhouse-cluster.sh`.",
    examples: [],
  },
];

/** The Markdown of one page, outputs filled in by running the examples in a fresh directory. */
export async function cliPage(page: Page): Promise<string> {
  const md: string[] = [
    '<!-- GENERATED by `npx tsx scripts/docs.ts`: examples are run and their output captured; do not edit. -->',
    `# spillover ${page.command}`,
    '',
    page.intro,
    '',
    '## Usage',
    '',
    '```sh',
    `spillover ${page.command} --help`,
    '```',
    '',
    '```text',
    '```',
    '',
  ];
  if (page.examples.length) md.push('## Examples', '');
  for (const ex of page.examples) {
    md.push(`### ${ex.title}`, '', '```sh', ex.commands, '```', '');
    if (ex.output !== false) md.push('```text', '```', '');
    if (ex.note) md.push(ex.note, '');
  }
  md.push(
    '---',
    '',
    'Output captured by `scripts/docs.ts`, which runs the examples in order in a fresh directory (shown as `~/study`);',
    '`<spillover>` stands for the package directory. `[exit code N]` marks a command that failed on purpose.',
    '',
  );
  const session = openSession('~/study');
  try {
    return await updateOutputs(md.join('\n'), session);
  } finally {
    session.close();
  }
}
