package main

// The deterministic harness `oracle simulate` runs the real Job and TTL-after-finished
// controllers in. It plays the API server (a fake clientset whose reactors keep the objects),
// the informers (filled and notified synchronously), the controllers' work queues (on a fake
// clock), the garbage collector, the scheduler and the kubelet (kubelet.go). Everything that
// happens is an entry on one timeline ordered by (time, sequence), the way Joblab's simulation
// orders its own (crates/joblab-core/src/sim/mod.rs), so equal times keep the order in which
// they were scheduled and the same inputs always give the same trace.

import (
	"container/heap"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/kubernetes/pkg/controller/job"
	"k8s.io/kubernetes/pkg/controller/ttlafterfinished"
	clocktesting "k8s.io/utils/clock/testing"
)

// debugHarness logs every API request to standard error (JOBLAB_ORACLE_DEBUG=1).
var debugHarness = os.Getenv("JOBLAB_ORACLE_DEBUG") != ""

// jobTrackingFinalizer is the finalizer the Job controller puts on its Pods.
const jobTrackingFinalizer = "batch.kubernetes.io/job-tracking"

// defaultJobUID is Joblab's DEFAULT_UID (crates/joblab-core/src/sim/mod.rs): Pod UIDs and the
// kubelet's messages are derived from it on both sides.
const defaultJobUID = "8f4b9c62-2d1e-4a7b-9c3d-5e6f7a8b9c0d"

// nameAlphabet is k8s.io/apimachinery's util/rand alphabet, which Joblab draws suffixes from.
const nameAlphabet = "bcdfghjklmnpqrstvwxz2456789"

// maxGenerateNamePrefix is names.SimpleNameGenerator's cut: 63 characters minus 5 random ones.
const maxGenerateNamePrefix = 58

type wakeKind int

const (
	wakeQueue wakeKind = iota // a work queue's item is due
	wakeContainerStart
	wakeContainerExit
	wakeContainerRestart
	wakeGraceExpired
	wakeUserAction
	wakePullDone
)

type wake struct {
	at    time.Duration
	seq   uint64
	kind  wakeKind
	queue *fakeQueue
	pod   *podState
	epoch uint32
	index int
	// wakePullDone: whether the container starts again, and when the kubelet asked for the pull.
	restart   bool
	requested time.Duration
}

type timeline []*wake

func (t timeline) Len() int { return len(t) }

// Less orders by time, then by who acts (the kubelet and the user before the controllers'
// queues: Joblab's tie-break, see oracle/README.md), then by the order of scheduling.
func (t timeline) Less(i, j int) bool {
	if t[i].at != t[j].at {
		return t[i].at < t[j].at
	}
	if ci, cj := t[i].kind == wakeQueue, t[j].kind == wakeQueue; ci != cj {
		return cj
	}
	return t[i].seq < t[j].seq
}
func (t timeline) Swap(i, j int) { t[i], t[j] = t[j], t[i] }
func (t *timeline) Push(x any)   { *t = append(*t, x.(*wake)) }
func (t *timeline) Pop() any {
	old := *t
	w := old[len(old)-1]
	*t = old[:len(old)-1]
	return w
}

// recordedEvent is one event as a recorder received it, stamped with the fake time.
type recordedEvent struct {
	At      time.Duration
	Type    string
	Reason  string
	Object  string
	Message string
}

