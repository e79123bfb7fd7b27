/**
 * MCP server entries passed in `session/new`, `session/load` and
 * `session/resume` (spec §10.4).
 */
import type { WithMeta } from './meta.js';

/**
 * A name/value pair (environment variable or HTTP header).
 *
 * @example
 * const env: NameValue = { name: 'CI', value: '1' };
 */
export interface NameValue extends WithMeta {
  name: string;
  value: string;
}

/**
 * stdio MCP server (no `type`); every agent must support it.
 *
 * @example
 * const s: McpServerStdio = { name: 'fs', command: '/usr/bin/mcp-fs', args: [], env: [] };
 */
export interface McpServerStdio extends WithMeta {
  name: string;
  command: string;
  args: string[];
  env: NameValue[];
}

/**
 * HTTP MCP server; needs agent `mcpCapabilities.http`.
 *
 * @example
 * const s: McpServerHttp = { type: 'http', name: 'web', url: 'https://mcp.example.com', headers: [] };
 */
export interface McpServerHttp extends WithMeta {
  type: 'http';
  name: string;
  url: string;
  headers: NameValue[];
}

/**
 * SSE MCP server; needs agent `mcpCapabilities.sse`.
 *
 * @example
 * const s: McpServerSse = { type: 'sse', name: 'ev', url: 'https://mcp.example.com/sse', headers: [] };
 */
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
