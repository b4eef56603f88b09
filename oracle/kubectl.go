package main

// kubectl's views of a snapshot, rendered by kubectl's own code: the API server's table printers
// (pkg/printers/internalversion) through cli-runtime's table printer, exactly as `kubectl get`
// prints a server-side Table, and k8s.io/kubectl/pkg/describe over a fake clientset that holds the
// snapshot's objects. oracle/README.md documents the protocol and how the clock is made the
// snapshot's.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sort"
	"time"
	"unsafe"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/cli-runtime/pkg/printers"
	clientset "k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	corev1client "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/rest"
	clienttesting "k8s.io/client-go/testing"
	"k8s.io/kubectl/pkg/cmd/get"
	cmdutil "k8s.io/kubectl/pkg/cmd/util"
	"k8s.io/kubectl/pkg/describe"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/batch"
	api "k8s.io/kubernetes/pkg/apis/core"
	k8sprinters "k8s.io/kubernetes/pkg/printers"
	printersinternal "k8s.io/kubernetes/pkg/printers/internalversion"
	eventregistry "k8s.io/kubernetes/pkg/registry/core/event"
)

// Snapshot is one line of `oracle kubectl --jsonl`: the API objects Joblab's simulation holds at
// one moment, and that moment.
type Snapshot struct {
	ID string `json:"id"`
	// Now is the snapshot's clock, RFC 3339 with up to nanoseconds.
	Now       string `json:"now"`
	Namespace string `json:"namespace"`
	// JobName is the Job the named views ask for; the Job itself may be gone (null).
	JobName string          `json:"jobName"`
	Job     json.RawMessage `json:"job"`
	// Jobs are every Job of a CronJob's snapshot (the Jobs it created that still exist); Job
	// is then unset.
	Jobs []json.RawMessage `json:"jobs"`
	// CronJobs hold the CronJob of a CronJob's snapshot, whose views JobName then names.
	CronJobs []json.RawMessage `json:"cronJobs"`
	Pods     []json.RawMessage `json:"pods"`
	Events   []json.RawMessage `json:"events"`
	// Selector is the label selector of the `get pods -l` views.
	Selector string `json:"selector"`
}

// View is one command's output, as kubectl writes it.
type View struct {
	Command string `json:"command"`
	Output  string `json:"output"`
	// Stderr says the output goes to standard error (a NotFound error, "No resources found").
	Stderr bool `json:"stderr,omitempty"`
}

// SnapshotAnswer is the oracle's answer for one Snapshot.
type SnapshotAnswer struct {
	ID    string `json:"id"`
	Views []View `json:"views"`
	// Error says the snapshot could not be read; no views then.
	Error string `json:"error,omitempty"`
}

// renderBudget is how long a rendering may take after the clock's base is read: the relative
// times are placed half a second inside their printed second (see shiftSince), so any rendering
// quicker than that prints exactly the snapshot's durations.
const renderBudget = 400 * time.Millisecond

// kubectlJSONL answers a stream of snapshots, flushing after each so a driver can pipeline.
func kubectlJSONL(in io.Reader, out *bufio.Writer, enc *json.Encoder) error {
	// describe prints absolute times in the process's zone; kubectl on a UTC machine is the
	// reference, and metav1.Time decodes into time.Local, so this comes before any decoding.
	time.Local = time.UTC
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 1<<20), 256<<20)
	for scanner.Scan() {
		var s Snapshot
		if err := json.Unmarshal(scanner.Bytes(), &s); err != nil {
			return fmt.Errorf("bad snapshot line: %w", err)
		}
		answer := SnapshotAnswer{ID: s.ID, Views: []View{}}
		views, err := renderSnapshot(&s)
		if err != nil {
			answer.Error = err.Error()
		} else {
			answer.Views = views
		}
		if err := enc.Encode(answer); err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
	return scanner.Err()
}

// objects is a snapshot decoded into the client's typed objects.
type objects struct {
	now    time.Time
	ns     string
	jobs   []batchv1.Job
	pods   []corev1.Pod
	events []corev1.Event
	// cronJobs is set in a CronJob's snapshot.
	cronJobs []batchv1.CronJob
}

