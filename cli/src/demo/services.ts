import type { DemoService } from './demo-service.js';
import { relayDemo } from './relay-service.js';
import { stdioDemoService } from './stdio-service.js';

/**
 * The plugins the demo brings up, in order. Each plugin's entry lives in its own file
 * (demo/<plugin>-service.ts) and is added here.
 */
export const demoServices: readonly DemoService[] = [stdioDemoService, relayDemo];
