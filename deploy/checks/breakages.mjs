// Deliberate breakages of the rendered production pair for main.mjs --self-test: each must be reported
// by the check named in `expect`, or the check could pass a broken manifest.
const find = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const executor = ({ k8s }) => find(k8s, 'Deployment', 'executor').spec.template.spec;
const container = (pair, name) => find(pair.k8s, 'Deployment', name).spec.template.spec.containers[0];
const configMapOf = (pair, name) => pair.k8s.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith(name));

export const BREAKAGES = [
  {
    what: 'a privileged executor',
    expect: '[executor-unprivileged] container executor: privileged must be false',
    breakIt: (pair) => { executor(pair).containers[0].securityContext.privileged = true; },
  },
  {
    what: 'an executor sharing the host\'s users',
    expect: '[executor-unprivileged] pod: hostUsers must be false',
    breakIt: (pair) => { delete executor(pair).hostUsers; },
  },
  {
    what: 'an executor that may gain privileges',
    expect: 'allowPrivilegeEscalation must be false',
    breakIt: (pair) => { executor(pair).containers[0].securityContext.allowPrivilegeEscalation = true; },
  },
  {
    what: 'an executor adding SYS_ADMIN',
    expect: 'no capabilities may be added',
    breakIt: (pair) => { executor(pair).containers[0].securityContext.capabilities.add = ['SYS_ADMIN']; },
  },
  {
    what: 'an executor running as root',
    expect: 'must run as a non-root uid',
    breakIt: (pair) => { executor(pair).securityContext.runAsUser = 0; },
  },
  {
    what: 'job directories on the root file system',
    expect: '[executor-job-directory]',
    breakIt: (pair) => { executor(pair).volumes.find((v) => v.name === 'jobs').emptyDir = undefined; executor(pair).volumes.find((v) => v.name === 'jobs').configMap = { name: 'x' }; },
  },
  {
    what: 'more executors than submissions has partitions',
    expect: 'maxReplicaCount 13 must not exceed the 12 partitions',
    breakIt: (pair) => { find(pair.k8s, 'ScaledObject', 'executor').spec.maxReplicaCount = 13; },
  },
  {
    what: 'an HPA of its own for the executor',
    expect: 'the executor must have no HPA of its own',
    breakIt: (pair) => {
      const hpa = structuredClone(find(pair.k8s, 'HorizontalPodAutoscaler', 'ingest'));
      hpa.metadata.name = 'executor';
      hpa.spec.scaleTargetRef.name = 'executor';
      pair.k8s.push(hpa);
    },
  },
  {
    what: 'KEDA watching a group the executor does not use',
    expect: 'is not the executor\'s group',
    breakIt: (pair) => { find(pair.k8s, 'ScaledObject', 'executor').spec.triggers[0].metadata.consumerGroup = 'gradestream'; },
  },
  {
    what: 'replicas set on a Deployment an autoscaler owns',
    expect: 'executor: an autoscaler owns its replicas',
    breakIt: (pair) => { find(pair.k8s, 'Deployment', 'executor').spec.replicas = 1; },
  },
  {
    what: 'ingest without a readiness probe',
    expect: 'ingest/ingest: readinessProbe must GET /q/health/ready',
    breakIt: (pair) => { delete container(pair, 'ingest').readinessProbe; },
  },
  {
    what: 'results without a memory request',
    expect: 'results/results: requests.memory missing',
    breakIt: (pair) => { delete container(pair, 'results').resources.requests.memory; },
  },
  {
    what: 'a Deployment without a PodDisruptionBudget',
    expect: 'results: no PodDisruptionBudget selects its pods',
    breakIt: (pair) => { pair.k8s = pair.k8s.filter((o) => !(o.kind === 'PodDisruptionBudget' && o.metadata.name === 'results')); },
  },
  {
    what: 'a topic of DESIGN §2 without a KafkaTopic',
    expect: 'topic submissions.dlq (protocol Topics.ALL) has no KafkaTopic',
    breakIt: (pair) => { pair.kafka = pair.kafka.filter((o) => o.metadata.name !== 'submissions.dlq'); },
  },
  {
    what: 'verdicts not compacted',
    expect: 'verdicts must be compacted',
    breakIt: (pair) => { delete find(pair.kafka, 'KafkaTopic', 'verdicts').spec.config['cleanup.policy']; },
  },
  {
    what: 'a misspelled configuration key',
    expect: 'ingest: gradestream.ingest.max-body-byte: neither in app\'s application.properties nor in README',
    breakIt: (pair) => { configMapOf(pair, 'gradestream-ingest').data['application.properties'] += '\ngradestream.ingest.max-body-byte=1\n'; },
  },
  {
    what: 'a key of a channel the app does not have',
    expect: 'channel incoming.grading-in is not configured',
    breakIt: (pair) => { configMapOf(pair, 'gradestream-executor').data['application.properties'] += '\nmp.messaging.incoming.grading-in.enabled=false\n'; },
  },
  {
    what: 'an executor that also runs the read path',
    expect: '[roles-switched] executor: gradestream.results.enabled must be false (not its role)',
    breakIt: (pair) => {
      const map = configMapOf(pair, 'gradestream-executor');
      map.data['application.properties'] = map.data['application.properties'].replace('gradestream.results.enabled=false', '');
    },
  },
  {
    what: 'ingest with its own role switched off',
    expect: '[roles-switched] ingest: gradestream.ingest.enabled must not be false (its own role)',
    breakIt: (pair) => { configMapOf(pair, 'gradestream-ingest').data['application.properties'] += '\ngradestream.ingest.enabled=false\n'; },
  },
  {
    what: 'a service creating topics that KafkaTopics own',
    expect: '[roles-switched] results: gradestream.topics.create must be false',
    breakIt: (pair) => { configMapOf(pair, 'gradestream-results').data['application.properties'] += '\ngradestream.topics.create=true\n'; },
  },
  {
    what: 'the sandbox switched off',
    expect: '[roles-switched] executor: gradestream.sandbox=none runs code without isolation',
    breakIt: (pair) => { configMapOf(pair, 'gradestream-executor').data['application.properties'] += '\ngradestream.sandbox=none\n'; },
  },
  {
    what: 'ingest draining for longer than the kubelet waits',
    expect: '[drain-within-grace] ingest: quarkus.shutdown.timeout 60 s must be below terminationGracePeriodSeconds 30',
    breakIt: (pair) => { find(pair.k8s, 'Deployment', 'ingest').spec.template.spec.terminationGracePeriodSeconds = 30; },
  },
  {
    what: 'results without a drain time',
    expect: '[drain-within-grace] results: its ConfigMap must set quarkus.shutdown.timeout',
    breakIt: (pair) => {
      const map = configMapOf(pair, 'gradestream-results');
      map.data['application.properties'] = map.data['application.properties'].replace(/^quarkus\.shutdown\.timeout=.*$/m, '');
    },
  },
  {
    what: 'services pointed at another Kafka than the one deployed',
    expect: 'kafka.bootstrap.servers must be the Kafka cluster\'s',
    breakIt: (pair) => { find(pair.kafka, 'Kafka', 'gradestream').metadata.name = 'other'; },
  },
  {
    what: 'executor egress to anywhere',
    expect: '[executor-network] egress rule 2 reaches more than',
    breakIt: (pair) => { find(pair.k8s, 'NetworkPolicy', 'executor').spec.egress.push({ ports: [{ port: 443 }] }); },
  },
  {
    what: 'a misspelled field in a probe (schema: unknown field)',
    expect: '[schema] Deployment executor: /spec/template/spec/containers/0/livenessProbe/periodSecond: unknown field',
    breakIt: (pair) => { executor(pair).containers[0].livenessProbe.periodSecond = 5; },
  },
  {
    what: 'a value outside an enum (schema)',
    expect: '[schema] Deployment ingest: /spec/template/spec/containers/0/imagePullPolicy: enum',
    breakIt: (pair) => { container(pair, 'ingest').imagePullPolicy = 'Sometimes'; },
  },
  {
    what: 'a value of the wrong type (schema)',
    expect: '[schema] Deployment results: /spec/replicas: type',
    breakIt: (pair) => { find(pair.k8s, 'Deployment', 'results').spec.replicas = 'two'; },
  },
  {
    what: 'a required field missing (schema)',
    expect: '[schema] Service ingest: /spec/ports/0: required',
    breakIt: (pair) => { delete find(pair.k8s, 'Service', 'ingest').spec.ports[0].port; },
  },
  {
    what: 'a misspelled KafkaTopic field (schema, Strimzi)',
    expect: '[schema] KafkaTopic results: /spec/partiton: unknown field',
    breakIt: (pair) => { find(pair.kafka, 'KafkaTopic', 'results').spec.partiton = 3; },
  },
  {
    what: 'a misspelled ScaledObject field (schema, KEDA)',
    expect: '[schema] ScaledObject executor: /spec/maxReplicas: unknown field',
    breakIt: (pair) => { find(pair.k8s, 'ScaledObject', 'executor').spec.maxReplicas = 4; },
  },
  {
    what: 'a Strimzi enum broken (schema)',
    expect: '[schema] KafkaNodePool dual-role: /spec/roles/0: enum',
    breakIt: (pair) => { find(pair.kafka, 'KafkaNodePool', 'dual-role').spec.roles[0] = 'zookeeper'; },
  },
];
