package main

// `oracle simulate CRONJOB.yaml`: the real CronJob controller (v2, k8s.io/kubernetes
// pkg/controller/cronjob) runs a CronJob through a scenario on a fake clock, and every Job it
// creates runs in a harness of its own (harness.go: the real Job and TTL-after-finished
// controllers and the kubelet of kubelet.go), all on one timeline. The output is what
// `joblab simulate CRONJOB.yaml --format json` prints: {"cronJob", "jobs", "events"}.
//
// One instant runs in rounds, as Joblab's crates/joblab-core/src/sim/cronjob/mod.rs does (the
// real components give no order to what happens at one instant, so both sides fix the same):
// (A) the scenario's actions and the controller's outage edges, (B) every Job's harness, oldest
// Job first, up to the instant, (C) one sync of the CronJob if its queue holds it; again from
// (A) while anything is due at that instant.
//
// The Job controller runs one instance per Job here, where a cluster runs one for all Jobs: its
// sync reads one Job and that Job's Pods only, and its queue and rate limiter work per Job, so
// the difference is invisible.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the IANA zones when the host has none (ZONEINFO, or the host's zoneinfo, comes first)

	batchv1 "k8s.io/api/batch/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/cli-runtime/pkg/genericiooptions"
	"k8s.io/cli-runtime/pkg/resource"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes/fake"
	restfake "k8s.io/client-go/rest/fake"
	"k8s.io/client-go/restmapper"
	k8stesting "k8s.io/client-go/testing"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
	"k8s.io/kubectl/pkg/cmd/create"
	kubectlscheme "k8s.io/kubectl/pkg/scheme"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/controller/cronjob"
	"sigs.k8s.io/yaml"
)

// cronJobUID is Joblab's CRONJOB_UID (crates/joblab-core/src/sim/cronjob/spec.rs).
const cronJobUID = "5c0e7a1b-3d2f-4c6e-8a9b-0c1d2e3f4a5b"

// childUID is Joblab's child_uid: the uid the API server gives the ordinal-th Job.
func childUID(ordinal uint32) string { return fmt.Sprintf("%08x-2d1e-4a7b-9c3d-5e6f7a8b9c0d", ordinal) }

// maxChildJobs is Joblab's MAX_CHILD_JOBS.
const maxChildJobs = 2000

// cronChild is one Job the CronJob controller created, with its harness.
type cronChild struct {
	ordinal    uint32
	name       string
	created    time.Duration // on the CronJob's clock
	clockStart time.Duration // the whole second it was created in: its harness's clock 0
	h          *harness
}

func (ch *cronChild) gone() bool { return ch.h.job == nil }

// cronEntry is a scenario entry of the CronJob's own timeline.
type cronEntry struct {
	at     time.Duration
	kind   int // 0 an action, 1 the outage starts, 2 it ends
	action int
}

// cronQueue is client-go's work queue for the one CronJob key, on the harness's clock.
type cronQueue struct {
	h          *cronHarness
	ready      bool
	dirty      bool
	processing bool
	delayed    *time.Duration
	down       bool
	limiter    workqueue.TypedRateLimiter[string]
}

func (q *cronQueue) Add(string) {
	if q.down {
		return
	}
	if q.processing {
		q.dirty = true
		return
	}
	q.ready = true
}
func (q *cronQueue) Len() int {
	if q.ready {
		return 1
	}
	return 0
}
func (q *cronQueue) Get() (string, bool) {
	q.ready, q.processing = false, true
	return q.h.key, false
}
func (q *cronQueue) Done(string) {
	q.processing = false
	if q.dirty {
		q.dirty, q.ready = false, true
	}
}
func (q *cronQueue) ShutDown()          {}
func (q *cronQueue) ShutDownWithDrain() {}
func (q *cronQueue) ShuttingDown() bool { return false }
func (q *cronQueue) AddAfter(key string, d time.Duration) {
	if d <= 0 {
		q.Add(key)
		return
	}
	if q.down {
		return
	}
	at := q.h.now + d
	if q.delayed == nil || at < *q.delayed {
		q.delayed = &at
	}
}
func (q *cronQueue) AddRateLimited(key string) { q.AddAfter(key, q.limiter.When(key)) }
func (q *cronQueue) Forget(key string)         { q.limiter.Forget(key) }
func (q *cronQueue) NumRequeues(key string) int {
	return q.limiter.NumRequeues(key)
}

