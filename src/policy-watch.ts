import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Watches one file for edits, renames and atomic replaces, without watching its folder: the data folder
 * also holds the ledger's journal and SQLite files, written on every request, and a folder watch woke the
 * event loop for each of them (an inotify read and a callback per request). The file's own inode is
 * watched; when it is renamed, deleted or replaced (an editor's or writePolicyText's rename over it, seen
 * as a different inode at the path), the watch moves to whatever is at the path now. While nothing is
 * there the folder is watched for the name to come back, and the file again once it has.
 */
export class FileWatch {
  private watcher: FSWatcher | undefined;
  /** The inode watched (undefined: the folder is watched, waiting for the file). */
  private watched: { readonly dev: number; readonly ino: number } | undefined;
  private stopped = false;

  constructor(
    private readonly file: string,
    /** Called for every event that may have changed the file's contents (debounce it). */
    private readonly changed: () => void,
    private readonly failed: (error: Error) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.close();
  }

  private arm(): void {
    this.close();
    if (this.stopped) return;
    const identity = inodeOf(this.file);
    try {
      if (identity !== undefined) {
        this.watched = identity;
        this.watcher = watch(this.file, { persistent: false }, (event) => this.onFileEvent(event));
      } else {
        this.watched = undefined;
        const name = basename(this.file);
        this.watcher = watch(dirname(this.file), { persistent: false }, (_event, entry) => {
          if (entry === null || entry === name) this.onFolderEvent();
        });
      }
    } catch (error) {
      // The file went away between the stat and the watch: wait for it in the folder instead.
      if (identity !== undefined && isMissing(error)) {
        this.watched = undefined;
        this.arm();
        return;
      }
      this.failed(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.watcher.on('error', (error) => this.failed(error));
  }

  private onFileEvent(event: string): void {
    this.changed();
    // A rename or a new inode at the path: the watched inode is no longer the file.
    const now = inodeOf(this.file);
    if (event === 'rename' || now === undefined || now.ino !== this.watched?.ino || now.dev !== this.watched.dev) this.arm();
  }

  private onFolderEvent(): void {
    this.changed();
    if (inodeOf(this.file) !== undefined) this.arm();
  }

  private close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}

function inodeOf(file: string): { readonly dev: number; readonly ino: number } | undefined {
  try {
    const stats = statSync(file);
    return { dev: stats.dev, ino: stats.ino };
  } catch {
    return undefined;
  }
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