// decodeObject reads one object as client-go reads an API response: the scheme's universal
// deserializer, by apiVersion and kind.
func decodeObject(raw json.RawMessage, into runtime.Object) error {
	_, _, err := clientgoscheme.Codecs.UniversalDeserializer().Decode(raw, nil, into)
	return err
}

func decodeSnapshot(s *Snapshot) (*objects, error) {
	now, err := time.Parse(time.RFC3339Nano, s.Now)
	if err != nil {
		return nil, fmt.Errorf("now: %w", err)
	}
	o := &objects{now: now, ns: s.Namespace}
	if len(s.Job) > 0 && string(s.Job) != "null" {
		var j batchv1.Job
		if err := decodeObject(s.Job, &j); err != nil {
			return nil, fmt.Errorf("job: %w", err)
		}
		o.jobs = append(o.jobs, j)
	}
	for i, raw := range s.Jobs {
		var j batchv1.Job
		if err := decodeObject(raw, &j); err != nil {
			return nil, fmt.Errorf("jobs[%d]: %w", i, err)
		}
		o.jobs = append(o.jobs, j)
	}
	for i, raw := range s.CronJobs {
		var c batchv1.CronJob
		if err := decodeObject(raw, &c); err != nil {
			return nil, fmt.Errorf("cronJobs[%d]: %w", i, err)
		}
		o.cronJobs = append(o.cronJobs, c)
	}
	for i, raw := range s.Pods {
		var p corev1.Pod
		if err := decodeObject(raw, &p); err != nil {
			return nil, fmt.Errorf("pods[%d]: %w", i, err)
		}
		o.pods = append(o.pods, p)
	}
	for i, raw := range s.Events {
		var e corev1.Event
		if err := decodeObject(raw, &e); err != nil {
			return nil, fmt.Errorf("events[%d]: %w", i, err)
		}
		o.events = append(o.events, e)
	}
	// The API server lists a collection in its storage order, by name.
	sort.SliceStable(o.jobs, func(i, j int) bool { return o.jobs[i].Name < o.jobs[j].Name })
	sort.SliceStable(o.pods, func(i, j int) bool { return o.pods[i].Name < o.pods[j].Name })
	sort.SliceStable(o.events, func(i, j int) bool { return o.events[i].Name < o.events[j].Name })
	return o, nil
}

// viewFunc renders one view with relative times read from the clock base.
type viewFunc func(base time.Time) View

// renderSnapshot renders every view. Each is retried, with a fresh clock base, in the unlikely
// case that it took longer than renderBudget.
func renderSnapshot(s *Snapshot) ([]View, error) {
	o, err := decodeSnapshot(s)
	if err != nil {
		return nil, err
	}
	var funcs []viewFunc
	if len(o.cronJobs) > 0 {
		// A CronJob's snapshot: the views of kubectl's CronJob code, then every Job's and
		// Pod's, in all_cronjob_views' order (crates/joblab-core/src/kubectl/cronjob_views.rs).
		funcs = append(funcs,
			func(b time.Time) View { return o.getCronJobs(b, "kubectl get cronjobs", false) },
			func(b time.Time) View { return o.getCronJobs(b, "kubectl get cronjobs -o wide", true) },
			func(b time.Time) View { return o.describeCronJob(b, s.JobName) },
			func(b time.Time) View { return o.getJobs(b, "kubectl get jobs", false) },
			func(b time.Time) View { return o.getJobs(b, "kubectl get jobs -o wide", true) },
		)
		for i := range o.jobs {
			name := o.jobs[i].Name
			funcs = append(funcs, func(b time.Time) View { return o.describeJob(b, name) })
		}
		funcs = append(funcs,
			func(b time.Time) View { return o.getPods(b, "kubectl get pods", "", false) },
			func(b time.Time) View { return o.getPods(b, "kubectl get pods -o wide", "", true) },
		)
		for i := range o.pods {
			name := o.pods[i].Name
			funcs = append(funcs, func(b time.Time) View { return o.describePod(b, name) })
		}
		funcs = append(funcs, func(b time.Time) View { return o.getEvents(b) })
		return runViews(funcs)
	}
	podsCmd := "kubectl get pods"
	sel := "kubectl get pods -l " + s.Selector
	funcs = append(funcs,
		func(b time.Time) View { return o.getJobs(b, "kubectl get jobs", false) },
		func(b time.Time) View { return o.getJobs(b, "kubectl get jobs -o wide", true) },
		func(b time.Time) View { return o.getPods(b, podsCmd, "", false) },
		func(b time.Time) View { return o.getPods(b, podsCmd+" -o wide", "", true) },
		func(b time.Time) View { return o.getPods(b, sel, s.Selector, false) },
		func(b time.Time) View { return o.getPods(b, sel+" -o wide", s.Selector, true) },
		func(b time.Time) View { return o.describeJob(b, s.JobName) },
	)
	for i := range o.pods {
		name := o.pods[i].Name
		funcs = append(funcs, func(b time.Time) View { return o.describePod(b, name) })
	}
	funcs = append(funcs,
		func(b time.Time) View { return o.getEvents(b) },
		func(b time.Time) View { return o.jobYAML(s.JobName) },
	)
	return runViews(funcs)
}