// cronHarness is one CronJob simulation.
type cronHarness struct {
	ctx       context.Context
	start     time.Time
	now       time.Duration
	key       string
	client    *fake.Clientset
	jm        *cronjob.ControllerV2
	queue     *cronQueue
	cronStore cache.Indexer
	jobStore  cache.Indexer
	cj        *batchv1.CronJob
	rv        int64
	children  []*cronChild
	scenario  *Scenario
	entries   []cronEntry
	next      int
	events    []recordedEvent
	stopped   bool
}

// cronRecorder stamps the CronJob controller's events with the fake time.
type cronRecorder struct{ c *cronHarness }

func (r cronRecorder) Event(object runtime.Object, eventtype, reason, message string) {
	r.c.events = append(r.c.events, recordedEvent{At: r.c.now, Type: eventtype, Reason: reason,
		Object: objectRef(object), Message: message})
}
func (r cronRecorder) Eventf(object runtime.Object, eventtype, reason, messageFmt string, args ...interface{}) {
	r.Event(object, eventtype, reason, fmt.Sprintf(messageFmt, args...))
}
func (r cronRecorder) AnnotatedEventf(object runtime.Object, _ map[string]string, eventtype, reason, messageFmt string, args ...interface{}) {
	r.Eventf(object, eventtype, reason, messageFmt, args...)
}

// childIndexer lists the CronJob's Jobs in creation order (the informer's store lists in Go map
// order), as Joblab's simulation does.
type childIndexer struct {
	cache.Indexer
	c *cronHarness
}

func (o childIndexer) sorted(items []interface{}) []interface{} {
	rank := func(obj interface{}) int {
		if j, ok := obj.(*batchv1.Job); ok {
			for i, ch := range o.c.children {
				if ch.name == j.Name {
					return i
				}
			}
		}
		return 1 << 30
	}
	sort.SliceStable(items, func(i, j int) bool { return rank(items[i]) < rank(items[j]) })
	return items
}
func (o childIndexer) List() []interface{} { return o.sorted(o.Indexer.List()) }
func (o childIndexer) ByIndex(name, value string) ([]interface{}, error) {
	items, err := o.Indexer.ByIndex(name, value)
	return o.sorted(items), err
}

// isCronJob reports whether a manifest's first document is a batch/v1 CronJob.
func isCronJob(manifest []byte) bool {
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	first := bytes.SplitN(manifest, []byte("\n---"), 2)[0]
	return yaml.Unmarshal(first, &head) == nil && head.APIVersion == "batch/v1" && head.Kind == "CronJob"
}

// simulateCronJob runs one CronJob through one scenario and returns the JSON result.
func simulateCronJob(manifest []byte, sc *Scenario, until time.Duration) ([]byte, error) {
	// The controller-manager's own zone: a schedule without a timeZone is in UTC.
	time.Local = time.UTC
	cj := &batchv1.CronJob{}
	first := bytes.SplitN(manifest, []byte("\n---"), 2)[0]
	if err := yaml.Unmarshal(first, cj); err != nil {
		return nil, err
	}
	// The API server's defaulting of the CronJob and its template (SetObjectDefaults_CronJob);
	// Joblab has checked the CronJob as the server validates it.
	legacyscheme.Scheme.Default(cj)
	c, err := newCronHarness(cj, sc)
	if err != nil {
		return nil, err
	}
	c.run(until)
	return c.output()
}

