// Validates rendered objects against the API schemas offline: types, required fields and enums come
// from the validators compiled into kubernetes-models (and its KEDA and Strimzi packages). Those never
// reject a field they do not know, so each object is validated through a Proxy that records which
// fields the validator looked at: a field it never read is not in the schema (a misspelling, or a
// field of another API version). Maps (labels, ConfigMap data, KEDA metadata) are listed by the
// validator, which marks their keys as read.
import { readFileSync } from 'node:fs';

const PACKAGES = {
  'keda.sh': '@kubernetes-models/keda',
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
};

// Objects the CRDs declare free-form (x-kubernetes-preserve-unknown-fields): broker and topic settings.
const FREE_FORM = {
  Kafka: ['/spec/kafka/config'],
  KafkaTopic: ['/spec/config'],
};

const validators = new Map();

async function validatorFor(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!validators.has(key)) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
    const pkg = PACKAGES[group] ?? 'kubernetes-models';
    const dir = group ? `${group}/${version}` : version;
    const classFile = new URL(`node_modules/${pkg}/${dir}/${kind}.js`, import.meta.url);
    let source;
    try {
      source = readFileSync(classFile, 'utf8');
    } catch {
      validators.set(key, null);
      return null;
    }
    const schemaFile = source.match(/"([./]+_schemas\/\w+\.js)"/)[1];
    const module = await import(new URL(schemaFile, classFile));
    validators.set(key, module.validate);
  }
  return validators.get(key);
}

function tracked(root) {
  const proxies = new WeakMap();
  const visits = [];
  const wrap = (value, path) => {
    if (value === null || typeof value !== 'object') {
      return value;
    }
    if (proxies.has(value)) {
      return proxies.get(value);
    }
    const visit = { path, value, read: new Set(), listed: false };
    visits.push(visit);
    const proxy = new Proxy(value, {
      get(target, key) {
        if (typeof key !== 'string' || !Object.hasOwn(target, key)) {
          return target[key];
        }
        visit.read.add(key);
        return wrap(target[key], `${path}/${key}`);
      },
      has(target, key) {
        visit.read.add(key);
        return key in target;
      },
      ownKeys(target) {
        visit.listed = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  return { proxy: wrap(root, ''), visits };
}

/** The problems of one object, as strings naming the field; empty when it is valid. */
export async function schemaProblems(object) {
  const { apiVersion, kind } = object ?? {};
  const validate = await validatorFor(apiVersion, kind);
  if (!validate) {
    return [`no schema for ${apiVersion} ${kind}`];
  }
  const { proxy, visits } = tracked(object);
  const problems = [];
  if (!validate(proxy)) {
    for (const e of validate.errors) {
      problems.push(`${e.instancePath || '/'}: ${e.keyword} ${JSON.stringify(e.params)}`);
    }
  }
  const freeForm = FREE_FORM[kind] ?? [];
  const inFreeForm = (path) => freeForm.some((p) => path === p || path.startsWith(`${p}/`));
  for (const visit of visits) {
    if (visit.listed || Array.isArray(visit.value) || inFreeForm(visit.path)) {
      continue;
    }
    for (const key of Object.keys(visit.value)) {
      if (!visit.read.has(key)) {
        problems.push(`${visit.path}/${key}: unknown field`);
      }
    }
  }
  return problems;
}
