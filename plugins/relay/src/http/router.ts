import type { Route, StreamRoute } from './http-types.js';
import * as card from './routes-card.js';
import * as legacy from './routes-legacy.js';
import * as messaging from './routes-messaging.js';
import * as peers from './routes-peers.js';
import * as streams from './routes-streams.js';
import * as tasks from './routes-tasks.js';

const EXACT: Readonly<Record<string, Route>> = {
  'POST /message:send': messaging.messageSend,
  'POST /reply': messaging.reply,
  'GET /recv': messaging.recv,
  'GET /messages': messaging.messages,
  'GET /history': messaging.history,
  'POST /peers/connect': peers.peersConnect,
  'GET /peers': peers.peersList,
  'GET /link': peers.link,
  'GET /status': peers.status,
  'GET /offline-queue': peers.offlineQueue,
  'GET /discover': peers.discover,
  'GET /peer/verify': card.peerVerify,
  'GET /verify/card': card.verifyOwnCard,
  'POST /verify/card': card.verifyPostedCard,
  'GET /extensions': card.extensions,
  'POST /extensions/register': card.extensionRegister,
  'POST /extensions/unregister': card.extensionUnregister,
  'GET /availability': card.availability,
  'POST /availability/heartbeat': card.availabilityHeartbeat,
  'POST /send': legacy.sendLegacy,
  'POST /tasks': tasks.createTask,
  'POST /tasks/create': tasks.createTask,
  'GET /tasks': tasks.listTasks,
  'GET /.well-known/acp.json': card.wellKnownCard,
  'GET /card': card.wellKnownCard,
  'PATCH /.well-known/acp.json': card.patchCard,
  'GET /.well-known/jwks.json': card.jwks,
  'GET /.well-known/did.json': card.didDocument,
  'GET /skills': card.skills,
  'POST /skills/query': card.skillsQuery,
  'POST /webhooks/register': card.webhookRegister,
  'POST /webhooks/deregister': card.webhookDeregister,
  'GET /ws/stream': streams.wsStreamWithoutUpgrade,
};

/** Routes that keep the response open; requests for them are served through node:http. */
const STREAMS: Readonly<Record<string, StreamRoute>> = {
  'GET /stream': streams.stream,
};

/** `{id}` routes as [method, prefix, suffix, route]; longer suffixes first so `:cancel` wins over `{id}`. */
const WITH_PARAM: readonly (readonly [string, string, string, Route])[] = [
  ['POST', '/peer/', '/send', messaging.peerSend],
  ['POST', '/peer/', '/rename', peers.peerRename],
  ['GET', '/context/', '/messages', messaging.contextMessages],
  ['GET', '/wait/', '', legacy.waitReply],
  ['GET', '/tasks/', '/wait', tasks.waitTask],
  ['GET', '/tasks/', ':wait', tasks.waitTask],
  ['POST', '/tasks/', '/update', tasks.updateTask],
  ['POST', '/tasks/', ':update', tasks.updateTask],
  ['POST', '/tasks/', '/continue', tasks.continueTask],
  ['POST', '/tasks/', ':continue', tasks.continueTask],
  ['POST', '/tasks/', ':cancel', tasks.cancelTask],
  ['POST', '/tasks/', '/cancel', tasks.cancelTask],
  ['DELETE', '/tasks/', '', tasks.deleteTask],
  ['GET', '/tasks/', '', tasks.getTask],
  ['GET', '/peers/', '', peers.peerGet],
  ['GET', '/peer/', '', peers.peerGet],
];

/** `{id}` stream routes, as {@link WITH_PARAM}. */
const STREAMS_WITH_PARAM: readonly (readonly [string, string, string, StreamRoute])[] = [
  ['GET', '/tasks/', ':subscribe', streams.taskSubscribe],
];

/** A matched route: a JSON route, or a stream route that needs node:http's response. */
export type RouteMatch =
  | { readonly stream: false; readonly route: Route; readonly param: string }
  | { readonly stream: true; readonly route: StreamRoute; readonly param: string };

/**
 * Finds the route of a request. Colon forms are literal path text (§3.1); `{id}` is
 * percent-decoded before use.
 *
 * @example
 * matchRoute('POST', '/tasks/t1:cancel'); // { stream: false, route: cancelTask, param: 't1' }
 */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const key = `${method} ${path}`;
  const exact = EXACT[key];
  if (exact) return { stream: false, route: exact, param: '' };
  const exactStream = STREAMS[key];
  if (exactStream) return { stream: true, route: exactStream, param: '' };
  const stream = withParam(STREAMS_WITH_PARAM, method, path);
  if (stream) return { stream: true, ...stream };
  const plain = withParam(WITH_PARAM, method, path);
  return plain ? { stream: false, ...plain } : undefined;
}

function withParam<R>(table: readonly (readonly [string, string, string, R])[], method: string, path: string): { route: R; param: string } | undefined {
  for (const [m, prefix, suffix, route] of table) {
    if (m !== method || !path.startsWith(prefix) || !path.endsWith(suffix)) continue;
    const middle = path.slice(prefix.length, path.length - suffix.length);
    if (middle.length === 0 || middle.includes('/')) continue;
    let param: string;
    try {
      param = decodeURIComponent(middle);
    } catch {
      continue;
    }
    return { route, param };
  }
  return undefined;
}