func newCronHarness(cj *batchv1.CronJob, sc *Scenario) (*cronHarness, error) {
	_ = klogQuiet
	start := oracleNow
	if sc.StartTime != nil {
		t, err := time.Parse(time.RFC3339, *sc.StartTime)
		if err != nil {
			return nil, fmt.Errorf("startTime: %w", err)
		}
		start = t.UTC()
	}
	c := &cronHarness{ctx: klog.NewContext(context.Background(), klog.Background()), start: start, scenario: sc}
	c.queue = &cronQueue{h: c, limiter: workqueue.DefaultTypedControllerRateLimiter[string]()}
	c.client = fake.NewSimpleClientset()
	c.client.PrependReactor("*", "*", c.react)
	factory := informers.NewSharedInformerFactory(c.client, 0)
	jobInformer := factory.Batch().V1().Jobs()
	cronInformer := factory.Batch().V1().CronJobs()
	jm, err := cronjob.NewForOracle(c.ctx, jobInformer, cronInformer, c.client,
		func() time.Time { return c.start.Add(c.now) }, c.queue, cronRecorder{c: c})
	if err != nil {
		return nil, err
	}
	c.jm = jm
	c.jobStore = jobInformer.Informer().GetIndexer()
	jm.OracleSetJobIndexer(childIndexer{Indexer: c.jobStore, c: c})
	c.cronStore = cronInformer.Informer().GetIndexer()

	if cj.Namespace == "" {
		cj.Namespace = "default"
	}
	cj.UID = types.UID(cronJobUID)
	cj.CreationTimestamp = metav1.NewTime(c.start)
	cj.ResourceVersion = c.nextRV()
	cj.Generation = 1
	cj.Status = batchv1.CronJobStatus{}
	c.cj = roundTrip(cj)
	c.key = c.cj.Namespace + "/" + c.cj.Name
	_ = c.cronStore.Add(c.cj)

	for i, a := range sc.Actions {
		c.entries = append(c.entries, cronEntry{at: msDuration(a.At), kind: 0, action: i})
	}
	if o := sc.CronJobControllerDown; o != nil {
		c.entries = append(c.entries, cronEntry{at: msDuration(o.From), kind: 1}, cronEntry{at: msDuration(o.To), kind: 2})
	}
	sort.SliceStable(c.entries, func(i, j int) bool { return c.entries[i].at < c.entries[j].at })
	// The informer's add handler queues the new CronJob.
	c.jm.OracleAddCronJob(c.cj)
	return c, nil
}

func msDuration(seconds float64) time.Duration {
	return time.Duration(secondsToMs(seconds)) * time.Millisecond
}

func (c *cronHarness) nextRV() string {
	c.rv++
	return strconv.FormatInt(c.rv, 10)
}

// --- the API server of the CronJob controller's client ------------------------------------

func (c *cronHarness) react(action k8stesting.Action) (bool, runtime.Object, error) {
	switch action.GetResource().Resource {
	case "events":
		return true, nil, nil
	case "cronjobs":
		return c.reactCronJob(action)
	case "jobs":
		return c.reactJob(action)
	}
	return true, nil, fmt.Errorf("oracle cronjob harness: unexpected %s of %s", action.GetVerb(), action.GetResource().Resource)
}

func (c *cronHarness) reactCronJob(action k8stesting.Action) (bool, runtime.Object, error) {
	gr := batchv1.Resource("cronjobs")
	switch action.GetVerb() {
	case "get":
		return true, c.cj.DeepCopy(), nil
	case "update":
		a := action.(k8stesting.UpdateAction)
		if a.GetSubresource() != "status" {
			return true, nil, fmt.Errorf("oracle cronjob harness: unexpected CronJob update")
		}
		in := a.GetObject().(*batchv1.CronJob)
		if in.ResourceVersion != "" && in.ResourceVersion != c.cj.ResourceVersion {
			return true, nil, apierrors.NewConflict(gr, in.Name, fmt.Errorf("the object has been modified; please apply your changes to the latest version and try again"))
		}
		next := c.cj.DeepCopy()
		next.Status = *in.Status.DeepCopy()
		// An update that changes nothing is no update: no new resourceVersion, no watch event.
		if jsonEqual(roundTrip(next).Status, c.cj.Status) {
			return true, c.cj.DeepCopy(), nil
		}
		return true, c.writeCronJob(next).DeepCopy(), nil
	}
	return true, nil, fmt.Errorf("oracle cronjob harness: unexpected %s of cronjobs", action.GetVerb())
}

// writeCronJob stores a new version of the CronJob and tells the controller's informer.
func (c *cronHarness) writeCronJob(next *batchv1.CronJob) *batchv1.CronJob {
	old := c.cj
	next.ResourceVersion = c.nextRV()
	next = roundTrip(next)
	c.cj = next
	_ = c.cronStore.Update(next)
	c.jm.OracleUpdateCronJob(old, next)
	return next
}

