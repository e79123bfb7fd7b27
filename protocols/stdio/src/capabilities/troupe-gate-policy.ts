/**
 * Troupe's own decisions about gates (spec §11.3) [Troupe]: what to answer
 * when a peer calls something not advertised, and what Troupe advertises.
 */
import { methodNotFound, invalidParams } from '../json-rpc/rpc-errors.js';
import type { AgentCapabilities, ClientCapabilities } from '../types/capabilities.js';
import type { RpcErrorObject } from '../types/json-rpc.js';
import type { Meta } from '../types/meta.js';

/**
 * The answer to a request for a method this side did not advertise:
 * `-32601`, except an `elicitation/create` whose `mode` was not advertised,
 * which the elicitation rules answer with `-32602` (§7).
 *
 * @example
 * write(errorResponse(id, unadvertisedMethodError('fs/read_text_file', params)));
 */
export function unadvertisedMethodError(method: string, params: unknown): RpcErrorObject {
  if (method === 'elicitation/create') {
    const mode = typeof params === 'object' && params !== null ? (params as Record<string, unknown>)['mode'] : undefined;
    return invalidParams(['mode'], `elicitation mode ${JSON.stringify(mode ?? null)} was not advertised`);
  }
  return methodNotFound(method);
}

/**
 * What a driving Troupe client is configured to offer.
 *
 * @example
 * const offer: TroupeClientOffer = { fs: { readTextFile: true }, terminal: true };
 */
export interface TroupeClientOffer {
  fs?: { readTextFile?: boolean; writeTextFile?: boolean };
  terminal?: boolean;
  elicitation?: { form?: boolean; url?: boolean };
  /** e.g. `{ troupe: { methods: ['_troupe/actor_tree'] } }` (§15). */
  meta?: Meta;
}

/**
 * Drive mode's advertisement: `fs`, `terminal`, `elicitation` only as
 * configured; `session.notices`, `session.compaction` and
 * `session.configOptions.boolean` always, because Troupe delivers those
 * updates to actors whatever they contain.
 *
 * @example
 * troupeClientCapabilities({ fs: { readTextFile: true } });
 */
export function troupeClientCapabilities(offer: TroupeClientOffer = {}): ClientCapabilities {
  const caps: ClientCapabilities = {
    fs: { readTextFile: offer.fs?.readTextFile === true, writeTextFile: offer.fs?.writeTextFile === true },
    terminal: offer.terminal === true,
    session: { notices: {}, compaction: {}, configOptions: { boolean: {} } },
  };
  const e = offer.elicitation;
  if (e?.form === true || e?.url === true) {
    caps.elicitation = { ...(e.form === true ? { form: {} } : {}), ...(e.url === true ? { url: {} } : {}) };
  }
  if (offer.meta !== undefined) caps._meta = offer.meta;
  return caps;
}

/**
 * What a served Troupe agent implements. Everything defaults to "no".
 *
 * @example
 * const offer: TroupeAgentOffer = { sessionStore: true, prompt: { image: true } };
 */
export interface TroupeAgentOffer {
  /** A session store is configured: `loadSession`, `sessionCapabilities.{list,resume,close,delete}`. */
  sessionStore?: boolean;
  logout?: boolean;
  additionalDirectories?: boolean;
  prompt?: { image?: boolean; audio?: boolean; embeddedContext?: boolean };
  mcp?: { http?: boolean; sse?: boolean };
  meta?: Meta;
}

/**
 * Serve mode's advertisement: exactly what the agent implements (§11.3).
 *
 * @example
 * troupeAgentCapabilities({ prompt: { image: true } });
 */
export function troupeAgentCapabilities(offer: TroupeAgentOffer = {}): AgentCapabilities {
  const caps: AgentCapabilities = {
    loadSession: offer.sessionStore === true,
    promptCapabilities: {
      image: offer.prompt?.image === true,
      audio: offer.prompt?.audio === true,
      embeddedContext: offer.prompt?.embeddedContext === true,
    },
    mcpCapabilities: { http: offer.mcp?.http === true, sse: offer.mcp?.sse === true },
    sessionCapabilities: {
      ...(offer.sessionStore === true ? { list: {}, resume: {}, close: {}, delete: {} } : {}),
      ...(offer.additionalDirectories === true ? { additionalDirectories: {} } : {}),
    },
  };
  if (offer.logout === true) caps.auth = { logout: {} };
  if (offer.meta !== undefined) caps._meta = offer.meta;
  return caps;
}
