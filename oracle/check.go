package main

// The API server's create path for a batch/v1 Job or CronJob, in process and offline: what `kubectl create -f`
// does to a YAML document on the client side, then what the server does with the JSON body it
// receives. oracle/README.md maps each step to the upstream code it calls.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/validation/field"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/apiserver/pkg/warning"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"sigs.k8s.io/yaml"
)

// FieldError is one field.Error of the server's validation, with every part kept apart.
type FieldError struct {
	Field    string          `json:"field"`
	Type     string          `json:"type"`
	BadValue json.RawMessage `json:"badValue,omitempty"`
	Detail   string          `json:"detail"`
	// Message is field.Error.ErrorBody(): the type, the bad value and the detail, as the server
	// prints each cause of a 422 after the field path.
	Message string `json:"message"`
	Origin  string `json:"origin,omitempty"`
}

// StrictError is one error of strict decoding (unknown or duplicate field).
type StrictError struct {
	Message string `json:"message"`
}

// Status is the HTTP answer the server would give the create request.
type Status struct {
	Code    int32  `json:"code"`
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
}

// DocumentAnswer is the oracle's answer for one YAML document.
type DocumentAnswer struct {
	// Index is the document's 0-based position in the stream, empty documents included.
	Index      int    `json:"index"`
	APIVersion string `json:"apiVersion,omitempty"`
	Kind       string `json:"kind,omitempty"`
	Name       string `json:"name,omitempty"`
	// Skipped is set for a document kubectl never sends: empty, or `null`.
	Skipped bool `json:"skipped,omitempty"`
	// OtherKind is set for a document of another kind than batch/v1 Job or CronJob, which this
	// oracle does not answer.
	OtherKind bool `json:"otherKind,omitempty"`
	// ClientError is kubectl's own error when it cannot turn the document into a request.
	ClientError string `json:"clientError,omitempty"`
	// Body is the JSON kubectl sends (its unstructured object, re-encoded).
	Body json.RawMessage `json:"body,omitempty"`
	// YAMLBodyStrictErrors are the strict errors the server gives when the document's YAML is
	// sent as the body itself (Content-Type application/yaml): duplicate keys show only here,
	// because kubectl's YAML-to-JSON step keeps the last of them.
	YAMLBodyStrictErrors []StrictError `json:"yamlBodyStrictErrors,omitempty"`
	// Accepted: kubectl create (fieldValidation=Strict) would succeed.
	Accepted bool    `json:"accepted"`
	Status   *Status `json:"status,omitempty"`
	// StrictErrors are the strict decoding errors of the JSON body; with Strict they reject the
	// request (400), with Warn they become warnings.
	StrictErrors []StrictError `json:"strictErrors,omitempty"`
	// DecodeError is a decoding error that no field validation mode tolerates (a wrong type).
	DecodeError string `json:"decodeError,omitempty"`
	// Errors are the validation errors of the create path. When the body has strict errors, they
	// are what the same request gets with fieldValidation=Warn.
	Errors []FieldError `json:"errors,omitempty"`
	// Panic is set when the server's own code panics on this input (a 500 from the API server).
	Panic string `json:"panic,omitempty"`
	// Warnings are the server's warnings (Warn-mode strict errors are not among them).
	Warnings []string `json:"warnings,omitempty"`
	// Stored is the object as the create response returns it: stored, then read back.
	Stored json.RawMessage `json:"stored,omitempty"`
}

// warningRecorder collects the warnings the server would send in Warning headers.
type warningRecorder struct{ texts []string }

func (w *warningRecorder) AddWarning(_ string, text string) { w.texts = append(w.texts, text) }

// OracleUID is the UID the oracle's store gives every object; the differential replaces it (and
// Joblab's) with a placeholder, since the real one is random.
const OracleUID = "00000000-0000-4000-8000-000000000000"

// OracleNameSuffix stands in for the five random characters of a generateName.
const OracleNameSuffix = "zzzzz"

// checkStream answers every document of a YAML stream, splitting it as kubectl does.
func checkStream(r io.Reader, emit func(DocumentAnswer)) {
	reader := utilyaml.NewYAMLReader(bufio.NewReader(r))
	for index := 0; ; index++ {
		chunk, err := reader.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			emit(DocumentAnswer{Index: index, ClientError: "error reading input: " + err.Error()})
			return
		}
		answer := checkDocument(index, chunk)
		emit(answer)
		// kubectl stops at the first document it cannot parse (StreamVisitor returns the
		// error); a document it parses but cannot map is one error among the others.
		if strings.HasPrefix(answer.ClientError, "error converting YAML to JSON") {
			return
		}
	}
}

