/**
 * Keeps the process alive until SIGINT or SIGTERM, then runs `stop` once and settles as it does.
 *
 * Signal listeners do not hold Node's event loop open (their handles are unref'd), so a node with
 * nothing else pending (no sockets, no timers) used to drain its loop and exit by itself right
 * after printing "Ctrl-C to stop"; a signal landing while it was tearing down then killed it by the
 * signal instead of a graceful stop (issue 10). A ref'd timer holds the loop until the signal
 * arrives; it is released before `stop`, so once stopping is done the process ends on its own.
 * A second signal during `stop` finds no listener and ends the process at once, which is what a
 * second Ctrl-C should do when a stop hangs.
 *
 * @example
 * await untilSignal(() => node.stop());
 */
export function untilSignal(stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    // The longest delay setInterval takes without overflowing; it never fires in practice.
    const hold = setInterval(() => undefined, 2_147_483_647);
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      clearInterval(hold);
      // A stop that failed is the command's failure (exit code 1 with the reason), not a clean exit.
      stop().then(resolve, reject);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
