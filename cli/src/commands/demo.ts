import type { Command } from 'commander';
import type { ActorRef, Part } from '@troupe/runtime';
import { DEMO_TOPICS } from '../demo/agents.js';
import { spawnDemoAgents, type DemoPipeline } from '../demo/pipeline.js';
import { ProgressLine } from '../progress-line.js';
import { demoServices } from '../demo/services.js';
import { startNode, type RunningNode } from '../node.js';
import { untilSignal } from '../until-signal.js';

/** Options of the demo. */
export interface DemoOptions {
  readonly topic: string;
  readonly serve: boolean;
  readonly fast: boolean;
}

/** Spawns the three demo agents on a node and returns the pipeline over them. */
export function spawnDemoPipeline(node: RunningNode, fast: boolean): DemoPipeline {
  return spawnDemoAgents(node.system, fast);
}

/** Runs the pipeline once, streaming its text with a live progress note. */
export function runPipeline(flow: ActorRef, topic: string, line: ProgressLine): Promise<void> {
  return new Promise((resolve, reject) => {
    flow.ask(topic).subscribe({
      next: (p: Part) => {
        if (p.type === 'progress') line.update(p.note, p.ratio);
        else if (p.type === 'text') line.write(p.text);
      },
      error: (e: unknown) => { line.clear(); reject(e); },
      complete: () => { line.clear(); resolve(); },
    });
  });
}

/** `troupe demo` (what `npm start` runs). */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run a three-agent pipeline (researcher -> writer -> editor) streaming to the terminal, then keep serving it')
    .option('--topic <topic>', `what to write about (${DEMO_TOPICS.join(', ')})`, 'actors')
    .option('--no-serve', 'exit after the pipeline instead of serving the agents')
    .option('--fast', 'no artificial delays between steps')
    .action(async (opts: DemoOptions) => {
      const node = await startNode({ logLevel: 'warn' });
      const { flow, editor } = spawnDemoPipeline(node, opts.fast);
      process.stdout.write(`Troupe demo: researcher -> writer -> editor on "${opts.topic}"\n\n`);
      await runPipeline(flow, opts.topic, new ProgressLine(process.stdout));
      if (!opts.serve) {
        await node.stop();
        return;
      }
      for (const service of demoServices) {
        const lines = await service.start(node, { flow, editor });
        process.stdout.write(`\n${service.name}:\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
      }
      const stopped = untilSignal(() => node.stop());
      process.stdout.write('\nThe agents stay up; Ctrl-C to stop.\n');
      await stopped;
    });
}
