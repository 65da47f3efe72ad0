'use strict';
// Where the workplace's shared material (fixtures, corpus, k8s schema) lives: $SHIPSHAPE_SHARED,
// else `../shared` beside the repository, else /work/shared. Tests read it; nothing is copied.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const candidates = [process.env.SHIPSHAPE_SHARED, path.resolve(ROOT, '../shared'), '/work/shared'].filter(Boolean);
const SHARED_DIR = candidates.find((dir) => fs.existsSync(dir)) || candidates[candidates.length - 1];

/** An absolute path inside the shared folder. */
function sharedPath(...parts) {
  return path.join(SHARED_DIR, ...parts);
}

module.exports = { SHARED_DIR, sharedPath };
