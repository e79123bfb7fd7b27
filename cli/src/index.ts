export { buildProgram, type Register } from './program.js';
export { createLogger, logInspection, LOG_LEVELS, type LogLevel } from './logger.js';
export { startNode, type NodeOptions, type RunningNode } from './node.js';
export { VERSION } from './version.js';
