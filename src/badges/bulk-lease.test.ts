import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeLease, leaseHolderIsGone, thisProcess } from './bulk-lease.ts';

const here = thisProcess();
const leaseOf = (host: string | null, pid: number | null) => ({
  leaseOwner: randomUUID(),
  leaseHost: host,
  leasePid: pid,
});
/** The pid of a process that has ended. */
const endedPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

describe('whether a bulk run lease may be taken over before it expires', () => {
  it('takes over any other process on the embedded database, whose lock proves it is not running', () => {
    expect(leaseHolderIsGone(leaseOf('another-host', 4242), here, 'pglite')).toBe(true);
    expect(leaseHolderIsGone(leaseOf(here.host, process.ppid), here, 'pglite')).toBe(true);
  });

  it('never takes over a lease held in this very process', () => {
    expect(leaseHolderIsGone(leaseOf(here.host, here.pid), here, 'pglite')).toBe(false);
    expect(leaseHolderIsGone(leaseOf(here.host, here.pid), here, 'postgres')).toBe(false);
  });

  it('on PostgreSQL takes over a process of this host that has ended, and keeps a live one', () => {
    expect(leaseHolderIsGone(leaseOf(here.host, endedPid()), here, 'postgres')).toBe(true);
    expect(leaseHolderIsGone(leaseOf(here.host, process.ppid), here, 'postgres')).toBe(false);
  });

  it('on PostgreSQL respects a holder on another host, whose pid means nothing here', () => {
    expect(leaseHolderIsGone(leaseOf('another-host', endedPid()), here, 'postgres')).toBe(false);
  });

  it('respects a lease whose holder is unknown (taken before holders were recorded)', () => {
    expect(leaseHolderIsGone(leaseOf(null, null), here, 'pglite')).toBe(false);
  });

  it('says who holds a lease and until when', () => {
    const until = new Date('2030-01-02T03:04:05.000Z');
    expect(describeLease({ ...leaseOf('build-7', 4242), leaseExpiresAt: until })).toBe(
      'pid 4242 on host build-7 until 2030-01-02T03:04:05.000Z',
    );
  });
});