// checkDocument is kubectl's client side for one document, then the server's create path.
func checkDocument(index int, chunk []byte) DocumentAnswer {
	answer := DocumentAnswer{Index: index}
	// k8s.io/cli-runtime/pkg/resource StreamVisitor: the document becomes a RawExtension through
	// sigs.k8s.io/yaml (go-yaml v2, non-strict: YAML 1.1 scalars, the last duplicate key wins).
	var ext runtime.RawExtension
	if err := yaml.Unmarshal(chunk, &ext); err != nil {
		answer.ClientError = err.Error()
		return answer
	}
	ext.Raw = bytes.TrimSpace(ext.Raw)
	if len(ext.Raw) == 0 || bytes.Equal(ext.Raw, []byte("null")) {
		answer.Skipped = true
		return answer
	}
	// infoForData: decoded as unstructured, which needs apiVersion and kind.
	decoded, _, err := unstructured.UnstructuredJSONScheme.Decode(ext.Raw, nil, nil)
	if err != nil {
		answer.ClientError = err.Error()
		return answer
	}
	obj, ok := decoded.(*unstructured.Unstructured)
	if !ok {
		// A List: kubectl would visit its items; the oracle answers single Jobs.
		answer.OtherKind = true
		return answer
	}
	answer.APIVersion = obj.GetAPIVersion()
	answer.Kind = obj.GetKind()
	answer.Name = obj.GetName()
	if answer.Name == "" {
		answer.Name = obj.GetGenerateName()
	}
	gvk := obj.GroupVersionKind()
	if gvk.Version == "" {
		// kubectl's REST mapping finds nothing for an empty version (meta.NoKindMatchError).
		answer.ClientError = fmt.Sprintf("no matches for kind %q in version %q", gvk.Kind, gvk.GroupVersion().String())
		return answer
	}
	kind, checked := checkedKinds[gvk]
	if !checked {
		// Another kind is another oracle case; this one answers batch/v1 Jobs and CronJobs.
		// kubectl would send it and go on with the next document.
		answer.OtherKind = true
		return answer
	}
	body, err := obj.MarshalJSON()
	if err != nil {
		answer.ClientError = err.Error()
		return answer
	}
	answer.Body = body
	namespace := obj.GetNamespace()
	if namespace == "" {
		namespace = metav1.NamespaceDefault
	}

	// What the server says to the YAML itself, for the classes kubectl decides on its side.
	// The server's strict YAML path starts with sigs.k8s.io/yaml's YAMLToJSONStrict (go-yaml v2
	// UnmarshalStrict), which names every duplicate key whatever else is wrong with the body.
	if _, err := yaml.YAMLToJSONStrict(chunk); err != nil {
		for _, line := range splitYAMLWarnings(err.Error()) {
			answer.YAMLBodyStrictErrors = append(answer.YAMLBodyStrictErrors, StrictError{Message: line})
		}
	}

	serverCreate(&answer, body, namespace, gvk, kind)
	return answer
}

// checkedKind is what the create path needs to know of one kind.
type checkedKind struct {
	resource    string
	strategy    rest.RESTCreateStrategy
	newInternal func() runtime.Object
}

// decodeCreateBody decodes a body into the internal type of gvk through the server's codec: strict
// (or not) decoding, defaulting of the external type (SetObjectDefaults_Job or
// SetObjectDefaults_CronJob, with the Pod template's defaulters), and conversion to the internal
// hub version.
func decodeCreateBody(body []byte, mediaType string, strict bool, gvk schema.GroupVersionKind, kind checkedKind) (runtime.Object, error) {
	info, ok := runtime.SerializerInfoForMediaType(legacyscheme.Codecs.SupportedMediaTypes(), mediaType)
	if !ok {
		return nil, fmt.Errorf("no serializer for %s", mediaType)
	}
	serializer := info.Serializer
	if strict {
		serializer = info.StrictSerializer
	}
	hub := schema.GroupVersion{Group: "batch", Version: runtime.APIVersionInternal}
	decoder := legacyscheme.Codecs.DecoderToVersion(serializer, hub)
	defaultGVK := gvk
	obj, _, err := decoder.Decode(body, &defaultGVK, kind.newInternal())
	return obj, err
}

