// `@troupe/runtime/msgpack`: the MessagePack codec, a subpath of its own so that a process that
// never speaks msgpack (an editor's `troupe acp serve`, a browser) does not load msgpackr.
export { msgpackCodec } from './ports/msgpack-codec.js';
