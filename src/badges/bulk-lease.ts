// Who holds a bulk run's lease, and when a lease may be taken over before it expires: its holder is
// provably dead. Taking over a live holder by mistake would still award nothing twice (awards are unique
// per badge × email × cycle, rows are locked while a batch runs, and a worker stops at its next batch
// once the lease is no longer its own); it would only waste that worker's batch.
import { hostname } from 'node:os';
import { processIsAlive } from '../db/connection.ts';

export interface LeaseHolder {
  host: string;
  pid: number;
}

export const thisProcess = (): LeaseHolder => ({ host: hostname(), pid: process.pid });

export interface HeldLease {
  leaseOwner: string | null;
  leaseHost: string | null;
  leasePid: number | null;
}

/**
 * True when the process holding the lease cannot be running: on the embedded database this process
 * holds the data directory's lock, so any other process is gone; on PostgreSQL only a holder on this
 * host whose pid no longer exists is known to be gone. A lease of unknown holder is never taken early.
 */
export function leaseHolderIsGone(
  lease: HeldLease,
  here: LeaseHolder,
  database: 'pglite' | 'postgres',
  isAlive: (pid: number) => boolean = processIsAlive,
): boolean {
  if (!lease.leaseOwner || lease.leasePid === null || lease.leaseHost === null) return false;
  const sameProcess = lease.leaseHost === here.host && lease.leasePid === here.pid;
  if (sameProcess) return false;
  if (database === 'pglite') return true;
  return lease.leaseHost === here.host && !isAlive(lease.leasePid);
}

/** "pid 4242 on host build-7 until 2025-05-01T10:02:00.000Z", for people deciding whether to wait. */
export function describeLease(lease: HeldLease & { leaseExpiresAt: Date | null }): string {
  const who =
    lease.leasePid !== null ? `pid ${lease.leasePid} on host ${lease.leaseHost}` : 'another process';
  return lease.leaseExpiresAt ? `${who} until ${lease.leaseExpiresAt.toISOString()}` : who;
}
