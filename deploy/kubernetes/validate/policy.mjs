// Locality's own rules for what may be deployed, checked on the rendered objects. Each finding names its rule.
// A workload (or the CloudNativePG Cluster, for the database rule) may be excused from a rule by an annotation
// that says why, one "<rule>: <reason>" per line or separated by ";":
//   locality.gov.uk/policy-exception: "probes: <why this container needs none>"
// An exception that names no known rule, or gives no reason, is itself a finding (rule "policy-exception").
import { podTemplateOf, splitImage } from "./kustomize.mjs";

export const exceptionAnnotation = "locality.gov.uk/policy-exception";

export const rules = {
  "run-as-non-root": "every container runs as a non-root user (runAsNonRoot true, runAsUser not 0)",
  "read-only-root-filesystem": "every container's root filesystem is read-only",
  "no-privilege-escalation": "no container may gain privileges (allowPrivilegeEscalation false, not privileged)",
  "capabilities-dropped": "every container drops ALL capabilities",
  "seccomp-runtime-default": "every container runs under the RuntimeDefault (or Localhost) seccomp profile",
  "resources": "every container requests and limits cpu and memory",
  "probes": "every long-running container has a liveness and a readiness probe",
  "image-tag": "every image names a tag other than latest, or a digest",
  "service-account-token": "pods do not mount a service account token",
  "termination-grace": "a Deployment's pods have longer than the hosts' 30 s shutdown to stop",
  "pod-disruption-budget": "every Deployment's pods are covered by a PodDisruptionBudget",
  "horizontal-pod-autoscaler": "every Deployment is scaled by a HorizontalPodAutoscaler",
  "database-network-policy": "the database pods admit on 5432 only the hosts, the worker, the migration job and themselves",
  "default-deny": "a NetworkPolicy denies all ingress and egress that no other policy allows",
  "connection-budget": "the hosts' connection pools at their most pods fit the pooler and the server's max_connections",
};

// Not excusable: an object that fails its schema is not deployable at all, and an exception must say why.
const unexcusable = new Set(["schema", "policy-exception", "default-deny"]);

/** The components whose pods may open connections to the database on 5432 (besides the database's own pods). */
export const databaseClients = new Set(["web", "api", "worker", "migration"]);
const componentLabel = "app.kubernetes.io/component";
const longRunning = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]);
const shutdownSeconds = 30;

/** Findings for the rendered objects: { rule, object, message, excused, reason }. */
export function checkPolicy(objects) {
  const findings = [];
  const exceptions = new Map();
  for (const object of objects) {
    exceptions.set(object, readExceptions(object, findings));
  }
  const add = (object, rule, message) => {
    const reason = exceptions.get(object)?.get(rule);
    findings.push({ rule, object: nameOf(object), message, excused: reason !== undefined && !unexcusable.has(rule), reason });
  };

  for (const object of objects) {
    const template = podTemplateOf(object);
    if (template) {
      checkPod(object, template, add);
    }
    if (object.kind === "Deployment") {
      checkDeployment(object, objects, add);
    }
  }
  checkNetworkPolicies(objects, add);
  checkConnectionBudget(objects, add);
  return findings;
}

function readExceptions(object, findings) {
  const excused = new Map();
  const value = object.metadata?.annotations?.[exceptionAnnotation];
  if (value === undefined) {
    return excused;
  }
  const entries = String(value).split(/[;\n]/).map((entry) => entry.trim()).filter((entry) => entry !== "");
  if (entries.length === 0) {
    findings.push({ rule: "policy-exception", object: nameOf(object), message: `${exceptionAnnotation} is empty: name a rule and say why`, excused: false });
  }
  for (const entry of entries) {
    const colon = entry.indexOf(":");
    const rule = (colon < 0 ? entry : entry.slice(0, colon)).trim();
    const reason = colon < 0 ? "" : entry.slice(colon + 1).trim();
    if (!(rule in rules)) {
      findings.push({ rule: "policy-exception", object: nameOf(object), message: `the exception names "${rule}", which is not a rule that can be excused (${Object.keys(rules).filter((r) => !unexcusable.has(r)).join(", ")})`, excused: false });
    } else if (reason.replace(/[^\p{L}\p{N}]/gu, "").length < 10) {
      findings.push({ rule: "policy-exception", object: nameOf(object), message: `the exception to "${rule}" gives no reason: write "${rule}: <why>" (at least ten letters)`, excused: false });
    } else {
      excused.set(rule, reason);
    }
  }
  return excused;
}