func (c *cronHarness) child(name string) *cronChild {
	for _, ch := range c.children {
		if ch.name == name && !ch.gone() {
			return ch
		}
	}
	return nil
}

func (c *cronHarness) reactJob(action k8stesting.Action) (bool, runtime.Object, error) {
	gr := batchv1.Resource("jobs")
	switch action.GetVerb() {
	case "get":
		a := action.(k8stesting.GetAction)
		ch := c.child(a.GetName())
		if ch == nil {
			return true, nil, apierrors.NewNotFound(gr, a.GetName())
		}
		return true, ch.h.job.DeepCopy(), nil
	case "create":
		a := action.(k8stesting.CreateAction)
		job := a.GetObject().(*batchv1.Job).DeepCopy()
		if c.child(job.Name) != nil {
			return true, nil, apierrors.NewAlreadyExists(gr, job.Name)
		}
		stored, err := c.createJob(job)
		if err != nil {
			return true, nil, err
		}
		return true, stored, nil
	case "delete":
		a := action.(k8stesting.DeleteAction)
		ch := c.child(a.GetName())
		if ch == nil {
			return true, nil, apierrors.NewNotFound(gr, a.GetName())
		}
		c.deleteChild(ch)
		return true, nil, nil
	}
	return true, nil, fmt.Errorf("oracle cronjob harness: unexpected %s of jobs", action.GetVerb())
}

// createJob is the Job create path (oracle check's, as for `oracle simulate JOB.yaml`) and a
// harness for the new Job, created now.
func (c *cronHarness) createJob(job *batchv1.Job) (*batchv1.Job, error) {
	if len(c.children) >= maxChildJobs {
		c.stopped = true
		return nil, fmt.Errorf("oracle cronjob harness: more than %d Jobs", maxChildJobs)
	}
	job.APIVersion, job.Kind = "batch/v1", "Job"
	body, err := json.Marshal(job)
	if err != nil {
		return nil, err
	}
	stored, err := storedJob(body)
	if err != nil {
		return nil, err
	}
	ordinal := uint32(len(c.children) + 1)
	clockStart := c.now.Truncate(time.Second)
	ch := &cronChild{ordinal: ordinal, name: stored.Name, created: c.now, clockStart: clockStart}
	c.children = append(c.children, ch)
	h, err := newHarnessAt(stored, childScenario(c.scenario, ordinal), c.start.Add(clockStart), c.now-clockStart,
		childUID(ordinal), func(old, cur *batchv1.Job) { c.onChildJob(old, cur) })
	if err != nil {
		return nil, err
	}
	ch.h = h
	_ = c.jobStore.Add(h.job)
	c.jm.OracleAddJob(h.job)
	return h.job.DeepCopy(), nil
}

// onChildJob passes a Job's change to the CronJob controller's informer.
func (c *cronHarness) onChildJob(old, cur *batchv1.Job) {
	if cur == nil {
		_ = c.jobStore.Delete(old)
		c.jm.OracleDeleteJob(old)
		return
	}
	_ = c.jobStore.Update(cur)
	c.jm.OracleUpdateJob(old, cur)
}

// deleteChild deletes a Job in the background now (the CronJob controller's way and kubectl's):
// the Job goes, the garbage collector deletes its Pods and the kubelet stops them.
func (c *cronHarness) deleteChild(ch *cronChild) {
	h := ch.h
	h.setNow(c.now - ch.clockStart)
	h.deferring = true
	h.deleteJob(false)
	h.afterStep()
	h.deferring = false
	h.flushDeferred()
}

// childScenario is Joblab's child_scenario: the CronJob scenario's defaults, the runs rules for
// every Job or this one, no actions, and the seed plus ordinal - 1.
func childScenario(sc *Scenario, ordinal uint32) *Scenario {
	out := *sc
	out.Seed = sc.Seed + uint64(ordinal) - 1
	out.Actions, out.StartTime, out.CronJobControllerDown = nil, nil, nil
	// The pull's time and size hold for every Job; the node's image and the quota window are
	// Job scenarios' only (each child Job has a node of its own here).
	out.ImagePresent, out.QuotaExceeded = nil, nil
	out.Runs = nil
	for _, r := range sc.Runs {
		if r.Match.Job == nil || *r.Match.Job == ordinal {
			r.Match.Job = nil
			out.Runs = append(out.Runs, r)
		}
	}
	return &out
}

