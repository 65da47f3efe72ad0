// The Node/V8 flags the language server runs with, in one place: the VS Code client starts the
// server with them and `npm run bench` measures it with them. (Editors that run
// `shipshape-language-server --stdio` may pass them to node too; the server works without.)

/**
 * Young-generation semi-spaces of 4 MB instead of V8's default 16 MB. A lint's garbage is
 * short-lived and small; the 32 MB of young generation V8 otherwise keeps committed for good
 * was a fifth of the server's memory with a whole workspace open (166 → 143 MiB with the
 * 3,677 corpus files open), at no measurable cost in per-keystroke latency.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
