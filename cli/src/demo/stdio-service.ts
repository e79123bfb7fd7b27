import { fileURLToPath } from 'node:url';
import { stdio } from '@troupe/plugin-stdio';
import type { DemoService } from './demo-service.js';

/** The `troupe` launcher of this checkout, as an absolute path an editor can run from anywhere. */
const launcher = fileURLToPath(new URL('../../bin/troupe.mjs', import.meta.url));

/**
 * The stdio plugin's part of the demo: starts the plugin (so `system.connect({ command })` works on
 * this node) and tells a person how an editor reaches the demo pipeline over ACP.
 */
export const stdioDemoService: DemoService = {
  name: 'ACP over stdio (Zed and other ACP editors)',
  async start(node) {
    if (!node.system.plugins.some((p) => p.name === 'stdio')) await node.system.startPlugins([stdio()]);
    const serve = `node ${launcher} acp serve --demo`;
    return [
      `an editor launches the demo pipeline as an ACP agent with: ${serve}`,
      `Zed settings.json: "agent_servers": { "Troupe demo": { "command": "node", "args": ["${launcher}", "acp", "serve", "--demo"] } }`,
      `try it in a terminal: node ${launcher} acp run -- ${serve}   (then type: otters)`,
    ];
  },
};