// --- the timeline -----------------------------------------------------------------------------

func (c *cronHarness) nextAt() (time.Duration, bool) {
	if c.stopped {
		return 0, false
	}
	var next time.Duration
	found := false
	consider := func(t time.Duration) {
		if !found || t < next {
			next, found = t, true
		}
	}
	if c.next < len(c.entries) {
		consider(c.entries[c.next].at)
	}
	if !c.queue.down {
		if c.queue.ready {
			consider(c.now)
		}
		if c.queue.delayed != nil {
			consider(max(*c.queue.delayed, c.now))
		}
	}
	for _, ch := range c.children {
		if at, ok := ch.h.nextAt(); ok {
			consider(ch.clockStart + at)
		}
	}
	return next, found
}

func (c *cronHarness) run(until time.Duration) {
	for rounds := 0; rounds < maxTimelineEntries; rounds++ {
		t, ok := c.nextAt()
		if !ok || t > until {
			break
		}
		c.now = max(c.now, t)
		c.round()
	}
	if !c.stopped {
		c.now = max(c.now, until)
	}
}

func (c *cronHarness) round() {
	t := c.now
	for c.next < len(c.entries) && c.entries[c.next].at <= t {
		e := c.entries[c.next]
		c.next++
		switch e.kind {
		case 0:
			c.userAction(e.action)
		case 1:
			// The process dies with its queue.
			c.queue.down, c.queue.ready, c.queue.dirty, c.queue.delayed = true, false, false, nil
		case 2:
			// A new process lists the CronJob and its Jobs; its handlers queue the CronJob.
			c.queue.down = false
			c.queue.Add(c.key)
		}
	}
	for i := 0; i < len(c.children); i++ {
		ch := c.children[i]
		if at, ok := ch.h.nextAt(); ok && ch.clockStart+at <= t {
			ch.h.advanceTo(t - ch.clockStart)
		}
	}
	if c.queue.down {
		return
	}
	due := c.queue.delayed != nil && *c.queue.delayed <= t
	if due {
		c.queue.delayed = nil
		c.queue.Add(c.key)
	}
	if !c.queue.ready {
		return
	}
	key, _ := c.queue.Get()
	requeue, err := c.jm.OracleSync(c.ctx, key)
	switch {
	case err != nil:
		c.queue.AddRateLimited(key)
	case requeue != nil:
		c.queue.Forget(key)
		c.queue.AddAfter(key, *requeue)
	default:
		c.queue.Forget(key)
	}
	c.queue.Done(key)
}

func (c *cronHarness) userAction(i int) {
	a := c.scenario.Actions[i]
	if a.Patch != nil && a.Patch.Spec.Suspend != nil {
		next := c.cj.DeepCopy()
		next.Spec.Suspend = a.Patch.Spec.Suspend
		if !jsonEqual(next.Spec, c.cj.Spec) {
			next.Generation = c.cj.Generation + 1
			c.writeCronJob(next)
		}
	}
	if a.CreateJob != nil {
		c.kubectlCreateJob(a.CreateJob.Name)
	}
	if a.DeleteJob != nil && a.DeleteJob.Job != nil {
		for _, ch := range c.children {
			if ch.ordinal == *a.DeleteJob.Job && !ch.gone() {
				c.deleteChild(ch)
				break
			}
		}
	}
}