// runViews renders each view, retried with a fresh clock base in the unlikely case that it took
// longer than renderBudget.
func runViews(funcs []viewFunc) ([]View, error) {
	views := make([]View, 0, len(funcs))
	for _, f := range funcs {
		var v View
		ok := false
		for try := 0; try < 5 && !ok; try++ {
			base := time.Now()
			v = f(base)
			ok = time.Since(base) < renderBudget
		}
		if !ok {
			return nil, fmt.Errorf("%s: rendering took longer than %s five times", v.Command, renderBudget)
		}
		views = append(views, v)
	}
	return views, nil
}

// shiftSince moves a timestamp so that time.Since, read within renderBudget of base, gives a
// duration HumanDuration prints exactly as it prints now−t on the snapshot's clock.
// HumanDuration depends on a duration only through its whole seconds truncated toward zero
// (int(d.Seconds()), then integer divisions), so t is moved to base minus the middle of that
// second: n+0.5 s for n ≥ 0 (the second [n, n+1)), n−0.5 s for n < 0 ((n−1, n]), and 0.5 s for
// durations in (−1 s, 0). Two past timestamps on whole seconds stay whole seconds apart, so the
// differences printJob and describe take (completion − start) are kept too.
func shiftSince(t, now, base time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	d := now.Sub(t)
	n := d / time.Second // truncated toward zero, as int(d.Seconds()) is
	var mid time.Duration
	switch {
	case n > 0 || (n == 0 && d >= 0):
		mid = n*time.Second + time.Second/2
	case n == 0:
		mid = time.Second / 2
	default:
		mid = n*time.Second - time.Second/2
	}
	return base.Add(-mid)
}

var (
	timeType      = reflect.TypeOf(metav1.Time{})
	microTimeType = reflect.TypeOf(metav1.MicroTime{})
)

// shiftAll applies shiftSince to every metav1.Time and metav1.MicroTime reachable from v (a
// pointer), for the table printers, which print only times relative to now.
func shiftAll(v reflect.Value, now, base time.Time) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			shiftAll(v.Elem(), now, base)
		}
	case reflect.Struct:
		switch v.Type() {
		case timeType:
			t := v.Addr().Interface().(*metav1.Time)
			t.Time = shiftSince(t.Time, now, base)
			return
		case microTimeType:
			t := v.Addr().Interface().(*metav1.MicroTime)
			t.Time = shiftSince(t.Time, now, base)
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				shiftAll(v.Field(i), now, base)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			shiftAll(v.Index(i), now, base)
		}
	case reflect.Map:
		// No API time is a map value in the objects this oracle reads.
	}
}