// harness is one simulation: the objects, the controllers and the timeline.
type harness struct {
	// mu serialises the API server: the controller creates, patches and deletes Pods from
	// several goroutines at once, and each write notifies the informers under this lock.
	mu       sync.Mutex
	ctx      context.Context
	start    time.Time
	now      time.Duration
	clock    *clocktesting.FakeClock
	seq      uint64
	timeline timeline
	// deferring holds queue wakes back during a step (flushDeferred).
	deferring bool
	deferred  []deferredWake
	rv        int64
	uidCount  int

	client    *fake.Clientset
	podStore  cache.Indexer
	jobStore  cache.Indexer
	jm        *job.Controller
	tc        *ttlafterfinished.Controller
	jobQueue  *fakeQueue
	ttlQueue  *fakeQueue
	namespace string
	jobName   string
	jobUID    string

	job        *batchv1.Job // the stored Job; nil once it is gone
	lastJob    *batchv1.Job // the Job as last stored (kept after its deletion)
	jobDeleted *time.Duration
	foreground bool // the Job is being deleted in the foreground (the TTL controller's way)
	pods       map[string]*v1.Pod
	states     []*podState // in canonical creation order
	byName     map[string]*podState
	names      map[string]bool
	createdNow []*podState // created during the current sync, in arrival order
	deletedNow []*podState // gracefully deleted during the current step, for the kubelet
	runPods    []*podState // the Pod of each container run, by run number - 1
	attempts   map[uint32]uint32
	rng        splitMix64
	scenario   *Scenario
	onFailure  bool
	containers []string
	image      string // the first container's image, named in the kubelet's Pulled event
	pullPolicy v1.PullPolicy
	// imagePresentAt is when the node holds the image (nil: not yet); pullerFree is when its
	// serial image puller is free.
	imagePresentAt *time.Duration
	pullerFree     time.Duration
	graceful       time.Duration
	managedElse    bool

	evMu      sync.Mutex
	events    []recordedEvent
	processed int
	maxEvents int

	// onJob, when set, hears of every change of the stored Job (cur nil: it is gone): a
	// CronJob's harness (cronjob.go) passes them to the CronJob controller's informer.
	onJob func(old, cur *batchv1.Job)
}

// ms converts a timeline offset to Joblab's milliseconds.
func ms(d time.Duration) int64 { return d.Milliseconds() }

func (h *harness) nowTime() time.Time { return h.start.Add(h.now) }

func (h *harness) schedule(at time.Duration, w *wake) {
	if w.kind == wakeQueue && h.deferring {
		h.deferred = append(h.deferred, deferredWake{at, w})
		return
	}
	h.seq++
	w.at, w.seq = at, h.seq
	heap.Push(&h.timeline, w)
}

// deferredWake is a queue wake held back until the step that asked for it has scheduled its
// kubelet wakes (see flushDeferred).
type deferredWake struct {
	at time.Duration
	w  *wake
}

// flushDeferred puts the queue wakes of the step on the timeline. Joblab's kubelet schedules
// what a change starts (a container's exit, its start after creation) before it tells the
// controller (pod_changed), so among entries due at one instant the kubelet's come first; the
// harness keeps that order, since the real components give none.
func (h *harness) flushDeferred() {
	pending := h.deferred
	h.deferred = nil
	for _, d := range pending {
		h.seq++
		d.w.at, d.w.seq = d.at, h.seq
		heap.Push(&h.timeline, d.w)
	}
}

func (h *harness) nextRV() string {
	h.rv++
	return strconv.FormatInt(h.rv, 10)
}

// roundTrip stores an object the way the API server does: through its JSON form, so metav1.Time
// keeps whole seconds only, as every stored timestamp does.
func roundTrip[T any](in *T) *T {
	data, err := json.Marshal(in)
	if err != nil {
		panic(err)
	}
	out := new(T)
	if err := json.Unmarshal(data, out); err != nil {
		panic(err)
	}
	return out
}

// --- events ---------------------------------------------------------------------------------

// recorder captures every event of the controllers and the kubelet, stamped with the fake time.
type recorder struct{ h *harness }

func (r recorder) Event(object runtime.Object, eventtype, reason, message string) {
	r.h.recordEvent(objectRef(object), eventtype, reason, message)
}

func (r recorder) Eventf(object runtime.Object, eventtype, reason, messageFmt string, args ...interface{}) {
	r.Event(object, eventtype, reason, fmt.Sprintf(messageFmt, args...))
}

func (r recorder) AnnotatedEventf(object runtime.Object, _ map[string]string, eventtype, reason, messageFmt string, args ...interface{}) {
	r.Eventf(object, eventtype, reason, messageFmt, args...)
}

func objectRef(object runtime.Object) string {
	switch o := object.(type) {
	case *batchv1.Job:
		return "job/" + o.Name
	case *batchv1.CronJob:
		return "cronjob/" + o.Name
	case *v1.Pod:
		return "pod/" + o.Name
	default:
		if m, err := metaAccessor(object); err == nil {
			return strings.ToLower(object.GetObjectKind().GroupVersionKind().Kind) + "/" + m
		}
		return "unknown"
	}
}

func metaAccessor(object runtime.Object) (string, error) {
	if o, ok := object.(metav1.Object); ok {
		return o.GetName(), nil
	}
	return "", fmt.Errorf("no metadata")
}

