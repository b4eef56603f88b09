package main

// `oracle fields` describes, from the Go types themselves, how encoding/json writes every field of
// a batch/v1 Job and CronJob: which fields are pointers, which are left out when empty
// (`omitempty`), and which are always written. The OpenAPI schema Joblab's strict decoder uses cannot say this, and it is
// what decides the stored Job's exact JSON (`hostPID: false` disappears, `backoffLimit: 0` stays,
// `rules: null` appears). Joblab commits the output (crates/joblab-core/src/api/go_fields.json)
// and scripts/test.sh checks that it is still what the Go types say.

import (
	"reflect"
	"sort"
	"strings"

	batchv1 "k8s.io/api/batch/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// GoField is one JSON member of a Go struct, with inline (embedded) structs flattened as
// encoding/json flattens them.
type GoField struct {
	// Name is the JSON name.
	Name string `json:"name"`
	// OmitEmpty is true when the tag says `omitempty`.
	OmitEmpty bool `json:"omitempty"`
	// OmitZero is true when the tag says `omitzero` (Go 1.24): the zero value is left out.
	OmitZero bool `json:"omitzero"`
	// Repr is how the value is held: see goRepr.
	Repr string `json:"repr"`
}

// GoType is one struct type: its Go name and its fields sorted by JSON name.
type GoType struct {
	Name   string    `json:"name"`
	Fields []GoField `json:"fields"`
}

// goRepr names the shape of a Go type for the JSON encoder: "ptr:X", "slice:X", "map:X" wrap an
// inner shape; "struct:Name" is a struct Joblab walks; "bool", "int", "float", "string" are
// scalars; "quantity", "time", "intorstring", "raw" are types with their own MarshalJSON.
func goRepr(t reflect.Type, seen map[reflect.Type]bool, queue *[]reflect.Type) string {
	switch t {
	case reflect.TypeOf(resource.Quantity{}):
		return "quantity"
	case reflect.TypeOf(metav1.Time{}), reflect.TypeOf(metav1.MicroTime{}):
		return "time"
	case reflect.TypeOf(intstr.IntOrString{}):
		return "intorstring"
	case reflect.TypeOf(runtime.RawExtension{}), reflect.TypeOf(metav1.FieldsV1{}):
		return "raw"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "ptr:" + goRepr(t.Elem(), seen, queue)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "bytes"
		}
		return "slice:" + goRepr(t.Elem(), seen, queue)
	case reflect.Map:
		return "map:" + goRepr(t.Elem(), seen, queue)
	case reflect.Struct:
		if !seen[t] {
			seen[t] = true
			*queue = append(*queue, t)
		}
		return "struct:" + t.Name()
	case reflect.Bool:
		return "bool"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "int"
	case reflect.Float32, reflect.Float64:
		return "float"
	case reflect.String:
		return "string"
	case reflect.Interface:
		return "raw"
	}
	return "raw"
}

// structFields lists t's JSON members as encoding/json sees them, inline structs flattened.
func structFields(t reflect.Type, seen map[reflect.Type]bool, queue *[]reflect.Type) []GoField {
	out := []GoField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			inner := f.Type
			if inner.Kind() == reflect.Pointer {
				inner = inner.Elem()
			}
			if inner.Kind() == reflect.Struct {
				out = append(out, structFields(inner, seen, queue)...)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, GoField{
			Name:      name,
			OmitEmpty: strings.Contains(","+opts+",", ",omitempty,"),
			OmitZero:  strings.Contains(","+opts+",", ",omitzero,"),
			Repr:      goRepr(f.Type, seen, queue),
		})
	}
	return out
}

// goFields describes batch/v1 Job and CronJob and every struct type reachable from them, the Job
// first and the rest sorted by name.
func goFields() []GoType {
	seen := map[reflect.Type]bool{}
	queue := []reflect.Type{}
	for _, root := range []reflect.Type{reflect.TypeOf(batchv1.Job{}), reflect.TypeOf(batchv1.CronJob{})} {
		seen[root] = true
		queue = append(queue, root)
	}
	var types []GoType
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		fields := structFields(t, seen, &queue)
		sort.Slice(fields, func(i, j int) bool { return fields[i].Name < fields[j].Name })
		types = append(types, GoType{Name: t.Name(), Fields: fields})
	}
	rest := types[1:]
	sort.Slice(rest, func(i, j int) bool { return rest[i].Name < rest[j].Name })
	return types
}
