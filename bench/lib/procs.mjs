// Child processes of the bench: each server under test, the upstream and the load generator run in their
// own process. Every child is tracked so that the run stops all of them (by pid) on the way out, even
// when it fails or is interrupted.
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

const running = new Set();

/**
 * Starts a long-running server. Its stderr (and stdout after the ready line) goes to LOGDIR/NAME.log.
 * Ready when it prints a JSON line on stdout (`readyJson`), or when `readyPort` accepts connections.
 */
export async function startServer(name, command, args, { logDir, env, readyJson = false, readyPort, timeoutMs = 30_000 }) {
  const logFile = join(logDir, `${name}.log`);
  const logFd = openSync(logFile, 'a');
  const child = spawn(command, args, {
    stdio: ['ignore', readyJson ? 'pipe' : logFd, logFd],
    env: { ...process.env, ...env },
  });
  closeSync(logFd);
  const proc = { name, child, pid: child.pid, logFile, exited: false };
  running.add(proc);
  child.on('exit', () => {
    proc.exited = true;
    running.delete(proc);
  });
  const failure = new Promise((_, reject) => {
    child.once('error', (error) => reject(new Error(`${name} did not start: ${error.message}`)));
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${signal ?? code}) before it was ready; see ${logFile}`)));
  });
  failure.catch(() => undefined);
  const ready = readyJson ? firstJsonLine(child) : waitForPort(readyPort, timeoutMs);
  try {
    proc.ready = await withTimeout(Promise.race([ready, failure]), timeoutMs, `${name} was not ready within ${timeoutMs} ms`);
  } catch (error) {
    await stopProcess(proc);
    throw error;
  }
  return proc;
}

function firstJsonLine(child) {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk.toString('utf8');
      const newline = buffered.indexOf('\n');
      if (newline === -1) return;
      child.stdout.off('data', onData);
      child.stdout.resume(); // keep draining anything printed later
      try {
        resolve(JSON.parse(buffered.slice(0, newline)));
      } catch {
        reject(new Error(`expected a JSON line, got ${buffered.slice(0, 200)}`));
      }
    };
    child.stdout.on('data', onData);
  });
}

async function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return { port };
    await sleep(200);
  }
  throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL after `graceMs`. Only ever this child's own pid. */
export async function stopProcess(proc, graceMs = 5_000) {
  if (proc.exited || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.child.once('exit', resolve));
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function stopAll() {
  await Promise.all([...running].map((proc) => stopProcess(proc)));
}

/** Kills what is left synchronously: for process 'exit' and signal handlers. */
export function killAllNow() {
  for (const proc of running) {
    try {
      proc.child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Peak resident set size (VmHWM) of a live process, in kB; undefined when it cannot be read. */
export function peakRssKb(pid) {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Linux's USER_HZ: the unit of utime/stime in /proc/PID/stat (100 on every mainstream architecture). */
const CLOCK_TICKS_PER_S = 100;

/**
 * CPU time (user + system) a live process has used so far, in ms; undefined when it cannot be read. On a
 * shared machine CPU per request is steadier than requests/s, which also depends on what else is running.
 */
export function cpuTimeMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/** Runs a command to completion, collecting stdout and stderr. */
export function runCommand(command, args, { env, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const proc = { name: command, child, pid: child.pid, exited: false };
    running.add(proc);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(proc);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      proc.exited = true;
      running.delete(proc);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A port that was free a moment ago (for servers that cannot report the port they got). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
