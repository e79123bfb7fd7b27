// Workflows compose agents and are actor refs themselves: pipeline, fanOut, route.
// Run: npm run build && node examples/workflows.mjs
import { lastValueFrom, toArray } from 'rxjs';
import { createSystem, textOf } from '@troupe/runtime';
import { fanOut, pipeline, route } from '@troupe/actors';

const system = await createSystem();
const spawn = (name, fn) => system.spawn((message) => fn(textOf(message)), { name });

const translate = spawn('translate', (t) => t.replace('hello', 'bonjour'));
const shout = spawn('shout', (t) => t.toUpperCase());
const count = spawn('count', (t) => `${t.split(' ').length} words`);
const reverse = spawn('reverse', (t) => [...t].reverse().join(''));

const run = async (ref, input) => textOf(await lastValueFrom(ref.ask(input).pipe(toArray())));

process.stdout.write(`pipeline: ${await run(pipeline(translate, shout), 'hello world')}\n`);
process.stdout.write(`fanOut:   ${await run(fanOut([count, reverse], { gather: (all) => all.map(textOf).join(' | ') }), 'hello world')}\n`);
process.stdout.write(`route:    ${await run(route((m) => (textOf(m).endsWith('?') ? 'count' : 'shout'), { count, shout }), 'is this routed?')}\n`);
await system.shutdown();
