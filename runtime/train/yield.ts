// One turn of the event loop, in Node and in a browser alike: a MessageChannel message is a macrotask in both
// (setImmediate is Node's only; setTimeout is clamped to 4 ms once nested in a page). wasm and cpu compute
// synchronously, so a training loop that never yields would starve Ctrl-C, output, and a page's buttons.
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close(); // an open port would keep a Node process alive
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
