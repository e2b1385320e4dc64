// Validates Kubernetes YAML files against the Kubernetes OpenAPI schema with the npm package
// kubernetes-models (its classes' validate() runs the schema of each apiVersion/kind).
// Usage: node validate-kubernetes.mjs FILE...   (the script sits beside the node_modules that has
// kubernetes-models and yaml: ES modules resolve from the script's folder). Prints one line per
// object; exit 0 when every object is valid, 1 when one is not (or is of a kind it does not know).
import { readFileSync } from "node:fs";
import YAML from "yaml";
import * as core from "kubernetes-models/v1";
import * as apps from "kubernetes-models/apps/v1";
import * as batch from "kubernetes-models/batch/v1";
import * as rbac from "kubernetes-models/rbac.authorization.k8s.io/v1";

const files = process.argv.slice(2);
const groups = { "v1": core, "apps/v1": apps, "batch/v1": batch, "rbac.authorization.k8s.io/v1": rbac };

let bad = 0, seen = 0;
for (const file of files) {
  for (const doc of YAML.parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) { console.log(`INVALID ${file}: YAML: ${doc.errors[0].message}`); bad++; continue; }
    const obj = doc.toJS();
    if (obj == null) continue;
    seen++;
    const what = `${obj.apiVersion} ${obj.kind} ${obj.metadata?.name}`;
    const Model = groups[obj.apiVersion]?.[obj.kind];
    if (!Model) { console.log(`INVALID ${file}: ${what}: kind not known to this validator`); bad++; continue; }
    try {
      new Model(obj).validate();
      console.log(`valid ${what}`);
    } catch (e) {
      console.log(`INVALID ${file}: ${what}: ${e.message}`);
      bad++;
    }
  }
}
console.log(`${seen} objects, ${bad} invalid`);
process.exit(bad || seen === 0 ? 1 : 0);
