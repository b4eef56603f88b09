//! Regenerates `src/api/schema_gen.rs`, the compact schema of the complete batch/v1 Job that the
//! strict decoder checks manifests against, from `k8s-openapi`'s JSON schema (its `schemars`
//! feature), and fails when the committed file differs. `UPDATE_SCHEMA=1` rewrites the file.
//!
//! k8s-openapi stays the source of truth this way: the browser build carries only the table, and
//! a k8s-openapi upgrade that adds a field fails this test until the table is regenerated.

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;

use serde_json::Value;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/api/schema_gen.rs");
const REF_PREFIX: &str = "#/$defs/";

/// Definitions that are not objects with fields but scalars with their own parser.
fn special(def: &str) -> Option<&'static str> {
    Some(match def {
        "io.k8s.apimachinery.pkg.api.resource.Quantity" => "Kind::Quantity",
        "io.k8s.apimachinery.pkg.util.intstr.IntOrString" => "Kind::IntOrString",
        "io.k8s.apimachinery.pkg.apis.meta.v1.Time"
        | "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime" => "Kind::Time",
        _ => return None,
    })
}

struct Gen<'a> {
    defs: &'a serde_json::Map<String, Value>,
    /// Object definitions in the order they get their index.
    order: Vec<String>,
    index: BTreeMap<String, usize>,
    queue: VecDeque<String>,
}

impl Gen<'_> {
    fn object_index(&mut self, def: &str) -> usize {
        if let Some(&i) = self.index.get(def) {
            return i;
        }
        let i = self.order.len();
        self.order.push(def.to_owned());
        self.index.insert(def.to_owned(), i);
        self.queue.push_back(def.to_owned());
        i
    }

    /// The Rust expression of a property's kind.
    fn kind(&mut self, prop: &Value) -> String {
        if let Some(r) = prop.get("$ref").and_then(Value::as_str) {
            let def = r.strip_prefix(REF_PREFIX).expect("local $ref");
            if let Some(k) = special(def) {
                return k.to_owned();
            }
            let target = &self.defs[def];
            if target.get("properties").is_none() {
                // FieldsV1 and the empty scheduling types are free-form JSON values.
                assert_eq!(target["type"], "object", "{def}");
                return "Kind::FreeForm".to_owned();
            }
            return format!("Kind::Object({})", self.object_index(def));
        }
        let ty = prop["type"]
            .as_str()
            .unwrap_or_else(|| panic!("no type: {prop}"));
        match (ty, prop.get("format").and_then(Value::as_str)) {
            ("string", None) => "Kind::Str".to_owned(),
            ("string", Some("date-time")) => "Kind::Time".to_owned(),
            ("boolean", None) => "Kind::Bool".to_owned(),
            ("integer", Some("int32")) => "Kind::Int32".to_owned(),
            ("integer", Some("int64")) => "Kind::Int64".to_owned(),
            ("number", _) => "Kind::Number".to_owned(),
            ("array", None) => format!("Kind::List(&{})", self.kind(&prop["items"])),
            ("object", None) => match prop.get("additionalProperties") {
                Some(v) if v.get("type").and_then(Value::as_str) == Some("string") => {
                    "Kind::StrMap".to_owned()
                }
                Some(v) => format!("Kind::Map(&{})", self.kind(v)),
                None => "Kind::FreeForm".to_owned(),
            },
            other => panic!("unsupported schema shape {other:?}: {prop}"),
        }
    }
}

/// The definitions of a root type's JSON schema, the root itself among them as `name`.
fn definitions(schema: schemars::Schema, name: &str) -> serde_json::Map<String, Value> {
    let schema = serde_json::to_value(schema).expect("schema serializes");
    let mut defs = schema["$defs"].as_object().expect("$defs").clone();
    let mut root = schema.as_object().expect("root").clone();
    root.remove("$defs");
    defs.insert(name.to_owned(), Value::Object(root));
    defs
}

fn generate() -> String {
    const JOB: &str = "io.k8s.api.batch.v1.Job";
    const CRONJOB: &str = "io.k8s.api.batch.v1.CronJob";
    let mut defs = definitions(schemars::schema_for!(k8s_openapi::api::batch::v1::Job), JOB);
    defs.extend(definitions(
        schemars::schema_for!(k8s_openapi::api::batch::v1::CronJob),
        CRONJOB,
    ));
    let mut gen = Gen {
        defs: &defs,
        order: Vec::new(),
        index: BTreeMap::new(),
        queue: VecDeque::new(),
    };
    // The Job's types first, so that their indices do not move; then what a CronJob adds.
    let mut bodies: Vec<String> = Vec::new();
    let mut roots = Vec::new();
    for root in [JOB, CRONJOB] {
        roots.push(gen.object_index(root));
        bodies.extend(gen.drain());
    }
    render(&gen.order, &bodies, roots[1])
}

impl Gen<'_> {
    /// The field lines of every queued type, in queue order.
    fn drain(&mut self) -> Vec<String> {
        let mut bodies = Vec::new();
        while let Some(def) = self.queue.pop_front() {
            let t = &self.defs[&def];
            let required: Vec<&str> = t
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut body = String::new();
            let props = t["properties"].as_object().expect("properties");
            // k8s-openapi lists a struct's fields sorted by name (its `deserialize_struct`).
            let mut names: Vec<&String> = props.keys().collect();
            names.sort();
            for name in names {
                let kind = self.kind(&props[name]);
                let req = required.contains(&name.as_str());
                writeln!(
                    body,
                    "            Field {{ name: {name:?}, kind: {kind}, required: {req} }},"
                )
                .unwrap();
            }
            bodies.push(body);
        }
        bodies
    }
}

/// The generated file: the table, then the CronJob's index in it.
fn render(order: &[String], bodies: &[String], cronjob: usize) -> String {
    let mut short: BTreeMap<&str, &str> = BTreeMap::new();
    let mut out = String::new();
    out.push_str(
        "// @generated by tests/schema_up_to_date.rs from k8s-openapi 0.29.0 (feature `latest`).\n\
         // Do not edit: `UPDATE_SCHEMA=1 cargo test -p joblab-core --test schema_up_to_date`\n\
         // rewrites it.\n\n\
         use super::schema::{Field, Kind, TypeDef};\n\n\
         /// Every object type of a batch/v1 Job and CronJob: the Job first, then the types a\n\
         /// CronJob adds; `Kind::Object(i)` is `TYPES[i]`.\n\
         #[rustfmt::skip]\n\
         pub static TYPES: &[TypeDef] = &[\n",
    );
    for (def, body) in order.iter().zip(bodies) {
        let name = def.rsplit('.').next().unwrap();
        if let Some(other) = short.insert(name, def) {
            panic!("two definitions named {name}: {other} and {def}");
        }
        writeln!(
            out,
            "    // {def}\n    TypeDef {{\n        name: {name:?},\n        fields: &["
        )
        .unwrap();
        out.push_str(body);
        out.push_str("        ],\n    },\n");
    }
    out.push_str("];\n\n/// The index of the batch/v1 CronJob in [`TYPES`].\n");
    writeln!(out, "pub const CRONJOB: usize = {cronjob};").unwrap();
    out
}

#[test]
fn schema_table_is_up_to_date() {
    let fresh = generate();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(PATH, &fresh).expect("write schema_gen.rs");
        return;
    }
    let committed = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        committed == fresh,
        "src/api/schema_gen.rs is out of date with k8s-openapi; rerun with UPDATE_SCHEMA=1"
    );
}
