// Command-line entry for other processes (the e2e check, manual runs):
//   node --import tsx test/helpers/registry/start.ts plain|basic|tls|token [--seed repo:tag ...] [--scale REPOS:TAGS]
// (--scale writes REPOS repositories `scale/repo-NNNNN` and a `scale/many-tags` repository with TAGS tags)
// Prints one JSON line {url, host, caFile?, dir, images} on stdout and keeps the registry running
// until stdin closes or SIGTERM/SIGINT arrives, then removes everything it made.
import { startRegistry, type RegistryMode } from './registry';
import { pushImage, seedScale } from './seed';

async function main(): Promise<void> {
  const [mode = 'plain', ...rest] = process.argv.slice(2);
  if (!['plain', 'basic', 'tls', 'token'].includes(mode)) throw new Error(`unknown mode ${mode}`);
  const seeds: string[] = [];
  let scale: [number, number] | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--seed' && rest[i + 1]) seeds.push(rest[++i]!);
    else if (rest[i] === '--scale' && rest[i + 1]) scale = rest[++i]!.split(':').map(Number) as [number, number];
  }
  const registry = await startRegistry(mode as RegistryMode);
  let stopping = false;
  const stop = async () => { if (stopping) return; stopping = true; await registry.stop(); process.exit(0); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
  if (scale) seedScale(registry, { repos: scale[0] || 0, tags: scale[1] || 0 });
  const images: Record<string, string> = {};
  for (const seed of seeds) {
    const [repo, tag = 'latest'] = seed.split(':');
    images[seed] = (await pushImage(registry, repo!, tag)).index.digest;
  }
  process.stdout.write(JSON.stringify({ url: registry.url, host: registry.host, dir: registry.dir, ...(registry.caFile ? { caFile: registry.caFile } : {}), images }) + '\n');
}

main().catch((error) => { process.stderr.write(`start registry: ${(error as Error).message}\n`); process.exit(1); });
