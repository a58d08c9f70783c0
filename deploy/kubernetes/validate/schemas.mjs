// Schema checks: built-in Kubernetes objects with kubernetes-models' validate(), CloudNativePG objects with the
// openAPIV3Schema of the operator's own CustomResourceDefinitions (read from a folder, see README.md there).
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import YAML from "yaml";

/**
 * Checks one built-in object. Returns a list of messages, empty when it is valid. kubernetes-models checks types,
 * formats and required fields; it lets unknown fields through (the API server's strict field validation would
 * refuse them), so a misspelt built-in field shows up only where Locality's policy looks for the right spelling.
 */
export async function validateBuiltIn(object) {
  const { group, version } = groupVersion(object.apiVersion);
  const module = `kubernetes-models/${group ? `${group}/` : ""}${version}/${object.kind}`;
  let Model;
  try {
    Model = (await import(module))[object.kind];
  } catch {
    return undefined;
  }
  if (!Model) {
    return undefined;
  }
  try {
    new Model(JSON.parse(JSON.stringify(object))).validate();
    return [];
  } catch (error) {
    const details = Array.isArray(error.errors) ? error.errors.map(describe) : [];
    return details.length > 0 ? details : [String(error.message ?? error)];
  }
}

export function groupVersion(apiVersion) {
  const parts = String(apiVersion ?? "").split("/");
  return parts.length === 2 ? { group: parts[0], version: parts[1] } : { group: "", version: parts[0] };
}

/**
 * The CustomResourceDefinitions in `directory`, compiled: a function from an object to its messages (undefined
 * when no definition covers the object's apiVersion and kind).
 *
 * Unknown fields are refused, as the API server refuses them under strict field validation (kubectl's default),
 * except below a schema marked x-kubernetes-preserve-unknown-fields. Not checked: the CEL rules
 * (x-kubernetes-validations), string formats, and defaults (nothing is defaulted before the check).
 */
export function loadCustomResources(directory) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const definitions = new Map();
  for (const file of fs.readdirSync(directory).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort()) {
    const crd = YAML.parse(fs.readFileSync(path.join(directory, file), "utf8"));
    if (crd?.kind !== "CustomResourceDefinition") {
      continue;
    }
    for (const version of crd.spec.versions ?? []) {
      if (!version.served) {
        continue;
      }
      // Compiled when first needed: the Pooler's schema alone is over half a megabyte.
      let compiled;
      definitions.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, () => (compiled ??= ajv.compile(closeObjects(structuredClone(version.schema.openAPIV3Schema)))));
    }
  }
  if (definitions.size === 0) {
    throw new Error(`${directory}: no CustomResourceDefinition found`);
  }
  return {
    kinds: definitions,
    validate(object) {
      const definition = definitions.get(`${object.apiVersion}/${object.kind}`);
      if (!definition) {
        return undefined;
      }
      const check = definition();
      const plain = JSON.parse(JSON.stringify(object));
      return check(plain) ? [] : check.errors.map(describe);
    },
  };
}

function closeObjects(schema) {
  if (schema === null || typeof schema !== "object") {
    return schema;
  }
  if (Array.isArray(schema)) {
    return schema.map(closeObjects);
  }
  for (const [key, value] of Object.entries(schema)) {
    if (typeof value === "object" && key !== "enum" && key !== "default" && key !== "example") {
      schema[key] = closeObjects(value);
    }
  }
  if (schema.properties && schema.additionalProperties === undefined && schema["x-kubernetes-preserve-unknown-fields"] !== true) {
    schema.additionalProperties = false;
  }
  return schema;
}

function describe(error) {
  const where = error.instancePath || "/";
  if (error.keyword === "additionalProperties") {
    return `${where}: unknown field "${error.params.additionalProperty}"`;
  }
  if (error.keyword === "enum") {
    return `${where}: ${error.message} (${error.params.allowedValues.join(", ")})`;
  }
  return `${where}: ${error.message}`;
}
