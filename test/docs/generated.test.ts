// Generated files are up to date: schema/study.schema.json and docs/study-file.md (from
// src/study/config/schema.ts) and docs/cli/*.md (examples run for real) equal what scripts/docs.ts writes now.
// The tutorial's outputs are checked by tutorial.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { packageRoot } from '../../scripts/docs/shell.ts';

test('scripts/docs.ts --check: generated schema, reference and CLI pages are up to date', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/docs.ts', '--check', '--skip', 'tutorial'], { cwd: packageRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});

test('schema/study.schema.json validates the bundled example and rejects an unknown key', () => {
  const schema = JSON.parse(readFileSync(join(packageRoot, 'schema/study.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: false }).compile(schema);
  const example = parse(readFileSync(join(packageRoot, 'examples/wechat-2019/study.yaml'), 'utf8'));
  assert.equal(validate(example), true, JSON.stringify(validate.errors));
  assert.equal(validate({ ...example, colour: 'blue' }), false);
  assert.match(readFileSync(join(packageRoot, 'examples/wechat-2019/study.yaml'), 'utf8'), /\$schema=\.\.\/\.\.\/schema\/study\.schema\.json/);
});
