/**
 * Capability objects exchanged in `initialize` (spec §11). Two shapes exist:
 * boolean flags (default `false`) and marker objects ("present `{}` =
 * supported, absent or `null` = not"). Containers advertise nothing by
 * merely being present.
 */
import type { WithMeta } from './meta.js';

/**
 * A marker capability: `{}` (possibly with `_meta`) means supported.
 *
 * @example
 * const list: Marker = {};
 */
export type Marker = WithMeta;

/**
 * Client file-system flags.
 *
 * @example
 * const fs: FileSystemCapabilities = { readTextFile: true, writeTextFile: false };
 */
export interface FileSystemCapabilities extends WithMeta {
  readTextFile?: boolean;
  writeTextFile?: boolean;
}

/**
 * Client session-level markers.
 *
 * @example
 * const s: ClientSessionCapabilities = { notices: {}, configOptions: { boolean: {} } };
 */
export interface ClientSessionCapabilities extends WithMeta {
  notices?: Marker | null;
  compaction?: Marker | null;
  configOptions?: (WithMeta & { boolean?: Marker | null }) | null;
}

/**
 * Client elicitation modes. `elicitation: {}` advertises no mode.
 *
 * @example
 * const e: ElicitationCapabilities = { url: {} };
 */
export interface ElicitationCapabilities extends WithMeta {
  form?: Marker | null;
  url?: Marker | null;
}

/**
 * What the client supports; sent in `initialize`, checked by the agent.
 *
 * @example
 * const caps: ClientCapabilities = { fs: { readTextFile: true }, terminal: false };
 */
export interface ClientCapabilities extends WithMeta {
  fs?: FileSystemCapabilities;
  terminal?: boolean;
  auth?: WithMeta & { terminal?: boolean };
  elicitation?: ElicitationCapabilities | null;
  session?: ClientSessionCapabilities | null;
}

/**
 * Which non-baseline prompt blocks the agent accepts.
 *
 * @example
 * const p: PromptCapabilities = { image: true };
 */
export interface PromptCapabilities extends WithMeta {
  image?: boolean;
  audio?: boolean;
  embeddedContext?: boolean;
}

/**
 * Which non-stdio MCP transports the agent accepts.
 *
 * @example
 * const m: McpCapabilities = { http: true, sse: false };
 */
export interface McpCapabilities extends WithMeta {
  http?: boolean;
  sse?: boolean;
}

/**
 * Agent session lifecycle markers.
 *
 * @example
 * const s: SessionCapabilities = { list: {}, close: {} };
 */
export interface SessionCapabilities extends WithMeta {
  list?: Marker | null;
  resume?: Marker | null;
  close?: Marker | null;
  delete?: Marker | null;
  additionalDirectories?: Marker | null;
}

/**
 * What the agent supports; returned by `initialize`, checked by the client.
 *
 * @example
 * const caps: AgentCapabilities = { loadSession: true, sessionCapabilities: { list: {} } };
 */
export interface AgentCapabilities extends WithMeta {
  loadSession?: boolean;
  promptCapabilities?: PromptCapabilities;
  mcpCapabilities?: McpCapabilities;
  sessionCapabilities?: SessionCapabilities;
  auth?: WithMeta & { logout?: Marker | null };
}

/**
 * Name and version of a peer implementation (`clientInfo` / `agentInfo`).
 *
 * @example
 * const info: Implementation = { name: 'troupe', version: '0.1.0' };
 */
export interface Implementation extends WithMeta {
  name: string;
  version: string;
  title?: string | null;
}
