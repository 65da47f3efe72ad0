#!/usr/bin/env node
// Re-renders bench/results/latest.md from latest.json (e.g. after a change to the report layout).
import { readFileSync, writeFileSync } from 'node:fs';
import { renderMarkdown } from './report.mjs';

const dir = new URL('./results/', import.meta.url);
const markdown = renderMarkdown(JSON.parse(readFileSync(new URL('latest.json', dir), 'utf8')));
writeFileSync(new URL('latest.md', dir), markdown);
process.stdout.write(markdown);
