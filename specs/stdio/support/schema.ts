/**
 * The SDK's bundled JSON Schema (a devDependency), compiled once with Ajv 2020 as spec §1.2
 * prescribes (formats off, strict off), and a per-method validator for captured frames.
 */
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';

const require = createRequire(import.meta.url);
const schema = require('@agentclientprotocol/sdk/schema/v1/schema.json') as { $defs: Record<string, Record<string, unknown>> };
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(schema, 'acp');

const byMethod = new Map<string, { params?: string; result?: string }>();
for (const [name, def] of Object.entries(schema.$defs)) {
  const method = def['x-method'];
  if (typeof method !== 'string') continue;
  const entry = byMethod.get(method) ?? {};
  if (name.endsWith('Response')) entry.result = name;
  else entry.params = name;
  byMethod.set(method, entry);
}

function check(defName: string, value: unknown): string | undefined {
  const validate = ajv.getSchema(`acp#/$defs/${defName}`);
  if (!validate) return `no $defs/${defName}`;
  return validate(value) ? undefined : `${defName}: ${ajv.errorsText(validate.errors)}`;
}

/**
 * Validates every frame one side wrote (spec §21 item 3): params of requests and notifications
 * against their method's `$defs`, results against the request's response def (the method of a
 * response comes from `requestsOfPeer`, the peer's requests by id). Returns problems as text.
 */
export function validateFrames(frames: readonly Record<string, unknown>[], requestsOfPeer: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const f of frames) {
    if (f['jsonrpc'] !== '2.0') problems.push(`no jsonrpc 2.0: ${JSON.stringify(f).slice(0, 200)}`);
    if (typeof f['method'] === 'string') {
      const method = f['method'];
      if (method.startsWith('_')) continue;
      const def = byMethod.get(method)?.params;
      if (!def) { problems.push(`unknown method ${method}`); continue; }
      const err = check(def, f['params'] ?? {});
      if (err) problems.push(`${method}: ${err}`);
    } else if ('result' in f) {
      const method = requestsOfPeer.get(JSON.stringify(f['id']));
      const def = method ? byMethod.get(method)?.result : undefined;
      if (!def) { problems.push(`result for unknown request ${JSON.stringify(f['id'])}`); continue; }
      const err = check(def, f['result']);
      if (err) problems.push(`${method} result: ${err}`);
    } else if ('error' in f) {
      const e = f['error'] as { code?: unknown; message?: unknown };
      if (!Number.isInteger(e.code) || typeof e.message !== 'string') problems.push(`bad error object ${JSON.stringify(e)}`);
    }
  }
  return problems;
}

/** Request ids → methods, from frames one side wrote. */
export function requestMethods(frames: readonly Record<string, unknown>[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of frames) if (typeof f['method'] === 'string' && 'id' in f) out.set(JSON.stringify(f['id']), f['method']);
  return out;
}
