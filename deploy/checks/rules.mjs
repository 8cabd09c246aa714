// GradeStream's own rules for a rendered pair of overlays (deploy/k8s/overlays/X with
// deploy/kafka/overlays/X). Each rule returns its problems as strings; none means it holds.
import { parseProperties } from './repo.mjs';

const EXECUTOR = 'executor';
const PROBES = { startupProbe: '/q/health/started', livenessProbe: '/q/health/live', readinessProbe: '/q/health/ready' };

const byKind = (objects, kind) => objects.filter((o) => o.kind === kind);
const named = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
const podSpec = (deployment) => deployment.spec?.template?.spec ?? {};

function configOf(deployment, objects) {
  const spec = podSpec(deployment);
  const mount = spec.containers?.[0]?.volumeMounts?.find((m) => m.mountPath === '/deployments/config');
  const volume = spec.volumes?.find((v) => v.name === mount?.name);
  const configMap = volume?.configMap && named(objects, 'ConfigMap', volume.configMap.name);
  return configMap ? parseProperties(configMap.data?.['application.properties'] ?? '') : null;
}

/** Seconds of a Quarkus duration ("90s", "1m", "500ms", "PT1M30S", or a number of seconds); NaN otherwise. */
export function seconds(duration) {
  const text = String(duration ?? '').trim();
  const simple = text.match(/^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/);
  if (simple) {
    return Number(simple[1]) * { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[simple[2] ?? 's'];
  }
  const iso = text.match(/^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/i);
  return iso && text.length > 2 ? (Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0)) : NaN;
}

/** The roles each Deployment runs; the others must be switched off in its ConfigMap (docs/deploy.md). */
const ROLES = { ingest: ['ingest'], results: ['results'], [EXECUTOR]: ['executor'] };
const ALL_ROLES = ['ingest', 'executor', 'results'];
/** What each Deployment lets requests or jobs finish within on SIGTERM. */
const DRAIN_KEY = { ingest: 'quarkus.shutdown.timeout', results: 'quarkus.shutdown.timeout',
  [EXECUTOR]: 'gradestream.executor.shutdown-grace' };

function kafkaBootstrap(kafkaObjects) {
  const kafka = byKind(kafkaObjects, 'Kafka')[0];
  const plain = kafka?.spec?.kafka?.listeners?.find((l) => l.type === 'internal' && l.tls === false);
  return kafka && plain
    ? `${kafka.metadata.name}-kafka-bootstrap.${kafka.metadata.namespace}.svc:${plain.port}` : null;
}

function partitionsOf(kafkaObjects, topic) {
  const resource = byKind(kafkaObjects, 'KafkaTopic').find((t) => (t.spec?.topicName ?? t.metadata.name) === topic);
  return resource?.spec?.partitions;
}

