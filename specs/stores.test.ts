import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { memoryStore } from '@troupe/runtime';
import { lmdbStore } from '@troupe/store-lmdb';
import { describeStoreContract } from './contracts/store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-store-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeStoreContract('memory', () => memoryStore());
describeStoreContract('lmdb', () => lmdbStore({ path: join(dir, `db-${++n}`) }));
