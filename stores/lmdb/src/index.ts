// Public surface of @troupe/store-lmdb: the durable Store of CLI nodes, kept out of
// @troupe/runtime so that its native dependency is not installed by every runtime user.
export { lmdbStore, type LmdbStoreOptions } from './lmdb-store.js';
