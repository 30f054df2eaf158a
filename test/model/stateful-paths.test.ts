// Which mounts hold a known database's files: the backup plan and findings name the dump tool
// from this, so a wrong match sends a user to mongodump for their uploads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statefulMount, statefulPathOf } from '../../src/stateful-paths.js';

test('a mount at or below a database path is that database, whatever the image', () => {
  assert.equal(statefulMount('/var/lib/postgresql/data', 'company/db:1')?.what, 'PostgreSQL');
  assert.equal(statefulMount('/data/db', 'custom-mongo-build')?.what, 'MongoDB');
  assert.equal(statefulPathOf('/var/lib/mysql/ibdata1', 'app')?.what, 'MySQL/MariaDB');
});

test('a mount above a database path counts only for that database image', () => {
  assert.equal(statefulMount('/data', 'mongo:7')?.what, 'MongoDB');
  assert.equal(statefulMount('/var/lib', 'postgres:16')?.what, 'PostgreSQL');
  assert.equal(statefulMount('/data', 'registry.example/webapp:2'), null);
  assert.equal(statefulMount('/var/lib', 'nginx'), null);
});

test('/data is Redis only for Redis images', () => {
  assert.equal(statefulMount('/data', 'redis:7-alpine')?.what, 'Redis');
  assert.equal(statefulPathOf('/data/dump.rdb', 'valkey/valkey')?.what, 'Redis');
  assert.equal(statefulPathOf('/data/dump.rdb', 'webapp'), null);
});
