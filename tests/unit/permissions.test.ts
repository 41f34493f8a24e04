/**
 * Least privilege, kept visible: every permission and host the manifest asks for (in both builds)
 * must be named in the README's permissions section, so the manifest cannot grow unnoticed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

type ManifestFn = (env: { browser: string }) => {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
};

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Permissions'));

describe('the README names every permission the manifest asks for', () => {
  it.each(['chrome', 'firefox'])('%s build', (browser) => {
    const manifest = (config.manifest as unknown as ManifestFn)({ browser });
    const asked = [
      ...(manifest.permissions ?? []),
      ...(manifest.host_permissions ?? []),
      ...(manifest.optional_host_permissions ?? []),
      ...(manifest.optional_permissions ?? []),
    ];
    expect(asked.length).toBeGreaterThan(10);
    const missing = asked.filter((permission) => !section.includes(`\`${permission}\``));
    expect(missing, 'add these to the README permissions table').toEqual([]);
  });
});
