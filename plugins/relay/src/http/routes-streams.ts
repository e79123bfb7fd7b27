import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { httpError, isTerminalState, parseSinceParam, SSE_HEADERS, SSE_KEEPALIVE, taskNotFoundError } from '@troupe/protocol-relay';
import { sseBytes, wsStreamBytes } from '../node/encoded-event.js';
import type { LoggedEvent } from '../node/event-log.js';
import { StreamBacklog } from '../node/stream-backlog.js';
import { batchWrites } from '@troupe/transport-ws';
import { repeatEvery, unrefTimer } from '@troupe/runtime';
import type { RelayNodeApi } from '../node/relay-node-api.js';
import { fail, json, type ApiReply, type ApiRequest } from './http-types.js';

/**
 * `GET /stream[?since=N]` (§4.7): keepalive first, then the replay of events after N, then live
 * events. The subscription is registered before the replay is read, so nothing falls between.
 */
export function stream(r: ApiRequest, req: IncomingMessage, res: ServerResponse): undefined {
  const since = parseSinceParam(r.query.get('since'));
  openSse(r.node, req, res, since, () => true, () => false);
  return undefined;
}

/** `GET /tasks/{id}:subscribe` (§4.8): that task's events plus peer events, until it is terminal. */
export function taskSubscribe(r: ApiRequest, req: IncomingMessage, res: ServerResponse): ApiReply | undefined {
  const task = r.node.tasks.get(r.param);
  if (!task) return fail(taskNotFoundError());
  const id = task.id;
  if (isTerminalState(task.status)) {
    res.writeHead(200, SSE_HEADERS);
    res.end(SSE_KEEPALIVE);
    return undefined;
  }
  openSse(
    r.node,
    req,
    res,
    undefined,
    (l) => l.event.type === 'peer' || l.event['task_id'] === id,
    (l) => l.event.type === 'status' && l.event['task_id'] === id && typeof l.event['state'] === 'string' && ['completed', 'failed', 'canceled'].includes(l.event['state']),
  );
  return undefined;
}

function openSse(node: RelayNodeApi, req: IncomingMessage, res: ServerResponse, since: number | undefined, keep: (l: LoggedEvent) => boolean, last: (l: LoggedEvent) => boolean): void {
  res.writeHead(200, SSE_HEADERS);
  res.write(SSE_KEEPALIVE);
  req.socket.setNoDelay(true);
  let idle = true;
  let ended = false;
  const end = (finalText?: string): void => {
    if (ended) return;
    ended = true;
    sub.unsubscribe();
    backlog.close();
    keepalive.stop();
    if (finalText === undefined) res.end();
    else res.end(finalText);
  };
  const backlog = new StreamBacklog(
    { write: (chunk) => res.write(chunk), onDrain: (fn) => res.once('drain', fn) },
    node.config.maxStreamBufferBytes,
    (bytes) => {
      // A reader that stopped reading: cut it off rather than buffer without bound; it can resume with ?since=.
      const reason = `slow subscriber: backlog over ${node.config.maxStreamBufferBytes} bytes (${bytes}); resume with ?since=<the last seq received>`;
      node.host.log('warn', 'relay SSE subscriber dropped', { reason });
      // What is queued was dropped; what the socket already holds (bounded by its high-water
      // mark) ends with the reason, for a reader that comes back within the grace period.
      end(`: closed: ${reason}\n\n`);
      const socket = req.socket;
      socket.end(); // no further request on this connection: close once the last bytes are out
      unrefTimer(node.host.clock.setTimeout(() => socket.destroy(), SLOW_SUBSCRIBER_GRACE_MS));
    },
  );
  const sub = node.events.subscribe((l) => {
    if (ended || !keep(l)) return;
    idle = false;
    batchWrites(res);
    backlog.push(sseBytes(l));
    if (last(l)) end();
  }, since);
  if (sub.gapFrom !== undefined) res.write(`: replay-gap ${sub.gapFrom}\n\n`);
  for (const l of sub.replay) if (keep(l)) backlog.push(sseBytes(l));
  const keepalive = repeatEvery(node.host.clock, node.config.keepaliveMs, () => {
    if (idle && backlog.bytes === 0) res.write(SSE_KEEPALIVE);
    idle = true;
  }, { unref: true });
  res.on('close', () => end());
}

/** `GET /ws/stream` without an upgrade: 426 (§4.9). */
export function wsStreamWithoutUpgrade(): ApiReply {
  const e = httpError('ERR_INVALID_REQUEST', 'WebSocket upgrade required', { hint: "Set 'Upgrade: websocket' header" });
  return json(426, e.body);
}

/** How long a cut-off subscriber has to read its last bytes (and the reason) before its socket is destroyed. */
const SLOW_SUBSCRIBER_GRACE_MS = 5_000;

/** `/ws/stream` frames written and not yet flushed before the subscriber's own backlog takes over. */
const WS_STREAM_IN_FLIGHT = 64;

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 64 * 1024 });

/**
 * `GET /ws/stream[?since=N]` upgraded (§4.9): one `{event, data}` text frame per event, the same
 * names and shapes for live and replayed frames; client frames are ignored, pings answered.
 */
export function upgradeWsStream(node: RelayNodeApi, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  wss.handleUpgrade(req, socket, head, (ws) => {
    const q = (req.url ?? '').split('?')[1] ?? '';
    const since = parseSinceParam(new URLSearchParams(q).get('since'));
    let unsent = 0;
    let drained: (() => void) | undefined;
    const sent = (): void => {
      unsent -= 1;
      if (unsent === 0 && drained !== undefined) {
        const fn = drained;
        drained = undefined;
        fn();
      }
    };
    const backlog = new StreamBacklog(
      {
        // ws has no 'drain': a frame counts as unsent until its write callback.
        write: (chunk) => {
          unsent += 1;
          ws.send(chunk, { binary: false }, sent);
          return unsent < WS_STREAM_IN_FLIGHT;
        },
        onDrain: (fn) => {
          drained = fn;
        },
      },
      node.config.maxStreamBufferBytes,
      (bytes) => {
        const reason = `slow subscriber: backlog over ${node.config.maxStreamBufferBytes} bytes (${bytes})`;
        node.host.log('warn', 'relay /ws/stream subscriber dropped', { reason });
        ws.close(1008, reason.slice(0, 120));
        unrefTimer(node.host.clock.setTimeout(() => ws.terminate(), SLOW_SUBSCRIBER_GRACE_MS));
      },
    );
    const sub = node.events.subscribe((l) => {
      if (ws.readyState === 1) backlog.push(wsStreamBytes(l, node.config.name));
    }, since);
    for (const l of sub.replay) backlog.push(wsStreamBytes(l, node.config.name));
    let alive = true;
    ws.on('pong', () => {
      alive = true;
    });
    const pinger = repeatEvery(node.host.clock, 20_000, () => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, { unref: true });
    ws.on('close', () => {
      pinger.stop();
      sub.unsubscribe();
      backlog.close();
    });
    ws.on('error', () => undefined);
  });
}