function checkPod(object, template, add) {
  const spec = template.spec ?? {};
  const pod = spec.securityContext ?? {};
  const containers = [...(spec.initContainers ?? []).map((c) => ({ c, init: true })), ...(spec.containers ?? []).map((c) => ({ c, init: false }))];
  if (spec.automountServiceAccountToken !== false) {
    add(object, "service-account-token", "the pod template does not set automountServiceAccountToken: false");
  }
  for (const { c, init } of containers) {
    const where = `container "${c.name}"`;
    const own = c.securityContext ?? {};
    const nonRoot = own.runAsNonRoot ?? pod.runAsNonRoot;
    const user = own.runAsUser ?? pod.runAsUser;
    if (nonRoot !== true) {
      add(object, "run-as-non-root", `${where}: runAsNonRoot is ${nonRoot === undefined ? "not set" : nonRoot} (it must be true)`);
    }
    if (user === 0) {
      add(object, "run-as-non-root", `${where}: runAsUser is 0 (root)`);
    }
    if (own.readOnlyRootFilesystem !== true) {
      add(object, "read-only-root-filesystem", `${where}: readOnlyRootFilesystem is not true`);
    }
    if (own.allowPrivilegeEscalation !== false) {
      add(object, "no-privilege-escalation", `${where}: allowPrivilegeEscalation is not false`);
    }
    if (own.privileged === true) {
      add(object, "no-privilege-escalation", `${where}: the container is privileged`);
    }
    const dropped = own.capabilities?.drop ?? [];
    if (!dropped.includes("ALL")) {
      add(object, "capabilities-dropped", `${where}: capabilities.drop does not include ALL`);
    }
    if ((own.capabilities?.add ?? []).length > 0) {
      add(object, "capabilities-dropped", `${where}: capabilities.add gives back ${own.capabilities.add.join(", ")}`);
    }
    const seccomp = (own.seccompProfile ?? pod.seccompProfile)?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") {
      add(object, "seccomp-runtime-default", `${where}: seccompProfile is ${seccomp ?? "not set"}`);
    }
    for (const kind of ["requests", "limits"]) {
      for (const resource of ["cpu", "memory"]) {
        if (c.resources?.[kind]?.[resource] === undefined) {
          add(object, "resources", `${where}: no ${resource} in resources.${kind}`);
        }
      }
    }
    if (longRunning.has(object.kind) && !init) {
      for (const probe of ["livenessProbe", "readinessProbe"]) {
        if (!c[probe]) {
          add(object, "probes", `${where}: no ${probe}`);
        }
      }
    }
    const image = typeof c.image === "string" ? splitImage(c.image) : undefined;
    if (!image) {
      add(object, "image-tag", `${where}: no image`);
    } else if (!image.digest && (!image.tag || image.tag === "latest")) {
      add(object, "image-tag", `${where}: the image ${c.image} ${image.tag ? "is :latest" : "has no tag"}; name a version`);
    }
  }
}

function checkDeployment(deployment, objects, add) {
  const namespace = deployment.metadata?.namespace;
  const podLabels = deployment.spec?.template?.metadata?.labels ?? {};
  const grace = deployment.spec?.template?.spec?.terminationGracePeriodSeconds ?? 30;
  if (grace <= shutdownSeconds) {
    add(deployment, "termination-grace", `terminationGracePeriodSeconds is ${grace}; the hosts take up to ${shutdownSeconds} s to shut down, so it must be more`);
  }
  const budgets = objects.filter((o) => o.kind === "PodDisruptionBudget" && o.metadata?.namespace === namespace && o.spec?.selector && selects(o.spec.selector, podLabels));
  if (budgets.length === 0) {
    add(deployment, "pod-disruption-budget", "no PodDisruptionBudget selects its pods");
  }
  const scalers = objects.filter((o) => o.kind === "HorizontalPodAutoscaler" && o.metadata?.namespace === namespace && o.spec?.scaleTargetRef?.kind === "Deployment" && o.spec?.scaleTargetRef?.name === deployment.metadata?.name);
  if (scalers.length === 0) {
    add(deployment, "horizontal-pod-autoscaler", "no HorizontalPodAutoscaler scales it");
  }
}