export const RULES = {
  'executor-unprivileged'({ k8s }) {
    const executor = named(k8s, 'Deployment', EXECUTOR);
    if (!executor) {
      return ['no executor Deployment'];
    }
    const spec = podSpec(executor);
    const problems = [];
    if (spec.hostUsers !== false) problems.push('pod: hostUsers must be false (a user namespace per pod)');
    for (const host of ['hostPID', 'hostIPC', 'hostNetwork']) {
      if (spec[host]) problems.push(`pod: ${host} must not be set`);
    }
    if ((spec.volumes ?? []).some((v) => v.hostPath)) problems.push('pod: no hostPath volumes');
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      const sc = c.securityContext ?? {};
      const where = `container ${c.name}`;
      if (sc.privileged !== false) problems.push(`${where}: privileged must be false`);
      if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation must be false`);
      if (!sc.capabilities?.drop?.includes('ALL')) problems.push(`${where}: capabilities must drop ALL`);
      if (sc.capabilities?.add?.length) problems.push(`${where}: no capabilities may be added`);
      if (sc.procMount !== 'Unmasked') problems.push(`${where}: procMount must be Unmasked (bwrap mounts /proc)`);
      if (!['Unconfined', 'Localhost'].includes(sc.seccompProfile?.type)) {
        problems.push(`${where}: seccompProfile must be Unconfined or a Localhost profile allowing bwrap`);
      }
      if (!['Unconfined', 'Localhost'].includes(sc.appArmorProfile?.type)) {
        problems.push(`${where}: appArmorProfile must be Unconfined or a Localhost profile allowing mount`);
      }
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem must be true`);
      const user = sc.runAsUser ?? spec.securityContext?.runAsUser;
      if ((sc.runAsNonRoot ?? spec.securityContext?.runAsNonRoot) !== true || !(user > 0)) {
        problems.push(`${where}: must run as a non-root uid (runAsNonRoot and runAsUser > 0)`);
      }
    }
    return problems;
  },

  'executor-job-directory'({ k8s }) {
    const executor = named(k8s, 'Deployment', EXECUTOR);
    const workDir = executor && configOf(executor, k8s)?.get('gradestream.executor.work-dir');
    if (!workDir) {
      return ['the executor ConfigMap must set gradestream.executor.work-dir (the default is under /tmp)'];
    }
    const spec = podSpec(executor);
    const mount = spec.containers[0].volumeMounts?.find((m) => m.mountPath === workDir);
    const volume = spec.volumes?.find((v) => v.name === mount?.name);
    return volume?.emptyDir ? [] : [`the executor's work-dir ${workDir} must be an emptyDir mount`];
  },

  'executor-autoscaling'({ k8s, kafka, repo }) {
    const problems = [];
    const scaled = byKind(k8s, 'ScaledObject').filter((s) => s.spec?.scaleTargetRef?.name === EXECUTOR);
    if (scaled.length !== 1) {
      return [`exactly one ScaledObject must target the executor, found ${scaled.length}`];
    }
    if (byKind(k8s, 'HorizontalPodAutoscaler').some((h) => h.spec?.scaleTargetRef?.name === EXECUTOR)) {
      problems.push('the executor must have no HPA of its own: KEDA owns the one it creates');
    }
    const { spec } = scaled[0];
    const partitions = partitionsOf(kafka, 'submissions');
    if (!(spec.maxReplicaCount <= partitions)) {
      problems.push(`maxReplicaCount ${spec.maxReplicaCount} must not exceed the ${partitions} partitions of submissions`);
    }
    const trigger = spec.triggers?.find((t) => t.type === 'kafka');
    if (trigger?.metadata?.topic !== 'submissions') problems.push('a kafka trigger must follow the submissions topic');
    if (!trigger || !repo.isExecutorGroup(trigger.metadata.consumerGroup)) {
      problems.push(`the trigger's consumerGroup ${trigger?.metadata?.consumerGroup} is not the executor's group`);
    }
    if (trigger && trigger.metadata.bootstrapServers !== kafkaBootstrap(kafka)) {
      problems.push(`the trigger's bootstrapServers must be the Kafka cluster's: ${kafkaBootstrap(kafka)}`);
    }
    return problems;
  },

  'deployments-probed-and-sized'({ k8s }) {
    const problems = [];
    for (const d of byKind(k8s, 'Deployment')) {
      for (const c of podSpec(d).containers ?? []) {
        const where = `${d.metadata.name}/${c.name}`;
        for (const [probe, path] of Object.entries(PROBES)) {
          if (c[probe]?.httpGet?.path !== path) problems.push(`${where}: ${probe} must GET ${path}`);
        }
        for (const resource of ['cpu', 'memory']) {
          if (!c.resources?.requests?.[resource]) problems.push(`${where}: requests.${resource} missing`);
        }
        if (!c.resources?.limits?.memory) problems.push(`${where}: limits.memory missing`);
      }
      const selector = d.spec?.selector?.matchLabels;
      const budget = byKind(k8s, 'PodDisruptionBudget').some((p) =>
        JSON.stringify(p.spec?.selector?.matchLabels) === JSON.stringify(selector));
      if (!budget) problems.push(`${d.metadata.name}: no PodDisruptionBudget selects its pods`);
    }
    const scaled = [...byKind(k8s, 'HorizontalPodAutoscaler'), ...byKind(k8s, 'ScaledObject')]
      .map((a) => a.spec?.scaleTargetRef?.name);
    for (const d of byKind(k8s, 'Deployment').filter((d) => scaled.includes(d.metadata.name))) {
      if (d.spec.replicas !== undefined) {
        problems.push(`${d.metadata.name}: an autoscaler owns its replicas; spec.replicas would reset them on every apply`);
      }
    }
    const hpa = byKind(k8s, 'HorizontalPodAutoscaler').find((h) => h.spec?.scaleTargetRef?.name === 'ingest');
    if (hpa?.apiVersion !== 'autoscaling/v2') problems.push('ingest needs an autoscaling/v2 HorizontalPodAutoscaler');
    return problems;
  },

  'topics-declared'({ kafka, repo }) {
    const problems = repo.topics
      .filter((topic) => partitionsOf(kafka, topic) === undefined)
      .map((topic) => `topic ${topic} (protocol Topics.ALL) has no KafkaTopic with partitions`);
    const verdicts = byKind(kafka, 'KafkaTopic').find((t) => (t.spec?.topicName ?? t.metadata.name) === 'verdicts');
    if (verdicts?.spec?.config?.['cleanup.policy'] !== 'compact') problems.push('verdicts must be compacted');
    return problems;
  },

  'config-keys-known'({ k8s, kafka, repo }) {
    const problems = [];
    const bootstrap = kafkaBootstrap(kafka);
    for (const d of byKind(k8s, 'Deployment')) {
      const config = configOf(d, k8s);
      if (!config) {
        problems.push(`${d.metadata.name}: no ConfigMap mounted at /deployments/config`);
        continue;
      }
      for (const key of config.keys()) {
        const why = repo.unknownKey(key);
        if (why) problems.push(`${d.metadata.name}: ${key}: ${why}`);
      }
      if (config.get('kafka.bootstrap.servers') !== bootstrap) {
        problems.push(`${d.metadata.name}: kafka.bootstrap.servers must be the Kafka cluster's: ${bootstrap}`);
      }
    }
    return problems;
  },

  'roles-switched'({ k8s, kafka }) {
    const problems = [];
    const topicsOwned = byKind(kafka, 'KafkaTopic').length > 0;
    for (const d of byKind(k8s, 'Deployment')) {
      const config = configOf(d, k8s);
      const runs = ROLES[d.metadata.name];
      if (!config || !runs) {
        if (!runs) problems.push(`${d.metadata.name}: not one of the roles ${Object.keys(ROLES)}`);
        continue;
      }
      for (const role of ALL_ROLES) {
        const key = `gradestream.${role}.enabled`;
        const on = config.get(key) !== 'false';
        if (runs.includes(role) && !on) problems.push(`${d.metadata.name}: ${key} must not be false (its own role)`);
        if (!runs.includes(role) && on) problems.push(`${d.metadata.name}: ${key} must be false (not its role)`);
      }
      if (topicsOwned && config.get('gradestream.topics.create') !== 'false') {
        problems.push(`${d.metadata.name}: gradestream.topics.create must be false (KafkaTopics own the topics)`);
      }
      if (config.get('gradestream.sandbox') === 'none') {
        problems.push(`${d.metadata.name}: gradestream.sandbox=none runs code without isolation; a role that grades nothing needs no sandbox setting`);
      }
    }
    return problems;
  },

  'drain-within-grace'({ k8s }) {
    const problems = [];
    for (const d of byKind(k8s, 'Deployment')) {
      const key = DRAIN_KEY[d.metadata.name];
      const config = configOf(d, k8s);
      if (!key || !config) {
        continue;
      }
      const drain = seconds(config.get(key));
      const grace = podSpec(d).terminationGracePeriodSeconds ?? 30;
      if (Number.isNaN(drain)) {
        problems.push(`${d.metadata.name}: its ConfigMap must set ${key} (how long work in flight may take on SIGTERM)`);
      } else if (!(drain < grace)) {
        problems.push(`${d.metadata.name}: ${key} ${drain} s must be below terminationGracePeriodSeconds ${grace}`);
      }
    }
    return problems;
  },

  'executor-network'({ k8s }) {
    const policy = byKind(k8s, 'NetworkPolicy')
      .find((p) => p.spec?.podSelector?.matchLabels?.['app.kubernetes.io/name'] === EXECUTOR);
    if (!policy?.spec?.policyTypes?.includes('Egress')) {
      return ['a NetworkPolicy must restrict the executor pods\' egress'];
    }
    const problems = [];
    for (const [i, rule] of (policy.spec.egress ?? []).entries()) {
      const ports = (rule.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`);
      const isKafka = rule.to?.every((peer) => peer.podSelector?.matchLabels?.['strimzi.io/kind'] === 'Kafka')
        && ports.length && ports.every((p) => p === '9092/TCP');
      const isDns = rule.to?.every((peer) => peer.podSelector?.matchLabels?.['k8s-app'] === 'kube-dns')
        && ports.length && ports.every((p) => p === '53/UDP' || p === '53/TCP');
      if (!rule.to?.length || !(isKafka || isDns)) {
        problems.push(`egress rule ${i} reaches more than Kafka's brokers on 9092 or DNS on 53`);
      }
    }
    return problems;
  },
};

export function ruleProblems(context) {
  return Object.entries(RULES).flatMap(([name, rule]) => rule(context).map((p) => `[${name}] ${p}`));
}