// kubectlCreateJob is `kubectl create job NAME --from=cronjob/CRONJOB -n NAMESPACE` now, run by
// kubectl's own code (k8s.io/kubectl pkg/cmd/create/create_job.go, `CreateJobOptions.Run`, the
// options as `Complete` fills them for those flags): its builder GETs the CronJob from this
// harness's API server, `createJobFromCronJob` makes the Job (the template's labels, its
// annotations over `cronjob.kubernetes.io/instantiate: manual`, a controller reference without
// blockOwnerDeletion, the template's spec), and the create goes through the clientset to `react`,
// which answers AlreadyExists for a name a Job still has and refuses an invalid one as the
// API server does. kubectl then fails ("failed to create job: ...") and nothing changes; the
// scenario goes on, as a user's failed command leaves the cluster.
func (c *cronHarness) kubectlCreateJob(name string) {
	o := create.NewCreateJobOptions(genericiooptions.NewTestIOStreamsDiscard())
	o.Name, o.From = name, "cronjob/"+c.cj.Name
	o.Namespace, o.EnforceNamespace = c.cj.Namespace, true
	o.Client = c.client.BatchV1()
	o.FieldManager = "kubectl-create"
	o.ValidationDirective = metav1.FieldValidationStrict
	o.PrintObj = func(runtime.Object) error { return nil }
	mapper := meta.NewDefaultRESTMapper([]schema.GroupVersion{batchv1.SchemeGroupVersion})
	mapper.Add(batchv1.SchemeGroupVersion.WithKind("CronJob"), meta.RESTScopeNamespace)
	mapper.Add(batchv1.SchemeGroupVersion.WithKind("Job"), meta.RESTScopeNamespace)
	o.Builder = resource.NewFakeBuilder(
		func(gv schema.GroupVersion) (resource.RESTClient, error) {
			return &restfake.RESTClient{
				GroupVersion:         gv,
				NegotiatedSerializer: kubectlscheme.Codecs.WithoutConversion(),
				Client:               restfake.CreateHTTPClient(c.serveCronJobGet),
			}, nil
		},
		func() (meta.RESTMapper, error) { return mapper, nil },
		func() (restmapper.CategoryExpander, error) { return restmapper.SimpleCategoryExpander{}, nil },
	)
	_ = o.Run()
}

// serveCronJobGet is the API server's answer to kubectl's GET of the CronJob: the stored object.
func (c *cronHarness) serveCronJobGet(req *http.Request) (*http.Response, error) {
	want := "/namespaces/" + c.cj.Namespace + "/cronjobs/" + c.cj.Name
	header := http.Header{"Content-Type": []string{runtime.ContentTypeJSON}}
	if req.Method != http.MethodGet || !strings.HasSuffix(req.URL.Path, want) {
		body := fmt.Sprintf(`{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,"message":"oracle: unexpected %s %s"}`, req.Method, req.URL.Path)
		return &http.Response{StatusCode: http.StatusNotFound, Header: header, Body: io.NopCloser(strings.NewReader(body))}, nil
	}
	cj := c.cj.DeepCopy()
	cj.APIVersion, cj.Kind = "batch/v1", "CronJob"
	body, err := json.Marshal(cj)
	if err != nil {
		return nil, err
	}
	return &http.Response{StatusCode: http.StatusOK, Header: header, Body: io.NopCloser(bytes.NewReader(body))}, nil
}

// --- output -----------------------------------------------------------------------------------

func (c *cronHarness) output() ([]byte, error) {
	cjJSON, err := json.Marshal(c.cj)
	if err != nil {
		return nil, err
	}
	var cjMap map[string]any
	_ = json.Unmarshal(cjJSON, &cjMap)
	cjMap["apiVersion"], cjMap["kind"] = "batch/v1", "CronJob"
	jobs := []any{}
	for _, ch := range c.children {
		data, err := ch.h.output()
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			return nil, err
		}
		m["name"] = ch.name
		// A Job made by hand has no scheduled time: null, as Joblab writes it.
		m["scheduledTime"] = nil
		if at, ok := ch.h.lastJob.Annotations[batchv1.CronJobScheduledTimestampAnnotation]; ok {
			m["scheduledTime"] = at
		}
		m["createdAt"] = secs(ch.created)
		m["clockStart"] = secs(ch.clockStart)
		m["deletedAt"] = nil
		if ch.h.jobDeleted != nil {
			m["deletedAt"] = secs(ch.clockStart + *ch.h.jobDeleted)
		}
		jobs = append(jobs, m)
	}
	events := []simEvent{}
	for _, e := range c.events {
		events = append(events, simEvent{At: secs(e.At), Type: e.Type, Reason: e.Reason, Object: e.Object, Message: e.Message})
	}
	data, err := json.MarshalIndent(map[string]any{"cronJob": cjMap, "jobs": jobs, "events": events}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
