// Which shard a ClickHouse error says is gone: refused before a query, or lost in the middle of one (the
// message 18.16 gives when a shard is killed while the Distributed query reads from it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unreachableShard } from '../../src/data/sql/clickhouseRunner.ts';

test('unreachableShard: refused and lost-mid-query messages name the host:port; other errors do not', () => {
  assert.deepEqual(unreachableShard('Code: 279, e.displayText() = DB::NetException: All connection tries failed. Log: \n\nCode: 210, e.displayText() = DB::NetException: Connection refused (127.0.0.1:31721)'),
    { hostPort: '127.0.0.1:31721', code: 'Code: 279', cause: 'connection refused' });
  assert.deepEqual(unreachableShard('Code: 32, e.displayText() = DB::Exception: Attempt to read after eof: while receiving packet from 127.0.0.1:31721'),
    { hostPort: '127.0.0.1:31721', code: 'Code: 32', cause: 'connection lost during the query' });
  assert.deepEqual(unreachableShard('Code: 210, e.displayText() = DB::NetException: Connection reset by peer, while reading from socket ([::1]:9001)'),
    { hostPort: '[::1]:9001', code: 'Code: 210', cause: 'connection lost during the query' });
  assert.equal(unreachableShard('Code: 60, e.displayText() = DB::Exception: Table spillover.tx doesn\'t exist.'), null);
  assert.equal(unreachableShard('Code: 62, e.displayText() = DB::Exception: Syntax error: failed at position 1 (line 1, col 1)'), null);
});
