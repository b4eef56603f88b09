#!/usr/bin/env python3
"""Writes kubeconform's strict standalone JSON schemas for batch/v1 Job and CronJob from the
Kubernetes OpenAPI v2 document (`api/openapi-spec/swagger.json` of the k8s.io/kubernetes Go module
the oracle already builds with), so kubeconform can run offline in the performance report.

kubeconform reads "standalone-strict" schemas: every $ref inlined and additionalProperties false
on every object with properties, which is what yannh/kubernetes-json-schema's generator
(openapi2jsonschema) writes; int-or-string fields accept both. PyPI's openapi2jsonschema 0.9.1
does not install on Python 3.11, hence this short equivalent.

    python3 scripts/perf/k8s-job-schema.py SWAGGER_JSON OUT_DIR
"""
import json
import sys


def convert(node, definitions, stack):
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if name in stack:  # a recursive type (none in a Job): accept anything there
            return {}
        return convert(definitions[name], definitions, stack + [name])
    if node.get("format") == "int-or-string":
        return {"oneOf": [{"type": "string"}, {"type": "integer"}]}
    out = {}
    for key, value in node.items():
        if key.startswith("x-kubernetes-"):
            continue
        if key == "properties":
            out[key] = {k: convert(v, definitions, stack) for k, v in value.items()}
        elif key == "items" and isinstance(value, dict):
            out[key] = convert(value, definitions, stack)
        elif key == "additionalProperties" and isinstance(value, dict):
            out[key] = convert(value, definitions, stack)
        else:
            out[key] = value
    if "properties" in out:
        out["additionalProperties"] = False
        out.setdefault("type", "object")
    return out


def main():
    swagger_path, out_dir = sys.argv[1], sys.argv[2]
    definitions = json.load(open(swagger_path))["definitions"]
    for kind, file in (("Job", "job-batch-v1.json"), ("CronJob", "cronjob-batch-v1.json")):
        name = f"io.k8s.api.batch.v1.{kind}"
        schema = convert(definitions[name], definitions, [name])
        schema["$schema"] = "http://json-schema.org/schema#"
        with open(f"{out_dir}/{file}", "w") as f:
            json.dump(schema, f)


main()
