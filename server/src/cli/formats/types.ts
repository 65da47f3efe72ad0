import type { Finding } from '../../core/finding';

/** A finding with the file it came from, as the user named it. */
export interface FileFinding extends Finding {
  file: string;
}
