// A small renderer for the part of Kustomize that Locality's manifests use, so they can be checked where neither
// kubectl nor kustomize is installed. It is not Kustomize: anything in a kustomization.yaml it does not understand
// is refused rather than ignored, so the output never silently differs from `kustomize build`.
//
// Understood: resources (files and directories holding a kustomization.yaml), namespace, labels (pairs with
// includeSelectors false and includeTemplates), images (newName, newTag, digest), and patches given by path or
// inline, either a strategic-merge patch naming its target by apiVersion/kind/metadata.name or a JSON 6902 patch
// (add, replace, remove) with a target of group/version/kind/name.
// Not understood (refused): bases, components, generators (configMapGenerator, secretGenerator), namePrefix and
// nameSuffix, replicas, replacements and vars, commonLabels/commonAnnotations, helmCharts, patch targets chosen by
// label selector, and the strategic-merge directives ($patch, $setElementOrder, $retainKeys).
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

const understood = new Set(["apiVersion", "kind", "namespace", "labels", "resources", "images", "patches"]);

/** Objects in a YAML file with one or more documents. */
export function readObjects(file) {
  const text = fs.readFileSync(file, "utf8");
  return YAML.parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) {
        throw new Error(`${file}: ${document.errors[0].message}`);
      }
      return document.toJS();
    })
    .filter((value) => value !== null && value !== undefined)
    .map((value) => ({ ...value, [sourceKey]: file }));
}

export const sourceKey = Symbol("source file");

/** Renders the kustomization in `directory` (a folder holding kustomization.yaml) to a list of objects. */
export function render(directory) {
  const file = ["kustomization.yaml", "kustomization.yml", "Kustomization"].map((name) => path.join(directory, name)).find((f) => fs.existsSync(f));
  if (!file) {
    throw new Error(`${directory}: no kustomization.yaml`);
  }
  const kustomization = YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
  for (const key of Object.keys(kustomization)) {
    if (!understood.has(key)) {
      throw new Error(`${file}: "${key}" is not supported by this renderer (see the top of kustomize.mjs)`);
    }
  }

  let objects = [];
  for (const resource of kustomization.resources ?? []) {
    const target = path.resolve(directory, resource);
    if (fs.statSync(target).isDirectory()) {
      objects.push(...render(target));
    } else {
      objects.push(...readObjects(target));
    }
  }

  for (const entry of kustomization.patches ?? []) {
    objects = applyPatch(objects, entry, directory, file);
  }
  for (const label of kustomization.labels ?? []) {
    applyLabels(objects, label, file);
  }
  for (const image of kustomization.images ?? []) {
    applyImage(objects, image);
  }
  if (kustomization.namespace) {
    for (const object of objects) {
      if (!clusterScoped.has(object.kind)) {
        object.metadata = { ...object.metadata, namespace: kustomization.namespace };
      }
    }
  }
  return objects;
}

const clusterScoped = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass"]);

function applyLabels(objects, label, file) {
  for (const key of Object.keys(label)) {
    if (!["pairs", "includeSelectors", "includeTemplates"].includes(key)) {
      throw new Error(`${file}: labels.${key} is not supported`);
    }
  }
  if (label.includeSelectors) {
    throw new Error(`${file}: labels with includeSelectors: true are not supported (selectors are immutable; keep them out)`);
  }
  for (const object of objects) {
    object.metadata = object.metadata ?? {};
    object.metadata.labels = { ...object.metadata.labels, ...label.pairs };
    if (label.includeTemplates) {
      const template = podTemplateOf(object);
      if (template) {
        template.metadata = template.metadata ?? {};
        template.metadata.labels = { ...template.metadata.labels, ...label.pairs };
      }
    }
  }
}

/** The pod template of a workload (Deployment, StatefulSet, DaemonSet, Job, ReplicaSet) or of a CronJob's job. */
export function podTemplateOf(object) {
  if (object?.kind === "CronJob") {
    return object.spec?.jobTemplate?.spec?.template;
  }
  if (["Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"].includes(object?.kind)) {
    return object.spec?.template;
  }
  return undefined;
}

function applyImage(objects, image) {
  for (const object of objects) {
    const spec = podTemplateOf(object)?.spec;
    if (!spec) {
      continue;
    }
    for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      if (typeof container.image !== "string") {
        continue;
      }
      const { name, tag, digest } = splitImage(container.image);
      if (name !== image.name) {
        continue;
      }
      const newName = image.newName ?? name;
      if (image.digest) {
        container.image = `${newName}@${image.digest}`;
      } else if (image.newTag !== undefined) {
        container.image = `${newName}:${image.newTag}`;
      } else {
        container.image = newName + (digest ? `@${digest}` : tag ? `:${tag}` : "");
      }
    }
  }
}