func (h *harness) recordEvent(object, eventtype, reason, message string) {
	h.evMu.Lock()
	defer h.evMu.Unlock()
	h.events = append(h.events, recordedEvent{At: h.now, Type: eventtype, Reason: reason, Object: object, Message: message})
}

// --- work queues ----------------------------------------------------------------------------

// fakeQueue is client-go's rate-limiting work queue with its delays on the harness's timeline:
// the same dirty/processing rules (an item added while it is processed runs again after Done),
// and AddAfter keeps the earlier of two due times, as the delaying queue does.
type fakeQueue struct {
	h          *harness
	name       string
	limiter    workqueue.TypedRateLimiter[string]
	ready      []string
	dirty      map[string]bool
	processing map[string]bool
	waiting    map[string]time.Duration
}

func newFakeQueue(h *harness, name string, limiter workqueue.TypedRateLimiter[string]) *fakeQueue {
	return &fakeQueue{h: h, name: name, limiter: limiter, dirty: map[string]bool{},
		processing: map[string]bool{}, waiting: map[string]time.Duration{}}
}

func (q *fakeQueue) Add(key string) {
	if q.dirty[key] {
		return
	}
	q.dirty[key] = true
	if q.processing[key] {
		return
	}
	q.ready = append(q.ready, key)
	// The worker picks it up at the current instant, after what is already due now.
	q.h.schedule(q.h.now, &wake{kind: wakeQueue, queue: q})
}

func (q *fakeQueue) Len() int { return len(q.ready) }

func (q *fakeQueue) Get() (string, bool) {
	if len(q.ready) == 0 {
		return "", true
	}
	key := q.ready[0]
	q.ready = q.ready[1:]
	q.processing[key] = true
	delete(q.dirty, key)
	return key, false
}

func (q *fakeQueue) Done(key string) {
	delete(q.processing, key)
	if q.dirty[key] {
		q.ready = append(q.ready, key)
		q.h.schedule(q.h.now, &wake{kind: wakeQueue, queue: q})
	}
}

func (q *fakeQueue) ShutDown()          {}
func (q *fakeQueue) ShutDownWithDrain() {}
func (q *fakeQueue) ShuttingDown() bool { return false }

func (q *fakeQueue) AddAfter(key string, d time.Duration) {
	if d <= 0 {
		q.Add(key)
		return
	}
	due := q.h.now + d
	if at, ok := q.waiting[key]; ok && at <= due {
		return
	}
	q.waiting[key] = due
	q.h.schedule(due, &wake{kind: wakeQueue, queue: q})
}

func (q *fakeQueue) AddRateLimited(key string) { q.AddAfter(key, q.limiter.When(key)) }
func (q *fakeQueue) Forget(key string)         { q.limiter.Forget(key) }
func (q *fakeQueue) NumRequeues(key string) int {
	return q.limiter.NumRequeues(key)
}

