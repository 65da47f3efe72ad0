// Where the shared real-world fixtures live (../shared/fixtures beside the repository, or
// $SHIPSHAPE_FIXTURES), for the scan tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../../../test/helpers/sharedDir.cjs';

export const FIXTURES = process.env.SHIPSHAPE_FIXTURES ?? sharedPath('fixtures');
export const TRIVY_FIXTURES = join(FIXTURES, 'trivy');
export const HARBOR_ALPINE = join(FIXTURES, 'testbed-generated/harbor-from-trivy-alpine-310');
export const HARBOR_SPRING = join(FIXTURES, 'testbed-generated/harbor-from-trivy-spring4shell');

export function fixtureText(...parts: string[]): string {
  return readFileSync(join(...parts), 'utf8');
}

export function trivyFixture(name: string): string {
  return fixtureText(TRIVY_FIXTURES, name);
}
