import { createLinkedPair, jsonCodec } from '@troupe/runtime';
import { msgpackCodec } from '@troupe/runtime/msgpack';
import { describeCodecContract } from './contracts/codec-contract.js';
import { describeTransportContract } from './contracts/transport-contract.js';

describeTransportContract('in-memory linked pair', async () => {
  const [a, b] = createLinkedPair<{ n: number }>();
  return { a, b, injectError: (t, e) => (t as unknown as { injectError(e: Error): void }).injectError(e) };
}, (n) => ({ n }));

describeCodecContract(jsonCodec, ['{"a":', 'nope', new Uint8Array([0xff, 0xfe]), '']);
describeCodecContract(msgpackCodec, [new Uint8Array([0xc1]), new Uint8Array([0x92, 0x01]), new Uint8Array([]), 'text frame'], { renamesProtoKey: true });