/** Splits an image reference into its name, tag and digest ("registry:5000/a/b:1.2@sha256:..."). */
export function splitImage(reference) {
  let rest = reference;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

function applyPatch(objects, entry, directory, file) {
  for (const key of Object.keys(entry)) {
    if (!["path", "patch", "target"].includes(key)) {
      throw new Error(`${file}: patches[].${key} is not supported`);
    }
  }
  const text = entry.path ? fs.readFileSync(path.resolve(directory, entry.path), "utf8") : entry.patch;
  const parsed = YAML.parse(text);
  if (Array.isArray(parsed)) {
    if (!entry.target) {
      throw new Error(`${file}: a JSON 6902 patch needs a target`);
    }
    const targets = objects.filter((object) => matchesTarget(object, entry.target, file));
    if (targets.length === 0) {
      throw new Error(`${file}: no object matches the patch target ${JSON.stringify(entry.target)}`);
    }
    for (const target of targets) {
      applyJsonPatch(target, parsed, file);
    }
    return objects;
  }
  if (entry.target) {
    throw new Error(`${file}: strategic-merge patches name their target themselves here; remove "target"`);
  }
  const index = objects.findIndex((object) => object.apiVersion === parsed.apiVersion && object.kind === parsed.kind && object.metadata?.name === parsed.metadata?.name);
  if (index < 0) {
    throw new Error(`${file}: the patch for ${parsed.kind}/${parsed.metadata?.name} matches no object`);
  }
  const source = objects[index][sourceKey];
  const merged = mergeStrategic(objects[index], parsed, `${parsed.kind}/${parsed.metadata?.name}`, isBuiltIn(parsed.apiVersion));
  merged[sourceKey] = source;
  return objects.map((object, i) => (i === index ? merged : object));
}

function matchesTarget(object, target, file) {
  for (const key of Object.keys(target)) {
    if (!["group", "version", "kind", "name", "namespace"].includes(key)) {
      throw new Error(`${file}: patch target field "${key}" is not supported`);
    }
  }
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
  return (target.group === undefined || target.group === group)
    && (target.version === undefined || target.version === version)
    && (target.kind === undefined || target.kind === object.kind)
    && (target.name === undefined || target.name === object.metadata?.name)
    && (target.namespace === undefined || target.namespace === object.metadata?.namespace);
}

// Lists whose items are merged by a key, as Kubernetes' strategic merge does for these fields. Any other list is
// replaced whole by the patch's list, as it is for fields without a patch merge key (Ingress rules, args, ...), and
// every list in a custom resource is replaced whole.
const mergeKeys = {
  containers: "name",
  initContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  imagePullSecrets: "name",
};

function mergeStrategic(base, patch, where, byKeys) {
  if (!isObject(base) || !isObject(patch)) {
    return clone(patch);
  }
  const result = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith("$")) {
      throw new Error(`${where}: the strategic-merge directive ${key} is not supported`);
    }
    if (value === null) {
      delete result[key];
    } else if (Array.isArray(value) && Array.isArray(base[key]) && byKeys && mergeKeys[key] && value.every((item) => isObject(item) && item[mergeKeys[key]] !== undefined)) {
      const mergeKey = mergeKeys[key];
      const merged = base[key].map((item) => {
        const match = value.find((candidate) => candidate[mergeKey] === item[mergeKey]);
        return match ? mergeStrategic(item, match, where, byKeys) : item;
      });
      for (const item of value) {
        if (!base[key].some((existing) => existing[mergeKey] === item[mergeKey])) {
          merged.push(clone(item));
        }
      }
      result[key] = merged;
    } else if (isObject(value) && isObject(base[key])) {
      result[key] = mergeStrategic(base[key], value, where, byKeys);
    } else {
      result[key] = clone(value);
    }
  }
  return result;
}

function applyJsonPatch(object, operations, file) {
  for (const operation of operations) {
    if (!["add", "replace", "remove"].includes(operation.op)) {
      throw new Error(`${file}: JSON patch op "${operation.op}" is not supported`);
    }
    const segments = operation.path.split("/").slice(1).map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
    const last = segments.pop();
    let parent = object;
    for (const segment of segments) {
      parent = parent?.[Array.isArray(parent) ? Number(segment) : segment];
      if (parent === undefined) {
        throw new Error(`${file}: JSON patch path ${operation.path} does not exist in ${object.kind}/${object.metadata?.name}`);
      }
    }
    if (operation.op !== "add" && !(Array.isArray(parent) ? Number(last) < parent.length : last in parent)) {
      throw new Error(`${file}: JSON patch path ${operation.path} does not exist in ${object.kind}/${object.metadata?.name}`);
    }
    if (Array.isArray(parent)) {
      const index = last === "-" ? parent.length : Number(last);
      if (operation.op === "remove") {
        parent.splice(index, 1);
      } else if (operation.op === "add") {
        parent.splice(index, 0, clone(operation.value));
      } else {
        parent[index] = clone(operation.value);
      }
    } else if (operation.op === "remove") {
      delete parent[last];
    } else {
      parent[last] = clone(operation.value);
    }
  }
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function clone(value) {
  return value === undefined ? undefined : structuredClone(value);
}

// Kustomize merges custom resources (CloudNativePG's) as JSON merge patches: every list is replaced whole.
const builtInGroups = new Set(["", "apps", "batch", "policy", "autoscaling", "networking.k8s.io", "rbac.authorization.k8s.io"]);

function isBuiltIn(apiVersion) {
  return builtInGroups.has(apiVersion.includes("/") ? apiVersion.split("/")[0] : "");
}
