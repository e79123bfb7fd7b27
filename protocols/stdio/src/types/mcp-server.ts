/**
 * MCP server entries passed in `session/new`, `session/load` and
 * `session/resume` (spec §10.4).
 */
import type { WithMeta } from './meta.js';

/** A name/value pair (environment variable or HTTP header). */
export interface NameValue extends WithMeta {
  name: string;
  value: string;
}

/** stdio MCP server (no `type`); every agent must support it. */
export interface McpServerStdio extends WithMeta {
  name: string;
  command: string;
  args: string[];
  env: NameValue[];
}

/** HTTP MCP server; needs agent `mcpCapabilities.http`. */
export interface McpServerHttp extends WithMeta {
  type: 'http';
  name: string;
  url: string;
  headers: NameValue[];
}

/** SSE MCP server; needs agent `mcpCapabilities.sse`. */
export interface McpServerSse extends WithMeta {
  type: 'sse';
  name: string;
  url: string;
  headers: NameValue[];
}

/**
 * Any MCP server entry.
 *
 * @example
 * const s: McpServer = { name: 'fs', command: '/usr/bin/mcp-fs', args: [], env: [] };
 */
export type McpServer = McpServerStdio | McpServerHttp | McpServerSse;
