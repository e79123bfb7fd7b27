// Scenario of checklist item 72, run by hygiene.test.ts inside a loopback-only network namespace
// under strace: two relay nodes start, connect, exchange messages and tasks, and lose a peer.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createSystem, memoryStore } from '@troupe/runtime';
import { relay } from '@troupe/plugin-relay';

const call = (port, method, path, body) => new Promise((resolve, reject) => {
  const text = body === undefined ? '' : JSON.stringify(body);
  const req = request({ host: '127.0.0.1', port, method, path, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } }, (res) => {
    let d = '';
    res.on('data', (c) => (d += c));
    res.on('end', () => resolve({ status: res.statusCode, body: d ? JSON.parse(d) : undefined }));
  });
  req.on('error', reject);
  req.end(text);
});
const until = async (check) => {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timeout');
};

const sysA = await createSystem({ store: memoryStore() });
const sysB = await createSystem({ store: memoryStore() });
const A = relay({ name: 'AgentA', port: 0, httpPort: 0 });
const B = relay({ name: 'AgentB', port: 0, httpPort: 0, reconnect: { baseDelayMs: 50, maxDelayMs: 100 } });
await sysA.startPlugins([A]);
await sysB.startPlugins([B]);
// Item 7: every listening socket of ours is bound to 127.0.0.1 (0100007F in /proc/net/tcp).
const ours = new Set([A.port, A.httpPort, B.port, B.httpPort]);
const listening = readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1).map((l) => l.trim().split(/\s+/)).filter((f) => f[3] === '0A');
for (const f of listening) {
  const [addr, portHex] = (f[1] ?? '').split(':');
  if (ours.has(parseInt(portHex, 16))) process.stdout.write(`LISTEN ${addr === '0100007F' ? 'loopback' : `NOT-LOOPBACK ${addr}`} ${parseInt(portHex, 16)}\n`);
}
await call(B.httpPort, 'POST', '/peers/connect', { link: A.link });
await until(async () => (await call(A.httpPort, 'GET', '/status')).body.peer_count === 1);
await call(B.httpPort, 'POST', '/message:send', { role: 'user', text: 'hello', create_task: true });
await call(A.httpPort, 'POST', '/message:send', { role: 'agent', text: 'back' });
const tasks = (await call(A.httpPort, 'GET', '/tasks')).body.tasks;
await call(A.httpPort, 'POST', `/tasks/${tasks[0].id}/update`, { status: 'completed', artifact: { parts: [{ type: 'text', content: 'done' }] } });
await until(async () => (await call(B.httpPort, 'GET', `/tasks/${tasks[0].id}`)).body.status === 'completed');
await sysA.shutdown({ deadlineMs: 0 }); // B loses its peer and keeps retrying for a while
await new Promise((r) => setTimeout(r, 500));
await sysB.shutdown({ deadlineMs: 0 });
process.stdout.write('SCENARIO OK\n');
process.exit(0);
