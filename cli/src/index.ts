export { buildProgram, type Register } from './program.js';
export { logInspection } from './log-inspection.js';
export { createLogger, LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel, type LogOutput } from './logger.js';
export { startNode, type NodeOptions, type RunningNode } from './node.js';
export { VERSION } from './version.js';