// shiftedCopy deep-copies obj and shifts all its times.
func shiftedCopy[T runtime.Object](obj T, now, base time.Time) T {
	c := obj.DeepCopyObject().(T)
	shiftAll(reflect.ValueOf(c), now, base)
	return c
}

// printTable prints an internal list the way `kubectl get` prints what the server answers: the
// server's TableConvertor (pkg/printers/storage: GenerateTable with Wide always on), the Table
// sent as JSON and decoded into unstructured by kubectl, then get.TablePrinter over cli-runtime's
// HumanReadablePrinter (HumanPrintFlags.ToPrinter) into the tabwriter `kubectl get` flushes.
func printTable(command string, internalList runtime.Object, ns string, wide bool) View {
	generator := k8sprinters.NewTableGenerator().With(printersinternal.AddHandlers)
	table, err := generator.GenerateTable(internalList, k8sprinters.GenerateOptions{Wide: true})
	if err != nil {
		return View{Command: command, Output: "error: " + err.Error() + "\n", Stderr: true}
	}
	table.APIVersion = "meta.k8s.io/v1"
	table.Kind = "Table"
	for i := range table.Rows {
		// The row objects are left out: kubectl asks for them only to show labels.
		table.Rows[i].Object = runtime.RawExtension{}
	}
	data, err := json.Marshal(table)
	if err != nil {
		return View{Command: command, Output: "error: " + err.Error() + "\n", Stderr: true}
	}
	u := &unstructured.Unstructured{}
	if err := u.UnmarshalJSON(data); err != nil {
		return View{Command: command, Output: "error: " + err.Error() + "\n", Stderr: true}
	}
	var buf bytes.Buffer
	w := printers.GetNewTabWriter(&buf)
	printer := &get.TablePrinter{Delegate: printers.NewTablePrinter(printers.PrintOptions{Wide: wide})}
	if err := printer.PrintObj(u, w); err != nil {
		return View{Command: command, Output: "error: " + err.Error() + "\n", Stderr: true}
	}
	_ = w.Flush()
	if buf.Len() == 0 {
		// get.go's Run: a namespaced listing that wrote nothing says so on standard error.
		return View{Command: command, Output: fmt.Sprintf("No resources found in %s namespace.\n", ns), Stderr: true}
	}
	return View{Command: command, Output: buf.String()}
}

func (o *objects) getJobs(base time.Time, command string, wide bool) View {
	list := &batchv1.JobList{}
	for i := range o.jobs {
		list.Items = append(list.Items, *shiftedCopy(&o.jobs[i], o.now, base))
	}
	internal := newInternalJobList()
	if err := legacyscheme.Scheme.Convert(list, internal, nil); err != nil {
		return View{Command: command, Output: "error: " + err.Error() + "\n", Stderr: true}
	}
	return printTable(command, internal, o.ns, wide)
}

func (o *objects) getPods(base time.Time, command, selector string, wide bool) View {
	sel := labels.Everything()
	if selector != "" {
		s, err := labels.Parse(selector)
		if err != nil {
			return View{Command: command, Output: "error: " + err.Error() + "\n", Stderr: true}
		}
		sel = s
	}
	list := &corev1.PodList{}
	for i := range o.pods {
		if sel.Matches(labels.Set(o.pods[i].Labels)) {
			list.Items = append(list.Items, *shiftedCopy(&o.pods[i], o.now, base))
		}
	}
	internal := &api.PodList{}
	if err := legacyscheme.Scheme.Convert(list, internal, nil); err != nil {
		return View{Command: command, Output: "error: " + err.Error() + "\n", Stderr: true}
	}
	return printTable(command, internal, o.ns, wide)
}

func (o *objects) getEvents(base time.Time) View {
	const command = "kubectl get events"
	list := &corev1.EventList{}
	for i := range o.events {
		list.Items = append(list.Items, *shiftedCopy(&o.events[i], o.now, base))
	}
	internal := &api.EventList{}
	if err := legacyscheme.Scheme.Convert(list, internal, nil); err != nil {
		return View{Command: command, Output: "error: " + err.Error() + "\n", Stderr: true}
	}
	return printTable(command, internal, o.ns, false)
}

