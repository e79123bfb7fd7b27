import { describe, expect, test } from 'vitest';
import * as sdk from '@agentclientprotocol/sdk';
import {
  AGENT_METHODS, CLIENT_METHODS, METHOD_CATALOGUE, PROTOCOL_METHODS, UNSTABLE_METHODS, isExtensionMethod, isKnownMethod,
  lookupMethod,
} from '../src/index.js';
import { defsByMethod } from './support/schema.js';

describe('method catalogue', () => {
  test('names match the SDK exports exactly', () => {
    expect(new Set(Object.values(AGENT_METHODS))).toEqual(new Set(Object.values(sdk.AGENT_METHODS)));
    expect(new Set(Object.values(CLIENT_METHODS))).toEqual(new Set(Object.values(sdk.CLIENT_METHODS)));
    expect(new Set(Object.values(PROTOCOL_METHODS))).toEqual(new Set(Object.values(sdk.PROTOCOL_METHODS)));
  });

  test('every schema method is catalogued with the side that handles it, and kind matches the schema', () => {
    const defs = defsByMethod();
    expect(new Set(Object.keys(METHOD_CATALOGUE))).toEqual(new Set(defs.keys()));
    for (const [method, def] of defs) {
      if (!isKnownMethod(method)) throw new Error(`not catalogued: ${method}`);
      const spec = METHOD_CATALOGUE[method];
      expect(spec.handledBy, method).toBe(def.side);
      // Notifications have no Response definition in the schema.
      expect(spec.kind, method).toBe(def.result === undefined ? 'notification' : 'request');
    }
  });

  test('gates follow §6–§7 and §11', () => {
    const label = (m: keyof typeof METHOD_CATALOGUE) => METHOD_CATALOGUE[m].gate?.label;
    expect(label('initialize')).toBe(undefined);
    expect(label('session/new')).toBe(undefined);
    expect(label('session/prompt')).toBe(undefined);
    expect(label('session/cancel')).toBe(undefined);
    expect(label('session/update')).toBe(undefined);
    expect(label('session/load')).toBe('agentCapabilities.loadSession');
    expect(label('session/list')).toBe('agentCapabilities.sessionCapabilities.list');
    expect(label('session/resume')).toBe('agentCapabilities.sessionCapabilities.resume');
    expect(label('session/close')).toBe('agentCapabilities.sessionCapabilities.close');
    expect(label('session/delete')).toBe('agentCapabilities.sessionCapabilities.delete');
    expect(label('logout')).toBe('agentCapabilities.auth.logout');
    expect(label('session/set_mode')).toBe('session.modes');
    expect(label('session/set_config_option')).toBe('session.configOptions');
    expect(label('fs/read_text_file')).toBe('clientCapabilities.fs.readTextFile');
    expect(label('fs/write_text_file')).toBe('clientCapabilities.fs.writeTextFile');
    for (const m of ['terminal/create', 'terminal/output', 'terminal/wait_for_exit', 'terminal/kill', 'terminal/release'] as const) {
      expect(label(m)).toBe('clientCapabilities.terminal');
    }
    expect(label('elicitation/create')).toBe('clientCapabilities.elicitation.form | clientCapabilities.elicitation.url');
  });

  test('21.13 (wire part): unknown, extension and unstable names are told apart', () => {
    expect(lookupMethod('session/prompt').status).toBe('known');
    expect(lookupMethod('_example.com/ping').status).toBe('extension');
    expect(lookupMethod('_troupe/actor_tree').status).toBe('extension');
    expect(lookupMethod('session/fork').status).toBe('unstable');
    expect(lookupMethod('session/set_model').status).toBe('unstable');
    expect(lookupMethod('frobnicate').status).toBe('unknown');
    expect(isExtensionMethod('_x')).toBe(true);
    expect(isExtensionMethod('x_')).toBe(false);
  });

  test('no unstable name collides with a stable one', () => {
    for (const name of UNSTABLE_METHODS) expect(isKnownMethod(name)).toBe(false);
  });
});