// serverCreate is createHandler, Store.create and rest.BeforeCreate for a JSON body of the kind
// gvk.
func serverCreate(answer *DocumentAnswer, body []byte, namespace string, gvk schema.GroupVersionKind, kind checkedKind) {
	// createHandler: kubectl sends fieldValidation=Strict, so the strict serializer decodes.
	obj, err := decodeCreateBody(body, runtime.ContentTypeJSON, true, gvk, kind)
	if err != nil {
		strict, isStrict := runtime.AsStrictDecodingError(err)
		if !isStrict || obj == nil {
			answer.DecodeError = err.Error()
			answer.Status = badRequest(err, gvk)
			return
		}
		for _, e := range strict.Errors() {
			answer.StrictErrors = append(answer.StrictErrors, StrictError{Message: e.Error()})
		}
		answer.Status = badRequest(err, gvk)
		// The rest is what fieldValidation=Warn would give: the request goes on.
	}
	accessor, err := meta.Accessor(obj)
	if err != nil {
		answer.DecodeError = err.Error()
		return
	}
	rest.WipeObjectMetaSystemFields(accessor)
	if err := rest.EnsureObjectNamespaceMatchesRequestNamespace(namespace, accessor); err != nil {
		answer.DecodeError = err.Error()
		return
	}
	// Store.create: system fields, then the generated name. The UID and suffix are fixed here
	// (OracleUID, OracleNameSuffix) where the server draws them at random.
	accessor.SetCreationTimestamp(metav1.NewTime(oracleNow))
	accessor.SetUID(types.UID(OracleUID))
	if accessor.GetGenerateName() != "" && accessor.GetName() == "" {
		base := accessor.GetGenerateName()
		if len(base) > 58 {
			base = base[:58]
		}
		accessor.SetName(base + OracleNameSuffix)
	}

	recorder := &warningRecorder{}
	ctx := context.Background()
	ctx = genericapirequest.WithNamespace(ctx, namespace)
	// Declarative validation needs the request info (rest.ValidateDeclaratively).
	ctx = genericapirequest.WithRequestInfo(ctx, &genericapirequest.RequestInfo{
		IsResourceRequest: true, Verb: "create", APIPrefix: "apis", APIGroup: "batch", APIVersion: "v1",
		Resource: kind.resource, Namespace: namespace, Name: accessor.GetName(),
	})
	ctx = warning.WithWarningRecorder(ctx, recorder)

	// The field errors with their parts: rest.ValidateCreate on the object prepared as
	// BeforeCreate prepares it (BeforeCreate returns them only folded into a StatusError).
	// Not on a copy: defaulting made a label-less Job's labels the very map of its template's
	// labels (SetDefaults_Job), so the selector generation adds to both, and a deep copy would
	// lose that. PrepareForCreate is idempotent, so BeforeCreate preparing again changes nothing.
	var createErr error
	if panicked := recovered(func() {
		kind.strategy.PrepareForCreate(ctx, obj)
		for _, e := range rest.ValidateCreate(ctx, obj, kind.strategy) {
			answer.Errors = append(answer.Errors, fieldError(e))
		}
		createErr = rest.BeforeCreate(kind.strategy, ctx, obj)
	}); panicked != "" {
		// The API server's panic filter (WithPanicRecovery) answers such a request with a 500.
		answer.Errors = nil
		answer.Panic = panicked
		answer.Status = &Status{Code: 500, Reason: string(metav1.StatusReasonInternalError),
			Message: "This request caused apiserver to panic. Look in the logs for details."}
		return
	}
	answer.Warnings = recorder.texts
	if createErr != nil {
		var status apierrors.APIStatus
		if errors.As(createErr, &status) && answer.Status == nil {
			s := status.Status()
			answer.Status = &Status{Code: s.Code, Reason: string(s.Reason), Message: s.Message}
		}
		if !sameCauses(createErr, answer.Errors) {
			answer.Errors = append(answer.Errors, FieldError{Type: "InternalError", Message: "the field errors differ from the 422's causes: " + createErr.Error()})
			return
		}
		if len(answer.Errors) == 0 {
			// BeforeCreate failed for a reason ValidateCreate does not see (system fields,
			// namespace): keep it as one error so the case can never pass unnoticed.
			answer.Errors = append(answer.Errors, FieldError{Type: "InternalError", Message: createErr.Error()})
		}
		return
	}
	if len(answer.Errors) != 0 {
		answer.Errors = append(answer.Errors, FieldError{Type: "InternalError", Message: "ValidateCreate found errors that BeforeCreate did not"})
		return
	}
	stored, err := storeAndReadBack(obj, gvk)
	if err != nil {
		answer.DecodeError = "storing: " + err.Error()
		return
	}
	answer.Stored = stored
	if answer.Status == nil {
		answer.Accepted = true
		answer.Status = &Status{Code: 201}
	}
}

