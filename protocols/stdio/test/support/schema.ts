/**
 * The SDK's bundled JSON Schema (a devDependency), compiled once with Ajv
 * 2020 as spec §1.2 prescribes: formats off, strict off.
 */
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';

const require = createRequire(import.meta.url);

export interface SchemaDef {
  'x-method'?: string;
  'x-side'?: string;
  [k: string]: unknown;
}

export const acpSchema = require('@agentclientprotocol/sdk/schema/v1/schema.json') as { $defs: Record<string, SchemaDef> };

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(acpSchema, 'acp');

/** Validates `value` against `$defs/<name>`; returns Ajv's errors as text, or undefined. */
export function schemaErrors(defName: string, value: unknown): string | undefined {
  const validate = ajv.getSchema(`acp#/$defs/${defName}`);
  if (validate === undefined) throw new Error(`no $defs/${defName} in the SDK schema`);
  return validate(value) ? undefined : ajv.errorsText(validate.errors);
}

/** `$defs` names by method: the params (request/notification) and the result definition. */
export function defsByMethod(): Map<string, { params?: string; result?: string; side: string }> {
  const out = new Map<string, { params?: string; result?: string; side: string }>();
  for (const [name, def] of Object.entries(acpSchema.$defs)) {
    const method = def['x-method'];
    if (method === undefined) continue;
    const entry = out.get(method) ?? { side: def['x-side'] ?? '' };
    if (name.endsWith('Response')) entry.result = name;
    else entry.params = name;
    out.set(method, entry);
  }
  return out;
}