function checkNetworkPolicies(objects, add) {
  const policies = objects.filter((o) => o.kind === "NetworkPolicy");
  const namespaces = new Set(objects.filter((o) => longRunning.has(o.kind) || o.kind === "Cluster").map((o) => o.metadata?.namespace));
  for (const namespace of namespaces) {
    const denies = policies.some((p) => p.metadata?.namespace === namespace && isEmptySelector(p.spec?.podSelector)
      && types(p).includes("Ingress") && types(p).includes("Egress") && (p.spec?.ingress ?? []).length === 0 && (p.spec?.egress ?? []).length === 0);
    if (!denies) {
      const anchor = objects.find((o) => o.metadata?.namespace === namespace && (longRunning.has(o.kind) || o.kind === "Cluster"));
      add(anchor, "default-deny", `no NetworkPolicy in namespace ${namespace ?? "(none)"} selects every pod with Ingress and Egress and allows nothing`);
    }
  }

  for (const cluster of objects.filter((o) => o.apiVersion?.startsWith("postgresql.cnpg.io/") && o.kind === "Cluster")) {
    const name = cluster.metadata?.name;
    const namespace = cluster.metadata?.namespace;
    const poolers = objects.filter((o) => o.apiVersion?.startsWith("postgresql.cnpg.io/") && o.kind === "Pooler" && o.spec?.cluster?.name === name && o.metadata?.namespace === namespace);
    const poolerNames = new Set(poolers.map((p) => p.metadata?.name));
    // The labels the operator puts on the pods it runs for this Cluster and its Poolers.
    const podSets = [
      { what: `the instances of Cluster ${name}`, labels: { "cnpg.io/cluster": name, "cnpg.io/podRole": "instance", "cnpg.io/instanceRole": "primary", role: "primary" } },
      ...poolers.map((p) => ({ what: `the pods of Pooler ${p.metadata?.name}`, labels: { ...p.spec?.template?.metadata?.labels, "cnpg.io/poolerName": p.metadata?.name, "cnpg.io/cluster": name, "cnpg.io/podRole": "pooler" } })),
    ];
    const allowedPeer = (peer) => {
      if (peer.ipBlock || peer.namespaceSelector || !peer.podSelector || isEmptySelector(peer.podSelector)) {
        return false;
      }
      const labels = peer.podSelector.matchLabels ?? {};
      if (labels["cnpg.io/cluster"] === name || poolerNames.has(labels["cnpg.io/poolerName"])) {
        return true;
      }
      if (databaseClients.has(labels[componentLabel])) {
        return true;
      }
      return (peer.podSelector.matchExpressions ?? []).some((e) => e.key === componentLabel && e.operator === "In" && e.values?.length > 0 && e.values.every((v) => databaseClients.has(v)));
    };
    for (const { what, labels } of podSets) {
      const applying = policies.filter((p) => p.metadata?.namespace === namespace && types(p).includes("Ingress") && p.spec?.podSelector && selects(p.spec.podSelector, labels));
      const admitting = applying.filter((p) => !isEmptySelector(p.spec.podSelector) && (p.spec.ingress ?? []).some((rule) => coversPostgres(rule)));
      if (admitting.length === 0) {
        add(cluster, "database-network-policy", `no NetworkPolicy selects ${what} and admits the hosts on 5432`);
      }
      for (const policy of applying) {
        for (const rule of policy.spec.ingress ?? []) {
          if (!coversPostgres(rule)) {
            continue;
          }
          if (!rule.from || rule.from.length === 0) {
            add(cluster, "database-network-policy", `NetworkPolicy ${policy.metadata?.name} admits anything to ${what} on 5432`);
            continue;
          }
          for (const peer of rule.from.filter((p) => !allowedPeer(p))) {
            add(cluster, "database-network-policy", `NetworkPolicy ${policy.metadata?.name} admits ${JSON.stringify(peer)} to ${what} on 5432; only pods labelled ${componentLabel} in (${[...databaseClients].join(", ")}) and the database's own pods may connect`);
          }
        }
      }
    }
  }
}

function coversPostgres(rule) {
  const ports = rule.ports ?? [];
  if (ports.length === 0) {
    return true;
  }
  return ports.some((p) => (p.protocol ?? "TCP") === "TCP" && (p.port === undefined || typeof p.port === "string" || p.port === 5432 || (p.endPort !== undefined && p.port <= 5432 && 5432 <= p.endPort)));
}

function types(policy) {
  return policy.spec?.policyTypes ?? ((policy.spec?.egress ?? []).length > 0 ? ["Ingress", "Egress"] : ["Ingress"]);
}

function isEmptySelector(selector) {
  return !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}

/** Whether a label selector selects a set of labels. */
export function selects(selector, labels) {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) {
      return false;
    }
  }
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, expression.key);
    const value = labels[expression.key];
    const ok = {
      In: has && (expression.values ?? []).includes(value),
      NotIn: !has || !(expression.values ?? []).includes(value),
      Exists: has,
      DoesNotExist: !has,
    }[expression.operator];
    if (!ok) {
      return false;
    }
  }
  return true;
}

