// The Node/V8 flags the language server runs with, in one place: the VS Code client starts the
// server with them and `npm run bench` measures it with them. (Editors that run
// `shipshape-language-server --stdio` may pass them to node too; the server works without.)

/**
 * Young-generation semi-spaces of exactly 4 MB, instead of V8's default of starting at 1 MB and
 * growing to 16 MB. A lint's garbage is short-lived and small; the 32 MB of young generation V8
 * otherwise keeps committed for good was a fifth of the server's memory with a whole workspace
 * open (166 → 143 MiB with the 3,677 corpus files open). Starting at 4 MB rather than growing
 * there: the first keystrokes after opening a 2,000-line Dockerfile no longer pay for ~2
 * scavenges each while the young generation grows (per-edit p50 13–16 → 11 ms, CPU per edit
 * 20–23 → 17 ms, first diagnostics 235–263 → 180 ms, same memory with every corpus file open).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--min-semi-space-size=4', '--max-semi-space-size=4'];