// describeClient is a fake clientset holding the objects, whose event listing applies the field
// selector as the API server does (the registry's ToSelectableFields), in storage order. describe
// reads times relative to now only from the events and a Pod's deletionTimestamp ("Terminating
// (lasts ...)"); every other time it prints is absolute, so only those are shifted.
func (o *objects) describeClient(base time.Time) *describeClientset {
	var objs []runtime.Object
	for i := range o.jobs {
		objs = append(objs, o.jobs[i].DeepCopy())
	}
	for i := range o.cronJobs {
		objs = append(objs, o.cronJobs[i].DeepCopy())
	}
	for i := range o.pods {
		p := o.pods[i].DeepCopy()
		if p.DeletionTimestamp != nil {
			t := metav1.NewTime(shiftSince(p.DeletionTimestamp.Time, o.now, base))
			p.DeletionTimestamp = &t
		}
		objs = append(objs, p)
	}
	events := make([]corev1.Event, 0, len(o.events))
	for i := range o.events {
		events = append(events, *shiftedCopy(&o.events[i], o.now, base))
	}
	client := &describeClientset{Clientset: fake.NewSimpleClientset(objs...)}
	client.PrependReactor("list", "events", func(action clienttesting.Action) (bool, runtime.Object, error) {
		restrictions := action.(clienttesting.ListAction).GetListRestrictions()
		list := &corev1.EventList{}
		for i := range events {
			e := &events[i]
			if e.Namespace != action.GetNamespace() {
				continue
			}
			internal := &api.Event{}
			if err := legacyscheme.Scheme.Convert(e, internal, nil); err != nil {
				return true, nil, err
			}
			if !matchesFields(restrictions.Fields, eventregistry.ToSelectableFields(internal)) {
				continue
			}
			if !restrictions.Labels.Matches(labels.Set(e.Labels)) {
				continue
			}
			list.Items = append(list.Items, *e.DeepCopy())
		}
		return true, list, nil
	})
	return client
}

// realCoreV1 is a real typed client, never connected: only its Events(ns).GetFieldSelector is
// called, which builds the selector searchEvents sends (the fake's returns Everything).
var realCoreV1 = corev1client.NewForConfigOrDie(&rest.Config{Host: "http://127.0.0.1:9"})

// describeClientset is the fake clientset with the real events field selector.
type describeClientset struct{ *fake.Clientset }

// CoreV1 returns the fake's CoreV1 with real event field selectors.
func (c *describeClientset) CoreV1() corev1client.CoreV1Interface {
	return coreV1WithSelectors{c.Clientset.CoreV1()}
}

type coreV1WithSelectors struct{ corev1client.CoreV1Interface }

func (c coreV1WithSelectors) Events(ns string) corev1client.EventInterface {
	return eventsWithSelector{c.CoreV1Interface.Events(ns), realCoreV1.Events(ns)}
}

type eventsWithSelector struct {
	corev1client.EventInterface
	real corev1client.EventInterface
}

func (e eventsWithSelector) GetFieldSelector(name, namespace, kind, uid *string) fields.Selector {
	return e.real.GetFieldSelector(name, namespace, kind, uid)
}

func matchesFields(sel fields.Selector, set fields.Set) bool {
	return sel == nil || sel.Matches(set)
}

// describeSettings are kubectl describe's defaults (--show-events=true, --chunk-size=500).
var describeSettings = describe.DescriberSettings{ShowEvents: true, ChunkSize: 500}

// describeView runs a describer and prints its output or error as `kubectl describe` does
// (cmdutil.CheckErr's StandardErrorMessage for an API error).
func describeView(command string, out string, err error) View {
	if err != nil {
		msg, ok := cmdutil.StandardErrorMessage(err)
		if !ok {
			msg = "error: " + err.Error()
		}
		if len(msg) > 0 && msg[len(msg)-1] != '\n' {
			msg += "\n"
		}
		return View{Command: command, Output: msg, Stderr: true}
	}
	return View{Command: command, Output: out}
}