// due moves the items whose delay has passed into the ready list.
func (q *fakeQueue) due() {
	keys := make([]string, 0, len(q.waiting))
	for k, at := range q.waiting {
		if at <= q.h.now {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		delete(q.waiting, k)
		q.Add(k)
	}
}

// --- the API server -------------------------------------------------------------------------

// react is the fake clientset's only reactor: it plays the API server for Pods, Jobs and
// Events, and tells the informers (and through them the controllers) of every change.
func (h *harness) react(action k8stesting.Action) (bool, runtime.Object, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	res := action.GetResource().Resource
	if debugHarness {
		fmt.Fprintf(os.Stderr, "oracle harness: t=%v %s %s\n", h.now, action.GetVerb(), res)
	}
	switch res {
	case "events":
		return true, nil, nil
	case "pods":
		return h.reactPod(action)
	case "jobs":
		return h.reactJob(action)
	}
	return true, nil, fmt.Errorf("oracle harness: unexpected %s of %s", action.GetVerb(), res)
}

func (h *harness) reactPod(action k8stesting.Action) (bool, runtime.Object, error) {
	gr := v1.Resource("pods")
	// By verb: the action interfaces overlap (a delete or a patch is also a GetAction).
	switch action.GetVerb() {
	case "create":
		a := action.(k8stesting.CreateAction)
		pod := a.GetObject().(*v1.Pod).DeepCopy()
		created, err := h.createPod(pod)
		if err != nil {
			return true, nil, err
		}
		return true, created, nil
	case "get":
		a := action.(k8stesting.GetAction)
		p, ok := h.pods[a.GetName()]
		if !ok {
			return true, nil, apierrors.NewNotFound(gr, a.GetName())
		}
		return true, p.DeepCopy(), nil
	case "patch":
		a := action.(k8stesting.PatchAction)
		p, ok := h.pods[a.GetName()]
		if !ok {
			return true, nil, apierrors.NewNotFound(gr, a.GetName())
		}
		if a.GetPatchType() != types.StrategicMergePatchType {
			return true, nil, fmt.Errorf("oracle harness: unexpected %s patch", a.GetPatchType())
		}
		original, _ := json.Marshal(p)
		patched, err := strategicpatch.StrategicMergePatch(original, a.GetPatch(), v1.Pod{})
		if err != nil {
			return true, nil, apierrors.NewBadRequest(err.Error())
		}
		next := &v1.Pod{}
		if err := json.Unmarshal(patched, next); err != nil {
			return true, nil, apierrors.NewBadRequest(err.Error())
		}
		return true, h.writePod(p, next).DeepCopy(), nil
	case "delete":
		a := action.(k8stesting.DeleteAction)
		p, ok := h.pods[a.GetName()]
		if !ok {
			return true, nil, apierrors.NewNotFound(gr, a.GetName())
		}
		h.deletePod(p, a.GetDeleteOptions().GracePeriodSeconds)
		return true, nil, nil
	}
	return true, nil, fmt.Errorf("oracle harness: unexpected %s of pods", action.GetVerb())
}

// createPod is the create path of a Pod: generateName, UID, resourceVersion and creation time
// from the store; the scheduler binds it at once. Its name is provisional until the sync that
// created it ends (see settleCreated): the controller creates Pods from parallel goroutines,
// and the final names are drawn in a fixed order so that the run is repeatable.
func (h *harness) createPod(pod *v1.Pod) (*v1.Pod, error) {
	h.uidCount++
	pod.Name = fmt.Sprintf("joblab-oracle-provisional-%06d", h.uidCount)
	if q := h.scenario.QuotaExceeded; q.refuses(h.now) {
		// The store generated the name before admission refused the Pod; the refusal names
		// it, and it gets its final name with the others (settleCreated), but is not kept.
		st := &podState{name: pod.Name, generateName: pod.GenerateName, refused: true}
		st.index = completionIndex(pod)
		h.createdNow = append(h.createdNow, st)
		return nil, q.err(pod.Name)
	}
	pod.Namespace = h.namespace
	pod.UID = types.UID(fmt.Sprintf("pod-%06d", h.uidCount))
	pod.ResourceVersion = h.nextRV()
	pod.CreationTimestamp = metav1.NewTime(h.nowTime())
	pod.Spec.NodeName = nodeName
	pod.Status = v1.PodStatus{
		Phase: v1.PodPending,
		Conditions: []v1.PodCondition{
			{Type: v1.PodScheduled, Status: v1.ConditionTrue, LastTransitionTime: metav1.NewTime(h.nowTime())},
		},
	}
	pod = roundTrip(pod)
	st := &podState{name: pod.Name, created: h.now, generateName: pod.GenerateName}
	st.index = completionIndex(pod)
	h.pods[pod.Name] = pod
	h.byName[pod.Name] = st
	h.createdNow = append(h.createdNow, st)
	_ = h.podStore.Add(pod)
	h.jm.OracleAddPod(pod)
	return pod.DeepCopy(), nil
}

// completionIndex reads a Pod's completion index label, if it has one.
func completionIndex(pod *v1.Pod) *uint32 {
	if ix, ok := pod.Labels[batchv1.JobCompletionIndexAnnotation]; ok {
		if n, err := strconv.ParseUint(ix, 10, 32); err == nil {
			i := uint32(n)
			return &i
		}
	}
	return nil
}

// writePod stores a new version of a Pod and notifies the informers; a Pod being deleted whose
// last finalizer is gone, and whose kubelet has let it go, disappears.
func (h *harness) writePod(old, next *v1.Pod) *v1.Pod {
	next.ResourceVersion = h.nextRV()
	next = roundTrip(next)
	if debugHarness {
		st := h.byName[next.Name]
		fmt.Fprintf(os.Stderr, "oracle harness: t=%v write pod %s phase=%s deleting=%v finalizers=%v released=%v\n",
			h.now, next.Name, next.Status.Phase, next.DeletionTimestamp != nil, next.Finalizers, st != nil && st.released)
	}
	if st := h.byName[next.Name]; next.DeletionTimestamp != nil && len(next.Finalizers) == 0 &&
		(st == nil || st.released) {
		h.removePod(next)
		return next
	}
	h.pods[next.Name] = next
	_ = h.podStore.Update(next)
	h.jm.OracleUpdatePod(old, next)
	return next
}

func (h *harness) removePod(p *v1.Pod) {
	delete(h.pods, p.Name)
	_ = h.podStore.Delete(p)
	if st := h.byName[p.Name]; st != nil && st.deleted == nil {
		t := h.now
		st.deleted, st.last = &t, p
	}
	h.jm.OracleDeletePod(p)
	h.maybeFinishForeground()
}

// deletePod is the API server's graceful deletion of a Pod (pkg/registry/core/pod/strategy.go
// CheckGracefulDelete): the Pod's own grace period unless the request gives one, and none for
// a Pod that already reached a terminal phase. A Pod with finalizers, or one the kubelet still
// has to stop, only gets a deletionTimestamp; the kubelet confirms with a delete of grace 0
// (kubeletDeleted) once it has stopped the containers.
func (h *harness) deletePod(p *v1.Pod, requested *int64) {
	if p.DeletionTimestamp != nil {
		// Already being deleted: a shorter grace period would shorten it, which nothing here asks.
		return
	}
	grace := int64(30)
	if p.Spec.TerminationGracePeriodSeconds != nil {
		grace = *p.Spec.TerminationGracePeriodSeconds
	}
	if requested != nil {
		grace = *requested
	}
	terminal := p.Status.Phase == v1.PodSucceeded || p.Status.Phase == v1.PodFailed
	if terminal {
		grace = 0
	}
	next := p.DeepCopy()
	ts := metav1.NewTime(h.nowTime().Add(time.Duration(grace) * time.Second))
	next.DeletionTimestamp = &ts
	next.DeletionGracePeriodSeconds = &grace
	if st := h.byName[p.Name]; st != nil {
		st.deletionRequested = true
		st.grace = time.Duration(grace) * time.Second
		if terminal {
			st.released = true
		} else {
			h.deletedNow = append(h.deletedNow, st)
		}
	}
	h.writePod(p, next)
}

// kubeletDeleted is the kubelet's last word on a deleted Pod that reached a terminal phase:
// a delete with grace period 0, after which the finalizers alone keep the object.
func (h *harness) kubeletDeleted(st *podState) {
	st.released = true
	p, ok := h.pods[st.name]
	if !ok || p.DeletionTimestamp == nil {
		return
	}
	next := p.DeepCopy()
	zero := int64(0)
	next.DeletionGracePeriodSeconds = &zero
	h.writePod(p, next)
}

func (h *harness) reactJob(action k8stesting.Action) (bool, runtime.Object, error) {
	gr := batchv1.Resource("jobs")
	switch action.GetVerb() {
	case "get":
		a := action.(k8stesting.GetAction)
		if h.job == nil || a.GetName() != h.job.Name {
			return true, nil, apierrors.NewNotFound(gr, a.GetName())
		}
		return true, h.job.DeepCopy(), nil
	case "update":
		a := action.(k8stesting.UpdateAction)
		if a.GetSubresource() != "status" {
			return true, nil, fmt.Errorf("oracle harness: unexpected Job update")
		}
		in := a.GetObject().(*batchv1.Job)
		if h.job == nil || in.Name != h.job.Name {
			return true, nil, apierrors.NewNotFound(gr, in.Name)
		}
		if in.ResourceVersion != "" && in.ResourceVersion != h.job.ResourceVersion {
			return true, nil, apierrors.NewConflict(gr, in.Name, fmt.Errorf("the object has been modified; please apply your changes to the latest version and try again"))
		}
		next := h.job.DeepCopy()
		next.Status = *in.Status.DeepCopy()
		// An update that changes nothing is a no-op for the API server: no new
		// resourceVersion, and no watch event for the informers.
		if jsonEqual(roundTrip(next).Status, h.job.Status) {
			return true, h.job.DeepCopy(), nil
		}
		if debugHarness {
			before, _ := json.Marshal(h.job.Status)
			after, _ := json.Marshal(roundTrip(next).Status)
			fmt.Fprintf(os.Stderr, "oracle harness: t=%v job status %s -> %s\n", h.now, before, after)
		}
		return true, h.writeJob(next).DeepCopy(), nil
	case "delete":
		a := action.(k8stesting.DeleteAction)
		if h.job == nil || a.GetName() != h.job.Name {
			return true, nil, apierrors.NewNotFound(gr, a.GetName())
		}
		opts := a.GetDeleteOptions()
		if opts.Preconditions != nil && opts.Preconditions.UID != nil && *opts.Preconditions.UID != h.job.UID {
			return true, nil, apierrors.NewConflict(gr, a.GetName(), fmt.Errorf("precondition failed: UID"))
		}
		foreground := opts.PropagationPolicy != nil && *opts.PropagationPolicy == metav1.DeletePropagationForeground
		h.deleteJob(foreground)
		return true, nil, nil
	}
	return true, nil, fmt.Errorf("oracle harness: unexpected %s of jobs", action.GetVerb())
}

// writeJob stores a new version of the Job and notifies both controllers' informers.
func (h *harness) writeJob(next *batchv1.Job) *batchv1.Job {
	old := h.job
	next.ResourceVersion = h.nextRV()
	next = roundTrip(next)
	h.job, h.lastJob = next, next
	_ = h.jobStore.Update(next)
	h.jm.OracleUpdateJob(old, next)
	h.tc.OracleUpdateJob(old, next)
	if h.onJob != nil {
		h.onJob(old, next)
	}
	return next
}

// deleteJob deletes the Job. In the background (kubectl's default) the Job goes at once and the
// garbage collector deletes its Pods; in the foreground (the TTL controller's choice) the Job
// gets a deletionTimestamp and goes once the garbage collector has deleted every Pod.
func (h *harness) deleteJob(foreground bool) {
	t := h.now
	h.jobDeleted = &t
	if foreground {
		next := h.job.DeepCopy()
		ts := metav1.NewTime(h.nowTime())
		next.DeletionTimestamp = &ts
		next.Finalizers = append(next.Finalizers, metav1.FinalizerDeleteDependents)
		h.foreground = true
		h.writeJob(next)
		h.collectGarbage()
		h.maybeFinishForeground()
		return
	}
	gone := h.job
	h.job = nil
	_ = h.jobStore.Delete(gone)
	h.jm.OracleDeleteJob(gone)
	if h.onJob != nil {
		h.onJob(gone, nil)
	}
	h.collectGarbage()
}

// collectGarbage is the garbage collector deleting the Pods of a deleted Job, in creation order.
func (h *harness) collectGarbage() {
	for _, st := range h.states {
		if p, ok := h.pods[st.name]; ok && p.DeletionTimestamp == nil {
			h.deletePod(p, nil)
		}
	}
}

func (h *harness) maybeFinishForeground() {
	if !h.foreground || h.job == nil || len(h.pods) != 0 {
		return
	}
	gone := h.job
	h.job = nil
	_ = h.jobStore.Delete(gone)
	h.jm.OracleDeleteJob(gone)
	if h.onJob != nil {
		h.onJob(gone, nil)
	}
}

// orderedIndexer lists Pods in creation order (see OracleSetPodIndexer in the shim). Pods of
// the sync in progress, whose final place is not settled yet, come last in arrival order.
type orderedIndexer struct {
	cache.Indexer
	h *harness
}

func (o orderedIndexer) rank(obj interface{}) int {
	p, ok := obj.(*v1.Pod)
	if !ok {
		return 1 << 40
	}
	if st := o.h.byName[p.Name]; st != nil && st.uid != "" {
		return st.pos
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(string(p.UID), "pod-"))
	return 1<<30 + n
}

func (o orderedIndexer) sorted(items []interface{}) []interface{} {
	sort.SliceStable(items, func(i, j int) bool { return o.rank(items[i]) < o.rank(items[j]) })
	return items
}

func (o orderedIndexer) List() []interface{} { return o.sorted(o.Indexer.List()) }

func (o orderedIndexer) Index(name string, obj interface{}) ([]interface{}, error) {
	items, err := o.Indexer.Index(name, obj)
	return o.sorted(items), err
}

func (o orderedIndexer) ByIndex(name, value string) ([]interface{}, error) {
	items, err := o.Indexer.ByIndex(name, value)
	return o.sorted(items), err
}
