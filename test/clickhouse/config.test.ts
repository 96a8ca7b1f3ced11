// study.yaml: a questionnaire is a `file` or a `source: {clickhouse: …}`, never both or neither; credentials are
// names of environment variables (a password key is refused by the schema).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseStudy } from '../../src/study/config/parseStudy.ts';

const example = readFileSync(new URL('../../examples/wechat-2019/study.yaml', import.meta.url), 'utf8');
const SOURCE = 'source: {clickhouse: {url: "http://127.0.0.1:8123", database: wechat, table: consumers, user_env: CH_USER, password_env: CH_PASSWORD}}';

test('a ClickHouse source replaces the file: parsed with its display name', () => {
  const c = parseStudy(example.replace('    file: data/consumers.csv\n    encoding: gb18030\n', `    ${SOURCE}\n`), 'study.yaml');
  const q = c.questionnaires.consumers;
  assert.equal(q.file, 'clickhouse:wechat.consumers');
  assert.deepEqual(q.source, { clickhouse: { url: 'http://127.0.0.1:8123', database: 'wechat', table: 'consumers', user_env: 'CH_USER', password_env: 'CH_PASSWORD' } });
});

test('file and source together, or neither, or a password in the YAML: errors naming the questionnaire', () => {
  assert.throws(() => parseStudy(example.replace('    file: data/consumers.csv\n', `    file: data/consumers.csv\n    ${SOURCE}\n`), 'study.yaml'), /questionnaires\.consumers.*not both/s);
  assert.throws(() => parseStudy(example.replace('    file: data/consumers.csv\n', ''), 'study.yaml'), /questionnaires\.consumers.*give `file`/s);
  assert.throws(
    () => parseStudy(example.replace('    file: data/consumers.csv\n    encoding: gb18030\n', `    ${SOURCE.replace('password_env: CH_PASSWORD', 'password: hunter2')}\n`), 'study.yaml'),
    /questionnaires\.consumers\.source\.clickhouse.*password/s,
  );
});
