'use strict';
/**
 * Local data that survives a restart of `npm start`: the stand-ins keep their state in memory
 * and save it to one JSON file each under `.local/data`. A save must never cost the previous
 * one: the new snapshot is written beside the file, flushed to disk, and renamed over it, so a
 * crash at any moment leaves the old file or the new one, whole. Plain CommonJS, so the Cosmos
 * server's own process (cosmosProcess.cjs) uses it as the TypeScript stand-ins do.
 */
const fs = require('node:fs');
const path = require('node:path');
const { setTimeout, clearTimeout } = require('node:timers');

/** Writes `text` to `file` atomically: a temporary file, fsync, rename, fsync of the directory. */
function writeFileAtomically(file, text) {
  const directory = path.dirname(file);
  fs.mkdirSync(directory, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  // The rename is durable once the directory entry is: flush it too (not possible everywhere).
  try {
    const dir = fs.openSync(directory, 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename has happened either way.
  }
}

/**
 * The saved value, or undefined when nothing was saved yet. Temporary files a crash left
 * behind are removed: the file itself is the last complete save.
 */
function readSnapshot(file) {
  const directory = path.dirname(file);
  const base = path.basename(file);
  if (fs.existsSync(directory)) {
    for (const name of fs.readdirSync(directory)) {
      if (name.startsWith(`${base}.`) && name.endsWith('.tmp')) {
        fs.rmSync(path.join(directory, name), { force: true });
      }
    }
  }
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${file} is not a saved snapshot (${error.message}); start with --fresh to discard the local data.`,
    );
  }
}

/**
 * Saves `snapshot()` after changes, at most once per interval: `minIntervalMs`, or ten times
 * as long as the last save took, so saving a large store costs at most a tenth of the time.
 * `changed()` marks a change; `flush()` saves at once what is pending (on stop).
 */
function periodicSaver(file, snapshot, minIntervalMs = 1000) {
  let dirty = false;
  let timer;
  let lastDurationMs = 0;
  const save = () => {
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    const started = Date.now();
    writeFileAtomically(file, JSON.stringify(snapshot()));
    lastDurationMs = Date.now() - started;
  };
  return {
    changed() {
      dirty = true;
      if (timer === undefined) {
        timer = setTimeout(save, Math.max(minIntervalMs, lastDurationMs * 10));
        timer.unref();
      }
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      save();
    },
  };
}

module.exports = { writeFileAtomically, readSnapshot, periodicSaver };
