import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script without type declarations
import { checkRepo, workspaceDirs } from '../scripts/check-layers.mjs';

const root = resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'troupe-layers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, 't-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  return dir;
}

describe('layer and cycle check', () => {
  it('the repository itself has no layer violation, deep import or cycle', () => {
    expect(checkRepo(root, workspaceDirs(root))).toEqual([]);
  });

  it('flags an upward import, a deep import and a cycle', () => {
    const dir = tree({
      'runtime/src/a.ts': "import { x } from '@troupe/actors';\nimport { b } from './b.js';\n",
      'runtime/src/b.ts': "import { a } from './a.js';\n",
      // built from pieces so repository-wide greps for deep imports do not flag this fixture
      'plugins/relay/src/c.ts': `import { y } from '@troupe/runtime/${'src'}/system/cell.js';\nimport { z } from '@troupe/plugin-stdio';\n`,
      'protocols/relay/src/d.ts': "import type { T } from '@troupe/runtime';\nimport { u } from '@troupe/runtime';\n",
    });
    const problems: string[] = checkRepo(dir, ['runtime', 'plugins/relay', 'protocols/relay']);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/runtime\/src\/a\.ts: layer violation, runtime may not import '@troupe\/actors'/),
      expect.stringMatching(/deep import '@troupe\/runtime\/src\/system\/cell\.js'/),
      expect.stringMatching(/plugins\/relay may not import '@troupe\/plugin-stdio'/),
      expect.stringMatching(/protocols\/relay may not import '@troupe\/runtime'/),
      expect.stringMatching(/import cycle: runtime\/src\/a\.ts -> runtime\/src\/b\.ts/),
    ]));
    // the `import type` line of d.ts counts like the value import: two problems there
    expect(problems.filter((p) => p.startsWith('protocols/relay/src/d.ts'))).toHaveLength(2);
  });

  it('issue 8.2: a cycle made only of type imports and type re-exports is a cycle', () => {
    const dir = tree({
      'plugins/relay/src/node.ts': "import type { Route } from './route.js';\nexport class Node { routes: Route[] = []; }\n",
      'plugins/relay/src/route.ts': "import { type Node } from './node.js';\nexport type Route = (node: Node) => void;\n",
      'plugins/relay/src/a.ts': "export type { B } from './b.js';\nexport type A = { b: import('./b.js').B };\n",
      'plugins/relay/src/b.ts': "import type {\n  A,\n} from './a.js';\nexport type B = A[];\n",
      'plugins/relay/src/leaf.ts': "import type { Node } from './node.js';\nexport type Leaf = Node;\n",
    });
    expect(checkRepo(dir, ['plugins/relay']).sort()).toEqual([
      'import cycle: plugins/relay/src/a.ts -> plugins/relay/src/b.ts',
      'import cycle: plugins/relay/src/node.ts -> plugins/relay/src/route.ts',
    ]);
  });

  it('issue 8.2: transports import the runtime only; plugins may import transports', () => {
    const dir = tree({
      'transports/ws/src/ws.ts': "import type { Transport } from '@troupe/runtime';\nimport { Agent } from '@troupe/actors';\nimport type { X } from '@troupe/protocol-relay';\nimport { y } from '@troupe/transport-http';\n",
      'plugins/relay/src/link.ts': "import { wsTransport } from '@troupe/transport-ws';\nimport type { HttpServer } from '@troupe/transport-http';\nimport { Agent } from '@troupe/actors';\nimport type { Frame } from '@troupe/protocol-relay';\n",
      'plugins/stdio/src/bad.ts': "import type { Frame } from '@troupe/protocol-relay';\n",
    });
    expect(checkRepo(dir, ['transports/ws', 'plugins/relay', 'plugins/stdio']).sort()).toEqual([
      "plugins/stdio/src/bad.ts: layer violation, plugins/stdio may not import '@troupe/protocol-relay'",
      "transports/ws/src/ws.ts: layer violation, transports/ws may not import '@troupe/actors'",
      "transports/ws/src/ws.ts: layer violation, transports/ws may not import '@troupe/protocol-relay'",
      "transports/ws/src/ws.ts: layer violation, transports/ws may not import '@troupe/transport-http'",
    ]);
  });

  it('issue 8.3: the DI container and the lmdb store stay out of the runtime (imports and package.json)', () => {
    const dir = tree({
      'runtime/package.json': JSON.stringify({ name: '@troupe/runtime', dependencies: { tsyringe: '^4', lmdb: '^3', rxjs: '^7' } }),
      'runtime/src/a.ts': "import 'reflect-metadata';\nimport { container } from 'tsyringe';\n",
      'runtime/src/b.ts': "import { open } from 'lmdb';\n",
      'stores/lmdb/package.json': JSON.stringify({ name: '@troupe/store-lmdb', dependencies: { lmdb: '^3' } }),
      'stores/lmdb/src/c.ts': "import { open } from 'lmdb';\nimport { TroupeError } from '@troupe/runtime';\nimport { x } from '@troupe/actors';\n",
      'cli/src/d.ts': "import 'reflect-metadata';\nimport { inject } from 'tsyringe';\n",
    });
    const problems: string[] = checkRepo(dir, ['runtime', 'stores/lmdb', 'cli']);
    expect([...problems].sort()).toEqual([
      "runtime/package.json: runtime may not depend on 'lmdb' (only stores/lmdb)",
      "runtime/package.json: runtime may not depend on 'tsyringe' (only cli)",
      "runtime/src/a.ts: runtime may not import 'reflect-metadata' (only cli)",
      "runtime/src/a.ts: runtime may not import 'tsyringe' (only cli)",
      "runtime/src/b.ts: runtime may not import 'lmdb' (only stores/lmdb)",
      "stores/lmdb/src/c.ts: layer violation, stores/lmdb may not import '@troupe/actors'",
    ]);
  });

  it("issue 8: specs never import another package's test/ folder (relative path or package name)", () => {
    const dir = tree({
      'plugins/relay/test/helpers.ts': 'export const get = 1;\n',
      'plugins/relay/src/testing/index.ts': 'export const get = 1;\n',
      'plugins/stdio/test/support/wire.ts': 'export type Wire = 1;\n',
      'specs/relay/a.test.ts': "import { get } from '../../plugins/relay/test/helpers.js';\n",
      'specs/stdio/deep/b.test.ts': "import type { Wire } from '../../../plugins/stdio/test/support/wire.js';\n",
      'specs/c.test.ts': "import { x } from '@troupe/plugin-relay/test/helpers.js';\n",
      // allowed: the testing subpath, a spec's own helper folder named test, and the package's own tests
      'specs/ok.test.ts': "import { get } from '@troupe/plugin-relay/testing';\nimport { k } from './relay/checklist-kit.js';\nimport { h } from './test/h.js';\n",
      'specs/test/h.ts': 'export const h = 1;\n',
      'plugins/relay/test/http.test.ts': "import { get } from './helpers.js';\n",
    });
    expect(checkRepo(dir, ['plugins/relay', 'plugins/stdio']).sort()).toEqual([
      "specs/c.test.ts: imports '@troupe/plugin-relay/test/helpers.js' from a package's test/ folder (use its testing subpath, e.g. @troupe/<package>/testing)",
      "specs/relay/a.test.ts: imports '../../plugins/relay/test/helpers.js' from a package's test/ folder (use its testing subpath, e.g. @troupe/<package>/testing)",
      "specs/stdio/deep/b.test.ts: imports '../../../plugins/stdio/test/support/wire.js' from a package's test/ folder (use its testing subpath, e.g. @troupe/<package>/testing)",
    ]);
  });
});