export function nameOf(object) {
  return object ? `${object.kind}/${object.metadata?.name}` : "(none)";
}

// Connections: Npgsql's pool per pod (Maximum Pool Size, 100 when not given) times the most pods a workload can have
// (the HPA's maxReplicas, or replicas, plus the rolling update's surge). Through a session-mode pooler every client
// connection holds a server connection, and all clients may land on one pooler pod, so their sum must fit one pod's
// default_pool_size and max_client_conn; everything together, plus what the operator and monitoring use, must fit
// the server's max_connections.
const operatorReserve = 10;

function checkConnectionBudget(objects, add) {
  for (const cluster of objects.filter((o) => o.apiVersion?.startsWith("postgresql.cnpg.io/") && o.kind === "Cluster")) {
    const namespace = cluster.metadata?.namespace;
    const name = cluster.metadata?.name;
    const poolers = objects.filter((o) => o.kind === "Pooler" && o.spec?.cluster?.name === name && o.metadata?.namespace === namespace);
    const direct = new Set([`${name}-rw`, `${name}-r`, `${name}-ro`]);
    const byPooler = new Map(poolers.map((p) => [p.metadata?.name, 0]));
    let total = 0;
    const parts = [];
    for (const workload of objects.filter((o) => o.metadata?.namespace === namespace && podTemplateOf(o))) {
      for (const container of podTemplateOf(workload).spec?.containers ?? []) {
        const value = (container.env ?? []).find((e) => e.name === "ConnectionStrings__Locality")?.value;
        if (typeof value !== "string") {
          continue;
        }
        const settings = parseConnectionString(value);
        const host = settings.get("host");
        if (!byPooler.has(host) && !direct.has(host)) {
          continue;
        }
        const pool = Number(settings.get("maximum pool size") ?? settings.get("max pool size") ?? 100);
        const pods = mostPods(workload, objects);
        const connections = pool * pods;
        total += connections;
        parts.push(`${workload.metadata?.name} ${pods}×${pool}`);
        if (byPooler.has(host)) {
          byPooler.set(host, byPooler.get(host) + connections);
        }
      }
    }
    for (const pooler of poolers) {
      const used = byPooler.get(pooler.metadata?.name);
      const parameters = pooler.spec?.pgbouncer?.parameters ?? {};
      for (const [parameter, fallback] of [["default_pool_size", 20], ["max_client_conn", 100]]) {
        const limit = Number(parameters[parameter] ?? fallback);
        if (used > limit) {
          add(cluster, "connection-budget", `the hosts may open ${used} connections through Pooler ${pooler.metadata?.name}, more than its ${parameter} (${limit})`);
        }
      }
      if ((pooler.spec?.pgbouncer?.poolMode ?? "session") !== "session") {
        add(cluster, "connection-budget", `Pooler ${pooler.metadata?.name} is not in session mode; the sums here assume it is (docs/deploy.md, "Connections")`);
      }
    }
    const maxConnections = Number(cluster.spec?.postgresql?.parameters?.max_connections ?? 100);
    const reserved = Number(cluster.spec?.postgresql?.parameters?.superuser_reserved_connections ?? 3);
    if (total + operatorReserve + reserved > maxConnections) {
      add(cluster, "connection-budget", `${parts.join(" + ")} = ${total} connections, plus ${operatorReserve} for the operator and monitoring and ${reserved} reserved, is more than max_connections (${maxConnections})`);
    }
  }
}

function parseConnectionString(value) {
  const settings = new Map();
  for (const part of value.split(";")) {
    const equals = part.indexOf("=");
    if (equals > 0) {
      settings.set(part.slice(0, equals).trim().toLowerCase(), part.slice(equals + 1).trim());
    }
  }
  return settings;
}

function mostPods(workload, objects) {
  if (workload.kind === "Job") {
    return workload.spec?.parallelism ?? 1;
  }
  const scaler = objects.find((o) => o.kind === "HorizontalPodAutoscaler" && o.metadata?.namespace === workload.metadata?.namespace
    && o.spec?.scaleTargetRef?.kind === workload.kind && o.spec?.scaleTargetRef?.name === workload.metadata?.name);
  const most = scaler?.spec?.maxReplicas ?? workload.spec?.replicas ?? 1;
  if (workload.kind !== "Deployment" || workload.spec?.strategy?.type === "Recreate") {
    return most;
  }
  const surge = workload.spec?.strategy?.rollingUpdate?.maxSurge ?? "25%";
  return most + (typeof surge === "string" && surge.endsWith("%") ? Math.ceil((most * Number(surge.slice(0, -1))) / 100) : Number(surge));
}
