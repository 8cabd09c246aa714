// What the manifests must agree with, read from the code itself: the topics (protocol's Topics.ALL),
// the configuration keys the services read (app's application.properties, its channels, and README's
// Configuration table, which lists every @ConfigMapping key) and the executor's consumer group.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';

function javaFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.java')).map((f) => join(dir, f));
}

/** key → value of a .properties text (continuations joined, %profile. prefixes dropped). */
export function parseProperties(text) {
  const entries = new Map();
  const lines = text.replace(/\\\r?\n\s*/g, '').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) {
      continue;
    }
    const at = line.search(/[=:]/);
    const key = (at < 0 ? line : line.slice(0, at)).trim().replace(/^%[^.]+\./, '');
    entries.set(key, at < 0 ? '' : line.slice(at + 1).trim());
  }
  return entries;
}

function topics(root) {
  const source = readFileSync(join(root, 'protocol/src/main/java/dev/gradestream/protocol/Topics.java'), 'utf8');
  const constants = new Map([...source.matchAll(/String (\w+) = "([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const all = source.match(/ALL = List\.of\(([^)]*)\)/);
  if (!all) {
    throw new Error('Topics.ALL not found in Topics.java');
  }
  return all[1].split(',').map((name) => constants.get(name.trim()));
}

/** Patterns of README's Configuration table: `a.b.c` / `d` means a.b.c and a.b.d; <x> is any part. */
function readmeKeys(root) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0];
  if (!section) {
    throw new Error('README.md has no "## Configuration" section');
  }
  const patterns = [];
  for (const row of section.matchAll(/^\| ((?:`[^`]+`(?: \/ )?)+) \|/gm)) {
    const names = [...row[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const prefix = names[0].slice(0, names[0].lastIndexOf('.') + 1);
    names.forEach((name, i) => patterns.push(i === 0 || name.includes('.') ? name : prefix + name));
  }
  return patterns.map((p) => new RegExp(`^${p.replace(/\./g, '\\.').replace(/<[^>]+>/g, '.+')}$`));
}

export function repoFacts(root) {
  const appProperties = parseProperties(
    readFileSync(join(root, 'app/src/main/resources/application.properties'), 'utf8'));
  const channels = new Set([...appProperties.keys()]
    .map((key) => key.match(/^mp\.messaging\.(incoming|outgoing)\.([^.]+)\./))
    .filter(Boolean)
    .map((m) => `${m[1]}.${m[2]}`));
  const patterns = readmeKeys(root);
  return {
    topics: topics(root),
    /**
     * Whether the executor reads submissions in this consumer group: the group.id of the channel on
     * `submissions`, or (an executor with its own consumer) its GROUP_ID constant.
     */
    isExecutorGroup(group) {
      const inProperties = [...appProperties].some(([key, value]) => {
        const channel = key.match(/^(mp\.messaging\.incoming\.[^.]+)\.group\.id$/);
        return channel && value === group && appProperties.get(`${channel[1]}.topic`) === 'submissions';
      });
      return inProperties || javaFiles(join(root, 'executor/src/main'))
        .some((file) => readFileSync(file, 'utf8').includes(`GROUP_ID = "${group}"`));
    },
    /** Why a key is not one the services read, or null when it is. */
    unknownKey(key) {
      if (appProperties.has(key) || patterns.some((p) => p.test(key))) {
        return null;
      }
      const channel = key.match(/^mp\.messaging\.(incoming|outgoing)\.([^.]+)\./);
      if (channel && channels.has(`${channel[1]}.${channel[2]}`)) {
        return null;
      }
      return channel
        ? `channel ${channel[1]}.${channel[2]} is not configured in app's application.properties`
        : 'neither in app\'s application.properties nor in README\'s Configuration table';
    },
  };
}