func (o *objects) describeJob(base time.Time, name string) View {
	client := o.describeClient(base)
	out, err := (&describe.JobDescriber{Interface: client}).Describe(o.ns, name, describeSettings)
	return describeView("kubectl describe job "+name, out, err)
}

// getCronJobs is `kubectl get cronjobs`: the server's CronJob table printer (printCronJob).
func (o *objects) getCronJobs(base time.Time, command string, wide bool) View {
	list := &batchv1.CronJobList{}
	for i := range o.cronJobs {
		list.Items = append(list.Items, *shiftedCopy(&o.cronJobs[i], o.now, base))
	}
	internal := &batch.CronJobList{}
	if err := legacyscheme.Scheme.Convert(list, internal, nil); err != nil {
		return View{Command: command, Output: "error: " + err.Error() + "\n", Stderr: true}
	}
	return printTable(command, internal, o.ns, wide)
}

// describeCronJob is `kubectl describe cronjob NAME`: kubectl's CronJobDescriber, whose only
// relative times are the events' (the last schedule time is absolute).
func (o *objects) describeCronJob(base time.Time, name string) View {
	d := &describe.CronJobDescriber{}
	// CronJobDescriber keeps its clientset in an unexported field and kubectl builds it only
	// from a REST config; the fake clientset goes into that field, so kubectl's own Describe
	// runs unchanged on the snapshot's objects.
	field := reflect.ValueOf(d).Elem().FieldByName("client")
	reflect.NewAt(field.Type(), unsafe.Pointer(field.UnsafeAddr())).Elem().
		Set(reflect.ValueOf(clientset.Interface(o.describeClient(base))))
	out, err := d.Describe(o.ns, name, describeSettings)
	return describeView("kubectl describe cronjob "+name, out, err)
}

func (o *objects) describePod(base time.Time, name string) View {
	client := o.describeClient(base)
	out, err := (&describe.PodDescriber{Interface: client}).Describe(o.ns, name, describeSettings)
	return describeView("kubectl describe pod "+name, out, err)
}

// jobYAML is `kubectl get job NAME -o yaml`: the server reads the stored Job (decoding defaults
// it) and answers it as batch/v1 JSON; kubectl decodes that into unstructured and prints it with
// cli-runtime's YAMLPrinter. No time is relative here, so nothing is shifted.
func (o *objects) jobYAML(name string) View {
	command := "kubectl get job " + name + " -o yaml"
	var objs []runtime.Object
	for i := range o.jobs {
		objs = append(objs, o.jobs[i].DeepCopy())
	}
	client := fake.NewSimpleClientset(objs...)
	got, err := client.BatchV1().Jobs(o.ns).Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		return describeView(command, "", err)
	}
	data, err := json.Marshal(got)
	if err != nil {
		return describeView(command, "", err)
	}
	stored, err := runtime.Decode(legacyscheme.Codecs.UniversalDecoder(jobGVK.GroupVersion()), withJobKind(data))
	if err != nil {
		return describeView(command, "", err)
	}
	body, err := runtime.Encode(legacyscheme.Codecs.LegacyCodec(jobGVK.GroupVersion()), stored)
	if err != nil {
		return describeView(command, "", err)
	}
	u := &unstructured.Unstructured{}
	if err := u.UnmarshalJSON(body); err != nil {
		return describeView(command, "", err)
	}
	var buf bytes.Buffer
	if err := (&printers.YAMLPrinter{}).PrintObj(u, &buf); err != nil {
		return describeView(command, "", err)
	}
	return View{Command: command, Output: buf.String()}
}

// withJobKind sets apiVersion and kind on a Job's JSON, which a typed client's Get leaves empty.
func withJobKind(data []byte) []byte {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return data
	}
	m["apiVersion"] = jobGVK.GroupVersion().String()
	m["kind"] = jobGVK.Kind
	out, err := json.Marshal(m)
	if err != nil {
		return data
	}
	return out
}
