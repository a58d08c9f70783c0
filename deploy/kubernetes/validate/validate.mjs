#!/usr/bin/env node
// Checks Locality's Kubernetes manifests: renders each kustomization given (or reads each YAML file given), checks
// every object against its schema and then against Locality's policy (policy.mjs).
//
//   node validate.mjs ../overlays/production ../overlays/staging
//   node validate.mjs --schema-only ../examples/recovery-cluster.yaml   (inputs after --schema-only: schemas only)
//   node validate.mjs --render ../overlays/production      (prints the rendered YAML instead)
//   --schemas DIR   where the CloudNativePG CustomResourceDefinitions are (see ../schemas/README.md)
//
// Prints one line per finding, "FAIL <rule> <Kind/name>: <message>", and exits 1 if there is any; 2 when it
// cannot run (no schemas, an input it cannot read or render).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { readObjects, render } from "./kustomize.mjs";
import { checkPolicy, nameOf } from "./policy.mjs";
import { loadCustomResources, validateBuiltIn } from "./schemas.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, "../../..");

const args = process.argv.slice(2);
const options = { render: false, schemas: process.env.LOCALITY_CNPG_SCHEMAS, inputs: [] };
let schemaOnly = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--render") {
    options.render = true;
  } else if (args[i] === "--schema-only") {
    schemaOnly = true;
  } else if (args[i] === "--schemas") {
    options.schemas = args[++i];
  } else if (args[i].startsWith("--")) {
    fail(`unknown option ${args[i]}`);
  } else {
    options.inputs.push({ path: args[i], schemaOnly });
  }
}
if (options.inputs.length === 0) {
  fail("name at least one kustomization folder or YAML file");
}

function fail(message) {
  console.error(`validate: ${message}`);
  process.exit(2);
}

function load(input) {
  try {
    return fs.statSync(input).isDirectory() ? render(input) : readObjects(input);
  } catch (error) {
    fail(`${input}: ${error.message}`);
  }
}

if (options.render) {
  for (const input of options.inputs) {
    process.stdout.write(load(input.path).map((o) => YAML.stringify(JSON.parse(JSON.stringify(o)))).join("---\n"));
  }
  process.exit(0);
}

// The definitions are not kept in this repository (see ../schemas/README.md): they are looked for in the folder
// given, then in a shared/ folder beside the repository or beside any folder above it (where CI and the
// developers' machines have it).
const ancestors = [];
for (let dir = path.dirname(repository); ; dir = path.dirname(dir)) {
  ancestors.push(path.join(dir, "shared/reference/kubernetes/cloudnative-pg"));
  if (path.dirname(dir) === dir) {
    break;
  }
}
const candidates = options.schemas ? [options.schemas] : [path.join(repository, "deploy/kubernetes/schemas/cloudnative-pg"), ...ancestors];
const schemaDirectory = candidates.find((dir) => fs.existsSync(path.join(dir, "postgresql.cnpg.io_clusters.yaml")));
if (!schemaDirectory) {
  fail(`the CloudNativePG CustomResourceDefinitions were not found (looked in ${candidates.join(", ")}); see deploy/kubernetes/schemas/README.md`);
}
let customResources;
try {
  customResources = loadCustomResources(schemaDirectory);
} catch (error) {
  fail(error.message);
}

let failures = 0;
for (const { path: input, schemaOnly: onlySchemas } of options.inputs) {
  const objects = load(input);
  const findings = [];
  const seen = new Set();
  for (const object of objects) {
    const key = `${object.apiVersion}/${object.kind}/${object.metadata?.namespace ?? ""}/${object.metadata?.name}`;
    if (seen.has(key)) {
      findings.push({ rule: "schema", object: nameOf(object), message: "defined twice" });
    }
    seen.add(key);
    const messages = customResources.validate(object) ?? (await validateBuiltIn(object));
    if (messages === undefined) {
      findings.push({ rule: "schema", object: nameOf(object), message: `no schema is known for ${object.apiVersion} ${object.kind}` });
    } else {
      for (const message of messages) {
        findings.push({ rule: "schema", object: nameOf(object), message });
      }
    }
  }
  if (!onlySchemas) {
    findings.push(...checkPolicy(objects));
  }
  for (const finding of findings) {
    if (finding.excused) {
      console.log(`EXCUSED ${finding.rule} ${finding.object}: ${finding.message} (because: ${finding.reason})`);
    } else {
      console.log(`FAIL ${finding.rule} ${finding.object}: ${finding.message}`);
      failures++;
    }
  }
  const refused = findings.filter((f) => !f.excused).length;
  console.log(`${input}: ${objects.length} objects, ${refused} refused, ${findings.length - refused} excused${onlySchemas ? " (schemas only)" : ""}`);
}
console.log(`CloudNativePG schemas from ${schemaDirectory}`);
process.exit(failures > 0 ? 1 : 0);
