// Hosts of their own for multi-host tests: one network namespace per host, each
// with an address on a bridge of the root namespace, so that processes in them
// talk to each other and to the root namespace (where the test's proxies to
// Postgres, Redis and Dovecot listen) over a real network, not loopback.
// Needs root (ip netns); names and subnet are random, so parallel runs do not meet.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';

export interface NetHost {
  name: string;
  /** The namespace, for `ip netns exec`. */
  ns: string;
  address: string;
}

export interface HostNetwork {
  /** The root namespace's address on the bridge: where the hosts reach the shared services. */
  gateway: string;
  hosts: NetHost[];
  remove(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });

export function canCreateHosts(): boolean {
  return process.getuid?.() === 0;
}

export function createHosts(names: readonly string[]): HostNetwork {
  const id = randomBytes(2).toString('hex');
  const subnet = `10.${randomInt(100, 200)}.${randomInt(1, 250)}`;
  const bridge = `imbr${id}`;
  const hosts: NetHost[] = [];
  const remove = () => {
    for (const h of hosts) {
      try {
        ip('netns', 'del', h.ns);
      } catch {
        // already gone
      }
    }
    try {
      ip('link', 'del', bridge);
    } catch {
      // already gone
    }
  };
  try {
    ip('link', 'add', bridge, 'type', 'bridge');
    ip('addr', 'add', `${subnet}.1/24`, 'dev', bridge);
    ip('link', 'set', bridge, 'up');
    names.forEach((name, i) => {
      const ns = `inmail-${id}-${name}`;
      const outer = `im${id}${i}o`;
      const inner = `im${id}${i}i`;
      const address = `${subnet}.${i + 2}`;
      ip('netns', 'add', ns);
      hosts.push({ name, ns, address });
      ip('link', 'add', outer, 'type', 'veth', 'peer', 'name', inner);
      ip('link', 'set', inner, 'netns', ns);
      ip('link', 'set', outer, 'master', bridge);
      ip('link', 'set', outer, 'up');
      ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', inner);
      ip('-n', ns, 'link', 'set', inner, 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    });
  } catch (err) {
    remove();
    throw err;
  }
  return { gateway: `${subnet}.1`, hosts, remove };
}
