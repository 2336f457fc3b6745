import { readFileSync } from 'node:fs';

/**
 * CPU and memory of a process from /proc (Linux), as pidusage would read them, without a
 * dependency. CPU is the share of one core used between two samples (200% = two cores busy).
 */

const TICKS_PER_SECOND = 100; // USER_HZ; 100 on every mainstream Linux build

interface CpuSample {
  at: number;
  ticks: number;
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of stat)
}

function statusKb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Whole-machine busy share of all cores (0..1) between samples, from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.reduce((sum, v) => sum + v, 0);
  return { busy: total - idle, total };
}

export interface UsageReport {
  /** Mean CPU of the process over the window, in percent of one core. */
  cpuPercent: number;
  /** Highest CPU over any sampling interval, in percent of one core. */
  cpuPeakPercent: number;
  /** Highest resident memory seen while sampling. */
  rssPeakBytes: number;
  /** Mean busy share of the whole machine (all cores) over the window, in percent. */
  machinePercent: number;
}

/** Samples a process every intervalMs until stopped; stop() returns the figures of the window. */
export function watchProcess(pid: number, intervalMs = 250) {
  const start: CpuSample = { at: performance.now(), ticks: cpuTicks(pid) };
  const machineStart = machineTicks();
  let last = start;
  let peakCpu = 0;
  let peakRss = statusKb(pid, 'VmRSS');
  const sample = () => {
    try {
      const now = { at: performance.now(), ticks: cpuTicks(pid) };
      peakCpu = Math.max(peakCpu, percent(last, now));
      peakRss = Math.max(peakRss, statusKb(pid, 'VmRSS'));
      last = now;
    } catch {
      // The process ended (a fault test kills it); keep what was measured.
    }
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop(): UsageReport {
      clearInterval(timer);
      sample();
      const machineEnd = machineTicks();
      return {
        cpuPercent: percent(start, last),
        cpuPeakPercent: peakCpu,
        rssPeakBytes: peakRss,
        machinePercent: (100 * (machineEnd.busy - machineStart.busy)) / Math.max(1, machineEnd.total - machineStart.total),
      };
    },
  };
}

const percent = (a: CpuSample, b: CpuSample) => (b.at > a.at ? (100 * (b.ticks - a.ticks)) / TICKS_PER_SECOND / ((b.at - a.at) / 1000) : 0);

export const rssBytes = (pid: number) => statusKb(pid, 'VmRSS');