// badRequest is transformDecodeError's 400 for an object of the kind gvk.
func badRequest(err error, gvk schema.GroupVersionKind) *Status {
	return &Status{Code: 400, Reason: string(metav1.StatusReasonBadRequest),
		Message: fmt.Sprintf("%s in version %q cannot be handled as a %s: %v", gvk.Kind, gvk.Version, gvk.Kind, err)}
}

// fieldError keeps every part of a field.Error.
func fieldError(e *field.Error) FieldError {
	out := FieldError{Field: e.Field, Type: string(e.Type), Detail: e.Detail, Message: e.ErrorBody(), Origin: e.Origin}
	if e.BadValue != nil {
		if raw, err := json.Marshal(e.BadValue); err == nil {
			out.BadValue = raw
		} else {
			raw, _ := json.Marshal(fmt.Sprintf("%#v", e.BadValue))
			out.BadValue = raw
		}
	}
	return out
}

// storeAndReadBack encodes the internal object as the storage version (batch/v1) and decodes it
// again, as the etcd3 store does before it answers the create: decoding defaults once more, which
// is how the template's generated labels become a Job's own when it had none.
func storeAndReadBack(obj runtime.Object, gvk schema.GroupVersionKind) (json.RawMessage, error) {
	info, _ := runtime.SerializerInfoForMediaType(legacyscheme.Codecs.SupportedMediaTypes(), runtime.ContentTypeJSON)
	encoder := legacyscheme.Codecs.EncoderForVersion(info.Serializer, gvk.GroupVersion())
	var buf bytes.Buffer
	if err := encoder.Encode(obj, &buf); err != nil {
		return nil, err
	}
	decoder := legacyscheme.Codecs.UniversalDecoder(gvk.GroupVersion())
	external, _, err := decoder.Decode(buf.Bytes(), nil, nil)
	if err != nil {
		return nil, err
	}
	out, err := json.Marshal(external)
	if err != nil {
		return nil, err
	}
	// UniversalDecoder leaves TypeMeta empty; the response carries it.
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		return nil, err
	}
	m["apiVersion"], m["kind"] = gvk.GroupVersion().String(), gvk.Kind
	return json.Marshal(m)
}

// splitYAMLWarnings mirrors parseYAMLWarnings in createHandler: a YAML strict error holds one
// line per problem.
func splitYAMLWarnings(text string) []string {
	const prefix = "yaml: unmarshal errors:\n"
	text = strings.TrimPrefix(text, "error converting YAML to JSON: ")
	if !strings.HasPrefix(text, prefix) {
		return []string{text}
	}
	var out []string
	for _, line := range strings.Split(strings.TrimPrefix(text, prefix), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

func stringsReader(s string) io.Reader { return strings.NewReader(s) }

// recovered runs f and returns the panic's text, or "" when it returns normally.
func recovered(f func()) (text string) {
	defer func() {
		if r := recover(); r != nil {
			text = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// sameCauses checks that the field errors the oracle reports are exactly the causes of the
// server's 422, so that the way the oracle collects them can never drift from the real answer.
func sameCauses(err error, errs []FieldError) bool {
	var status apierrors.APIStatus
	if !errors.As(err, &status) || status.Status().Details == nil {
		return len(errs) == 0
	}
	want := map[string]bool{}
	for _, c := range status.Status().Details.Causes {
		want[c.Field+": "+c.Message] = true
	}
	got := map[string]bool{}
	for _, e := range errs {
		got[e.Field+": "+e.Message] = true
	}
	if len(want) != len(got) {
		return false
	}
	for k := range want {
		if !got[k] {
			return false
		}
	}
	return true
}
